package jp.sukedachi.app.desk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Component;

/**
 * The desk's work in numbers for the staff home, by the desk queue's own rule ({@link TicketSla}: the target that
 * counts is the first response until the desk has answered, then the resolution; "soon" is within one business
 * hour), counted in SQL so that the home and the queue agree however long the queue is.
 */
@Component
public class DeskQueue {
    private final TicketRepository tickets;
    private final DeskCalendar calendar;
    private final DeskMailUnmatched unmatched;
    private final Clock clock;

    DeskQueue(TicketRepository tickets, DeskCalendar calendar, DeskMailUnmatched unmatched, Clock clock) {
        this.tickets = tickets;
        this.calendar = calendar;
        this.unmatched = unmatched;
        this.clock = clock;
    }

    /**
     * @param active new, open or waiting for the customer
     * @param unassigned active and nobody has taken it
     * @param dueSoon the target that counts now is within one business hour
     * @param breached the target that counts now has passed
     * @param unmatchedMails mails from unknown senders waiting to be sorted
     */
    public record Counts(long active, long unassigned, long dueSoon, long breached, long unmatchedMails) {
    }

    /** The counts for provider staff; anyone else gets zeros (the staff home is the only caller). */
    public Counts counts(Actor actor) {
        if (!Tickets.isStaff(actor)) {
            return new Counts(0, 0, 0, 0, 0);
        }
        Instant now = clock.instant();
        long[] c = tickets.countActive(actor, now, calendar.addBusinessTime(now, Duration.ofHours(1)));
        return new Counts(c[0], c[1], c[2], c[3], unmatched.countWaiting(actor));
    }
}
