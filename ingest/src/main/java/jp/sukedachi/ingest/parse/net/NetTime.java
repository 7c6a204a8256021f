package jp.sukedachi.ingest.parse.net;

/**
 * Timestamp and duration parsing for the sensor formats, by hand: the hot path sees one timestamp per
 * record, and {@code java.time} formatters allocate several objects and throw exceptions on bad input.
 * Every method returns a sentinel instead of throwing, so callers decide what a bad value means.
 */
final class NetTime {
    /** Returned for text that is not a valid time. */
    static final long INVALID = Long.MIN_VALUE;

    private NetTime() {
    }

    /**
     * ISO-8601 date-time to epoch millis: {@code 2016-07-13T22:42:07.573103+0000} (Suricata, offset
     * without colon), {@code ...+00:00}, {@code ...Z}, {@code +09}, a space instead of {@code T}, any
     * number of fraction digits (truncated to millis), and no zone at all (read as UTC).
     */
    static long parseIso(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return INVALID;
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != 't' && sep != ' ') {
            return INVALID;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || hour < 0
                || minute > 59 || minute < 0 || second > 60 || second < 0) {
            return INVALID;
        }
        int i = 19;
        int millis = 0;
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            if (i == start) {
                return INVALID;
            }
            for (int k = i - start; k < 3; k++) {
                millis *= 10;
            }
        }
        int offsetSeconds = 0;
        if (i < n) {
            char z = s.charAt(i);
            if ((z == 'Z' || z == 'z') && i + 1 == n) {
                i++;
            } else if (z == '+' || z == '-') {
                int rest = n - i - 1;
                int oh;
                int om = 0;
                if (rest == 2) {
                    oh = digits(s, i + 1, 2);
                } else if (rest == 4) {
                    oh = digits(s, i + 1, 2);
                    om = digits(s, i + 3, 2);
                } else if (rest == 5 && s.charAt(i + 3) == ':') {
                    oh = digits(s, i + 1, 2);
                    om = digits(s, i + 4, 2);
                } else {
                    return INVALID;
                }
                if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                    return INVALID;
                }
                offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
                i = n;
            } else {
                return INVALID;
            }
        }
        long days = daysFromCivil(year, month, day);
        long epochSeconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSeconds * 1000L + millis;
    }

    /**
     * Epoch seconds with an optional fraction ({@code 1521911721.789543}, Zeek's {@code ts}) to millis,
     * truncating below the millisecond. Also takes exponent notation, which some JSON writers use.
     */
    static long parseEpochSeconds(String s) {
        int n = s.length();
        if (n == 0 || n > 40) {
            return INVALID;
        }
        int i = 0;
        boolean negative = s.charAt(0) == '-';
        if (negative) {
            i++;
        }
        long seconds = 0;
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            if (i - intStart >= 12) {
                return INVALID; // beyond year 33658: not a real timestamp, and avoids overflow
            }
            seconds = seconds * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == intStart) {
            return INVALID;
        }
        int millis = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            for (int k = Math.min(i - start, 3); k < 3; k++) {
                millis *= 10;
            }
        }
        if (i < n) {
            return (s.charAt(i) == 'e' || s.charAt(i) == 'E') ? parseExponent(s) : INVALID;
        }
        long value = seconds * 1000L + millis;
        return negative ? -value : value;
    }

    private static long parseExponent(String s) {
        try {
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d) || Math.abs(d) > 1e12) {
                return INVALID;
            }
            return (long) Math.floor(d * 1000.0);
        } catch (NumberFormatException e) {
            return INVALID;
        }
    }

    /** Seconds with a fraction (Zeek's {@code duration}) to nanoseconds (ECS {@code event.duration}), or -1. */
    static long secondsToNanos(String s) {
        int n = s.length();
        int i = 0;
        long seconds = 0;
        while (i < n && isDigit(s.charAt(i))) {
            if (i >= 10) {
                return -1;
            }
            seconds = seconds * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == 0) {
            return -1;
        }
        long nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 9) {
                    nanos = nanos * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            for (int k = Math.min(i - start, 9); k < 9; k++) {
                nanos *= 10;
            }
        }
        return i == n ? seconds * 1_000_000_000L + nanos : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of {@code len} decimal digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }
}
