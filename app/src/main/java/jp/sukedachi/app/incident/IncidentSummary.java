package jp.sukedachi.app.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * What other capabilities may know of an incident (dispatch, later insurance and reports).
 *
 * @param number the incident's number per provider, as people say it ("#42")
 * @param severity LOW, MEDIUM, HIGH or CRITICAL (the alert severities)
 */
public record IncidentSummary(UUID id, UUID tenantId, long number, String title, IncidentType type, String severity,
        IncidentStatus status, Instant openedAt, Instant closedAt) {
}
