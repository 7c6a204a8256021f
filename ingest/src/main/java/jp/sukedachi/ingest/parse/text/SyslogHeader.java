package jp.sukedachi.ingest.parse.text;

import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.Times;

/**
 * The syslog framing of one line, parsed by hand and reused across the records of a stream. Accepts
 * RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}, with or without PRI), RFC 3164
 * ({@code <PRI>Mmm dd hh:mm:ss host tag[pid]: msg}) and the variants devices really send: no PRI,
 * ISO-8601 or {@code yyyy/MM/dd} timestamps, a year after the time or before the month
 * ({@code Oct 03 2018 17:34:08:}, {@code 2018 Apr 09 16:03:37}), no hostname, and no header at all
 * (then the whole line is the message). Only a broken PRI or RFC 5424 timestamp is malformed; an
 * impossible RFC 3164/ISO date (day 00 in anonymised samples) just leaves the time unset.
 *
 * <p>RFC 3164 timestamps have no year and no zone: the year is the receive time's (UTC), or the
 * previous year when that would put the event more than a day after its arrival (a December line
 * received in January); the zone is UTC.
 */
final class SyslogHeader {
    int pri;
    /** 1 for RFC 5424, 0 otherwise. */
    int version;
    long timestamp;
    String hostname;
    String appname;
    String procid;
    String msgid;
    int msgStart;
    /** Whether anything syslog-like (PRI or timestamp) was found. */
    boolean framed;
    private final int[] isoEnd = new int[1]; // where Times.scanIso stopped
    private final String[] fields5424 = new String[4];

    private void reset() {
        pri = -1;
        version = 0;
        timestamp = Times.INVALID;
        hostname = null;
        appname = null;
        procid = null;
        msgid = null;
        msgStart = 0;
        framed = false;
    }

