package jp.sukedachi.app.tenant;

import java.time.Instant;
import java.util.UUID;
import jp.sukedachi.app.shared.Role;

/** A user as shown on screens and in the API: no hash, no TOTP secret, no invitation token. */
record UserView(UUID id, UUID tenantId, String login, String displayName, String email, Role role,
        AppUser.Status status, boolean totpEnabled, Instant createdAt, Instant lastLoginAt, Instant inviteExpiresAt) {

    public static UserView of(AppUser u) {
        return new UserView(u.id(), u.tenantId(), u.login(), u.displayName(), u.email(), u.role(), u.status(),
                u.totpEnabled(), u.createdAt(), u.lastLoginAt(), u.inviteExpiresAt());
    }
}
