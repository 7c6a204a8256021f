package jp.sukedachi.app.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.sukedachi.app.config.ConditionalOnNodePart;
import jp.sukedachi.app.config.NodeRole;
import jp.sukedachi.app.sigma.SigmaRules;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.sigma.SigmaDetector;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.StreamHandlers;
import jp.sukedachi.pipeline.stage.DetectionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs a {@link DetectionStage} per stream the runtime gives this process (the embedded journal: one; a Kafka
 * worker: one per assigned partition): its own detectors (every registered {@link Detector} bean, made anew per
 * stream, since their state belongs to that stream's position), the recent-events view, and {@link StageStore}'s
 * transaction, with the position and detector states stored under {@code pipeline:} + the stream id. Started
 * before the receivers (lower phase) so that the journal's consumer is registered before the first append. Not
 * started for one-shot commands (import), whose events the server picks up when it next runs, nor on roles that
 * do not consume ({@code receiver}, {@code web}).
 *
 * <p><b>Threads.</b> One stream's batches are handled one at a time (a lock per stream); different streams may
 * commit side by side. That adds no kind of concurrency a cluster does not have anyway: two workers commit
 * different partitions at the same moment, so StageStore's transaction must be (and is, by its row locks and the
 * position fence) safe for parallel writers. The Kafka runtime calls from one consumer thread per process.
 */
@Component
@ConditionalOnExpression("'${sukedachi.command:}'.isEmpty()")
@ConditionalOnNodePart(NodeRole.Part.CONSUMER)
class PipelineStages implements SmartLifecycle {
    /**
     * The name under which the journal position was kept in {@code pipeline_offset} before journals had identities;
     * now the prefix of every stream's key ({@link #positionKey(String)}).
     */
    static final String CONSUMER = "pipeline";
    /**
     * How long the consumer's first batch waits for the Sigma rules' first load (seconds for SigmaHQ; minutes only
     * on a starved machine). After that it goes on without them rather than hold the events for good.
     */
    static final Duration RULES_WAIT = Duration.ofMinutes(3);
    private static final Logger log = LoggerFactory.getLogger(PipelineStages.class);

    private final EventPipeline pipeline;
    private final ObjectProvider<Detector> detectors;
    private final List<String> disabled;
    private final RecentEvents recent;
    private final StageStore store;
    private final SigmaRules sigma;
    private final boolean sigmaOn;
    /** Set once the consumer has waited for the rules' first load (or given up): later batches do not ask. */
    private volatile boolean rulesAwaited;
    /** The open streams by stream id, and the streams tests run beside them by key. */
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final Map<String, Stream> otherStreams = new ConcurrentHashMap<>();
    private volatile boolean running;

    /** One stream's stage; its lock keeps the stream's batches one at a time. */
    private record Stream(DetectionStage stage, Object turn) {
    }

    PipelineStages(EventPipeline pipeline, ObjectProvider<Detector> detectors, RecentEvents recent, StageStore store,
            IngestSettings settings, SigmaRules sigma) {
        this.pipeline = pipeline;
        this.sigma = sigma;
        this.detectors = detectors;
        this.disabled = settings.detectors().disabled();
        this.recent = recent;
        this.store = store;
        // a switched-off id that no detector has stops the start here, not at the first stream
        this.sigmaOn = newDetectors().stream().anyMatch(d -> d.id().equals(SigmaDetector.ID));
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
     * A fresh set of the enabled detectors for one stream, in registration order (the detector beans are
     * prototypes: each call makes new objects).
     */
    private List<Detector> newDetectors() {
        return enabled(detectors.orderedStream().toList(), disabled);
    }

    /**
     * The stream's row in {@code pipeline_offset}: every instance on one database has its own journal, and an
     * offset means something only in the journal it came from (one shared row made the second instance skip or
     * replay the other's positions); a Kafka partition's stream id names the topic and the partition.
     */
    static String positionKey(String streamId) {
        return CONSUMER + ":" + streamId;
    }

    /** The embedded journal's key (tests). */
    String positionKey() {
        return positionKey(pipeline.streamId());
    }

    private Stream newStream(String key, String unnamedKey) {
        return new Stream(new DetectionStage(newDetectors(), List.of(recent::addAll), store.stream(key, unnamedKey)),
                new Object());
    }

    /** The streams the runtime hands this process (the runtime calls these; tests may too). */
    StreamHandlers streams() {
        return handlers;
    }

    private final StreamHandlers handlers = new StreamHandlers() {
        @Override
        public long open(String streamId) {
            // Resume after the position stored with the last committed work, with the detectors' states of then; none
            // yet (first start, or a data folder from before triage): the runtime's own position. A journal from before
            // journals had identities takes over the position stored under the bare name.
            boolean inherits = streamId.equals(pipeline.streamId()) && pipeline.inheritsUnnamedPosition();
            Stream s = newStream(positionKey(streamId), inherits ? CONSUMER : null);
            long after;
            synchronized (s.turn()) {
                after = s.stage().start();
            }
            streams.put(streamId, s);
            return after;
        }

        @Override
        public boolean handle(String streamId, List<SecurityEvent> batch, long lastPosition)
                throws InterruptedException {
            awaitRules();
            Stream s = streams.get(streamId);
            if (s == null) {
                throw new IllegalStateException("stream " + streamId + " was not opened");
            }
            synchronized (s.turn()) {
                return s.stage().handle(batch, lastPosition);
            }
        }

        @Override
        public long position(String streamId) {
            Stream s = streams.get(streamId);
            if (s == null) {
                return EventPipeline.FROM_RUNTIME_POSITION;
            }
            synchronized (s.turn()) {
                return s.stage().position();
            }
        }

        @Override
        public void close(String streamId) {
            // Its detectors go with it: a partition's next owner restores their state from the database.
            streams.remove(streamId);
        }
    };

    /**
     * The rules load in the background once the application is ready, while the consumer may already have events:
     * a batch handled before would get no Sigma detection ever (its position is committed), so the first batch waits
     * for them. Only the consumer's thread waits; the receivers keep taking events meanwhile.
     */
    private void awaitRules() throws InterruptedException {
        if (rulesAwaited || !sigmaOn) {
            return;
        }
        synchronized (this) {
            if (rulesAwaited) {
                return;
            }
            log.info("the first events wait until the Sigma rules are loaded (at most {} s)", RULES_WAIT.toSeconds());
            if (!sigma.awaitFirstLoad(RULES_WAIT)) {
                log.warn("the Sigma rules were not loaded within {} s: events go on without them until they are",
                        RULES_WAIT.toSeconds());
            }
            rulesAwaited = true;
        }
    }

    /**
     * One batch of another stream stored under {@code key} (tests run their own beside the application's), with
     * detectors of its own.
     *
     * @return false when the batch had been handled already
     */
    boolean handle(String key, List<SecurityEvent> batch, long lastOffset) {
        Stream s = otherStreams.computeIfAbsent(key, k -> {
            Stream fresh = newStream(k, null);
            synchronized (fresh.turn()) {
                fresh.stage().start();
            }
            return fresh;
        });
        synchronized (s.turn()) {
            return s.stage().handle(batch, lastOffset);
        }
    }

    /** Journal retention needs a clock tick even when no data flows. */
    @Scheduled(fixedDelayString = "${sukedachi.journal.maintenance-ms:600000}")
    public void maintain() {
        pipeline.maintain();
    }

    @Override
    public void start() {
        pipeline.start(handlers);
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
