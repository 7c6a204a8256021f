package jp.sukedachi.app.desk;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.sukedachi.app.shared.InvalidInput;

/**
 * The desk's settings in force, parsed and checked: the text form ({@link DeskSettings}, from the saved settings
 * over the {@code sukedachi.desk.*} defaults) turned into times, weekdays, closed days and targets. Parsing refuses
 * what the calendar could not use, with the field it concerns.
 */
record DeskRules(DeskSettings text, LocalTime opening, LocalTime closing, Set<DayOfWeek> weekdays,
        ClosedDays closedDays) {
    static final int MIN_TARGET_HOURS = 1;
    static final int MAX_TARGET_HOURS = 500;

    DeskRules {
        weekdays = Set.copyOf(weekdays);
    }

    static DeskRules of(DeskSettings s) {
        LocalTime opening = time("opening", s.opening());
        LocalTime closing = time("closing", s.closing());
        if (!closing.isAfter(opening)) {
            throw new InvalidInput("closing", "desk.settings.closing.beforeOpening", null,
                    "closing must be after opening");
        }
        checkTargets("firstResponse", s.firstResponse());
        checkTargets("resolution", s.resolution());
        return new DeskRules(s, opening, closing, weekdays(s.weekdays()), ClosedDays.parse(s.closedDays()));
    }

    int firstResponseHours(TicketPriority p) {
        return text.firstResponse().get(p);
    }

    int resolutionHours(TicketPriority p) {
        return text.resolution().get(p);
    }

    /** {@code MON,TUE} (or full names) to days; at least one, else the desk would never open. */
    static Set<DayOfWeek> weekdays(String text) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            String p = part.strip().toUpperCase(Locale.ROOT);
            DayOfWeek day = null;
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().equals(p) || d.name().substring(0, 3).equals(p)) {
                    day = d;
                }
            }
            if (day == null) {
                throw new InvalidInput("weekdays", "desk.settings.weekdays.invalid", null, "not a weekday: " + part);
            }
            days.add(day);
        }
        if (days.isEmpty()) {
            throw new InvalidInput("weekdays", "desk.settings.weekdays.none", null, "choose at least one weekday");
        }
        return days;
    }

    /** The weekdays as saved: {@code MON,TUE,…} in week order. */
    static String weekdaysText(Set<DayOfWeek> days) {
        return String.join(",", EnumSet.copyOf(days).stream().map(d -> d.name().substring(0, 3)).toList());
    }

    private static LocalTime time(String field, String text) {
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "desk.settings.time.invalid", null, "not a time (HH:MM): " + text, text);
        }
    }

    private static void checkTargets(String field, Map<TicketPriority, Integer> targets) {
        targets.forEach((p, h) -> {
            if (h < MIN_TARGET_HOURS || h > MAX_TARGET_HOURS) {
                throw new InvalidInput(field + p.name(), "desk.settings.target.range", MAX_TARGET_HOURS,
                        "between " + MIN_TARGET_HOURS + " and " + MAX_TARGET_HOURS + " hours: " + h,
                        MIN_TARGET_HOURS, MAX_TARGET_HOURS);
            }
        });
    }
}
