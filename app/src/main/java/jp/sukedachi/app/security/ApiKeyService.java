package jp.sukedachi.app.security;

import static jp.sukedachi.app.config.SqlTimes.instant;
import static jp.sukedachi.app.config.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.tenant.Actor;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.Role;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final JdbcClient jdbc;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    public ApiKeyService(JdbcClient jdbc, UserRepository users, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
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
        jdbc.sql("""
                insert into api_key (id, name, prefix, key_hash, created_by, created_at)
                values (:id, :name, :prefix, :hash, :by, :at)""")
                .param("id", key.id()).param("name", key.name()).param("prefix", key.prefix())
                .param("hash", Tokens.sha256(secret)).param("by", actor.userId()).param("at", utc(key.createdAt()))
                .update();
        audit.record(actor, null, AuditAction.API_KEY_CREATED, key.name() + " (" + key.prefix() + "…)", Outcome.SUCCESS, null);
        return new Created(key, secret);
    }

    public List<ApiKey> list(Actor actor) {
        requireAdmin(actor);
        return jdbc.sql("select * from api_key order by created_at desc").query(ApiKeyService::map).list();
    }

    public boolean revoke(Actor actor, UUID id) {
        requireAdmin(actor);
        boolean done = jdbc.sql("update api_key set revoked_at = :now where id = :id and revoked_at is null")
                .param("now", utc(clock.instant())).param("id", id).update() == 1;
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
        String hash = Tokens.sha256(presented);
        var row = jdbc.sql("select * from api_key where key_hash = :h and revoked_at is null")
                .param("h", hash).query(ApiKeyService::map).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<AppUser> owner = users.findById(row.get().createdBy())
                .filter(u -> u.status() == AppUser.Status.ACTIVE && u.role() == Role.PROVIDER_ADMIN);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("update api_key set last_used_at = :now where id = :id")
                .param("now", utc(clock.instant())).param("id", row.get().id()).update();
        AppUser admin = owner.get();
        return Optional.of(new Actor(admin.id(), admin.login() + " [api:" + row.get().name() + "]", admin.role(), null));
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("API keys are for provider admins");
        }
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                rs.getObject("created_by", UUID.class), instant(rs, "created_at"), instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }
}
