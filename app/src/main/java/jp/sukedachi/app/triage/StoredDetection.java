package jp.sukedachi.app.triage;

import java.time.Instant;
import java.util.UUID;

/** A detection as stored in the detection log, next to the alerts triage grouped it into. */
public record StoredDetection(long id, UUID tenantId, UUID deviceId, Instant at, String detector, String ruleId,
        String title, String severity, String context, String evidence, String raw, Instant createdAt) {
}
