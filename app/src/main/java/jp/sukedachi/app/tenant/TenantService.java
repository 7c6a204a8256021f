package jp.sukedachi.app.tenant;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Tokens;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and changing tenants: provider admins only, every change audited. */
@Service
public class TenantService {
    private final TenantRepository tenants;
    private final AuditLog audit;
    private final Clock clock;

    public TenantService(TenantRepository tenants, AuditLog audit, Clock clock) {
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Tenant create(Actor actor, TenantDraft draft) {
        requireAdmin(actor);
        if (tenants.nameTaken(draft.name().strip(), null)) {
            throw new DuplicateException("tenant.nameTaken");
        }
        var now = clock.instant();
        String slug = blankToNull(draft.slug());
        if (slug == null) {
            slug = "t-" + Tokens.random().substring(0, 8).toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]", "0");
        }
        if (tenants.slugTaken(slug, null)) {
            throw new DuplicateException("tenant.slugTaken");
        }
        Tenant tenant = fromDraft(UUID.randomUUID(), slug, draft, now, now);
        tenants.insert(tenant);
        audit.record(actor, tenant.id(), AuditAction.TENANT_CREATED, tenant.name(), Outcome.SUCCESS, null);
        return tenant;
    }

    @Transactional
    public Tenant update(Actor actor, UUID id, TenantDraft draft) {
        requireAdmin(actor);
        Tenant existing = tenants.find(actor, id).orElseThrow(() -> new NotFoundException("tenant"));
        if (tenants.nameTaken(draft.name().strip(), id)) {
            throw new DuplicateException("tenant.nameTaken");
        }
        String slug = blankToNull(draft.slug()) == null ? existing.slug() : draft.slug().strip();
        if (tenants.slugTaken(slug, id)) {
            throw new DuplicateException("tenant.slugTaken");
        }
        Tenant changed = fromDraft(id, slug, draft, existing.createdAt(), clock.instant());
        tenants.update(actor, changed);
        audit.record(actor, id, AuditAction.TENANT_UPDATED, changed.name(), Outcome.SUCCESS, null);
        return changed;
    }

    private static Tenant fromDraft(UUID id, String slug, TenantDraft d, Instant created,
            Instant updated) {
        return new Tenant(id, slug, d.name().strip(), blankToNull(d.nameKana()),
                blankToNull(d.industry()) == null ? null : Industry.parse(d.industry()),
                blankToNull(d.employeeBand()) == null ? null : EmployeeBand.parse(d.employeeBand()),
                blankToNull(d.prefecture()) == null ? null : Prefecture.parse(d.prefecture()), blankToNull(d.contactName()),
                blankToNull(d.contactEmail()), blankToNull(d.contactPhone()), created, updated);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only provider admins manage tenants");
        }
    }
}
