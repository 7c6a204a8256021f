package jp.sukedachi.app.desk;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The provider's desk as configured under {@code sukedachi.desk.*}: the defaults of the settings the provider's
 * administrator edits on {@code /admin/desk} (saved settings win, see {@link DeskRules}). Outside this package read
 * the desk through {@link DeskContact} and {@link DeskCalendar}, which see the saved settings.
 *
 * @param phone         the desk's telephone number; blank when the provider gives none
 * @param email         the desk's e-mail address
 * @param hours         the desk's opening hours, in words
 * @param opening       opening time, Japan time ({@code 09:00} by default)
 * @param closing       closing time, Japan time ({@code 17:00} by default)
 * @param weekdays      working weekdays ({@code MON,TUE,WED,THU,FRI} by default); never on national holidays
 * @param closedDays    the provider's own closed days ({@code 12-29..01-03} by default; see {@link ClosedDays})
 * @param firstResponse first-response target per priority in business hours (CRITICAL 1, HIGH 4, MEDIUM 8, LOW 16)
 * @param resolution    resolution target per priority in business hours (CRITICAL 8, HIGH 16, MEDIUM 40, LOW 80)
 */
@ConfigurationProperties("sukedachi.desk")
public record DeskSettings(String phone, String email, String hours, String opening, String closing,
        String weekdays, String closedDays, Map<TicketPriority, Integer> firstResponse,
        Map<TicketPriority, Integer> resolution) {

    static final Map<TicketPriority, Integer> FIRST_RESPONSE = Map.of(TicketPriority.CRITICAL, 1,
            TicketPriority.HIGH, 4, TicketPriority.MEDIUM, 8, TicketPriority.LOW, 16);
    static final Map<TicketPriority, Integer> RESOLUTION = Map.of(TicketPriority.CRITICAL, 8,
            TicketPriority.HIGH, 16, TicketPriority.MEDIUM, 40, TicketPriority.LOW, 80);

    public DeskSettings {
        phone = phone == null ? "" : phone.strip();
        email = email == null ? "" : email.strip();
        hours = hours == null ? "" : hours.strip();
        opening = blank(opening) ? "09:00" : opening.strip();
        closing = blank(closing) ? "17:00" : closing.strip();
        weekdays = blank(weekdays) ? "MON,TUE,WED,THU,FRI" : weekdays.strip();
        closedDays = closedDays == null ? "12-29..01-03" : closedDays.strip();
        firstResponse = complete(firstResponse, FIRST_RESPONSE);
        resolution = complete(resolution, RESOLUTION);
    }

    /** The defaults alone (tests, and the store before anything is saved). */
    public static DeskSettings defaults() {
        return new DeskSettings(null, null, null, null, null, null, null, null, null);
    }

    public boolean hasPhone() {
        return !phone.isBlank();
    }

    public boolean hasEmail() {
        return !email.isBlank();
    }

    public boolean hasHours() {
        return !hours.isBlank();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Map<TicketPriority, Integer> complete(Map<TicketPriority, Integer> given,
            Map<TicketPriority, Integer> fallback) {
        EnumMap<TicketPriority, Integer> all = new EnumMap<>(fallback);
        if (given != null) {
            given.forEach((p, h) -> {
                if (h != null && h > 0) {
                    all.put(p, h);
                }
            });
        }
        return Map.copyOf(all);
    }
}
