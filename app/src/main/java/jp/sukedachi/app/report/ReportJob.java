package jp.sukedachi.app.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.JobLocks;
import jp.sukedachi.app.report.ReportArchiveRepository.DueDelivery;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly reports' two jobs. Generation: on the schedule (06:00 on the 1st, Japan time, by default) and at
 * start (a missed run is caught up), last month's report of every company that existed in it and is not being
 * offboarded; under the job lock, so several instances on one database run it once, and idempotent per company
 * and month (a rerun writes nothing new); a company that failed is retried from the sweep once an hour. Mail: every sweep queues the reports whose delay has passed and sends
 * the due mails, each claimed first (FOR UPDATE SKIP LOCKED) so that no mail goes out twice, from two instances or
 * after a restart; a failed send is retried with growing pauses and finally marked failed, visible on the pages.
 */
@Component
class ReportJob {
    private static final Logger log = LoggerFactory.getLogger(ReportJob.class);
    static final String JOB = "monthly-report";
    /** A claim this old belongs to a sender that died mid-send: the mail is taken again. */
    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(10);
    private static final int BATCH = 20;
    /** How often the sweep looks for last month's reports that a failed run left missing. */
    static final Duration RETRY_EVERY = Duration.ofHours(1);

    private final ReportArchive archive;
    private final ReportArchiveRepository repository;
    private final ReportMailer mailer;
    private final TenantRepository tenants;
    private final ReportSettings settings;
    private final JobLocks jobs;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final TransactionTemplate separate;
    private final String command;
    /** Who holds a mail's claim: one id per instance (bean). */
    final String instance = UUID.randomUUID().toString();
    /** When this instance last retried last month's missing reports (null: not yet). */
    private volatile Instant lastRetry;

