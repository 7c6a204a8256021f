package jp.sukedachi.ingest.parse;

/**
 * The one time helper of the parsers: civil dates, ISO-8601, zone offsets, epoch numbers and durations, by
 * hand. The hot path sees one or two timestamps per record, and {@code java.time} formatters allocate several
 * objects and throw on bad input; every method here returns {@link #INVALID} (or what it says) instead, so
 * the caller decides what a bad value means. Dates are checked strictly: the day must exist in its month
 * (2024-02-29 does, 2023-02-29 and 2024-04-31 do not), and a year before 1970 is a broken clock, not an
 * event time.
 */
public final class Times {
    /** Returned for text or fields that are not a valid time. */
    public static final long INVALID = Long.MIN_VALUE;
    public static final long DAY_MILLIS = 86_400_000L;
    /** The widest zone offset, as in {@code java.time.ZoneOffset}. */
    private static final int MAX_OFFSET_HOURS = 18;

    private Times() {
    }

    /** Epoch millis of a UTC civil time, or INVALID when a field is out of range or the day does not exist. */
    public static long epochMillis(int year, int month, int day, int hour, int minute, int second, int millis) {
        if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60
                || millis < 0 || millis > 999) {
            return INVALID;
        }
        return (daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second) * 1000L + millis;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** UTC year of an epoch-millis instant. */
    public static int year(long epochMillis) {
        long days = Math.floorDiv(epochMillis, DAY_MILLIS);
        // civil-from-days, year part only
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
    }

    /** 1..12 for an English three-letter month abbreviation at s[i] (any case), else 0. */
    public static int month(String s, int i) {
        if (i < 0 || i + 3 > s.length()) {
            return 0;
        }
        char a = lower(s.charAt(i));
        char b = lower(s.charAt(i + 1));
        char c = lower(s.charAt(i + 2));
        return switch (a) {
            case 'j' -> b == 'a' && c == 'n' ? 1 : b == 'u' && c == 'n' ? 6 : b == 'u' && c == 'l' ? 7 : 0;
            case 'f' -> b == 'e' && c == 'b' ? 2 : 0;
            case 'm' -> b == 'a' && c == 'r' ? 3 : b == 'a' && c == 'y' ? 5 : 0;
            case 'a' -> b == 'p' && c == 'r' ? 4 : b == 'u' && c == 'g' ? 8 : 0;
            case 's' -> b == 'e' && c == 'p' ? 9 : 0;
            case 'o' -> b == 'c' && c == 't' ? 10 : 0;
            case 'n' -> b == 'o' && c == 'v' ? 11 : 0;
            case 'd' -> b == 'e' && c == 'c' ? 12 : 0;
            default -> 0;
        };
    }

    /**
     * A whole string that is an ISO-8601 date-time, to epoch millis, or INVALID: {@code 2016-07-13T22:42:07.573103+0000}
     * (Suricata), {@code 2021-04-28T20:11:55.3643213Z} (Wazuh), {@code ...+00:00}, {@code ...+09}, the grammar of
     * {@link #scanIso}. Null is INVALID.
     */
    public static long parseIso(String s) {
        return s == null ? INVALID : iso(s, 0, null);
    }

    /**
     * An ISO-8601-like timestamp at s[from], inside a longer line: {@code yyyy-MM-dd} or {@code yyyy/MM/dd}, then
     * {@code T} or spaces, {@code HH:mm:ss}, an optional fraction ({@code .} or {@code ,}, any number of digits,
     * truncated to millis), an optional zone {@code Z}, {@code ±hh:mm}, {@code ±hhmm} or {@code ±hh} (none means
     * UTC). Puts the index after it in {@code end[0]} (0 if there is no timestamp at from) and returns the
     * instant, INVALID when the fields are impossible.
     */
    public static long scanIso(String s, int from, int[] end) {
        return iso(s, from, end);
    }

