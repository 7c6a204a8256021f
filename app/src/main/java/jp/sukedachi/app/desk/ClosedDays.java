package jp.sukedachi.app.desk;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.app.shared.InvalidInput;

/**
 * The provider's own closed days, typed one entry per line or comma: {@code 12-29..01-03} (every year, may run over
 * New Year), {@code 08-13} (every year), {@code 2026-08-14} or {@code 2026-08-13..2026-08-16} (once). {@code ~} and
 * {@code 〜} may stand for {@code ..}.
 */
record ClosedDays(List<Span> spans) {
    static final int MAX_ENTRIES = 60;

    /** One entry: a yearly span of month-days, or a span of dates. */
    record Span(MonthDay fromDay, MonthDay toDay, LocalDate fromDate, LocalDate toDate) {
        boolean covers(LocalDate d) {
            if (fromDate != null) {
                return !d.isBefore(fromDate) && !d.isAfter(toDate);
            }
            MonthDay md = MonthDay.from(d);
            return fromDay.isAfter(toDay)
                    ? !md.isBefore(fromDay) || !md.isAfter(toDay)
                    : !md.isBefore(fromDay) && !md.isAfter(toDay);
        }
    }

    ClosedDays {
        spans = List.copyOf(spans);
    }

    boolean covers(LocalDate d) {
        return spans.stream().anyMatch(s -> s.covers(d));
    }

    /** Parses the typed list; an entry that is not a date refuses the whole list naming field {@code closedDays}. */
    static ClosedDays parse(String text) {
        List<Span> spans = new ArrayList<>();
        if (text == null) {
            return new ClosedDays(spans);
        }
        for (String raw : text.split("[,、\\r\\n]+")) {
            String entry = raw.strip().replace("〜", "..").replace("~", "..").replace("～", "..");
            if (entry.isEmpty()) {
                continue;
            }
            String[] ends = entry.split("\\s*\\.\\.\\s*", -1);
            if (ends.length > 2) {
                throw bad(raw);
            }
            String a = ends[0].strip();
            String b = ends.length == 2 ? ends[1].strip() : a;
            try {
                if (a.length() == 5 && b.length() == 5) {
                    spans.add(new Span(MonthDay.parse("--" + a), MonthDay.parse("--" + b), null, null));
                } else if (a.length() == 10 && b.length() == 10) {
                    LocalDate from = LocalDate.parse(a);
                    LocalDate to = LocalDate.parse(b);
                    if (to.isBefore(from)) {
                        throw bad(raw);
                    }
                    spans.add(new Span(null, null, from, to));
                } else {
                    throw bad(raw);
                }
            } catch (DateTimeException e) {
                throw bad(raw);
            }
        }
        if (spans.size() > MAX_ENTRIES) {
            throw new InvalidInput("closedDays", "desk.settings.closedDays.tooMany", MAX_ENTRIES,
                    "at most " + MAX_ENTRIES + " entries", MAX_ENTRIES);
        }
        return new ClosedDays(spans);
    }

    private static InvalidInput bad(String entry) {
        return new InvalidInput("closedDays", "desk.settings.closedDays.invalid", null,
                "not a date, month-day or range: " + entry.strip(), entry.strip());
    }
}
