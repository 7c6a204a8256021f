package jp.sukedachi.app.security;


import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.shared.Tokens;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Admin API keys for {@code /api/v1}. A key is 32 random bytes, so a plain SHA-256 is a safe and fast
 * way to store it (a slow password hash is for guessable secrets). The key acts as the admin who
 * made it (stored as {@link Tokens#sha256}), and stops working when that admin is disabled or loses the role.
 */
@Service
public class ApiKeyService {
    public static final String KEY_PREFIX = "skd_";
    private final ApiKeyRepository keys;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    public ApiKeyService(ApiKeyRepository keys, UserRepository users, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** A newly made key: {@code secret} is shown to the admin once and never again. */
    public record Created(ApiKey key, String secret) {
    }

    public Created create(Actor actor, String name) {
        requireAdmin(actor);
        String cleanName = name == null || name.isBlank() ? "API key" : name.strip();
        if (cleanName.length() > 100) {
            throw new IllegalArgumentException("name too long (100 characters at most)");
        }
        String secret = KEY_PREFIX + Tokens.random();
        ApiKey key = new ApiKey(UUID.randomUUID(), cleanName, secret.substring(0, 10), actor.userId(), clock.instant(),
                null, null);
        keys.insert(key, Tokens.sha256(secret));
        audit.record(actor, null, AuditAction.API_KEY_CREATED, key.name() + " (" + key.prefix() + "…)", Outcome.SUCCESS, null);
        return new Created(key, secret);
    }

    public List<ApiKey> list(Actor actor) {
        requireAdmin(actor);
        return keys.findAll();
    }

    public boolean revoke(Actor actor, UUID id) {
        requireAdmin(actor);
        boolean done = keys.revoke(id, clock.instant());
        if (done) {
            audit.record(actor, null, AuditAction.API_KEY_REVOKED, id.toString(), Outcome.SUCCESS, null);
        }
        return done;
    }

    /** Resolves a presented key to the actor it stands for; empty when unknown, revoked or orphaned. */
    public Optional<Actor> authenticate(String presented) {
        if (presented == null || !presented.startsWith(KEY_PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        var row = keys.findActiveByHash(Tokens.sha256(presented));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<AppUser> owner = users.findById(row.get().createdBy())
                .filter(u -> u.status() == AppUser.Status.ACTIVE && u.role() == Role.PROVIDER_ADMIN);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        keys.touch(row.get().id(), clock.instant());
        AppUser admin = owner.get();
        return Optional.of(new Actor(admin.id(), admin.login() + " [api:" + row.get().name() + "]", admin.role(), null));
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("API keys are for provider admins");
        }
    }
}
