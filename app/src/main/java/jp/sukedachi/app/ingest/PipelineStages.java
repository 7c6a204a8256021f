package jp.sukedachi.app.ingest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.stage.DetectionStage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link DetectionStage} after the journal (every registered {@link Detector}, the recent-events view,
 * and {@link StageStore}'s transaction). Started before the receivers (lower phase) so that the journal's
 * consumer is registered before the first append. Not started for one-shot commands (import), whose events the
 * server picks up when it next runs.
 */
@Component
@ConditionalOnExpression("'${sukedachi.command:}'.isEmpty()")
class PipelineStages implements SmartLifecycle {
    /**
     * The name under which the journal position was kept in {@code pipeline_offset} before journals had identities;
     * now the prefix of {@link #positionKey()}.
     */
    static final String CONSUMER = "pipeline";

    private final EventPipeline pipeline;
    private final List<Detector> detectors;
    private final RecentEvents recent;
    private final StageStore store;
    /** The detectors are called from one thread at a time: the consumer's, or a test's stream beside it. */
    private final Object turn = new Object();
    private final Map<String, DetectionStage> otherStreams = new ConcurrentHashMap<>();
    private volatile DetectionStage stage;
    private volatile boolean running;

    PipelineStages(EventPipeline pipeline, List<Detector> detectors, RecentEvents recent, StageStore store,
            IngestSettings settings) {
        this.pipeline = pipeline;
        this.detectors = enabled(detectors, settings.detectors().disabled());
        this.recent = recent;
        this.store = store;
    }

    /** The registered detectors less those switched off; a switched-off id that no detector has stops the start. */
    static List<Detector> enabled(List<Detector> registered, List<String> disabled) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        registered.forEach(d -> ids.add(d.id()));
        for (String off : disabled) {
            if (!ids.contains(off)) {
                throw new IllegalStateException("sukedachi.detectors.disabled names \"" + off
                        + "\", which is not a detector; the detectors are " + String.join(", ", ids));
            }
        }
        return registered.stream().filter(d -> !disabled.contains(d.id())).toList();
    }

    /**
     * This journal's row in {@code pipeline_offset}: every instance on one database has its own journal, and an
     * offset means something only in the journal it came from (one shared row made the second instance skip or
     * replay the other's positions).
     */
    String positionKey() {
        return CONSUMER + ":" + pipeline.streamId();
    }

    private DetectionStage newStage(String key, String unnamedKey) {
        return new DetectionStage(detectors, List.of(recent::add), store.stream(key, unnamedKey));
    }

    private void handle(List<SecurityEvent> batch, long lastOffset) {
        synchronized (turn) {
            stage.handle(batch, lastOffset);
        }
    }

    /**
     * One batch of another stream stored under {@code key} (tests run their own beside the application's), with the
     * same detectors.
     *
     * @return false when the batch had been handled already
     */
    boolean handle(String key, List<SecurityEvent> batch, long lastOffset) {
        synchronized (turn) {
            DetectionStage other = otherStreams.computeIfAbsent(key, k -> {
                DetectionStage s = newStage(k, null);
                s.start();
                return s;
            });
            return other.handle(batch, lastOffset);
        }
    }

    /** Journal retention needs a clock tick even when no data flows. */
    @Scheduled(fixedDelayString = "${sukedachi.journal.maintenance-ms:600000}")
    public void maintain() {
        pipeline.maintain();
    }

    @Override
    public void start() {
        // Resume after the position stored with the last committed work, with the detectors' states of then; none
        // yet (first start, or a data folder from before triage): the journal's own position. A journal from before
        // journals had identities takes over the position stored under the bare name.
        DetectionStage s = newStage(positionKey(), pipeline.inheritsUnnamedPosition() ? CONSUMER : null);
        long after;
        synchronized (turn) {
            after = s.start();
        }
        stage = s;
        pipeline.start(this::handle, after);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Before SyslogReceiver and the web server (default phase is the highest).
        return 0;
    }
}
