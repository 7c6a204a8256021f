package jp.sukedachi.pipeline.kafka;

import java.util.List;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.pipeline.EventHandler;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.PipelineFullException;
import jp.sukedachi.pipeline.StreamHandlers;

/** The cluster runtime: Kafka is the event log (being built: issue 20). */
public final class KafkaPipeline implements EventPipeline {
    private final KafkaSettings settings;

    public KafkaPipeline(KafkaSettings settings) {
        this.settings = settings;
    }

    @Override
    public void submit(List<SecurityEvent> events) throws PipelineFullException {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void start(EventHandler handler) {
        throw new UnsupportedOperationException("the Kafka runtime delivers to StreamHandlers only");
    }

    @Override
    public void start(StreamHandlers handlers) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public String streamId() {
        return "kafka:" + settings.topic();
    }

    @Override
    public void close() {
    }
}
