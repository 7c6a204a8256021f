package jp.sukedachi.pipeline;

import java.util.List;
import java.util.Map;
import jp.sukedachi.event.SecurityEvent;

/**
 * Where receivers hand parsed events. {@link #submit} returns only once the events are durable (in
 * the embedded journal, or acknowledged by Kafka with acks=all), so a receiver may acknowledge its
 * sender right after. Consumers behind it (detect, triage, the recent-events view) see each event at
 * least once; the runtime commits their position with their work.
 */
public interface EventPipeline extends AutoCloseable {
    /** Durably accepts a batch. Throws when the pipeline is too far behind to accept more. */
    void submit(List<SecurityEvent> events) throws PipelineFullException;

    /**
     * Events gathered for one {@link #submit(Batch)}. A receiver adds each event as it parses it, so a runtime may
     * take it in its stored form at once (the embedded journal encodes it into its frames) and the parsed event
     * need not live until the whole request is parsed.
     */
    interface Batch {
        void add(SecurityEvent event);

        int size();
    }

    /** A batch that keeps the events as they are, for runtimes without a form of their own. */
    final class Listed implements Batch {
        private final List<SecurityEvent> events = new java.util.ArrayList<>();

        @Override
        public void add(SecurityEvent event) {
            events.add(event);
        }

        @Override
        public int size() {
            return events.size();
        }

        public List<SecurityEvent> events() {
            return events;
        }
    }

    /** An empty batch for {@link #submit(Batch)}. */
    default Batch newBatch() {
        return new Listed();
    }

    /** Durably accepts a batch made by this pipeline's {@link #newBatch()}; an empty batch is a no-op. */
    default void submit(Batch batch) throws PipelineFullException {
        if (batch.size() > 0) {
            submit(((Listed) batch).events());
        }
    }

    /** Starts delivering events to the handler on the pipeline's own threads. */
    void start(EventHandler handler);

    /** For {@link #start(OffsetEventHandler, long)}: the stage has no stored position, use the runtime's own. */
    long FROM_RUNTIME_POSITION = Long.MIN_VALUE;

    /**
     * Starts delivering events after {@code startAfterOffset} (the position the stage stored with its last
     * committed work; -1 = from the beginning; {@link #FROM_RUNTIME_POSITION} = where the runtime last committed).
     * The runtime still keeps its own copy of the position for retention and backpressure (the embedded journal
     * writes it once a second while busy and when idle, not after every batch).
     */
    default void start(OffsetEventHandler handler, long startAfterOffset) {
        throw new UnsupportedOperationException("this runtime does not hand out offsets");
    }

    /**
     * Starts delivering every stream this process is given to {@code handlers} (the embedded journal: its one stream,
     * {@link #streamId()}; Kafka: each assigned partition). Each stream resumes after the position its stage
     * returns from {@link StreamHandlers#open}.
     */
    default void start(StreamHandlers handlers) {
        String id = streamId();
        long after = handlers.open(id);
        start((batch, lastOffset) -> handlers.handle(id, batch, lastOffset), after);
    }

    /**
     * The identity of the stream this runtime delivers (the embedded journal's, kept in its folder), under which a
     * stage stores its position: two instances on one database each have their own journal, so their positions
     * must never share a key.
     */
    default String streamId() {
        return "default";
    }

    /**
     * Whether this stream existed before streams had identities (an upgrade): its position is then the one stored
     * without an identity, which the stage must take over rather than replay or skip the journal.
     */
    default boolean inheritsUnnamedPosition() {
        return false;
    }

    /**
     * Whether this process's consumer is working on events now (taken and not yet handled): the receivers then leave
     * it a core (see IngestService). False when the consumer runs elsewhere or the runtime cannot say.
     */
    default boolean consumerBusy() {
        return false;
    }

    /** Periodic housekeeping (journal retention); the application calls it on a schedule. */
    default void maintain() {
    }

    /** Gauges for the metrics endpoint, name → current value. */
    default Map<String, Number> gauges() {
        return Map.of();
    }

    /** Consumer liveness, progress, backlog and storage state for health checks; null when the runtime cannot say. */
    default PipelineStatus status() {
        return null;
    }

    /**
     * Starts the consumer again when it has ended (it died or was stopped by an interrupt), resuming after its last
     * committed position. Returns true when a new consumer was started.
     */
    default boolean restartConsumer() {
        return false;
    }

    @Override
    void close();
}