    /** Parses the header of s; RFC 5424 structured-data params go to sd. */
    void parse(String s, long receivedMillis, KeyValues sd) throws MalformedRecordException {
        reset();
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '\uFEFF') {
            i++;
        }
        i = Chars.skipSpaces(s, i);
        if (i + 1 < n && s.charAt(i) == '<' && Chars.isDigit(s.charAt(i + 1))) {
            int j = i + 1;
            while (j < n && Chars.isDigit(s.charAt(j))) {
                j++;
            }
            if (j >= n || s.charAt(j) != '>' || j - i - 1 > 3) {
                throw new MalformedRecordException("bad syslog PRI");
            }
            pri = Chars.digits(s, i + 1, j);
            if (pri > 191) {
                throw new MalformedRecordException("syslog PRI out of range: " + pri);
            }
            framed = true;
            i = j + 1;
        }
        if (isRfc5424Version(s, i)) {
            parse5424(s, s.indexOf(' ', i) + 1, sd);
            return;
        }
        int afterTime = parse3164Time(s, i, receivedMillis);
        if (afterTime > 0) {
            framed = true;
            i = Chars.skipSpaces(s, afterTime);
            int e = Chars.tokenEnd(s, i);
            if (e < n && looksLikeHostname(s, i, e)) {
                hostname = s.substring(i, e);
                i = Chars.skipSpaces(s, e);
            }
        }
        msgStart = parseTag(s, i);
    }

    /** {@code 1 2019-...} or {@code 1 - }: a one- or two-digit version, then a timestamp or NILVALUE. */
    private static boolean isRfc5424Version(String s, int i) {
        int n = s.length();
        int j = i;
        while (j < n && j - i < 3 && Chars.isDigit(s.charAt(j))) {
            j++;
        }
        if (j == i || j - i > 2 || j + 2 >= n || s.charAt(j) != ' ') {
            return false;
        }
        char c = s.charAt(j + 1);
        if (c == '-') {
            return s.charAt(j + 2) == ' ';
        }
        return j + 6 < n && Chars.digits(s, j + 1, j + 5) >= 0 && s.charAt(j + 5) == '-';
    }

    private void parse5424(String s, int i, KeyValues sd) throws MalformedRecordException {
        int n = s.length();
        version = 1;
        framed = true;
        if (s.charAt(i) == '-') {
            i++;
        } else {
            long t = Times.scanIso(s, i, isoEnd);
            int e = isoEnd[0];
            if (e == 0 || (e < n && s.charAt(e) != ' ') || t == Times.INVALID) {
                throw new MalformedRecordException("bad RFC 5424 timestamp");
            }
            timestamp = t;
            i = e;
        }
        String[] fields = fields5424;
        for (int f = 0; f < 4; f++) {
            i = Chars.skipSpaces(s, i);
            int e = Chars.tokenEnd(s, i);
            if (e - i == 1 && s.charAt(i) == '-') {
                fields[f] = null;
            } else if (e > i) {
                fields[f] = s.substring(i, e);
            }
            i = e;
        }
        hostname = fields[0];
        appname = fields[1];
        procid = fields[2];
        msgid = fields[3];
        i = Chars.skipSpaces(s, i);
        if (i < n && s.charAt(i) == '-') {
            i++;
        } else {
            while (i < n && s.charAt(i) == '[') {
                i = structuredData(s, i + 1, sd);
            }
        }
        if (i < n && s.charAt(i) == ' ') {
            i++;
        }
        if (i < n && s.charAt(i) == '\uFEFF') {
            i++; // RFC 5424 marks a UTF-8 MSG with a BOM
        }
        msgStart = Math.min(i, n);
    }

    /**
     * One SD-ELEMENT after its {@code [}: {@code SD-ID name="value" ...]} with {@code \" \\ \]}
     * escapes. Tolerates Check Point's {@code [key:"value"; key:"value"]} and lines truncated inside
     * the element (then the element simply ends with the line). Returns the index after {@code ]}.
     */
    private static int structuredData(String s, int i, KeyValues sd) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == ';') {
                i++;
                continue;
            }
            if (c == ']') {
                return i + 1;
            }
            int start = i;
            while (i < n) {
                c = s.charAt(i);
                if (c == ' ' || c == ']' || c == ';' || c == '=' || (c == ':' && i + 1 < n && s.charAt(i + 1) == '"')) {
                    break;
                }
                i++;
            }
            if (i < n && (s.charAt(i) == '=' || s.charAt(i) == ':') && i + 1 < n && s.charAt(i + 1) == '"') {
                int nameEnd = i;
                int v = i + 2;
                int e = v;
                boolean escaped = false;
                while (e < n && s.charAt(e) != '"') {
                    if (s.charAt(e) == '\\' && e + 1 < n) {
                        escaped = true;
                        e++;
                    }
                    e++;
                }
                e = Math.min(e, n);
                if (nameEnd > start) {
                    sd.add(sd.intern(s, start, nameEnd), escaped ? sd.unescape(s, v, e) : s.substring(v, e));
                }
                i = e + 1;
            } else if (i < n && s.charAt(i) == '=') {
                int v = i + 1;
                int e = v;
                while (e < n && s.charAt(e) != ' ' && s.charAt(e) != ']') {
                    e++;
                }
                if (i > start) {
                    sd.add(sd.intern(s, start, i), s.substring(v, e));
                }
                i = e;
            } else if (i == start) {
                i++; // never stall on an unexpected character
            }
            // else: the SD-ID or a stray word; the params carry the information
        }
        return n;
    }

    /** Parses a non-5424 timestamp at i; returns the index after it, or 0 if there is none. */
    private int parse3164Time(String s, int i, long received) {
        int n = s.length();
        int mon = Times.month(s, i);
        int year = -1;
        int j;
        if (mon > 0 && i + 3 < n && s.charAt(i + 3) == ' ') {
            j = i + 4;
        } else if (i + 9 < n && Chars.digits(s, i, i + 4) >= 0 && s.charAt(i + 4) == ' '
                && (mon = Times.month(s, i + 5)) > 0 && s.charAt(i + 8) == ' ') {
            year = Chars.digits(s, i, i + 4); // 2018 Apr 09 16:03:37
            j = i + 9;
        } else {
            long t = Times.scanIso(s, i, isoEnd);
            if (isoEnd[0] > 0) {
                timestamp = t;
            }
            return isoEnd[0];
        }
        if (j < n && s.charAt(j) == ' ') {
            j++;
        }
        int dayStart = j;
        while (j < n && Chars.isDigit(s.charAt(j)) && j - dayStart < 2) {
            j++;
        }
        int day = Chars.digits(s, dayStart, j);
        if (day < 0 || j >= n || s.charAt(j) != ' ') {
            return 0;
        }
        j++;
        if (year < 0 && j + 5 <= n && Chars.digits(s, j, j + 4) >= 0 && s.charAt(j + 4) == ' ') {
            year = Chars.digits(s, j, j + 4); // Cisco: Oct 03 2018 17:34:08
            j += 5;
        }
        if (j + 8 > n || s.charAt(j + 2) != ':' || s.charAt(j + 5) != ':') {
            return 0;
        }
        int hour = Chars.digits(s, j, j + 2);
        int minute = Chars.digits(s, j + 3, j + 5);
        int second = Chars.digits(s, j + 6, j + 8);
        if (hour < 0 || minute < 0 || second < 0) {
            return 0;
        }
        j += 8;
        int millis = 0;
        if (j + 1 < n && s.charAt(j) == '.' && Chars.isDigit(s.charAt(j + 1))) {
            j++;
            int scale = 100;
            while (j < n && Chars.isDigit(s.charAt(j))) {
                millis += (s.charAt(j) - '0') * scale;
                scale /= 10;
                j++;
            }
        }
        if (year < 0 && j + 5 <= n && s.charAt(j) == ' ' && Chars.digits(s, j + 1, j + 5) >= 1900
                && (j + 5 == n || s.charAt(j + 5) == ' ')) {
            year = Chars.digits(s, j + 1, j + 5); // Mmm dd hh:mm:ss yyyy
            j += 5;
        }
        if (j < n && s.charAt(j) == ':') {
            j++; // Cisco ends its timestamp with a colon
        }
        if (year >= 0) {
            timestamp = Times.epochMillis(year, mon, day, hour, minute, second, millis);
        } else {
            int y = Times.year(received);
            long t = Times.epochMillis(y, mon, day, hour, minute, second, millis);
            if (t != Times.INVALID && t > received + Times.DAY_MILLIS) {
                t = Times.epochMillis(y - 1, mon, day, hour, minute, second, millis);
            }
            timestamp = t;
        }
        return j;
    }

    /** A hostname is one word that is not a tag ({@code sshd:}, {@code x[1]:}), key=value or vendor marker. */
    private static boolean looksLikeHostname(String s, int from, int to) {
        char first = s.charAt(from);
        if (first == '%' || first == '[' || first == '<' || first == '{' || s.charAt(to - 1) == ':') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '=' || c == '[' || c == '|' || c == ',' || c == '"') {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses {@code tag:} or {@code tag[pid]:} at i if present; returns where the message starts.
     * Parentheses may hold colons ({@code pam_unix(sshd:auth):}).
     */
    private int parseTag(String s, int i) {
        int n = s.length();
        int j = i;
        int depth = 0;
        while (j < n && j - i <= 64) {
            char c = s.charAt(j);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if ((c == ':' && depth == 0) || c == '[') {
                break;
            } else if (!(Chars.isKeyChar(c) || c == '/' || (depth > 0 && c == ':'))) {
                return i;
            }
            j++;
        }
        if (j == i || j >= n || j - i > 64) {
            return i;
        }
        int tagEnd = j;
        String pid = null;
        if (s.charAt(j) == '[') {
            int close = s.indexOf(']', j);
            if (close < 0 || close + 1 >= n || s.charAt(close + 1) != ':' || close - j > 20) {
                return i;
            }
            pid = s.substring(j + 1, close);
            j = close + 1;
        }
        appname = s.substring(i, tagEnd);
        if (pid != null) {
            procid = pid;
        }
        return Chars.skipSpaces(s, j + 1);
    }

    /** How syslog-like the line's start is: PRI 50, RFC 5424 without PRI 45, a timestamp 40, else 0. */
    static int sniff(String s) {
        int n = s.length();
        int i = 0;
        if (n > 0 && s.charAt(0) == '\uFEFF') {
            i++;
        }
        i = Chars.skipSpaces(s, i);
        if (i + 2 < n && s.charAt(i) == '<' && Chars.isDigit(s.charAt(i + 1))) {
            return 50;
        }
        if (isRfc5424Version(s, i)) {
            return 45;
        }
        if (i + 15 < n) {
            if (Times.month(s, i) > 0 && s.charAt(i + 3) == ' ' && s.indexOf(':', i) - i < 24) {
                return 40;
            }
            if (Chars.digits(s, i, i + 4) >= 0
                    && ((s.charAt(i + 4) == '-' || s.charAt(i + 4) == '/') && s.charAt(i + 13) == ':'
                            || s.charAt(i + 4) == ' ' && Times.month(s, i + 5) > 0)) {
                return 35;
            }
        }
        return 0;
    }
}
