package jp.sukedachi.app.tenant;

import java.security.SecureRandom;
import java.text.Normalizer;
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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and changing tenants: provider admins only, every change audited. */
@Service
public class TenantService {
    private static final String SLUG_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
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
            slug = freeSlug(draft.name());
        } else if (tenants.slugTaken(slug, null)) {
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

    /**
     * A slug for a company whose admin left it blank: the name's letters and digits (after NFKC, so full-width
     * ＡＢＣ counts), else, as for most Japanese names, {@code t-} and six random characters; a random suffix
     * when taken.
     */
    private String freeSlug(String name) {
        String base = slugOf(name);
        String slug = base == null ? "t-" + randomToken(6) : base;
        for (int i = 0; tenants.slugTaken(slug, null); i++) {
            if (i >= 20) {
                throw new IllegalStateException("no free slug after 20 random tries");
            }
            slug = (base == null ? "t" : base) + "-" + randomToken(6);
        }
        return slug;
    }

    /** The ASCII letters and digits of a name as a slug, or null when it has too few of them to mean anything. */
    static String slugOf(String name) {
        String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (ascii.replace("-", "").length() < 3) {
            return null;
        }
        // 63 at most, and room for a "-xxxxxx" suffix when the name's slug is taken
        return ascii.length() <= 50 ? ascii : ascii.substring(0, 50).replaceAll("-+$", "");
    }

    private static String randomToken(int length) {
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(SLUG_ALPHABET.charAt(RANDOM.nextInt(SLUG_ALPHABET.length())));
        }
        return token.toString();
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
