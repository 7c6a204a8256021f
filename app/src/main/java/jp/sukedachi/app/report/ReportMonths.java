package jp.sukedachi.app.report;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.InvalidInput;

/**
 * Months as the pages and the API take them: {@code YYYY-MM}, Japan time, from January 2020 (the service did not
 * exist before) to the current month. A refusal is an {@link InvalidInput} naming the problem (400).
 */
final class ReportMonths {
    static final YearMonth FIRST = YearMonth.of(2020, 1);

    private ReportMonths() {
    }

    static YearMonth current(Clock clock) {
        return YearMonth.from(clock.instant().atZone(Formats.TOKYO));
    }

    /** The month asked for; blank means {@code fallback} (null: required). */
    static YearMonth parse(String text, YearMonth fallback, Clock clock) {
        if (text == null || text.isBlank()) {
            if (fallback == null) {
                throw new InvalidInput("month", "reportArchive.error.monthMissing", null,
                        "month is required as YYYY-MM (for example 2026-10)");
            }
            return fallback;
        }
        String t = text.strip();
        YearMonth m;
        try {
            if (!t.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM", t, 0);
            }
            m = YearMonth.parse(t);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("month", "reportArchive.error.monthFormat", null,
                    "month must be YYYY-MM with a month from 01 to 12 (for example 2026-10), got "
                            + (t.length() > 20 ? t.substring(0, 20) + "…" : t));
        }
        YearMonth now = current(clock);
        if (m.isAfter(now)) {
            throw new InvalidInput("month", "reportArchive.error.monthFuture", null,
                    "month " + m + " has not begun yet (Japan time); the latest is " + now, m, now);
        }
        if (m.isBefore(FIRST)) {
            throw new InvalidInput("month", "reportArchive.error.monthEarly", null,
                    "month " + m + " is before " + FIRST + ", the first month with reports", m, FIRST);
        }
        return m;
    }

    /** The months a picker offers: last month first, back 24 months (never before {@link #FIRST}). */
    static List<YearMonth> recent(Clock clock) {
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = current(clock); out.size() < 25 && !m.isBefore(FIRST); m = m.minusMonths(1)) {
            out.add(m);
        }
        return out;
    }
}
