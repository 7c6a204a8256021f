package jp.sukedachi.app.insurance;

import java.util.UUID;

/** A user with the INSURER role and the insurer they work for (null until the admin assigns one). */
public record InsurerMember(UUID userId, String login, String displayName, String status, UUID insurerId) {
}
