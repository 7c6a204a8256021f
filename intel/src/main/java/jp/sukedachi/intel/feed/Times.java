package jp.sukedachi.intel.feed;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Feed time stamps: {@code 2024-07-16 05:25:33} (UTC), {@code 2024-07-16}, ISO-8601 with offset, epoch seconds.
 * java.time's ISO formatters resolve strictly, so 2023-02-29 is no time. Intel depends on event only (not on
 * ingest's hand-written {@code parse.Times}); feed imports are not the per-event hot path.
 */
final class Times {
    private Times() {
    }

    /** The instant, or null when blank or not a time. */
    static Instant parse(String s) {
        String t = Collector.blankToNull(s);
        if (t == null) {
            return null;
        }
        try {
            int n = t.length();
            if (n == 10 && t.charAt(4) == '-') {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (n >= 19 && t.charAt(4) == '-' && (t.charAt(10) == ' ' || t.charAt(10) == 'T')) {
                String iso = t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
                char last = iso.charAt(iso.length() - 1);
                if (last == 'Z' || last == 'z' || iso.indexOf('+', 19) > 0 || iso.indexOf('-', 19) > 0) {
                    return OffsetDateTime.parse(iso.replace('z', 'Z')).toInstant();
                }
                String plain = iso.endsWith(" UTC") ? iso.substring(0, iso.length() - 4) : iso;
                return LocalDateTime.parse(plain).toInstant(ZoneOffset.UTC);
            }
            if (n <= 11 && t.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
