package jp.sukedachi.app.tenant;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Users. Reads for screens go through the actor's scope; the few unscoped methods serve login,
 * invitation acceptance and the security layer, which act before there is an actor.
 */
@Repository
public class UserRepository {
    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Users the actor may see: staff see everyone, an SME user the people of their own company. */
    public List<AppUser> findVisible(Actor actor, UUID tenantFilter) {
        String sql = "select * from app_user where " + scopeCondition(actor)
                + (tenantFilter == null ? "" : " and tenant_id = :tenantFilter")
                + " order by tenant_id nulls first, login";
        var statement = actor.tenantScope().bind(jdbc.sql(sql));
        if (tenantFilter != null) {
            statement = statement.param("tenantFilter", tenantFilter);
        }
        return statement.query(UserRepository::map).list();
    }

    public Optional<AppUser> find(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from app_user where id = :id and " + scopeCondition(actor)))
                .param("id", id).query(UserRepository::map).optional();
    }

    // Provider-side users have no tenant: only actors who see all tenants see them.
    private static String scopeCondition(Actor actor) {
        return actor.tenantScope().allTenants() ? "1 = 1" : TenantScope.where("tenant_id");
    }

    // --- unscoped: authentication and invitation (no actor exists yet) ---

    public Optional<AppUser> findByLogin(String login) {
        return jdbc.sql("select * from app_user where login = :login")
                .param("login", normalizeLogin(login)).query(UserRepository::map).optional();
    }

    public Optional<AppUser> findById(UUID id) {
        return jdbc.sql("select * from app_user where id = :id").param("id", id).query(UserRepository::map).optional();
    }

    public Optional<AppUser> findByInviteHash(String hash) {
        return jdbc.sql("select * from app_user where invite_token_hash = :h and status = 'INVITED'")
                .param("h", hash).query(UserRepository::map).optional();
    }

    public boolean loginTaken(String login) {
        return jdbc.sql("select count(*) from app_user where login = :login")
                .param("login", normalizeLogin(login)).query(Long.class).single() > 0;
    }

    public long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    void insert(AppUser u, String inviteHash) {
        jdbc.sql("""
                insert into app_user (id, tenant_id, login, display_name, email, role, password_hash, totp_secret_enc,
                                      totp_enabled, locale, status, invite_token_hash, invite_expires_at, created_at,
                                      password_changed_at)
                values (:id, :tenant, :login, :name, :email, :role, :hash, :totp, :totpOn, :locale, :status,
                        :invite, :inviteExp, :created, :pwChanged)""")
                .param("id", u.id()).param("tenant", u.tenantId()).param("login", normalizeLogin(u.login()))
                .param("name", u.displayName()).param("email", u.email()).param("role", u.role().name())
                .param("hash", u.passwordHash()).param("totp", u.totpSecretEncrypted())
                .param("totpOn", u.totpEnabled()).param("locale", u.locale()).param("status", u.status().name())
                .param("invite", inviteHash).param("inviteExp", utc(u.inviteExpiresAt()))
                .param("created", utc(u.createdAt()))
                .param("pwChanged", u.passwordHash() == null ? null : utc(u.createdAt()))
                .update();
    }

    public void activateWithPassword(UUID id, String passwordHash, Instant now) {
        jdbc.sql("""
                update app_user set password_hash = :hash, status = 'ACTIVE', invite_token_hash = null,
                       invite_expires_at = null, password_changed_at = :now where id = :id""")
                .param("hash", passwordHash).param("now", utc(now)).param("id", id).update();
    }

    public void changePassword(UUID id, String passwordHash, Instant now) {
        // A new epoch ends every session made with the old password (the changer's own is renewed).
        jdbc.sql("""
                update app_user set password_hash = :hash, password_changed_at = :now,
                       session_epoch = session_epoch + 1 where id = :id""")
                .param("hash", passwordHash).param("now", utc(now)).param("id", id).update();
    }

    public void setTotp(UUID id, String encryptedSecret, boolean enabled) {
        jdbc.sql("update app_user set totp_secret_enc = :s, totp_enabled = :on, totp_last_step = null where id = :id")
                .param("s", encryptedSecret).param("on", enabled).param("id", id).update();
    }

    /**
     * Records the TOTP time step just used; succeeds only when it is newer than the last one, so a
     * code seen over someone's shoulder cannot be replayed, even by two requests racing.
     */
    public boolean advanceTotpStep(UUID id, long step) {
        return jdbc.sql("""
                update app_user set totp_last_step = :step
                 where id = :id and (totp_last_step is null or totp_last_step < :step)""")
                .param("step", step).param("id", id).update() == 1;
    }

    public void recordLogin(UUID id, Instant now) {
        jdbc.sql("update app_user set last_login_at = :now where id = :id").param("now", utc(now)).param("id", id).update();
    }

    public void setLocale(UUID id, String locale) {
        jdbc.sql("update app_user set locale = :l where id = :id").param("l", locale).param("id", id).update();
    }

    /** Disables a user inside the actor's scope; returns false when not visible. */
    boolean setStatus(Actor actor, UUID id, AppUser.Status status) {
        return actor.tenantScope()
                // A new epoch ends the user's live sessions, also ones that would otherwise outlive a re-enable.
                .bind(jdbc.sql("update app_user set status = :status, session_epoch = session_epoch + 1 where id = :id and "
                        + scopeCondition(actor)))
                .param("status", status.name()).param("id", id).update() == 1;
    }

    public static String normalizeLogin(String login) {
        return login == null ? null : login.trim().toLowerCase(Locale.ROOT);
    }

    private static AppUser map(ResultSet rs, int row) throws SQLException {
        long step = rs.getLong("totp_last_step");
        Long lastStep = rs.wasNull() ? null : step;
        return new AppUser(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("login"),
                rs.getString("display_name"),
                rs.getString("email"),
                Role.valueOf(rs.getString("role")),
                rs.getString("password_hash"),
                rs.getString("totp_secret_enc"),
                rs.getBoolean("totp_enabled"),
                lastStep,
                rs.getString("locale"),
                AppUser.Status.valueOf(rs.getString("status")),
                instant(rs, "invite_expires_at"),
                instant(rs, "created_at"),
                instant(rs, "last_login_at"));
    }

    // --- session epochs (security.UserSessions): one primary-key read per request, no tenant in play ---

    /** The session epoch of a login (-1 when unknown): read before the password is checked. */
    public long sessionEpochOfLogin(String login) {
        return jdbc.sql("select session_epoch from app_user where login = :login")
                .param("login", normalizeLogin(login)).query(Long.class).optional().orElse(-1L);
    }

    /** The session epoch of a user (-1 when unknown). */
    public long sessionEpochOf(UUID userId) {
        return jdbc.sql("select session_epoch from app_user where id = :id")
                .param("id", userId).query(Long.class).optional().orElse(-1L);
    }

    /** Whether the user is active, still has this role and still has this session epoch. */
    public boolean sessionStillValid(UUID userId, Role role, long epoch) {
        // A company being offboarded has its users' sessions ended too (tenant.suspended_at, issue 17).
        return jdbc.sql("""
                        select u.status, u.role, u.session_epoch from app_user u left join tenant t on t.id = u.tenant_id
                         where u.id = :id and t.suspended_at is null""")
                .param("id", userId)
                .query((rs, row) -> AppUser.Status.ACTIVE.name().equals(rs.getString("status"))
                        && role.name().equals(rs.getString("role"))
                        && rs.getLong("session_epoch") == epoch)
                .optional().orElse(false);
    }
}
