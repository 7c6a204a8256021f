package jp.sukedachi.app.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import jp.sukedachi.app.shared.Formats;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A visit's times in words for the pages ({@code ${@visitTexts.window(visit, #locale)}}): the window as people say
 * it (「12月7日 10:00〜12:00」), and how long a target arrival lies ahead or is overdue.
 */
@Component("visitTexts")
public class VisitTexts {
    private final MessageSource messages;

    VisitTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String window(Visit visit, Locale locale) {
        ZonedDateTime start = visit.windowStart().atZone(Formats.TOKYO);
        ZonedDateTime end = visit.windowEnd().atZone(Formats.TOKYO);
        String endText = start.toLocalDate().equals(end.toLocalDate()) ? clock(end)
                : day(end, locale) + " " + clock(end);
        return messages.getMessage("visit.window.text", new Object[] {day(start, locale), clock(start), endText}, locale);
    }

    /** The next visit of an incident in plain words, for the company. */
    public String next(Visit visit, Locale locale) {
        String window = window(visit, locale);
        return switch (visit.status()) {
            case ASSIGNED -> messages.getMessage("visit.next.assigned", new Object[] {window, visit.responderName()},
                    locale);
            case ON_SITE -> messages.getMessage("visit.next.onSite", new Object[] {visit.responderName()}, locale);
            default -> messages.getMessage("visit.next.requested", new Object[] {window}, locale);
        };
    }

    /** 「到着目標まであと3時間」 or 「到着目標を2時間過ぎています」 for an open visit not yet on site; null otherwise. */
    public String target(Visit visit, Instant now, Locale locale) {
        if (visit.status() != VisitStatus.REQUESTED && visit.status() != VisitStatus.ASSIGNED) {
            return null;
        }
        Duration left = Duration.between(now, visit.targetArrival());
        String key = left.isNegative() ? "visit.target.overdue" : "visit.target.left";
        return messages.getMessage(key, new Object[] {span(left.abs(), locale)}, locale);
    }

    /** A span in the largest sensible unit: days, hours or minutes. */
    String span(Duration d, Locale locale) {
        if (d.toDays() >= 2) {
            return messages.getMessage("visit.span.days", new Object[] {d.toDays()}, locale);
        }
        if (d.toHours() >= 1) {
            return messages.getMessage("visit.span.hours", new Object[] {d.toHours()}, locale);
        }
        return messages.getMessage("visit.span.minutes", new Object[] {Math.max(1, d.toMinutes())}, locale);
    }

    /** The value of a {@code datetime-local} field (Japan time) for an instant; empty for none. */
    public String local(Instant instant) {
        return DispatchForms.local(instant);
    }

    /** Prefecture names, e.g. 「東京都、神奈川県」. */
    public String prefectures(java.util.List<String> codes, Locale locale) {
        return String.join(messages.getMessage("visit.listSeparator", null, locale), codes.stream()
                .map(c -> messages.getMessage(jp.sukedachi.app.tenant.Prefecture.labelKey(c), null, c, locale)).toList());
    }

    private String day(ZonedDateTime t, Locale locale) {
        return messages.getMessage("visit.day", new Object[] {t.getMonthValue(), t.getDayOfMonth()}, locale);
    }

    private static String clock(ZonedDateTime t) {
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }
}
