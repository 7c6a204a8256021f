package jp.sukedachi.app.triage;

import java.time.Instant;
import java.util.UUID;

/** A group of detections with one key (tenant + detector + rule/indicator + entity) within the window. */
public record Alert(UUID id, UUID tenantId, String key, String detector, String ruleId, String entity, String title,
        String baseSeverity, String severity, Status status, Resolution resolution, UUID assigneeId, long count,
        int evidenceCount, Instant firstSeen, Instant lastSeen, Instant windowStart, UUID incidentId,
        Instant createdAt, Instant updatedAt) {

    public enum Status { NEW, ACKNOWLEDGED, CLOSED }

    public enum Resolution { TRUE_POSITIVE, FALSE_POSITIVE, BENIGN }

    /** One stored evidence event. */
    public record Evidence(Instant at, String fields, String raw) {
    }

    /** A comment or a lifecycle change. */
    public record HistoryEntry(Instant at, String actor, String action, String note) {
    }

    /** An alert with its evidence and history, for the detail view. */
    public record Detail(Alert alert, java.util.List<Evidence> evidence, java.util.List<HistoryEntry> history) {
    }

    /** The minimal incident record alerts are promoted to. */
    public record Incident(UUID id, UUID tenantId, String title, String status, Instant createdAt, String createdBy) {
    }

    /** Events received → detections → alerts → incidents over a period. */
    public record Funnel(Instant from, Instant to, long eventsReceived, long detections, long alerts, long incidents) {
    }
}
