package jp.sukedachi.app.health;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.PipelineStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The watch watching itself: a dead or failing pipeline consumer, a pipeline that stopped making progress while
 * records wait, a journal refusing input for lack of disk space and an unreachable database turn
 * {@code /actuator/health} DOWN (OUT_OF_SERVICE for disk full alone) with the reasons, raise one alarm to the
 * analysts (staff pages, mail, chat webhook) and clear it when healthy again. A dead consumer is restarted with a
 * growing pause so a persistent fault does not spin.
 */
@Component("runtime")
class RuntimeWatch implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(RuntimeWatch.class);
    private static final long MAX_RESTART_PAUSE_MILLIS = 5 * 60_000;

    private final EventPipeline pipeline;
    private final DataSource dataSource;
    private final RuntimeAlarm notifier;
    private final long stallMillis;
    private final long firstRestartPauseMillis;

    private volatile List<RuntimeProblem> current = List.of();
    private long restartPauseMillis;
    private long deadSince;

    public RuntimeWatch(EventPipeline pipeline, DataSource dataSource, RuntimeAlarm notifier,
            HealthSettings settings) {
        this.pipeline = pipeline;
        this.dataSource = dataSource;
        this.notifier = notifier;
        this.stallMillis = settings.stallSeconds() * 1000;
        this.firstRestartPauseMillis = settings.restartPauseMs();
        this.restartPauseMillis = settings.restartPauseMs();
    }

    /** The problems found by the last check (empty when healthy): for the staff pages' alarm. */
    public List<RuntimeProblem> problems() {
        return current;
    }

    @Scheduled(fixedDelayString = "${sukedachi.runtime.watch-ms:5000}", initialDelayString = "${sukedachi.runtime.watch-ms:5000}")
    public void tick() {
        check();
        restartDeadConsumer();
    }

    private synchronized void restartDeadConsumer() {
        PipelineStatus s = pipeline.status();
        if (s == null || s.consumerAlive()) {
            deadSince = 0;
            restartPauseMillis = firstRestartPauseMillis;
            return;
        }
        long now = System.currentTimeMillis();
        if (deadSince == 0) {
            deadSince = now;
        }
        if (now - deadSince >= restartPauseMillis && pipeline.restartConsumer()) {
            deadSince = 0;
            restartPauseMillis = Math.min(restartPauseMillis * 2, MAX_RESTART_PAUSE_MILLIS);
        }
    }

    /** Looks at everything now, updates the alarm (raise new problems once, clear when none) and returns them. */
    public synchronized List<RuntimeProblem> check() {
        List<RuntimeProblem> problems = new ArrayList<>();
        PipelineStatus s = pipeline.status();
        if (s != null) {
            if (s.storageFullReason() != null) {
                problems.add(new RuntimeProblem("disk-full", List.of(), s.storageFullReason()));
            }
            if (!s.consumerAlive()) {
                problems.add(new RuntimeProblem("consumer-stopped", List.of(),
                        "pipeline consumer thread is not running" + (s.lastFailure() == null ? ""
                                : " (last failure: " + s.lastFailure() + ")")));
            } else if (s.consecutiveFailures() >= 3) {
                problems.add(new RuntimeProblem("consumer-failing", List.of(s.consecutiveFailures()),
                        "pipeline failed " + s.consecutiveFailures() + " batches in a row: " + s.lastFailure()));
            }
            long idleSeconds = (System.currentTimeMillis() - s.lastProgressMillis()) / 1000;
            if (s.consumerAlive() && s.backlogRecords() > 0 && idleSeconds * 1000 > stallMillis) {
                problems.add(new RuntimeProblem("stalled", List.of(idleSeconds, s.backlogRecords()),
                        "pipeline made no progress for " + idleSeconds + " s with " + s.backlogRecords()
                                + " records waiting"));
            }
        }
        String database = databaseProblem();
        if (database != null) {
            problems.add(new RuntimeProblem("database", List.of(), "database unavailable: " + database));
        }
        update(problems);
        return problems;
    }

    private String databaseProblem() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(5);
            st.execute("select 1");
            return null;
        } catch (Exception e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        }
    }

    private void update(List<RuntimeProblem> problems) {
        Set<String> before = codes(current);
        Set<String> now = codes(problems);
        List<RuntimeProblem> fresh = problems.stream().filter(p -> !before.contains(p.code())).toList();
        current = List.copyOf(problems);
        if (!fresh.isEmpty()) {
            fresh.forEach(p -> log.error("runtime alarm raised: {}", p.detail()));
            notifier.raised(problems);
        } else if (now.isEmpty() && !before.isEmpty()) {
            log.warn("runtime alarm cleared: healthy again");
            notifier.cleared();
        }
    }

    private static Set<String> codes(List<RuntimeProblem> problems) {
        Set<String> out = new LinkedHashSet<>();
        problems.forEach(p -> out.add(p.code()));
        return out;
    }

    @Override
    public Health health() {
        List<RuntimeProblem> problems = check();
        PipelineStatus s = pipeline.status();
        Health.Builder b;
        if (problems.isEmpty()) {
            b = Health.up();
        } else {
            boolean onlyDisk = problems.stream().allMatch(p -> p.code().equals("disk-full"));
            b = Health.status(onlyDisk ? Status.OUT_OF_SERVICE : Status.DOWN)
                    .withDetail("reasons", problems.stream().map(RuntimeProblem::detail).toList());
        }
        if (s != null) {
            b.withDetail("backlogRecords", s.backlogRecords()).withDetail("consumerAlive", s.consumerAlive());
        }
        return b.build();
    }
}
