package jp.sukedachi.detect.sigma;

/** Numeric IPv4/IPv6 text to bytes without any name lookup (InetAddress.getByName may resolve names). */
final class IpAddresses {
    private IpAddresses() {
    }

    /** 4 or 16 bytes, or null when the text is not an IP address literal. */
    static byte[] parse(String s) {
        if (s == null) {
            return null;
        }
        s = s.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct); // zone id
        }
        return s.indexOf(':') >= 0 ? v6(s) : v4(s);
    }

    private static byte[] v4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int val = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                val = (val < 0 ? 0 : val * 10) + (c - '0');
                if (val > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (val < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) val;
                val = -1;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] v6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        byte[] out = new byte[16];
        if (dbl < 0) {
            return groups(s, out, 0, 16) == 16 ? out : null;
        }
        byte[] head = new byte[16];
        byte[] tail = new byte[16];
        int h = dbl == 0 ? 0 : groups(s.substring(0, dbl), head, 0, 16);
        String rest = s.substring(dbl + 2);
        int t = rest.isEmpty() ? 0 : groups(rest, tail, 0, 16);
        if (h < 0 || t < 0 || h + t > 14) {
            return null;
        }
        System.arraycopy(head, 0, out, 0, h);
        System.arraycopy(tail, 0, out, 16 - t, t);
        return out;
    }

    /** Fills colon-separated groups (an IPv4 tail allowed); returns bytes written or -1. */
    private static int groups(String s, byte[] out, int at, int limit) {
        String[] g = s.split(":", -1);
        int pos = at;
        for (int i = 0; i < g.length; i++) {
            String x = g[i];
            if (i == g.length - 1 && x.indexOf('.') >= 0) {
                byte[] v4 = v4(x);
                if (v4 == null || pos + 4 > limit) {
                    return -1;
                }
                System.arraycopy(v4, 0, out, pos, 4);
                pos += 4;
                continue;
            }
            if (x.isEmpty() || x.length() > 4 || pos + 2 > limit) {
                return -1;
            }
            int v;
            try {
                v = Integer.parseInt(x, 16);
            } catch (NumberFormatException e) {
                return -1;
            }
            out[pos++] = (byte) (v >> 8);
            out[pos++] = (byte) v;
        }
        return pos - at;
    }
}
