package jp.sukedachi.app.device;

import java.time.Instant;
import java.util.UUID;

/** A record that could not be parsed, kept with the reason so an admin can fix the feed. */
public record QuarantineEntry(long id, UUID tenantId, UUID deviceId, Instant at, String format, String reason,
        String record) {
}
