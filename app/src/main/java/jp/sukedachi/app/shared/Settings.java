package jp.sukedachi.app.shared;

/**
 * Defaults and range checks for the settings records' compact constructors: an unset number takes its default,
 * one out of range stops the start with a message naming the property (a typo in a size must not start a server
 * that refuses every event).
 */
public final class Settings {
    private Settings() {
    }

    /** {@code value}, or {@code fallback} when unset; refused when outside {@code min..max}. */
    public static long within(String property, Long value, long fallback, long min, long max) {
        long v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new IllegalArgumentException(property + " must be between " + min + " and " + max + ": " + v);
        }
        return v;
    }

    /** As {@link #within(String, Long, long, long, long)} for an {@code int} setting. */
    public static int within(String property, Integer value, int fallback, int min, int max) {
        return (int) within(property, value == null ? null : value.longValue(), fallback, min, max);
    }

    /** {@code value}, or {@code fallback} when unset; refused when below {@code min}. */
    public static long atLeast(String property, Long value, long fallback, long min) {
        return within(property, value, fallback, min, Long.MAX_VALUE);
    }

    /** As {@link #atLeast(String, Long, long, long)} for a fractional rate. */
    public static double atLeast(String property, Double value, double fallback, double min) {
        double v = value == null ? fallback : value;
        if (!(v >= min)) {
            throw new IllegalArgumentException(property + " must be at least " + min + ": " + v);
        }
        return v;
    }

    /** {@code value}, or {@code fallback} when unset or blank. */
    public static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * The constant of {@code fallback}'s enum that {@code value} names in lower case ({@code worker} for WORKER), or
     * {@code fallback} when unset or blank; another name stops the start with the allowed ones.
     */
    public static <E extends Enum<E>> E choice(String property, String value, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        E[] all = fallback.getDeclaringClass().getEnumConstants();
        for (E e : all) {
            if (e.name().toLowerCase(java.util.Locale.ROOT).equals(value.strip().toLowerCase(java.util.Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException(property + " must be one of " + java.util.Arrays.stream(all)
                .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.joining(", "))
                + ": \"" + value.strip() + "\"");
    }
}
