package jp.sukedachi.app.desk;

import java.util.UUID;

/**
 * The staff queue's filter; null parts match everything. {@code activeOnly} (the default queue) hides solved and
 * closed tickets when no status is chosen; {@code unassigned} asks for tickets nobody has taken.
 */
record TicketFilter(TicketStatus status, UUID tenantId, UUID assigneeId, boolean unassigned,
        TicketPriority priority, boolean activeOnly) {

    static TicketFilter active() {
        return new TicketFilter(null, null, null, false, null, true);
    }
}
