package jp.sukedachi.detect.asset;

import java.util.Locale;

/**
 * Whether an address is on a company's own network: IPv4 10/8, 172.16/12, 192.168/16, link-local 169.254/16,
 * and IPv6 unique-local fc00::/7 and link-local fe80::/10. Anything else (a public address, a documentation
 * range, loopback, a malformed text, an IPv6 zone id, anything longer than 45 characters) is not a LAN host.
 * Addresses are parsed as literals (never looked up in DNS).
 */
public final class LanAddress {
    /** The longest text form of an address (IPv6 with an embedded IPv4). */
    public static final int MAX_LENGTH = 45;

    private LanAddress() {
    }

    public static boolean isPrivate(String ip) {
        int[] v4 = ipv4(ip);
        if (v4 != null) {
            return v4[0] == 10 || (v4[0] == 172 && v4[1] >= 16 && v4[1] <= 31) || (v4[0] == 192 && v4[1] == 168)
                    || (v4[0] == 169 && v4[1] == 254);
        }
        int[] v6 = ipv6(ip);
        return v6 != null && ((v6[0] & 0xfe00) == 0xfc00 || (v6[0] & 0xffc0) == 0xfe80);
    }

    /** Whether a (valid) address is link-local: IPv4 169.254/16 or IPv6 fe80::/10. */
    public static boolean isLinkLocal(String ip) {
        int[] v4 = ipv4(ip);
        if (v4 != null) {
            return v4[0] == 169 && v4[1] == 254;
        }
        int[] v6 = ipv6(ip);
        return v6 != null && (v6[0] & 0xffc0) == 0xfe80;
    }

    /** Whether the text is an IPv4 address in dotted-quad form. */
    public static boolean isIpv4(String ip) {
        return ipv4(ip) != null;
    }

    /** The four octets of a dotted-quad IPv4 literal, or null. */
    static int[] ipv4(String ip) {
        if (ip == null || ip.isEmpty() || ip.length() > 15) {
            return null;
        }
        int[] o = new int[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= ip.length(); i++) {
            char c = i < ip.length() ? ip.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                o[part++] = value;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255 || ++digits > 3) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? o : null;
    }

    /** The eight 16-bit groups of an IPv6 literal ({@code ::} once at most, a trailing IPv4 allowed), or null. */
    static int[] ipv6(String ip) {
        if (ip == null || ip.length() < 2 || ip.length() > MAX_LENGTH || ip.indexOf(':') < 0) {
            return null;
        }
        String s = ip.toLowerCase(Locale.ROOT);
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap < 0 ? groups(s, true) : groups(s.substring(0, gap), false);
        int[] tail = gap < 0 ? new int[0] : groups(s.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int n = head.length + tail.length;
        if (gap < 0 ? n != 8 : n > 7) {
            return null;
        }
        int[] g = new int[8];
        System.arraycopy(head, 0, g, 0, head.length);
        System.arraycopy(tail, 0, g, 8 - tail.length, tail.length);
        return g;
    }

    /** Colon-separated hex groups (an empty text is none); the last may be an IPv4 (two groups) when allowed. */
    private static int[] groups(String s, boolean v4Last) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (v4Last && i == parts.length - 1 && p.indexOf('.') >= 0) {
                int[] v4 = ipv4(p);
                if (v4 == null) {
                    return null;
                }
                out[n++] = v4[0] << 8 | v4[1];
                out[n++] = v4[2] << 8 | v4[3];
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v << 4 | d;
            }
            out[n++] = v;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
