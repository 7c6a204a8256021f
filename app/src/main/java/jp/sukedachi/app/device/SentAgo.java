package jp.sukedachi.app.device;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import jp.sukedachi.app.shared.Formats;

/**
 * When something last arrived, told the way a person says it: 「5分前（12:03）」. The relative part is what a reader
 * grasps at a glance, the clock time (Japan time; with the date when it was not today) is what they tell the desk.
 * Templates render it as {@code #{${ago.key}(${ago.amount}, ${ago.at})}}.
 *
 * @param key    the message key: device.ago.now, .minutes, .hours or .days
 * @param amount how many of that unit
 * @param at     the clock time, "12:03" today, "11/30 12:03" before
 */
public record SentAgo(String key, long amount, String at) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(Formats.TOKYO);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("M/d HH:mm").withZone(Formats.TOKYO);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy/M/d HH:mm").withZone(Formats.TOKYO);

    public static SentAgo of(Instant then, Instant now) {
        Duration ago = Duration.between(then, now);
        if (ago.isNegative()) {
            ago = Duration.ZERO; // a clock a little ahead of ours is "just now", not "in 2 minutes"
        }
        LocalDate day = LocalDate.ofInstant(then, Formats.TOKYO);
        LocalDate today = LocalDate.ofInstant(now, Formats.TOKYO);
        String at = day.equals(today) ? TIME.format(then)
                : day.getYear() == today.getYear() ? DAY_TIME.format(then) : FULL.format(then);
        if (ago.toMinutes() < 1) {
            return new SentAgo("device.ago.now", 0, at);
        }
        if (ago.toHours() < 1) {
            return new SentAgo("device.ago.minutes", ago.toMinutes(), at);
        }
        if (ago.toDays() < 2) {
            return new SentAgo("device.ago.hours", ago.toHours(), at);
        }
        return new SentAgo("device.ago.days", ago.toDays(), at);
    }
}
