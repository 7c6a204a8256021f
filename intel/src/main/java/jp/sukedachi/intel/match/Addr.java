package jp.sukedachi.intel.match;

import jp.sukedachi.intel.Normalize;

/**
 * Allocation-free parsing of IP address text as it appears in events. IPv4 becomes an int in a long
 * (-1 = not IPv4); IPv6 becomes two longs, read by {@link #v6(String, int)} one half per call so that
 * nothing has to be allocated to return them.
 */
final class Addr {
    private Addr() {
    }

    static final int V6_VALID = 0;
    static final int V6_HI = 1;
    static final int V6_LO = 2;

    /** The IPv4 address in {@code s[from,to)} as an unsigned int in a long, or -1. */
    static long v4(CharSequence s, int from, int to) {
        long result = 0;
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = from; i <= to; i++) {
            char c = i == to ? '.' : s.charAt(i);
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return -1;
                }
                result = (result << 8) | value;
                part++;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3 || value > 255) {
                    return -1;
                }
            } else {
                return -1;
            }
        }
        return part == 4 ? result : -1;
    }

    static long v4(CharSequence s) {
        return v4(s, 0, s.length());
    }

    /**
     * Parses IPv6 text (with {@code ::}, an embedded dotted IPv4 tail, an optional {@code %zone} and
     * optional brackets). {@code what} = {@link #V6_VALID}: 1 if valid else 0; {@link #V6_HI} /
     * {@link #V6_LO}: that half (only meaningful for valid input).
     */
    static long v6(CharSequence s, int what) {
        int from = 0;
        int to = s.length();
        if (to >= 2 && s.charAt(0) == '[' && s.charAt(to - 1) == ']') {
            from = 1;
            to--;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                to = i;
                break;
            }
        }
        if (to - from < 2) {
            return invalid(what);
        }
        long hi = 0;
        long lo = 0;
        int groups = 0; // 16-bit groups written before "::"
        int gap = -1; // group index of "::"
        long tailHi = 0;
        long tailLo = 0;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return invalid(what);
            }
            gap = 0;
            i += 2;
        }
        // Groups before "::" go into hi:lo, groups after it into tailHi:tailLo; joined at the end.
        int after = 0; // groups after the gap
        while (i < to) {
            // Read one group or a dotted IPv4 tail.
            int start = i;
            int value = 0;
            int digits = 0;
            while (i < to) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    break;
                }
                value = (value << 4) | d;
                digits++;
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                long v4 = v4(s, start, to);
                int total = (gap < 0 ? groups : gap + after);
                if (v4 < 0 || total > 6) {
                    return invalid(what);
                }
                for (int k = 0; k < 2; k++) {
                    int g = (int) ((v4 >>> (16 - 16 * k)) & 0xFFFF);
                    if (gap < 0) {
                        hi = (hi << 16) | (lo >>> 48);
                        lo = (lo << 16) | g;
                        groups++;
                    } else {
                        tailHi = (tailHi << 16) | (tailLo >>> 48);
                        tailLo = (tailLo << 16) | g;
                        after++;
                    }
                }
                i = to;
                break;
            }
            if (digits == 0 || digits > 4) {
                return invalid(what);
            }
            if (gap < 0) {
                hi = (hi << 16) | (lo >>> 48);
                lo = (lo << 16) | value;
                groups++;
            } else {
                tailHi = (tailHi << 16) | (tailLo >>> 48);
                tailLo = (tailLo << 16) | value;
                after++;
            }
            if (i == to) {
                break;
            }
            // s[i] == ':'
            if (s.charAt(i) != ':') {
                return invalid(what);
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return invalid(what);
                }
                gap = groups;
                i++;
            } else if (i == to) {
                return invalid(what); // trailing single colon
            }
        }
        if (gap < 0) {
            if (groups != 8) {
                return invalid(what);
            }
        } else {
            int total = gap + after;
            if (total > 7) {
                return invalid(what);
            }
            // Shift the head groups left over the zero groups and the tail, then OR in the tail.
            int shift = (8 - gap) * 16;
            long headHi;
            long headLo;
            if (shift >= 128) {
                headHi = 0;
                headLo = 0;
            } else if (shift >= 64) {
                headHi = lo << (shift - 64);
                headLo = 0;
            } else if (shift == 0) {
                headHi = hi;
                headLo = lo;
            } else {
                headHi = (hi << shift) | (lo >>> (64 - shift));
                headLo = lo << shift;
            }
            hi = headHi | tailHi;
            lo = headLo | tailLo;
        }
        return switch (what) {
            case V6_VALID -> 1;
            case V6_HI -> hi;
            default -> lo;
        };
    }

    private static long invalid(int what) {
        return 0;
    }

    static String v4Text(int ip) {
        return ((ip >>> 24) & 0xFF) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
    }

    /** RFC 5952 text of an address, exactly as {@link jp.sukedachi.intel.Normalize#ip} writes it. */
    static String v6Text(long hi, long lo) {
        byte[] b = new byte[16];
        for (int k = 0; k < 8; k++) {
            b[k] = (byte) (hi >>> (56 - 8 * k));
            b[8 + k] = (byte) (lo >>> (56 - 8 * k));
        }
        return Normalize.formatIpv6(b);
    }
}
