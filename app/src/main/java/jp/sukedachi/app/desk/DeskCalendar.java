package jp.sukedachi.app.desk;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import jp.sukedachi.app.shared.Formats;
import org.springframework.stereotype.Component;

/**
 * Business time of the provider's desk: open on the working weekdays between opening and closing time (Japan time),
 * never on a national holiday ({@link JapaneseHolidays}) nor on the provider's own closed days. SLA targets count
 * only open time: a ticket received while the desk is closed starts counting at the next opening. Reads the
 * settings in force at each call, so a saved change applies to the next ticket.
 */
@Component
public class DeskCalendar {
    /** A desk closed for longer than this has settings that never open it (refused on saving). */
    private static final int MAX_CLOSED_DAYS = 800;

    private final DeskSettingsStore store;

    DeskCalendar(DeskSettingsStore store) {
        this.store = store;
    }

    /** {@code from} plus {@code businessTime} of open desk time. */
    public Instant addBusinessTime(Instant from, Duration businessTime) {
        return add(store.rules(), from, businessTime);
    }

    /** Whether the desk is open at {@code at}. */
    public boolean isOpen(Instant at) {
        DeskRules rules = store.rules();
        LocalDateTime t = LocalDateTime.ofInstant(at, Formats.TOKYO);
        return isBusinessDay(rules, t.toLocalDate()) && !t.toLocalTime().isBefore(rules.opening())
                && t.toLocalTime().isBefore(rules.closing());
    }

    /** Whether {@code day} is a day the desk opens (hours aside). */
    public boolean isBusinessDay(LocalDate day) {
        return isBusinessDay(store.rules(), day);
    }

    /** When the first response to a ticket of priority {@code p} received at {@code received} is due. */
    public Instant firstResponseDue(TicketPriority p, Instant received) {
        DeskRules rules = store.rules();
        return add(rules, received, Duration.ofHours(rules.firstResponseHours(p)));
    }

    /** When a ticket of priority {@code p} received at {@code received} should be solved. */
    public Instant resolutionDue(TicketPriority p, Instant received) {
        DeskRules rules = store.rules();
        return add(rules, received, Duration.ofHours(rules.resolutionHours(p)));
    }

    static Instant add(DeskRules rules, Instant from, Duration businessTime) {
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("negative business time: " + businessTime);
        }
        ZonedDateTime t = from.atZone(Formats.TOKYO);
        Duration left = businessTime;
        int skipped = 0;
        while (true) {
            LocalDate day = t.toLocalDate();
            ZonedDateTime open = day.atTime(rules.opening()).atZone(Formats.TOKYO);
            ZonedDateTime close = day.atTime(rules.closing()).atZone(Formats.TOKYO);
            if (isBusinessDay(rules, day) && t.isBefore(close)) {
                ZonedDateTime start = t.isBefore(open) ? open : t;
                Duration available = Duration.between(start, close);
                if (left.compareTo(available) <= 0) {
                    return start.plus(left).toInstant();
                }
                left = left.minus(available);
            } else if (++skipped > MAX_CLOSED_DAYS) {
                throw new IllegalStateException("the desk settings never open the desk");
            }
            t = day.plusDays(1).atStartOfDay(Formats.TOKYO);
        }
    }

    static boolean isBusinessDay(DeskRules rules, LocalDate day) {
        return rules.weekdays().contains(day.getDayOfWeek()) && !JapaneseHolidays.isHoliday(day)
                && !rules.closedDays().covers(day);
    }
}
