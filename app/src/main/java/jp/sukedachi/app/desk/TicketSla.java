package jp.sukedachi.app.desk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Where a ticket stands against its targets, for the staff queue: the due time that counts now (the first
 * response until the desk has answered, then the resolution while the ticket is active), and whether it is due
 * soon (within one business hour) or already breached. Shown in words and colour, never colour alone.
 */
@Component
class TicketSla {
    private final DeskCalendar calendar;
    private final Clock clock;

    TicketSla(DeskCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    public enum State {
        NONE, OK, SOON, BREACHED;

        public String labelKey() {
            return "desk.sla." + name();
        }

        public String css() {
            return "sla-" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The due time that counts, which target it is, and its state. */
    public record Due(Instant at, boolean firstResponse, State state) {
        public String kindKey() {
            return firstResponse ? "desk.due.firstResponse" : "desk.due.resolution";
        }
    }

    Due of(Ticket t) {
        return of(t, clock.instant());
    }

    Due of(Ticket t, Instant now) {
        if (!t.status().isActive()) {
            return new Due(null, false, State.NONE);
        }
        boolean first = t.summary().firstRespondedAt() == null;
        Instant due = first ? t.summary().firstResponseDue() : t.summary().resolutionDue();
        if (due == null) {
            return new Due(null, first, State.NONE);
        }
        State state;
        if (!due.isAfter(now)) {
            state = State.BREACHED;
        } else if (!due.isAfter(calendar.addBusinessTime(now, Duration.ofHours(1)))) {
            state = State.SOON;
        } else {
            state = State.OK;
        }
        return new Due(due, first, state);
    }
}
