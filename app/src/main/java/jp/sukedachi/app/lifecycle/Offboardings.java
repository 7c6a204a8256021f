package jp.sukedachi.app.lifecycle;

import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.JobLocks;
import jp.sukedachi.app.device.DeviceAddressesChanged;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.shared.Tokens;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Export and offboarding of a company. The provider admin starts an offboarding (reason, who asked); from then
 * the company is suspended: its users cannot log in (sessions end) and its devices' tokens stop working, so
 * nothing changes while it waits. The admin may cancel within the grace period (everything works again) and
 * may download the export to hand over. After the grace period {@link #runDue()} deletes everything of the
 * company: its journal records, then every row of every table, in one transaction.
 */
@Service
class Offboardings {
    private static final Logger LOG = LoggerFactory.getLogger(Offboardings.class);
    static final String JOB = "offboarding";
    static final int REASON_MAX = 1000;
    static final int REQUESTED_BY_MAX = 200;

    private final OffboardingRepository repository;
    private final TenantRepository tenants;
    private final TenantErasureRepository erasure;
    private final ExportWriter exports;
    private final ObjectProvider<TenantJournal> journal;
    private final JobLocks locks;
    private final AuditLog audit;
    private final Clock clock;
    private final OffboardingSettings settings;
    private final ApplicationEventPublisher events;

    Offboardings(OffboardingRepository repository, TenantRepository tenants, TenantErasureRepository erasure,
            ExportWriter exports, ObjectProvider<TenantJournal> journal, JobLocks locks, AuditLog audit, Clock clock,
            OffboardingSettings settings, ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.tenants = tenants;
        this.erasure = erasure;
        this.exports = exports;
        this.journal = journal;
        this.locks = locks;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    static String slugHash(String slug) {
        return Tokens.sha256(slug == null ? "" : slug);
    }

    int graceDays() {
        return settings.offboardingGraceDays();
    }

    Instant now() {
        return clock.instant();
    }

    /** The company by slug or id as the actor may see it; 404 otherwise. */
    Tenant company(Actor actor, String slugOrId) {
        var bySlug = tenants.findBySlug(actor, slugOrId);
        if (bySlug.isPresent()) {
            return bySlug.get();
        }
        try {
            return tenants.find(actor, UUID.fromString(slugOrId)).orElseThrow(() -> new NotFoundException("tenant"));
        } catch (IllegalArgumentException notAnId) {
            throw new NotFoundException("tenant");
        }
    }

    /**
     * Streams the company's export and audits it. Owners export their own company, provider admins and analysts
     * any; members, responders and insurers are refused. The owner's export leaves staff's internal notes out
     * ({@link CompanyView}); staff choose the company's copy (to hand over) or the complete provider's copy.
     */
    Map<String, Long> export(Actor actor, Tenant tenant, boolean company, OutputStream out) {
        requireExporter(actor);
        if (!company && CompanyView.appliesTo(actor)) {
            throw new AccessDeniedException("the provider's copy with internal notes is for provider staff");
        }
        Map<String, Long> counts = exports.write(actor, tenant, clock.instant(), company, out);
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        audit.record(actor, tenant.id(), AuditAction.EXPORT_DOWNLOADED, tenant.slug(), Outcome.SUCCESS,
                (company ? "company's copy, " : "provider's copy with internal notes, ")
                        + counts.size() + " tables, " + rows + " rows");
        return counts;
    }

    static void requireExporter(Actor actor) {
        if (!actor.role().isStaffOrOwner()) {
            throw new AccessDeniedException("export: owner or provider staff");
        }
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("offboarding: provider admin only");
        }
    }

    @Transactional
    Offboarding start(Actor actor, Tenant tenant, String reason, String requestedBy) {
        requireAdmin(actor);
        reason = reason == null ? "" : reason.strip();
        requestedBy = requestedBy == null ? "" : requestedBy.strip();
        if (reason.isEmpty()) {
            throw new InvalidInput("reason", "offboard.reason.required", null, "a reason is required");
        }
        if (requestedBy.isEmpty()) {
            throw new InvalidInput("requestedBy", "offboard.requestedBy.required", null, "who asked is required");
        }
        InvalidInput.requireLength("reason", "offboard.reason", reason, REASON_MAX);
        InvalidInput.requireLength("requestedBy", "offboard.requestedBy", requestedBy, REQUESTED_BY_MAX);
        if (repository.running(tenant.id()).isPresent()) {
            throw new DuplicateException("offboard.alreadyRunning");
        }
        Instant now = clock.instant();
        Offboarding o = new Offboarding(UUID.randomUUID(), tenant.id(), slugHash(tenant.slug()),
                Offboarding.Status.RUNNING, reason, requestedBy, actor.login(), now,
                now.plus(Duration.ofDays(graceDays())), null, null, null, null, null);
        repository.insert(o);
        tenants.setSuspended(tenant.id(), now);
        // The syslog receivers rebuild their address table without the suspended company's devices.
        events.publishEvent(new DeviceAddressesChanged());
        audit.record(actor, tenant.id(), AuditAction.OFFBOARDING_STARTED, tenant.slug(), Outcome.SUCCESS,
                "deletion due " + o.dueAt() + "; requested by " + requestedBy);
        return o;
    }

    @Transactional
    Offboarding cancel(Actor actor, Tenant tenant) {
        requireAdmin(actor);
        Offboarding o = repository.running(tenant.id()).orElseThrow(() -> new NotFoundException("offboarding"));
        if (!repository.cancel(o.id(), actor.login(), clock.instant())) {
            throw new NotFoundException("offboarding");
        }
        tenants.setSuspended(tenant.id(), null);
        events.publishEvent(new DeviceAddressesChanged());
        audit.record(actor, tenant.id(), AuditAction.OFFBOARDING_CANCELLED, tenant.slug(), Outcome.SUCCESS, null);
        return repository.ofTenant(tenant.id()).getFirst();
    }

    /** The company's offboardings, newest first (running, cancelled). */
    List<Offboarding> ofTenant(Actor actor, Tenant tenant) {
        requireAdmin(actor);
        return repository.ofTenant(tenant.id());
    }

    /** Completed offboardings of a slug that no longer exists (only the slug's hash is kept). */
    List<Offboarding> completedOf(Actor actor, String slug) {
        requireAdmin(actor);
        return repository.completedOfSlugHash(slugHash(slug));
    }

    List<Offboarding> completed(Actor actor, int limit) {
        requireAdmin(actor);
        return repository.completed(limit);
    }

    /**
     * Deletes every company whose grace period is over; once per cluster ({@link JobLocks}: another instance's
     * run is skipped). Returns how many companies were deleted.
     */
    @Transactional
    int runDue() {
        if (!locks.tryLock(JOB)) {
            return 0;
        }
        int done = 0;
        for (Offboarding o : repository.due(clock.instant())) {
            Tenant tenant = tenants.find(new Actor(new UUID(0, 0), "offboarding-job", Role.PROVIDER_ADMIN, null),
                    o.tenantId()).orElse(null);
            if (tenant == null) {
                continue;
            }
            delete(o, tenant);
            done++;
        }
        return done;
    }

    private void delete(Offboarding o, Tenant tenant) {
        // The journal first: a failure below rolls the rows back and the next run erases again (nothing left).
        TenantJournal companyEvents = journal.getIfAvailable();
        long erasedEvents = companyEvents == null ? 0 : companyEvents.erase(tenant.id());
        repository.detach(o.id());
        Map<String, Long> deleted = erasure.erase(tenant.id(), tenant.slug());
        long rows = deleted.values().stream().mapToLong(Long::longValue).sum();
        String counts = deleted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        if (counts.length() > 8000) {
            counts = counts.substring(0, 7990) + ",…";
        }
        Instant now = clock.instant();
        repository.complete(o.id(), now, counts, rows, erasedEvents);
        // No id, name or slug of the company in the audit: the slug's hash and the counts.
        audit.record(null, null, AuditAction.OFFBOARDING_COMPLETED, "slug-sha256:" + o.slugSha256(),
                Outcome.SUCCESS, abbreviate("offboarding " + o.id() + ": " + rows + " rows in " + deleted.size()
                        + " tables, " + erasedEvents + " journal records; " + counts));
        LOG.info("offboarding {} completed: {} rows in {} tables, {} journal records", o.id(), rows, deleted.size(),
                erasedEvents);
    }

    private static String abbreviate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 998) + "…";
    }
}