    /** The ISO reader of both methods above; {@code end == null}: the timestamp must fill the whole string. */
    private static long iso(String s, int from, int[] end) {
        if (end != null) {
            end[0] = 0;
        }
        int n = s.length();
        if (from < 0 || from + 19 > n) {
            return INVALID;
        }
        int year = digits(s, from, 4);
        char sep = s.charAt(from + 4);
        if (year < 0 || (sep != '-' && sep != '/') || s.charAt(from + 7) != sep) {
            return INVALID;
        }
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int i = from + 10;
        char t = s.charAt(i);
        if (month < 0 || day < 0 || (t != 'T' && t != 't' && t != ' ')) {
            return INVALID;
        }
        i++;
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        if (i + 8 > n || s.charAt(i + 2) != ':' || s.charAt(i + 5) != ':') {
            return INVALID;
        }
        int hour = digits(s, i, 2);
        int minute = digits(s, i + 3, 2);
        int second = digits(s, i + 6, 2);
        if (hour < 0 || minute < 0 || second < 0) {
            return INVALID;
        }
        i += 8;
        int millis = 0;
        if (i + 1 < n && (s.charAt(i) == '.' || s.charAt(i) == ',') && isDigit(s.charAt(i + 1))) {
            i++;
            int scale = 100;
            while (i < n && isDigit(s.charAt(i))) {
                millis += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
        }
        long offsetMillis = 0;
        boolean offsetValid = true;
        if (i < n) {
            char z = s.charAt(i);
            int oh;
            if (z == 'Z' || z == 'z') {
                i++;
            } else if ((z == '+' || z == '-') && (oh = digits(s, i + 1, 2)) >= 0) {
                int om = 0;
                int j = i + 3;
                if (j < n && s.charAt(j) == ':' && digits(s, j + 1, 2) >= 0) {
                    om = digits(s, j + 1, 2);
                    j += 3;
                } else if (digits(s, j, 2) >= 0) {
                    om = digits(s, j, 2);
                    j += 2;
                }
                offsetValid = oh <= MAX_OFFSET_HOURS && om <= 59;
                offsetMillis = (z == '-' ? -1 : 1) * (oh * 3_600_000L + om * 60_000L);
                i = j;
            }
        }
        if (end != null) {
            end[0] = i;
        } else if (i != n) {
            return INVALID;
        }
        long local = epochMillis(year, month, day, hour, minute, second, millis);
        return local == INVALID || !offsetValid ? INVALID : local - offsetMillis;
    }

    /** Whether a timestamp ends in a zone: {@code Z} or a {@code ±hh[:]mm} offset after the time. */
    public static boolean hasZone(String s) {
        if (s == null || s.length() < 20) {
            return false;
        }
        char last = s.charAt(s.length() - 1);
        if (last == 'Z' || last == 'z') {
            return true;
        }
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        return sign > 18;
    }

    /** A zone offset on its own ({@code +0900}, {@code -07:00}, {@code +08}, {@code +9}) in millis, or INVALID. */
    public static long offsetMillis(String tz) {
        if (tz == null || tz.length() < 2 || (tz.charAt(0) != '+' && tz.charAt(0) != '-')) {
            return INVALID;
        }
        int sign = tz.charAt(0) == '-' ? -1 : 1;
        int len = tz.length();
        int h;
        int m = 0;
        if (len == 2 || len == 3) {
            h = digits(tz, 1, len - 1);
        } else if (len == 5) {
            h = digits(tz, 1, 2);
            m = digits(tz, 3, 2);
        } else if (len == 6 && tz.charAt(3) == ':') {
            h = digits(tz, 1, 2);
            m = digits(tz, 4, 2);
        } else {
            return INVALID;
        }
        if (h < 0 || h > MAX_OFFSET_HOURS || m < 0 || m > 59) {
            return INVALID;
        }
        return sign * (h * 3_600_000L + m * 60_000L);
    }

    /**
     * An epoch number of {@code len} digits in seconds, millis, micros or nanos (told apart by the digit count)
     * as millis, or INVALID when it is negative (the callers' digit readers return -1 for no number).
     */
    public static long epochAnyUnit(long n, int len) {
        if (n < 0) {
            return INVALID;
        }
        if (len <= 10) {
            return n * 1000;
        } else if (len <= 13) {
            return n;
        } else if (len <= 16) {
            return n / 1000;
        }
        return n / 1_000_000;
    }

    /**
     * Epoch seconds with an optional fraction ({@code 1521911721.789543}, Zeek's {@code ts}) to millis,
     * truncating below the millisecond. Also takes exponent notation, which some JSON writers use.
     */
    public static long parseEpochSeconds(String s) {
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
    public static long secondsToNanos(String s) {
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

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** The value of {@code len} decimal digits at {@code from}, or -1 if any is not a digit or the text ends. */
    private static int digits(String s, int from, int len) {
        if (from < 0 || from + len > s.length()) {
            return -1;
        }
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
}
