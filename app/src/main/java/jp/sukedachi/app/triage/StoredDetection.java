package jp.sukedachi.app.triage;

import java.time.Instant;
import java.util.UUID;

/** A detection as stored: the input of triage (grouping into alerts is the triage issue's work). */
public record StoredDetection(long id, UUID tenantId, UUID deviceId, Instant at, String detector, String ruleId,
        String title, String severity, String context, String evidence, String raw, Instant createdAt) {
}
