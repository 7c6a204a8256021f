package jp.sukedachi.app.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.JobLocks;
import jp.sukedachi.app.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily clean-up: for each kind, rows older than its retention are deleted in batches of
 * {@code sukedachi.retention.batch-size}, each batch its own short transaction (no table stays locked; a crash
 * loses nothing but the batch in flight, which the next run deletes). Each kind's run is recorded (when, cut-off,
 * how many, outcome: shown on /admin/retention) and each whole run is audited.
 *
 * <p>Several instances on one database run it once: a run first claims the job in a transaction holding the job's
 * lock ({@link JobLocks}); a claim is refused while another run holds it and, for the scheduled run, when a run
 * finished in the last 12 hours (the other instance, woken at the same hour, already did today's). An admin's
 * "run now" skips only the second rule.
 */
@Component
class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    static final String JOB = "retention";
    static final String SYSTEM = "system";

    private final RetentionPolicies policies;
    private final RetentionRepository runs;
    private final RetentionSweepRepository sweep;
    private final RetentionSettings settings;
    private final JobLocks jobs;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    /** Who holds a claim: one id per instance (bean), so a release never frees another instance's claim. */
    private final String instance = UUID.randomUUID().toString();
    /** Set for one-shot commands (import …), which never clean up. */
    private final String command;

    RetentionJob(RetentionPolicies policies, RetentionRepository runs, RetentionSweepRepository sweep,
            RetentionSettings settings, JobLocks jobs, AuditLog audit, Clock clock,
            PlatformTransactionManager transactions, @Value("${sukedachi.command:}") String command) {
        this.command = command;
        this.policies = policies;
        this.runs = runs;
        this.sweep = sweep;
        this.settings = settings;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What one kind's clean-up did. */
    record KindResult(RetentionKind kind, long deleted, String outcome) {
    }

    /** Daily at sukedachi.retention.hour, Japan time; not for one-shot commands (import …). */
    @Scheduled(cron = "0 0 ${sukedachi.retention.hour:3} * * *", zone = "Asia/Tokyo")
    void scheduled() {
        if (!command.isEmpty()) {
            return;
        }
        try {
            List<KindResult> r = run(null, false);
            if (r != null) {
                log.info("retention clean-up: {}", describe(r));
            }
        } catch (RuntimeException e) {
            log.warn("retention clean-up failed", e);
        }
    }

    /**
     * Runs the clean-up now; {@code by} is the admin who asked (null for the schedule), {@code force} skips the
     * once-a-day rule. Returns null when another run holds the job or (not forced) one ran recently.
     */
    List<KindResult> run(Actor by, boolean force) {
        Instant now = clock.instant();
        Boolean claimed = transaction.execute(s -> jobs.tryLock(JOB) && runs.claim(instance, now, force));
        if (!Boolean.TRUE.equals(claimed)) {
            return null;
        }
        List<KindResult> results = new ArrayList<>();
        try {
            Map<RetentionKind, Integer> days = policies.days();
            for (RetentionKind kind : RetentionKind.values()) {
                results.add(clean(kind, now.minus(Duration.ofDays(days.get(kind)))));
            }
        } finally {
            transaction.executeWithoutResult(s -> {
                runs.pruneRuns(now.minus(Duration.ofDays(400)));
                runs.release(instance, clock.instant());
                boolean failed = results.size() < RetentionKind.values().length
                        || results.stream().anyMatch(r -> r.outcome().equals("FAILED"));
                String detail = (by == null ? "scheduled: " : "run now: ") + describe(results);
                if (by != null) {
                    audit.record(by, null, AuditAction.RETENTION_RUN, JOB, failed ? Outcome.FAILURE : Outcome.SUCCESS,
                            detail);
                } else {
                    audit.recordAnonymous(SYSTEM, null, null, AuditAction.RETENTION_RUN,
                            failed ? Outcome.FAILURE : Outcome.SUCCESS, detail);
                }
            });
        }
        return results;
    }

    private KindResult clean(RetentionKind kind, Instant cutoff) {
        Instant started = clock.instant();
        Long id = transaction.execute(s -> runs.startRun(kind, started, cutoff));
        long deleted = 0;
        String outcome = "DONE";
        String error = null;
        try {
            while (true) {
                Integer n = transaction.execute(s -> sweep.deleteBatch(kind, cutoff, settings.batchSize()));
                deleted += n;
                if (n < settings.batchSize()) {
                    break;
                }
                if (deleted >= settings.maxRowsPerRun()) {
                    outcome = "MORE_LEFT";
                    break;
                }
            }
        } catch (RuntimeException e) {
            outcome = "FAILED";
            String text = e.getClass().getSimpleName() + ": " + e.getMessage();
            error = text.length() > 500 ? text.substring(0, 500) : text;
            log.warn("retention clean-up of {} failed after {} rows", kind, deleted, e);
        }
        long total = deleted;
        String o = outcome;
        String err = error;
        transaction.executeWithoutResult(s -> runs.finishRun(id, total, o, err, clock.instant()));
        return new KindResult(kind, deleted, outcome);
    }

    static String describe(List<KindResult> results) {
        return results.stream().map(r -> r.kind().apiName() + " " + r.deleted()
                + (r.outcome().equals("DONE") ? "" : " (" + r.outcome() + ")")).collect(Collectors.joining(", "));
    }
}
