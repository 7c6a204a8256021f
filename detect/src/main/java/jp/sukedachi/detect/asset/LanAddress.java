package jp.sukedachi.detect.asset;

/**
 * Whether an address is on a company's own network: IPv4 10/8, 172.16/12, 192.168/16, link-local 169.254/16,
 * and IPv6 unique-local fc00::/7 and link-local fe80::/10. Anything else (a public address, a documentation
 * range, loopback, a malformed text) is not a LAN host.
 */
public final class LanAddress {
    private LanAddress() {
    }

    public static boolean isPrivate(String ip) {
        if (ip == null || ip.isEmpty()) {
            return false;
        }
        if (ip.indexOf(':') >= 0) {
            String s = ip.toLowerCase(java.util.Locale.ROOT);
            return s.startsWith("fc") || s.startsWith("fd") || s.startsWith("fe8") || s.startsWith("fe9")
                    || s.startsWith("fea") || s.startsWith("feb");
        }
        int[] o = new int[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= ip.length(); i++) {
            char c = i < ip.length() ? ip.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || value > 255 || part > 3) {
                    return false;
                }
                o[part++] = value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        if (part != 4) {
            return false;
        }
        return o[0] == 10 || (o[0] == 172 && o[1] >= 16 && o[1] <= 31) || (o[0] == 192 && o[1] == 168)
                || (o[0] == 169 && o[1] == 254);
    }
}