    ReportJob(ReportArchive archive, ReportArchiveRepository repository, ReportMailer mailer,
            TenantRepository tenants, ReportSettings settings, JobLocks jobs, AuditLog audit, MessageSource messages,
            Clock clock, PlatformTransactionManager transactions, @Value("${sukedachi.command:}") String command) {
        this.archive = archive;
        this.repository = repository;
        this.mailer = mailer;
        this.tenants = tenants;
        this.settings = settings;
        this.jobs = jobs;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
        this.command = command;
        this.transaction = new TransactionTemplate(transactions);
        this.separate = new TransactionTemplate(transactions);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What one generation run did; null from {@link #generate} when another instance's run holds the job. */
    record Run(YearMonth month, int generated, int skipped, int failed) {
    }

    @Scheduled(cron = "${sukedachi.report.schedule:0 0 6 1 * *}", zone = "Asia/Tokyo")
    void scheduled() {
        if (command.isEmpty()) {
            generateQuietly(lastMonth());
        }
    }

    /** A start after the 1st's run was missed (the server was down) makes last month's reports now. */
    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        if (command.isEmpty() && catchUpWanted()) {
            Thread.ofVirtual().name("report-catch-up").start(() -> generateQuietly(lastMonth()));
        }
    }

    /** {@code schedule = "-"} means reports on request only: no catch-up and no retry then. */
    boolean scheduleOn() {
        return !"-".equals(settings.schedule().strip());
    }

    boolean catchUpWanted() {
        return settings.catchUp() && scheduleOn();
    }

    /**
     * A company whose report failed on the 1st is retried from the sweep, at most once an hour per instance and only
     * once this month's scheduled run is due (generation is idempotent, so reports already there cost nothing).
     * Returns whether a retry ran.
     */
    boolean retryMissing() {
        Instant now = clock.instant();
        if (!scheduleOn() || (lastRetry != null && now.isBefore(lastRetry.plus(RETRY_EVERY)))) {
            return false;
        }
        ZonedDateTime monthStart = YearMonth.from(now.atZone(Formats.TOKYO)).atDay(1).atStartOfDay(Formats.TOKYO);
        ZonedDateTime firstRun = CronExpression.parse(settings.schedule()).next(monthStart.minusSeconds(1));
        if (firstRun == null || now.isBefore(firstRun.toInstant())) {
            return false;
        }
        lastRetry = now;
        generateQuietly(lastMonth());
        return true;
    }

    private void generateQuietly(YearMonth month) {
        try {
            long started = System.nanoTime();
            Run run = generate(month, true, false);
            if (run != null && run.generated() + run.failed() > 0) {
                log.info("monthly reports of {}: {} generated, {} already there, {} failed in {} ms", month,
                        run.generated(), run.skipped(), run.failed(), (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.warn("monthly reports of {} could not be generated", month, e);
        }
    }

    YearMonth lastMonth() {
        return YearMonth.from(clock.instant().atZone(Formats.TOKYO)).minusMonths(1);
    }

    /**
     * Generates {@code month}'s report of every company that existed in it, each in its own transaction (one
     * company's failure does not undo the others'; the next run retries it); {@code mail} false keeps them unmailed
     * (the demo's); {@code everyCompany} also takes companies created after the month (the demo's, whose history
     * was written back in time). Holds the job lock throughout; returns null when another run holds it.
     */
    Run generate(YearMonth month, boolean mail, boolean everyCompany) {
        Instant monthEnd = ReportArchive.monthEnd(month);
        return transaction.execute(status -> {
            if (!jobs.tryLock(JOB)) {
                return null;
            }
            int generated = 0;
            int skipped = 0;
            int failed = 0;
            for (Tenant t : tenants.findVisible(ReportArchive.SYSTEM)) {
                if ((!everyCompany && !t.createdAt().isBefore(monthEnd)) || tenants.isSuspended(t.id())) {
                    continue;
                }
                try {
                    Boolean wrote = separate.execute(s -> archive.generateScheduled(t, month, mail));
                    if (Boolean.TRUE.equals(wrote)) {
                        generated++;
                    } else {
                        skipped++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("monthly report of {} for {} failed", t.slug(), month, e);
                    audit.recordAnonymous(ReportArchive.SYSTEM.login(), null, t.id(), AuditAction.REPORT_GENERATED,
                            Outcome.FAILURE, month + ": generation failed, retried within the hour");
                }
            }
            return new Run(month, generated, skipped, failed);
        });
    }

    @Scheduled(fixedDelayString = "${sukedachi.report.sweep-ms:60000}",
            initialDelayString = "${sukedachi.report.sweep-initial-ms:30000}")
    void scheduledSweep() {
        if (!command.isEmpty()) {
            return;
        }
        try {
            retryMissing();
            sweep();
        } catch (RuntimeException e) {
            log.warn("monthly report mail sweep failed", e);
        }
    }

    /** Queues the overdue reports' mails, then sends what is due; returns how many mails went out. */
    int sweep() {
        for (UUID id : repository.overdue(clock.instant())) {
            try {
                archive.queueOverdue(id);
            } catch (RuntimeException e) {
                log.warn("monthly report {} could not be queued for mail", id, e);
            }
        }
        if (!mailer.configured()) {
            return 0;
        }
        int sent = 0;
        while (true) {
            Instant now = clock.instant();
            List<DueDelivery> due = transaction.execute(
                    s -> repository.claimDue(instance, now, now.minus(CLAIM_TIMEOUT), BATCH));
            if (due == null || due.isEmpty()) {
                return sent;
            }
            sent += sendClaimed(due);
        }
    }

    /**
     * Sends a claimed batch one by one. Each mail's claim is stamped again right before it is sent: a slow SMTP
     * server can make a batch outlast {@link #CLAIM_TIMEOUT}, and a mail another instance has meanwhile taken over
     * (or sent) is skipped here instead of going out twice.
     */
    int sendClaimed(List<DueDelivery> due) {
        int sent = 0;
        Set<UUID> reports = new LinkedHashSet<>();
        for (DueDelivery d : due) {
            reports.add(d.reportId());
            Boolean still = transaction.execute(s -> repository.restamp(d.id(), instance, clock.instant()));
            if (Boolean.TRUE.equals(still) && send(d)) {
                sent++;
            }
        }
        transaction.executeWithoutResult(s -> repository.settle(reports, clock.instant()));
        return sent;
    }

    private boolean send(DueDelivery d) {
        ArchivedReport r = repository.findForMail(d.reportId()).orElse(null);
        try {
            if (r == null) {
                throw new IllegalStateException("the report was deleted");
            }
            Tenant tenant = tenants.find(ReportArchive.SYSTEM, r.tenantId()).orElseThrow();
            mailer.send(d.recipient(), subject(tenant, r), body(tenant, r), fileName(tenant, r),
                    repository.pdfForMail(r.id()));
        } catch (RuntimeException e) {
            String error = DeliveryErrors.reason(r == null ? null : e);
            Instant next = clock.instant().plus(settings.backoff(d.attempts() + 1));
            transaction.executeWithoutResult(s -> repository.markFailed(d.id(), instance, error, next,
                    settings.maxAttempts()));
            log.warn("monthly report mail to {} failed (attempt {}): {}", d.recipient(), d.attempts() + 1,
                    e.toString());
            return false;
        }
        transaction.executeWithoutResult(s -> {
            repository.markSent(d.id(), instance, clock.instant());
            audit.recordAnonymous(ReportArchive.SYSTEM.login(), null, r.tenantId(), AuditAction.REPORT_MAILED,
                    Outcome.SUCCESS, r.month() + " to " + d.recipient());
        });
        return true;
    }

    private String subject(Tenant tenant, ArchivedReport r) {
        return messages.getMessage("reportArchive.mail.subject",
                new Object[] {r.month().getYear(), r.month().getMonthValue(), tenant.name()}, Locale.JAPANESE);
    }

    private String body(Tenant tenant, ArchivedReport r) {
        String comment = r.comment() == null ? "" : messages.getMessage("reportArchive.mail.comment",
                new Object[] {r.comment()}, Locale.JAPANESE);
        return messages.getMessage("reportArchive.mail.body", new Object[] {tenant.name(),
                r.month().getYear() + "年" + r.month().getMonthValue() + "月", r.headline(), comment,
                mailer.portalUrl() + "/my/reports"},
                Locale.JAPANESE);
    }

    static String fileName(Tenant tenant, ArchivedReport r) {
        String slug = tenant.slug() == null || tenant.slug().isBlank() ? "company"
                : tenant.slug().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return "monthly-report-" + slug + "-" + r.month() + (r.language().equals("en") ? "-en" : "") + ".pdf";
    }

    /** For the pages: whether mails can go out at all. */
    boolean mailConfigured() {
        return mailer.configured();
    }
}
