package jp.sukedachi.app.tenant;

import java.time.Instant;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;

/** A person who logs in. {@code passwordHash} is null while an invitation is pending. */
public record AppUser(
        UUID id,
        UUID tenantId,
        String login,
        String displayName,
        String email,
        Role role,
        String passwordHash,
        String totpSecretEncrypted,
        boolean totpEnabled,
        Long totpLastStep,
        String locale,
        Status status,
        Instant inviteExpiresAt,
        Instant createdAt,
        Instant lastLoginAt) {

    public enum Status { INVITED, ACTIVE, DISABLED }

    public Actor actor() {
        return new Actor(id, login, role, tenantId);
    }
}
