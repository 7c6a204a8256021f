package jp.sukedachi.app.lifecycle;

import java.time.Instant;
import java.util.UUID;

/**
 * One offboarding of a company. A completed one keeps no id, name or person of the company: {@code tenantId},
 * {@code reason} and {@code requestedBy} are null, {@code slugSha256} and the counts remain.
 */
record Offboarding(UUID id, UUID tenantId, String slugSha256, Status status, String reason, String requestedBy,
        String startedBy, Instant startedAt, Instant dueAt, String cancelledBy, Instant finishedAt,
        String deletedCounts, Long deletedRows, Long journalErased) {
    enum Status { RUNNING, CANCELLED, COMPLETED }
}
