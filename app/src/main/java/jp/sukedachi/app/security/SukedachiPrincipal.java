package jp.sukedachi.app.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.AppUser;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The logged-in user as Spring Security holds it in the session: identity and role only, no data. */
public final class SukedachiPrincipal implements UserDetails, CredentialsContainer, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final UUID userId;
    private final UUID tenantId;
    private final String login;
    private final String displayName;
    private final Role role;
    private final boolean totpEnabled;
    private final boolean active;
    // The user's session epoch at login: the session ends when the stored one moves on (UserSessions).
    private final long sessionEpoch;
    private String passwordHash;

    public SukedachiPrincipal(AppUser user, long sessionEpoch) {
        this.userId = user.id();
        this.tenantId = user.tenantId();
        this.login = user.login();
        this.displayName = user.displayName();
        this.role = user.role();
        this.totpEnabled = user.totpEnabled();
        this.active = user.status() == AppUser.Status.ACTIVE && user.passwordHash() != null;
        this.passwordHash = user.passwordHash();
        this.sessionEpoch = sessionEpoch;
    }

    public Actor actor() {
        return new Actor(userId, login, role, tenantId);
    }

    public UUID userId() {
        return userId;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public Role role() {
        return role;
    }

    public long sessionEpoch() {
        return sessionEpoch;
    }

    public String displayName() {
        return displayName;
    }

    public boolean totpEnabled() {
        return totpEnabled;
    }

    /** Whether the password step alone is not enough for this user. */
    public boolean needsSecondFactor() {
        return totpEnabled || role.requiresTotp();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return login;
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
