package jp.sukedachi.app.security;

import java.time.Instant;
import java.util.UUID;

/** An admin API key as listed: never the key itself, only its first characters to recognise it. */
public record ApiKey(UUID id, String name, String prefix, UUID createdBy, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }
}
