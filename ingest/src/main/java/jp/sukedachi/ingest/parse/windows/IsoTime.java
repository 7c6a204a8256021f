package jp.sukedachi.ingest.parse.windows;

/**
 * Parses the timestamps these sources write, without allocating: {@code 2021-04-28T20:11:55.3643213Z}
 * (Wazuh, 7 fraction digits), {@code 2026-07-02T02:05:27.438557Z} (evtx_dump), {@code 2020-12-19T06:59:28.410Z}
 * (Winlogbeat) and {@code 2021-04-28T20:11:55.364+0000} (Wazuh alerts). A space may replace the
 * {@code T}; no zone means UTC.
 */
final class IsoTime {
    static final long INVALID = Long.MIN_VALUE;

    private IsoTime() {
    }

    /** Epoch millis, or {@link #INVALID}. */
    static long parse(String s) {
        if (s == null || s.length() < 19) {
            return INVALID;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60
                || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':'
                || (s.charAt(10) != 'T' && s.charAt(10) != ' ' && s.charAt(10) != 't')
                || hour < 0 || minute < 0 || second < 0) {
            return INVALID;
        }
        int i = 19;
        int millis = 0;
        if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            int scale = 100;
            int start = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (scale > 0) {
                    millis += (s.charAt(i) - '0') * scale;
                    scale /= 10;
                }
                i++;
            }
            if (i == start) {
                return INVALID;
            }
        }
        int offsetSeconds = 0;
        if (i < s.length()) {
            char c = s.charAt(i);
            if (c == 'Z' || c == 'z') {
                i++;
            } else if (c == '+' || c == '-') {
                int oh = digits(s, i + 1, 2);
                int p = i + 3;
                if (p < s.length() && s.charAt(p) == ':') {
                    p++;
                }
                int om = digits(s, p, 2);
                if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                    return INVALID;
                }
                offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
                i = p + 2;
            } else {
                return INVALID;
            }
        }
        if (i != s.length()) {
            return INVALID;
        }
        long days = daysFromCivil(year, month, day);
        return ((days * 86400L + hour * 3600L + minute * 60L + second) - offsetSeconds) * 1000L + millis;
    }

    /** Whether a timestamp ends in a zone: {@code Z} or a {@code ±hh[:]mm} offset after the time. */
    static boolean hasZone(String s) {
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

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
