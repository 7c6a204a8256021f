package jp.sukedachi.app.desk;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the provider admin enters on {@code /admin/desk}. The field rules here are those a single field can check;
 * {@link DeskRules#of} adds the rest (times, closing after opening, weekdays, closed days).
 */
record DeskForm(
        // Empty, or a number of at least ten characters: 050-0000-0000, 03-1234-5678, +81 3 1234 5678.
        @Pattern(regexp = "(?:\\+?[0-9(][0-9() -]{7,30}[0-9])?", message = "{desk.settings.phone.invalid}") String phone,
        @Email @Size(max = 254) String email,
        @Size(max = 200) String hours,
        @NotNull String opening,
        @NotNull String closing,
        List<String> weekdays,
        @Size(max = 2000) String closedDays,
        @NotNull(message = T) @Min(value = 1, message = T) @Max(value = 500, message = T) Integer firstResponseCritical,
        @NotNull(message = T) @Min(value = 1, message = T) @Max(value = 500, message = T) Integer firstResponseHigh,
        @NotNull(message = T) @Min(value = 1, message = T) @Max(value = 500, message = T) Integer firstResponseMedium,
        @NotNull(message = T) @Min(value = 1, message = T) @Max(value = 500, message = T) Integer firstResponseLow,
        @NotNull(message = T) @Min(value = 1, message = T) @Max(value = 500, message = T) Integer resolutionCritical,
        @NotNull(message = T) @Min(value = 1, message = T) @Max(value = 500, message = T) Integer resolutionHigh,
        @NotNull(message = T) @Min(value = 1, message = T) @Max(value = 500, message = T) Integer resolutionMedium,
        @NotNull(message = T) @Min(value = 1, message = T) @Max(value = 500, message = T) Integer resolutionLow) {

    /** The targets' message: a whole number of business hours from 1 to 500. */
    static final String T = "{desk.settings.target.invalid}";

    static DeskForm of(DeskRules rules) {
        DeskSettings s = rules.text();
        Map<TicketPriority, Integer> fr = s.firstResponse();
        Map<TicketPriority, Integer> res = s.resolution();
        return new DeskForm(s.phone(), s.email(), s.hours(), rules.opening().toString(), rules.closing().toString(),
                rules.weekdays().stream().sorted().map(d -> d.name().substring(0, 3)).toList(), s.closedDays(),
                fr.get(TicketPriority.CRITICAL), fr.get(TicketPriority.HIGH), fr.get(TicketPriority.MEDIUM),
                fr.get(TicketPriority.LOW), res.get(TicketPriority.CRITICAL), res.get(TicketPriority.HIGH),
                res.get(TicketPriority.MEDIUM), res.get(TicketPriority.LOW));
    }

    /** The settings' text form; a missing weekday list is "none", which {@link DeskRules#of} refuses. */
    DeskSettings settings() {
        Map<TicketPriority, Integer> fr = new EnumMap<>(TicketPriority.class);
        fr.put(TicketPriority.CRITICAL, firstResponseCritical);
        fr.put(TicketPriority.HIGH, firstResponseHigh);
        fr.put(TicketPriority.MEDIUM, firstResponseMedium);
        fr.put(TicketPriority.LOW, firstResponseLow);
        Map<TicketPriority, Integer> res = new EnumMap<>(TicketPriority.class);
        res.put(TicketPriority.CRITICAL, resolutionCritical);
        res.put(TicketPriority.HIGH, resolutionHigh);
        res.put(TicketPriority.MEDIUM, resolutionMedium);
        res.put(TicketPriority.LOW, resolutionLow);
        String days = weekdays == null || weekdays.isEmpty() ? "-" : String.join(",", weekdays);
        return new DeskSettings(phone, email, hours, blankAsInvalid(opening), blankAsInvalid(closing), days,
                closedDays == null ? "" : closedDays, fr, res);
    }

    /** The weekdays in week order, for the form's checkboxes. */
    static List<String> allWeekdays() {
        return List.of(DayOfWeek.values()).stream().map(d -> d.name().substring(0, 3)).toList();
    }

    private static String blankAsInvalid(String time) {
        return time == null || time.isBlank() ? "-" : time;
    }
}
