package jp.sukedachi.app.notify;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A daily window such as {@code 22:00-07:00} in Asia/Tokyo (it may cross midnight) during which non-critical mail
 * to the SME waits. An empty window ({@link #NONE}) is never quiet.
 */
record QuietHours(LocalTime start, LocalTime end) {
    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    static final QuietHours NONE = new QuietHours(null, null);

    /** Parses {@code HH:mm-HH:mm}; blank gives {@link #NONE}. */
    static QuietHours parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String[] parts = text.strip().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("sukedachi.notify.quiet-hours must look like 22:00-07:00: " + text);
        }
        LocalTime start = LocalTime.parse(parts[0]);
        LocalTime end = LocalTime.parse(parts[1]);
        return start.equals(end) ? NONE : new QuietHours(start, end);
    }

    boolean isQuiet(Instant at) {
        if (start == null) {
            return false;
        }
        LocalTime t = at.atZone(JST).toLocalTime();
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** When a message that would go out at {@code at} may go: {@code at} itself, or the end of the quiet window. */
    Instant release(Instant at) {
        if (!isQuiet(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(JST);
        ZonedDateTime end = local.with(this.end).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
