package jp.sukedachi.app.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.app.triage.DetectionRepository;
import jp.sukedachi.event.Detection;
import jp.sukedachi.intel.match.IntelMatcher;
import jp.sukedachi.intel.match.IntelStore;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.pipeline.EventPipeline;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What runs after the journal: the recent-events view of each device and threat-intelligence
 * matching; Sigma, behaviour and triage join here as their issues land. Started before the receivers (lower phase) so that the journal's
 * consumer is registered before the first append. Not started for one-shot commands (import), whose
 * events the server picks up when it next runs.
 */
@Component
@ConditionalOnExpression("'${sukedachi.command:}'.isEmpty()")
public class PipelineStages implements SmartLifecycle {
    private final EventPipeline pipeline;
    private final RecentEvents recent;
    private final IntelStore intel;
    private final DetectionRepository detections;
    private final Clock clock;
    private volatile boolean running;

    public PipelineStages(EventPipeline pipeline, RecentEvents recent, IntelStore intel, DetectionRepository detections,
            Clock clock) {
        this.pipeline = pipeline;
        this.recent = recent;
        this.intel = intel;
        this.detections = detections;
        this.clock = clock;
    }

    /**
     * One journal batch: remember the latest events, match them against threat intelligence and keep
     * the detections. Detections are written before the journal position is committed, so a crash
     * repeats them rather than losing them (triage will de-duplicate).
     */
    void handle(List<SecurityEvent> batch) {
        Instant now = clock.instant();
        IntelMatcher matcher = intel.matcher();
        List<Detection> found = new ArrayList<>();
        for (SecurityEvent event : batch) {
            recent.add(event);
            if (event.tenant() != null) {
                found.addAll(matcher.match(event, now));
            }
        }
        if (!found.isEmpty()) {
            detections.insert(found, now);
        }
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
        pipeline.start(this::handle);
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
