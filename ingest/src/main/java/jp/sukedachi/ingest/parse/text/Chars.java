package jp.sukedachi.ingest.parse.text;

/** Allocation-free character and number helpers for hand scanning. */
final class Chars {
    private Chars() {
    }

    /** Decimal strings for small numbers (PRI facility/severity), so the hot path does not format them. */
    private static final String[] SMALL = new String[256];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = Integer.toString(i).intern();
        }
    }

    static String small(int n) {
        return n >= 0 && n < SMALL.length ? SMALL[n] : Integer.toString(n);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Characters a key in key=value logs may have. */
    static boolean isKeyChar(char c) {
        return isAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.';
    }

    /** Digits s[from, to) as a number, or -1 if any is not a digit (or the range is empty or too long). */
    static int digits(CharSequence s, int from, int to) {
        if (from >= to || to - from > 9 || to > s.length()) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** A long from all-digit s, or -1. */
    static long parseLong(String s) {
        if (s == null || s.isEmpty() || s.length() > 19) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isDigit(c) || n > (Long.MAX_VALUE - (c - '0')) / 10) {
                return -1; // not a number, or it overflows (nanosecond epochs have 19 digits)
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static int skipSpaces(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static int tokenEnd(String s, int i) {
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    static boolean startsWithAt(String s, int at, String prefix) {
        return s.regionMatches(at, prefix, 0, prefix.length());
    }

    /** Whether s[from, to) is a dotted IPv4 address. */
    static boolean isIpv4(String s, int from, int to) {
        int parts = 0;
        int i = from;
        while (i < to) {
            int start = i;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
            }
            int v = digits(s, start, i);
            if (i - start > 3 || v < 0 || v > 255) {
                return false;
            }
            parts++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
        return parts == 4 && s.charAt(to - 1) != '.';
    }

    /** Loose IPv6 check: hex digits, colons (at least two) and an optional dotted tail. */
    static boolean isIpv6(String s, int from, int to) {
        if (to - from < 2 || to - from > 45) {
            return false;
        }
        int colons = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
            } else if (!isHex(c) && c != '.') {
                return false;
            }
        }
        return colons >= 2;
    }

    static boolean isIp(String s, int from, int to) {
        return from < to && (isIpv4(s, from, to) || isIpv6(s, from, to));
    }

    static boolean isIp(String s) {
        return s != null && isIp(s, 0, s.length());
    }

    /** The ECS network.transport name for an IANA protocol number, or null. */
    static String transport(String protoNumber) {
        if (protoNumber == null) {
            return null;
        }
        return switch (protoNumber) {
            case "6", "tcp", "TCP" -> "tcp";
            case "17", "udp", "UDP" -> "udp";
            case "1", "icmp", "ICMP" -> "icmp";
            case "58", "ipv6-icmp", "icmp6", "ICMPv6" -> "ipv6-icmp";
            case "47", "gre", "GRE" -> "gre";
            case "50", "esp", "ESP" -> "esp";
            case "51", "ah", "AH" -> "ah";
            case "132", "sctp", "SCTP" -> "sctp";
            case "2", "igmp", "IGMP" -> "igmp";
            default -> null;
        };
    }
}
