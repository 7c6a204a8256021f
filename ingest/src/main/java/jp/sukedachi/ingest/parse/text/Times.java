package jp.sukedachi.ingest.parse.text;

/**
 * Date arithmetic without java.time objects (the hot path parses one or two timestamps per record).
 * Every method returns {@link #NONE} for an impossible date instead of throwing.
 */
final class Times {
    static final long NONE = Long.MIN_VALUE;
    static final long DAY_MILLIS = 86_400_000L;

    private Times() {
    }

    /** Epoch millis of a UTC civil time, or NONE when a field is out of range. */
    static long epochMillis(int year, int month, int day, int hour, int minute, int second, int millis) {
        if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60 || millis < 0) {
            return NONE;
        }
        return (daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second) * 1000L + millis;
    }

    /** Days since 1970-01-01 (Howard Hinnant's algorithm). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** UTC year of an epoch-millis instant. */
    static int year(long epochMillis) {
        long days = Math.floorDiv(epochMillis, DAY_MILLIS);
        // civil-from-days, year part only
        long z = days + 719_468;
        long era = (z >= 0 ? z : z - 146_096) / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
    }

    /** 1..12 for an English three-letter month abbreviation at s[i], else 0. */
    static int month(String s, int i) {
        if (i + 3 > s.length()) {
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

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /**
     * Parses an ISO-8601-like timestamp at s[from]: {@code yyyy-MM-dd} or {@code yyyy/MM/dd}, then
     * {@code T} or spaces, {@code HH:mm:ss}, optional fraction, optional {@code Z}, {@code ±hh:mm},
     * {@code ±hhmm} or {@code ±hh} (no zone means UTC). Returns the index after it (0 if none) and puts
     * the instant in {@code out[0]} (NONE if the fields are impossible).
     */
    static int parseIso(String s, int from, long[] out) {
        int n = s.length();
        if (from + 19 > n || Chars.digits(s, from, from + 4) < 0) {
            return 0;
        }
        char sep = s.charAt(from + 4);
        if ((sep != '-' && sep != '/') || s.charAt(from + 7) != sep) {
            return 0;
        }
        int year = Chars.digits(s, from, from + 4);
        int month = Chars.digits(s, from + 5, from + 7);
        int day = Chars.digits(s, from + 8, from + 10);
        int i = from + 10;
        if (month < 0 || day < 0 || i >= n || (s.charAt(i) != 'T' && s.charAt(i) != ' ')) {
            return 0;
        }
        i++;
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        if (i + 8 > n || s.charAt(i + 2) != ':' || s.charAt(i + 5) != ':') {
            return 0;
        }
        int hour = Chars.digits(s, i, i + 2);
        int minute = Chars.digits(s, i + 3, i + 5);
        int second = Chars.digits(s, i + 6, i + 8);
        if (hour < 0 || minute < 0 || second < 0) {
            return 0;
        }
        i += 8;
        int millis = 0;
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',') && i + 1 < n && Chars.isDigit(s.charAt(i + 1))) {
            i++;
            int scale = 100;
            while (i < n && Chars.isDigit(s.charAt(i))) {
                millis += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
        }
        long offsetMillis = 0;
        if (i < n) {
            char z = s.charAt(i);
            if (z == 'Z' || z == 'z') {
                i++;
            } else if ((z == '+' || z == '-') && i + 3 <= n && Chars.digits(s, i + 1, i + 3) >= 0) {
                int oh = Chars.digits(s, i + 1, i + 3);
                int om = 0;
                int j = i + 3;
                if (j + 3 <= n && s.charAt(j) == ':' && Chars.digits(s, j + 1, j + 3) >= 0) {
                    om = Chars.digits(s, j + 1, j + 3);
                    j += 3;
                } else if (j + 2 <= n && Chars.digits(s, j, j + 2) >= 0) {
                    om = Chars.digits(s, j, j + 2);
                    j += 2;
                }
                offsetMillis = (z == '-' ? -1 : 1) * (oh * 3_600_000L + om * 60_000L);
                i = j;
            }
        }
        long t = epochMillis(year, month, day, hour, minute, second, millis);
        out[0] = t == NONE ? NONE : t - offsetMillis;
        return i;
    }

    /**
     * A zone offset such as {@code +0900}, {@code -07:00}, {@code +08} or {@code +9} in millis, or NONE.
     */
    static long offsetMillis(String tz) {
        if (tz == null || tz.length() < 2 || (tz.charAt(0) != '+' && tz.charAt(0) != '-')) {
            return NONE;
        }
        int sign = tz.charAt(0) == '-' ? -1 : 1;
        int len = tz.length();
        int h;
        int m = 0;
        if (len == 2 || len == 3) {
            h = Chars.digits(tz, 1, len);
        } else if (len == 5) {
            h = Chars.digits(tz, 1, 3);
            m = Chars.digits(tz, 3, 5);
        } else if (len == 6 && tz.charAt(3) == ':') {
            h = Chars.digits(tz, 1, 3);
            m = Chars.digits(tz, 4, 6);
        } else {
            return NONE;
        }
        if (h < 0 || h > 14 || m < 0 || m > 59) {
            return NONE;
        }
        return sign * (h * 3_600_000L + m * 60_000L);
    }

    /** Epoch seconds, millis, micros or nanos (told apart by digit count) as millis, or NONE. */
    static long epochAnyUnit(String v) {
        long n = Chars.parseLong(v);
        if (n < 0) {
            return NONE;
        }
        int len = v.length();
        if (len <= 10) {
            return n * 1000;
        } else if (len <= 13) {
            return n;
        } else if (len <= 16) {
            return n / 1000;
        }
        return n / 1_000_000;
    }
}
