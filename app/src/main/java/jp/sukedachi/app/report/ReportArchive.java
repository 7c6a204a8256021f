package jp.sukedachi.app.report;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.report.ArchivedReport.Status;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The archive's rules: who may read, generate, comment and send a company's monthly report, how a report is stored
 * (rendered once, kept with its figures and SHA-256) and how its mails are queued. Provider staff (admin, analyst)
 * see every company's reports and act on them; a company's owner reads their own (Japanese, and English made on
 * first request); members and other roles are refused (the report is the owner's, as the usage statement).
 */
@Service
class ReportArchive {
    static final String JAPANESE = "ja";
    static final String ENGLISH = "en";
    static final int MAX_COMMENT = 2000;
    /** The job's actor: it sees every company, as the provider. */
    static final Actor SYSTEM = new Actor(new UUID(0, 18), "system:monthly-report", Role.PROVIDER_ADMIN, null);

    private final ReportArchiveRepository archive;
    private final ReportRendering rendering;
    private final TenantRepository tenants;
    private final UserRepository users;
    private final ReportSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    /** A savepoint inside the caller's transaction: a lost insert race is undone alone, the read after it works. */
    private final TransactionTemplate nested;

    ReportArchive(ReportArchiveRepository archive, ReportRendering rendering, TenantRepository tenants,
            UserRepository users, ReportSettings settings, AuditLog audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.archive = archive;
        this.rendering = rendering;
        this.tenants = tenants;
        this.users = users;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.nested = new TransactionTemplate(transactions);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Thrown when a report exists and regenerating it was not asked for; carries it so the answer can name it. */
    static final class AlreadyGenerated extends RuntimeException {
        final ArchivedReport existing;

        AlreadyGenerated(ArchivedReport existing) {
            super("the " + existing.language() + " report of " + existing.month() + " exists (id " + existing.id()
                    + "); pass regenerate=true to replace it");
            this.existing = existing;
        }
    }

    /**
     * Thrown when a report that is being or was mailed would be replaced or commented: the archived PDF stays the
     * one that went out (its SHA-256 with it). Carries the report so the answer can name it.
     */
    static final class AlreadyMailed extends RuntimeException {
        final ArchivedReport existing;

        AlreadyMailed(ArchivedReport existing) {
            super("the " + existing.language() + " report of " + existing.month() + " (id " + existing.id()
                    + ") is being or has been mailed; the archived copy is what went out and cannot be replaced");
            this.existing = existing;
        }
    }

    // ------------------------------------------------------------------------------------------ reading

    /** A company as the actor may read its reports: 404 when not theirs, 403 for a role without reports. */
    Tenant company(Actor actor, UUID tenantId) {
        Tenant t = tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("tenant"));
        mayRead(actor);
        return t;
    }

    Tenant companyBySlug(Actor actor, String slug) {
        Tenant t = tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("tenant"));
        mayRead(actor);
        return t;
    }

    /** The owner's own company (the /my pages); staff have none. */
    Tenant own(Actor actor) {
        if (actor.tenantId() == null) {
            throw new AccessDeniedException("this page is for a company's owner; staff use /tenants/{id}/reports");
        }
        return company(actor, actor.tenantId());
    }

    List<ArchivedReport> list(Actor actor, Tenant tenant, YearMonth month) {
        return archive.ofTenant(actor, tenant.id(), month);
    }

    ArchivedReport report(Actor actor, UUID id) {
        ArchivedReport r = archive.find(actor, id).orElseThrow(() -> new NotFoundException("report"));
        mayRead(actor);
        return r;
    }

    List<ArchivedReport.Delivery> deliveries(Actor actor, ArchivedReport r) {
        return archive.deliveries(actor, r.id());
    }

    /** One month across the companies the staff member sees, keyed by company (absent: not generated). */
    Map<UUID, ArchivedReport> overview(Actor actor, YearMonth month) {
        mayAct(actor);
        Map<UUID, ArchivedReport> out = new LinkedHashMap<>();
        for (ArchivedReport r : archive.ofMonth(actor, month)) {
            out.put(r.tenantId(), r);
        }
        return out;
    }

    /** The PDF as a download; a staff member's download is audited (the owner's own is their business). */
    @Transactional
    byte[] download(Actor actor, ArchivedReport r) {
        byte[] pdf = archive.pdf(actor, r.id()).orElseThrow(() -> new NotFoundException("report"));
        if (actor.tenantId() == null) {
            audit.record(actor, r.tenantId(), AuditAction.REPORT_DOWNLOADED, r.month() + " " + r.language(),
                    Outcome.SUCCESS, "report " + r.id());
        }
        return pdf;
    }

    /**
     * The owner's report of a month in a language: the Japanese one as archived; the English one rendered and
     * archived on its first request (kept, never mailed). Empty while the month's report has not been generated.
     */
    @Transactional
    Optional<ArchivedReport> inLanguage(Actor actor, Tenant tenant, YearMonth month, String language) {
        Optional<ArchivedReport> found = archive.find(actor, tenant.id(), month, language);
        if (found.isPresent() || !ENGLISH.equals(language)) {
            return found;
        }
        Optional<ArchivedReport> japanese = archive.find(actor, tenant.id(), month, JAPANESE);
        if (japanese.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(nested.execute(
                    s -> store(actor, tenant, month, ENGLISH, japanese.get().comment(), Status.KEPT, null)));
        } catch (DuplicateKeyException e) {
            // another first request stored it a moment ago: serve that one
            return archive.find(actor, tenant.id(), month, language);
        }
    }

    // ------------------------------------------------------------------------------------------ acting

    /**
     * Generates a company's report of a month now (staff): a new one waits for a comment and is mailed after the
     * delay (English: kept only); an existing one is replaced only when {@code regenerate}, keeping its comment and
     * mail state, and never once it is being or was mailed ({@link AlreadyMailed}).
     */
    @Transactional
    ArchivedReport generate(Actor actor, Tenant tenant, YearMonth month, String language, boolean regenerate) {
        mayAct(actor);
        Optional<ArchivedReport> existing = archive.find(actor, tenant.id(), month, language);
        if (existing.isPresent() && !regenerate) {
            throw new AlreadyGenerated(existing.get());
        }
        if (existing.isPresent()) {
            if (!unmailed(existing.get())) {
                throw new AlreadyMailed(existing.get());
            }
            return replace(actor, tenant, existing.get(), existing.get().comment());
        }
        boolean japanese = JAPANESE.equals(language);
        return store(actor, tenant, month, language, null, japanese ? Status.WAITING : Status.KEPT,
                japanese ? sendAfter(month) : null);
    }

    /**
     * The schedule's generation of one company's Japanese report: nothing when it exists and was made after the
     * month ended (a rerun, or another instance's); a report made while the month was still running (on request,
     * or by the demo) and not yet mailed is made again with the whole month. {@code mail} false keeps it unmailed
     * (the demo's). Returns whether a report was written.
     */
    @Transactional
    boolean generateScheduled(Tenant tenant, YearMonth month, boolean mail) {
        Optional<ArchivedReport> existing = archive.find(SYSTEM, tenant.id(), month, JAPANESE);
        Instant monthEnd = monthEnd(month);
        if (existing.isPresent()) {
            ArchivedReport r = existing.get();
            if (!r.generatedAt().isBefore(monthEnd) || !(r.status() == Status.WAITING || r.status() == Status.KEPT)
                    || clock.instant().isBefore(monthEnd)) {
                return false;
            }
            try {
                replace(SYSTEM, tenant, r, r.comment());
            } catch (AlreadyMailed e) {
                return false; // queued (sent now by an analyst) a moment ago: what went out stays
            }
            return true;
        }
        store(SYSTEM, tenant, month, JAPANESE, null, mail ? Status.WAITING : Status.KEPT,
                mail ? sendAfter(month) : null);
        return true;
    }

    /** Sets the analyst's comment and renders the report again with it (Japanese, before it is mailed). */
    @Transactional
    ArchivedReport comment(Actor actor, ArchivedReport r, String text) {
        mayAct(actor);
        String comment = text == null ? "" : text.strip();
        InvalidInput.requireLength("comment", "reportArchive.comment", comment, MAX_COMMENT);
        if (r.status() != Status.WAITING) {
            throw new InvalidInput("comment", "reportArchive.error.notWaiting", null,
                    "the report has already been sent or queued; a comment can no longer go with it");
        }
        Tenant tenant = company(actor, r.tenantId());
        if (!archive.setComment(r.id(), comment.isEmpty() ? null : comment, comment.isEmpty() ? null : actor.login(),
                comment.isEmpty() ? null : clock.instant())) {
            throw new InvalidInput("comment", "reportArchive.error.notWaiting", null,
                    "the report has already been sent or queued; a comment can no longer go with it");
        }
        ArchivedReport updated = replace(actor, tenant, r, comment.isEmpty() ? null : comment);
        audit.record(actor, r.tenantId(), AuditAction.REPORT_COMMENTED, r.month().toString(), Outcome.SUCCESS,
                comment.isEmpty() ? "comment removed" : comment.length() + " characters");
        return updated;
    }

    /** The analyst's "send now": queues the mails of a waiting Japanese report. */
    @Transactional
    ArchivedReport sendNow(Actor actor, ArchivedReport r) {
        mayAct(actor);
        if (r.status() != Status.WAITING) {
            throw new InvalidInput("report", "reportArchive.error.notWaiting", null,
                    "the report has already been sent or queued");
        }
        if (partial(r)) {
            throw new InvalidInput("report", "reportArchive.error.monthRunning", null, "the report was made before "
                    + r.month() + " ended; it is mailed once made again with the whole month", r.month().toString());
        }
        Status next = queue(r);
        if (next == null) {
            // the delay passed (or another analyst pressed send) a moment ago: the mails are already queued
            throw new InvalidInput("report", "reportArchive.error.notWaiting", null,
                    "the report has already been sent or queued");
        }
        audit.record(actor, r.tenantId(), AuditAction.REPORT_SEND_REQUESTED, r.month().toString(), Outcome.SUCCESS,
                next == Status.SENDING ? "mail queued" : "no recipient with an e-mail address");
        return archive.find(actor, r.id()).orElseThrow();
    }

    /** The delay passed without a send: the job queues the mails (null when another run already did). */
    @Transactional
    Status queueOverdue(UUID id) {
        Optional<ArchivedReport> r = archive.findForMail(id);
        if (r.isEmpty() || r.get().status() != Status.WAITING) {
            return null;
        }
        Status next = queue(r.get());
        if (next != null) {
            audit.recordAnonymous(SYSTEM.login(), null, r.get().tenantId(), AuditAction.REPORT_SEND_REQUESTED,
                    Outcome.SUCCESS, r.get().month() + ": the delay passed without a comment; "
                            + (next == Status.SENDING ? "mail queued" : "no recipient with an e-mail address"));
        }
        return next;
    }

    /**
     * Queues one mail per recipient; the atomic status change makes sure only one caller does. A report made while
     * its month was running is never queued (null): the 1st's run replaces it with the whole month first.
     */
    private Status queue(ArchivedReport r) {
        if (partial(r)) {
            return null;
        }
        List<String> to = recipients(r.tenantId());
        Status next = to.isEmpty() ? Status.NO_RECIPIENTS : Status.SENDING;
        if (!archive.leaveWaiting(r.id(), next)) {
            return null;
        }
        Instant now = clock.instant();
        for (String address : to) {
            archive.insertDelivery(r.id(), r.tenantId(), address, now);
        }
        return next;
    }

    /**
     * Whom the report is mailed to: the company's contact address and its active owners' addresses, each once
     * (addresses compared without case).
     */
    List<String> recipients(UUID tenantId) {
        Map<String, String> out = new LinkedHashMap<>();
        Tenant tenant = tenants.find(SYSTEM, tenantId).orElseThrow(() -> new NotFoundException("tenant"));
        add(out, tenant.contactEmail());
        for (AppUser u : users.findVisible(SYSTEM, tenantId)) {
            if (u.role() == Role.TENANT_OWNER && u.status() == AppUser.Status.ACTIVE && tenantId.equals(u.tenantId())) {
                add(out, u.email());
            }
        }
        return List.copyOf(out.values());
    }

    private static void add(Map<String, String> out, String address) {
        if (address != null && !address.isBlank() && address.contains("@")) {
            out.putIfAbsent(address.strip().toLowerCase(Locale.ROOT), address.strip());
        }
    }

    // ------------------------------------------------------------------------------------------ storing

    private ArchivedReport store(Actor actor, Tenant tenant, YearMonth month, String language, String comment,
            Status status, Instant sendAfter) {
        RenderedReport rendered = rendering.render(actor, tenant.id(), month, locale(language), comment);
        Instant now = clock.instant();
        ArchivedReport r = new ArchivedReport(UUID.randomUUID(), tenant.id(), month, language, rendered.pages(),
                rendered.headline(), rendered.figures(), Hashes.sha256(rendered.pdf()), now, actor.login(), comment,
                null, null, sendAfter, null, status);
        archive.insert(r, rendered.pdf());
        audited(actor, r, "generated");
        if (status == Status.WAITING && settings.sendDelay().isZero() && !now.isBefore(monthEnd(month))) {
            queue(r);
        }
        return archive.find(SYSTEM, r.id()).orElseThrow();
    }

    private ArchivedReport replace(Actor actor, Tenant tenant, ArchivedReport old, String comment) {
        RenderedReport rendered = rendering.render(actor, tenant.id(), old.month(), locale(old.language()), comment);
        ArchivedReport r = new ArchivedReport(old.id(), old.tenantId(), old.month(), old.language(), rendered.pages(),
                rendered.headline(), rendered.figures(), Hashes.sha256(rendered.pdf()), clock.instant(), actor.login(),
                comment, old.commentBy(), old.commentAt(), old.sendAfter(), old.sentAt(), old.status());
        if (!archive.replaceDocument(r, rendered.pdf())) {
            throw new AlreadyMailed(old);
        }
        if (JAPANESE.equals(old.language())) {
            // the English copy was rendered from the old figures and comment: made again on its next request
            archive.deleteKeptCopy(old.tenantId(), old.month(), ENGLISH);
        }
        audited(actor, r, "generated again");
        return archive.find(SYSTEM, r.id()).orElseThrow();
    }

    private void audited(Actor actor, ArchivedReport r, String what) {
        String detail = what + ": " + r.language() + ", " + r.pages() + " pages, sha-256 " + r.sha256();
        if (actor == SYSTEM) {
            audit.recordAnonymous(SYSTEM.login(), null, r.tenantId(), AuditAction.REPORT_GENERATED, Outcome.SUCCESS,
                    r.month() + " " + detail);
        } else {
            audit.record(actor, r.tenantId(), AuditAction.REPORT_GENERATED, r.month().toString(), Outcome.SUCCESS,
                    detail);
        }
    }

    /** When a new report goes out without a comment: the delay after the month's end (or now, if later). */
    private Instant sendAfter(YearMonth month) {
        Instant now = clock.instant();
        Instant end = monthEnd(month);
        return (now.isAfter(end) ? now : end).plus(settings.sendDelay());
    }

    /** Not yet queued for mail: its document may still be replaced. */
    static boolean unmailed(ArchivedReport r) {
        return r.status() == Status.WAITING || r.status() == Status.KEPT;
    }

    /** Made while its month was still running (on request, or by the demo): not the whole month. */
    static boolean partial(ArchivedReport r) {
        return r.generatedAt().isBefore(monthEnd(r.month()));
    }

    static Instant monthEnd(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(Formats.TOKYO).toInstant();
    }

    static Locale locale(String language) {
        return ENGLISH.equals(language) ? Locale.ENGLISH : Locale.JAPANESE;
    }


    private static void mayRead(Actor actor) {
        if (!actor.role().isStaffOrOwner()) {
            throw new AccessDeniedException("monthly reports are for provider staff and the company's owner");
        }
    }

    private static void mayAct(Actor actor) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("generating, commenting and sending reports is for provider staff");
        }
    }
}
