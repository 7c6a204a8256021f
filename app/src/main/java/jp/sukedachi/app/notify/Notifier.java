package jp.sukedachi.app.notify;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.sukedachi.app.config.JobLocks;
import jp.sukedachi.app.notify.NotificationRepository.AlertView;
import jp.sukedachi.app.notify.NotificationRepository.Candidate;
import jp.sukedachi.app.notify.NotificationRepository.Pending;
import jp.sukedachi.app.notify.NotificationRepository.Recipient;
import jp.sukedachi.app.notify.NotificationTexts.DigestItem;
import jp.sukedachi.app.notify.NotificationTexts.Message;
import jp.sukedachi.app.triage.Alert.Resolution;
import jp.sukedachi.app.triage.AlertClosed;
import jp.sukedachi.app.triage.AlertEscalated;
import jp.sukedachi.app.triage.AlertRaised;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells people about alerts: e-mail to the SME and to the analysts, and a chat webhook for the analysts.
 *
 * <p><b>Rules</b> (by the alert's severity when it is created or escalates):
 * <table>
 * <tr><th>severity</th><th>SME (contact e-mail + active owners)</th><th>analysts (setting + active ANALYST /
 * PROVIDER_ADMIN users)</th><th>webhook</th></tr>
 * <tr><td>CRITICAL</td><td>immediate, even in quiet hours</td><td>immediate</td><td>immediate</td></tr>
 * <tr><td>HIGH</td><td>immediate; in quiet hours held until they end</td><td>immediate</td><td>immediate</td></tr>
 * <tr><td>MEDIUM</td><td>daily digest</td><td>immediate</td><td>immediate</td></tr>
 * <tr><td>LOW</td><td>daily digest</td><td>daily digest</td><td>—</td></tr>
 * </table>
 * A ransomware alert (its category, whatever its severity) goes to the SME at once, even in quiet hours.
 * Quiet hours only hold mail to the SME: the analysts are the people paid to look at night, and a CRITICAL alert
 * is worth waking the owner for.
 *
 * <p><b>Once per severity.</b> Every notification is a row in {@code notification}, unique per (alert, channel,
 * recipient, severity), written before it is sent (PENDING) and marked SENT after. So an alert that grows batch
 * after batch is told once; when it escalates it is told again, once, saying so; a pending notification of a
 * lower severity that has not gone out yet (held in quiet hours, waiting for the digest) is superseded.
 *
 * <p><b>When.</b> Right after triage commits a new or escalated alert (the domain events {@link AlertRaised} and
 * {@link AlertEscalated}, handled after commit on the notifier's own thread so SMTP never slows the pipeline), and
 * every {@code sweep-ms} for held, failed and missed ones (the sweep is the safety net: it finds what the events
 * did not bring, e.g. after a crash between commit and send); the digest at {@code digest-cron} (08:00
 * Asia/Tokyo). A failed send is logged, counted on its row and retried by the next run (the next sweep; for
 * digests the next digest) until {@code max-attempts}. One JVM runs one notifier at a time (runs are serialised).
 *
 * <p><b>Closed.</b> When staff close an alert as a false positive or benign ({@link AlertClosed}), its messages
 * that have not gone out yet (held in quiet hours, waiting for the digest) are withdrawn; a true positive is still
 * told.
 *
 * <p><b>Several instances on one database.</b> Each notification (and each row of a digest) is claimed by one
 * atomic update before it goes out ({@link NotificationRepository#claim}), so however many instances sweep, one sends
 * it. A claim whose sender died before marking it sent or failed is taken again after
 * {@link NotifySettings#claimTimeoutMs()} (5 minutes by default, far longer than a send's timeouts); only then can
 * a message go out twice.
 */
@Service
class Notifier {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /** Alerts changed longer ago than this are not planned any more (e.g. after mail was switched on). */
    static final Duration LOOKBACK = Duration.ofDays(2);
    static final String MAIL = "MAIL";
    static final String WEBHOOK = "WEBHOOK";
    static final String TENANT = "TENANT";
    static final String ANALYST = "ANALYST";
    static final String IMMEDIATE = "IMMEDIATE";
    static final String DIGEST = "DIGEST";
    static final String DIGEST_JOB = "notify-digest";

    private final NotificationRepository repository;
    private final NotificationTexts texts;
    private final MailChannel mail;
    private final WebhookChannel webhook;
    private final NotifySettings settings;
    private final QuietHours quiet;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sukedachi-notifier");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    /** Who holds a claim: this process, for as long as it runs. */
    private final String instance = UUID.randomUUID().toString();
    private final Duration claimTimeout;
    private final JobLocks jobs;

    Notifier(NotificationRepository repository, NotificationTexts texts, MailChannel mail, WebhookChannel webhook,
            NotifySettings settings, Clock clock, PlatformTransactionManager transactions, JobLocks jobs) {
        this.jobs = jobs;
        this.repository = repository;
        this.texts = texts;
        this.mail = mail;
        this.webhook = webhook;
        this.settings = settings;
        this.quiet = QuietHours.parse(settings.quietHours());
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.claimTimeout = Duration.ofMillis(settings.claimTimeoutMs());
        // After commit the finished transaction's connection is still bound to the thread: work in a new one.
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What one run did. */
    public record Run(int planned, int sent, int failed) {
    }

    /** Whether any channel is on; with none, the notifier does nothing at all. */
    public boolean active() {
        return mail.enabled() || settings.hasWebhook();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void raised(AlertRaised raised) {
        soon();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void escalated(AlertEscalated escalated) {
        soon();
    }

    /** Nothing to tell about a false alarm: its messages still waiting are withdrawn (see the class comment). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void closed(AlertClosed closed) {
        if (closed.resolution() != Resolution.TRUE_POSITIVE) {
            tx.executeWithoutResult(s -> repository.cancelPending(closed.alertId()));
        }
    }

    /**
     * Plans and sends now: inline in tests, otherwise on the notifier's thread, where the events of one triage
     * batch (one per alert) queue one sweep, not one each.
     */
    private void soon() {
        if (!active()) {
            return;
        }
        if (settings.inline()) {
            sweep();
        } else if (queued.compareAndSet(false, true)) {
            executor.execute(() -> {
                queued.set(false);
                sweepLogged();
            });
        }
    }

    @Scheduled(fixedDelayString = "${sukedachi.notify.sweep-ms:60000}",
            initialDelayString = "${sukedachi.notify.sweep-initial-ms:60000}")
    void scheduledSweep() {
        sweepLogged();
    }

    @Scheduled(cron = "${sukedachi.notify.digest-cron:0 0 8 * * *}", zone = "Asia/Tokyo")
    void scheduledDigest() {
        try {
            digest();
        } catch (RuntimeException e) {
            log.warn("notification digest failed; the next digest retries", e);
        }
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("notification sweep failed; the next sweep retries", e);
        }
    }

    /** Plans notifications for new and escalated alerts, then sends the immediate ones that are due. */
    public synchronized Run sweep() {
        if (!active()) {
            return new Run(0, 0, 0);
        }
        Instant now = clock.instant();
        int planned = plan(now);
        int sent = 0;
        int failed = 0;
        for (Pending p : tx.execute(s -> repository.due(IMMEDIATE, now, staleBefore(now)))) {
            if (!claim(p, now)) {
                continue; // another instance sends it
            }
            try {
                if (WEBHOOK.equals(p.channel())) {
                    webhook.post(p.recipient(), p.alert(), p.severity(), p.escalated());
                } else if (mail.enabled()) {
                    Message m = TENANT.equals(p.audience())
                            ? texts.tenantAlert(p.alert(), p.severity(), p.escalated(), p.locale())
                            : texts.analystAlert(p.alert(), p.severity(), p.escalated());
                    mail.send(p.recipient(), m);
                } else {
                    tx.executeWithoutResult(s -> repository.release(List.of(p.id()), instance));
                    continue; // mail switched off since planning: left pending
                }
                tx.executeWithoutResult(s -> repository.markSent(List.of(p.id()), clock.instant()));
                sent++;
            } catch (RuntimeException e) {
                failed++;
                fail(List.of(p.id()), p.channel() + " to " + p.recipient() + " about alert " + p.alert().id(), e,
                        p.attempts());
            }
        }
        return new Run(planned, sent, failed);
    }

    /**
     * The daily digest: one mail per SME recipient and per analyst listing the pending (not yet notified) LOW and
     * MEDIUM alerts; failed digests stay pending for the next one. Once per cluster: rows claimed one by one would
     * let two instances digesting at the same moment split one recipient's items into two mails, so the instance
     * holding the job's lock sends them all and another one skips (nothing: {@code Run(0, 0, 0)}).
     */
    public synchronized Run digest() {
        if (!mail.enabled()) {
            return new Run(0, 0, 0);
        }
        return jobs.runExclusive(DIGEST_JOB, this::digestLocked).orElse(new Run(0, 0, 0));
    }

    private Run digestLocked() {
        Instant now = clock.instant();
        int planned = plan(now);
        Map<String, List<Pending>> groups = new LinkedHashMap<>();
        for (Pending p : tx.execute(s -> repository.due(DIGEST, now, staleBefore(now)))) {
            if (!claim(p, now)) {
                continue; // in another instance's digest
            }
            String key = p.audience() + "|" + p.recipient() + (TENANT.equals(p.audience()) ? "|" + p.alert().tenantId() : "");
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        int sent = 0;
        int failed = 0;
        for (List<Pending> group : groups.values()) {
            Pending first = group.get(0);
            List<DigestItem> items = group.stream().map(p -> new DigestItem(p.alert(), p.severity(), p.escalated()))
                    .toList();
            List<Long> ids = group.stream().map(Pending::id).toList();
            try {
                Message m = TENANT.equals(first.audience())
                        ? texts.tenantDigest(first.alert().tenantName(), items, first.locale())
                        : texts.analystDigest(items);
                mail.send(first.recipient(), m);
                tx.executeWithoutResult(s -> repository.markSent(ids, clock.instant()));
                sent++;
            } catch (RuntimeException e) {
                failed++;
                fail(ids, "digest to " + first.recipient(), e, first.attempts());
            }
        }
        return new Run(planned, sent, failed);
    }

    private Instant staleBefore(Instant now) {
        return now.minus(claimTimeout);
    }

    private boolean claim(Pending p, Instant now) {
        return Boolean.TRUE.equals(tx.execute(s -> repository.claim(p.id(), instance, now, staleBefore(now))));
    }

    private void fail(List<Long> ids, String what, RuntimeException e, int attemptsBefore) {
        log.warn("notification failed (attempt {}), retried by the next run: {}: {}", attemptsBefore + 1, what,
                e.getMessage());
        tx.executeWithoutResult(s -> repository.markFailed(ids, instance, String.valueOf(e.getMessage()),
                settings.maxAttempts()));
    }

    // ------------------------------------------------------------------------------------------ planning

    private int plan(Instant now) {
        int planned = 0;
        for (Candidate c : tx.execute(s -> repository.unplanned(now.minus(LOOKBACK)))) {
            try {
                planned += tx.execute(s -> plan(c, now));
            } catch (DuplicateKeyException plannedByAnotherInstance) {
                // Another instance planned the same alert at the same moment; its rows stand.
            }
        }
        return planned;
    }

    /** Writes the rows the rules ask for at the alert's current severity; see the class comment. */
    private int plan(Candidate c, Instant now) {
        AlertView a = c.alert();
        Severity severity = a.severity();
        boolean escalated = repository.notifiedBefore(a.id());
        // Ransomware is told at once whatever its severity, and never waits for quiet hours to end: by morning the
        // files and the backups may be encrypted.
        boolean ransomware = a.category() == Category.RANSOMWARE;
        boolean critical = severity == Severity.CRITICAL || ransomware;
        boolean urgent = severity.compareTo(Severity.HIGH) >= 0 || ransomware;
        boolean low = severity.compareTo(Severity.MEDIUM) < 0;
        int added = 0;
        if (mail.enabled()) {
            String tenantKind = urgent ? IMMEDIATE : DIGEST;
            Instant tenantDue = urgent && !critical ? quiet.release(now) : now;
            for (Recipient r : tenantRecipients(c)) {
                added += repository.plan(a, MAIL, r.address(), TENANT, r.locale(), tenantKind, escalated, "PENDING",
                        tenantDue, now) ? 1 : 0;
            }
            for (Recipient r : analystRecipients()) {
                added += repository.plan(a, MAIL, r.address(), ANALYST, r.locale(), low ? DIGEST : IMMEDIATE,
                        escalated, "PENDING", now, now) ? 1 : 0;
            }
        }
        if (settings.hasWebhook() && !low) {
            added += repository.plan(a, WEBHOOK, settings.webhookUrl().strip(), ANALYST, "en", IMMEDIATE, escalated,
                    "PENDING", now, now) ? 1 : 0;
        }
        if (added == 0) {
            // Nobody to tell at this severity: remember that it was considered, so it is not looked at again.
            repository.plan(a, "NONE", "-", ANALYST, "en", IMMEDIATE, escalated, "SKIPPED", now, now);
        }
        return added;
    }

    private List<Recipient> tenantRecipients(Candidate c) {
        Map<String, Recipient> out = new LinkedHashMap<>();
        if (!NotifySettings.blank(c.contactEmail())) {
            add(out, c.contactEmail(), null);
        }
        for (Recipient owner : repository.owners(c.alert().tenantId())) {
            add(out, owner.address(), owner.locale());
        }
        return List.copyOf(out.values());
    }

    private List<Recipient> analystRecipients() {
        Map<String, Recipient> out = new LinkedHashMap<>();
        for (String address : settings.analystEmailList()) {
            add(out, address, "ja");
        }
        for (Recipient staff : repository.staff()) {
            add(out, staff.address(), staff.locale());
        }
        return List.copyOf(out.values());
    }

    private static void add(Map<String, Recipient> out, String address, String locale) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (!a.isEmpty() && a.contains("@")) {
            out.putIfAbsent(a, new Recipient(a, locale != null && locale.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "ja"));
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
