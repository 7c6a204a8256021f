package jp.sukedachi.app.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.app.sigma.SigmaRules;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.DetectionRepository;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.detect.sensor.SensorVerdicts;
import jp.sukedachi.event.Detection;
import jp.sukedachi.intel.match.IntelMatcher;
import jp.sukedachi.intel.match.IntelStore;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.pipeline.EventPipeline;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What runs after the journal: the recent-events view of each device, threat-intelligence and Sigma
 * matching, the customers' own devices' verdicts (sensor), triage into alerts; behaviour joins here as its issue lands. Started before the receivers (lower phase) so that the journal's
 * consumer is registered before the first append. Not started for one-shot commands (import), whose
 * events the server picks up when it next runs.
 */
@Component
@ConditionalOnExpression("'${sukedachi.command:}'.isEmpty()")
public class PipelineStages implements SmartLifecycle {
    private final EventPipeline pipeline;
    private final RecentEvents recent;
    private final IntelStore intel;
    private final SigmaRules sigma;
    private final DetectionRepository detections;
    private final Triage triage;
    private final AlertRepository offsets;
    private final DeviceCounterRepository counters;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SensorVerdicts verdicts = new SensorVerdicts();
    private volatile boolean running;

    /**
     * The name under which the journal position was kept in {@code pipeline_offset} before journals had identities;
     * now the prefix of {@link #positionKey()}.
     */
    static final String CONSUMER = "pipeline";

    public PipelineStages(EventPipeline pipeline, RecentEvents recent, IntelStore intel, SigmaRules sigma,
            DetectionRepository detections, Triage triage, AlertRepository offsets, DeviceCounterRepository counters,
            PlatformTransactionManager transactions, Clock clock) {
        this.pipeline = pipeline;
        this.recent = recent;
        this.intel = intel;
        this.sigma = sigma;
        this.detections = detections;
        this.triage = triage;
        this.offsets = offsets;
        this.counters = counters;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * This journal's row in {@code pipeline_offset}: every instance on one database has its own journal, and an
     * offset means something only in the journal it came from (one shared row made the second instance skip or
     * replay the other's positions).
     */
    String positionKey() {
        return CONSUMER + ":" + pipeline.streamId();
    }

    void handle(List<SecurityEvent> batch, long lastOffset) {
        handle(positionKey(), batch, lastOffset);
    }

    /**
     * One journal batch: remember the latest events, match them against threat intelligence and Sigma rules, and in ONE
     * database transaction count the events on their devices, keep the detections, triage them into alerts and store
     * {@code lastOffset}. A crash before the commit replays exactly this batch; a batch at or before the stored offset was already
     * done and is skipped, so alert counts are never doubled.
     *
     * @return false when the batch had been handled already
     */
    boolean handle(String consumer, List<SecurityEvent> batch, long lastOffset) {
        Instant now = clock.instant();
        IntelMatcher matcher = intel.matcher();
        List<Detection> found = new ArrayList<>();
        long streamTime = Long.MIN_VALUE;
        for (SecurityEvent event : batch) {
            recent.add(event);
            if (event.tenant() != null) {
                streamTime = Math.max(streamTime, event.timestampMillis());
                found.addAll(matcher.match(event, now));
                Detection verdict = verdicts.detect(event);
                if (verdict != null) {
                    found.add(verdict);
                }
                sigma.detector().detect(event, found::add);
            }
        }
        if (streamTime != Long.MIN_VALUE) {
            sigma.detector().advance(streamTime, found::add); // "fewer than N within the window" is known only when it ends
        }
        Boolean done = transaction.execute(status -> {
            var stored = offsets.lockOffset(consumer);
            if (stored.isPresent() && stored.getAsLong() >= lastOffset) {
                return false;
            }
            counters.countParsed(batch);
            if (!found.isEmpty()) {
                detections.insert(found, now);
                triage.apply(found);
            }
            offsets.storeOffset(consumer, lastOffset, now);
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /** Journal retention needs a clock tick even when no data flows. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${sukedachi.journal.maintenance-ms:600000}")
    public void maintain() {
        pipeline.maintain();
    }

    /** The journal's counters on /actuator/prometheus (ingest lag = unconsumed bytes). */
    @org.springframework.context.annotation.Bean
    static io.micrometer.core.instrument.binder.MeterBinder journalMeters(EventPipeline pipeline) {
        return registry -> pipeline.gauges().keySet().forEach(name -> io.micrometer.core.instrument.Gauge
                .builder(name, pipeline, p -> p.gauges().getOrDefault(name, 0).doubleValue()).register(registry));
    }

    @Override
    public void start() {
        // Resume after the position stored with the last committed work; none yet (first start, or a data
        // folder from before triage): the journal's own position. A journal from before journals had identities
        // takes over the position stored under the bare name (an upgrade neither replays nor skips).
        String key = positionKey();
        var stored = transaction.execute(status -> {
            var own = offsets.lockOffset(key);
            if (own.isEmpty() && pipeline.inheritsUnnamedPosition() && offsets.renameOffset(CONSUMER, key)) {
                own = offsets.lockOffset(key);
            }
            return own;
        });
        pipeline.start(this::handle, stored != null && stored.isPresent() ? stored.getAsLong()
                : EventPipeline.FROM_RUNTIME_POSITION);
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
