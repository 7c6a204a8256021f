package jp.sukedachi.app.desk;

import java.time.Instant;
import java.util.UUID;

/**
 * A ticket with everything the desk's pages show: the summary, the company's name, the assignee and the times of
 * its lifecycle. {@code minutesSpent} is the total of its time entries.
 */
public record Ticket(TicketSummary summary, String tenantName, String tenantSlug, UUID requesterUserId,
        UUID assigneeUserId, String assigneeName, Instant solvedAt, Instant closedAt, int minutesSpent,
        Instant createdAt, Instant updatedAt) {

    public UUID id() {
        return summary.id();
    }

    public UUID tenantId() {
        return summary.tenantId();
    }

    public long number() {
        return summary.number();
    }

    public TicketStatus status() {
        return summary.status();
    }

    public TicketPriority priority() {
        return summary.priority();
    }

    public TicketCategory category() {
        return summary.category();
    }
}
