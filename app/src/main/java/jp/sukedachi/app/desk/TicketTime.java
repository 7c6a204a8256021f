package jp.sukedachi.app.desk;

import java.time.Instant;

/** Minutes a staff member spent on a ticket, with what for. */
public record TicketTime(long id, int minutes, String note, String userName, Instant at) {
}
