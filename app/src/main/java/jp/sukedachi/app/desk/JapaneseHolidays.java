package jp.sukedachi.app.desk;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japan's national holidays as the law on national holidays (国民の祝日に関する法律) defines them, from 2020 (the year
 * the Emperor's Birthday moved to 23 February) until 2099 (the end of the equinox formula's range).
 *
 * <p>No maintained library on Maven Central was available offline here with Japan's rules checked for the 2020/2021
 * Olympic moves, so the rules are implemented: fixed days, Happy-Monday days, the two equinox days from the usual
 * astronomical approximation (the Cabinet Office fixes them each February for the next year; the formula has
 * matched every announced date since 1980), the Olympic special years, substitute holidays (振替休日) and
 * citizens' holidays (国民の休日). {@code JapaneseHolidaysTest} checks every date of the Cabinet Office's list for
 * 2020–2030.
 */
public final class JapaneseHolidays {
    static final int FIRST_YEAR = 2020;
    static final int LAST_YEAR = 2099;
    private static final Map<Integer, Map<LocalDate, String>> BY_YEAR = new ConcurrentHashMap<>();

    private JapaneseHolidays() {
    }

    /** Whether {@code date} is a national holiday, a substitute holiday or a citizens' holiday. */
    public static boolean isHoliday(LocalDate date) {
        return of(date.getYear()).containsKey(date);
    }

    /** The year's holidays in date order with their Japanese names; empty outside 2020–2099. */
    public static Map<LocalDate, String> of(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            return Map.of();
        }
        return BY_YEAR.computeIfAbsent(year, JapaneseHolidays::compute);
    }

    private static Map<LocalDate, String> compute(int year) {
        TreeMap<LocalDate, String> days = new TreeMap<>();
        days.put(LocalDate.of(year, 1, 1), "元日");
        days.put(nthMonday(year, Month.JANUARY, 2), "成人の日");
        days.put(LocalDate.of(year, 2, 11), "建国記念の日");
        days.put(LocalDate.of(year, 2, 23), "天皇誕生日");
        days.put(LocalDate.of(year, 3, springEquinox(year)), "春分の日");
        days.put(LocalDate.of(year, 4, 29), "昭和の日");
        days.put(LocalDate.of(year, 5, 3), "憲法記念日");
        days.put(LocalDate.of(year, 5, 4), "みどりの日");
        days.put(LocalDate.of(year, 5, 5), "こどもの日");
        // The Tokyo Olympics special measures act moved three holidays to the opening and closing days in 2020 and
        // again (the games postponed) in 2021.
        switch (year) {
            case 2020 -> {
                days.put(LocalDate.of(2020, 7, 23), "海の日");
                days.put(LocalDate.of(2020, 7, 24), "スポーツの日");
                days.put(LocalDate.of(2020, 8, 10), "山の日");
            }
            case 2021 -> {
                days.put(LocalDate.of(2021, 7, 22), "海の日");
                days.put(LocalDate.of(2021, 7, 23), "スポーツの日");
                days.put(LocalDate.of(2021, 8, 8), "山の日");
            }
            default -> {
                days.put(nthMonday(year, Month.JULY, 3), "海の日");
                days.put(LocalDate.of(year, 8, 11), "山の日");
                days.put(nthMonday(year, Month.OCTOBER, 2), "スポーツの日");
            }
        }
        days.put(nthMonday(year, Month.SEPTEMBER, 3), "敬老の日");
        days.put(LocalDate.of(year, 9, autumnEquinox(year)), "秋分の日");
        days.put(LocalDate.of(year, 11, 3), "文化の日");
        days.put(LocalDate.of(year, 11, 23), "勤労感謝の日");

        TreeMap<LocalDate, String> all = new TreeMap<>(days);
        // Art. 3(3): a day whose day before and day after are both national holidays is a holiday itself.
        for (LocalDate d : days.keySet()) {
            LocalDate between = d.plusDays(1);
            if (!days.containsKey(between) && days.containsKey(between.plusDays(1))
                    && between.getDayOfWeek() != DayOfWeek.SUNDAY) {
                all.put(between, "休日");
            }
        }
        // Art. 3(2): a national holiday on a Sunday makes the nearest following day that is not one a holiday.
        for (LocalDate d : days.keySet()) {
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate next = d.plusDays(1);
                while (all.containsKey(next)) {
                    next = next.plusDays(1);
                }
                all.put(next, "休日");
            }
        }
        return Collections.unmodifiableMap(all);
    }

    /** Vernal equinox day in March: 20.8431 + 0.242194·(y−1980) − leap-day correction (valid 1980–2099). */
    static int springEquinox(int year) {
        return (int) Math.floor(20.8431 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4.0));
    }

    /** Autumnal equinox day in September, same approximation with 23.2488. */
    static int autumnEquinox(int year) {
        return (int) Math.floor(23.2488 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4.0));
    }

    private static LocalDate nthMonday(int year, Month month, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
    }
}
