package jp.sukedachi.app.triage;

import java.time.Instant;
import java.util.UUID;

/** The minimal incident record alerts are promoted to. */
public record Incident(UUID id, UUID tenantId, String title, String status, Instant createdAt, String createdBy) {
}
