package jp.sukedachi.app.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One incident as its pages and API show it: the case, its 5W1H record and the affected hosts.
 *
 * @param number per provider, as people say it ("#42")
 * @param severity LOW, MEDIUM, HIGH or CRITICAL
 * @param learnedAt when the company learned of it (the reporting deadlines count from here)
 */
public record Incident(UUID id, UUID tenantId, long number, String title, IncidentType type, String severity,
        IncidentStatus status, UUID ownerId, IncidentSource source, UUID sourceTicketId, FiveW1H facts,
        List<String> hosts, Instant learnedAt, Instant openedAt, String openedBy, Instant closedAt,
        Instant updatedAt) {

    /** Who found it, when, what, where, how, and the damage; each may still be unknown (null). */
    public record FiveW1H(String foundBy, Instant foundAt, String what, String where, String how, String damage) {
        public static final FiveW1H EMPTY = new FiveW1H(null, null, null, null, null, null);
    }

    public IncidentSummary summary() {
        return new IncidentSummary(id, tenantId, number, title, type, severity, status, openedAt, closedAt);
    }
}
