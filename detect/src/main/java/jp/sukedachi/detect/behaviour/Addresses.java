package jp.sukedachi.detect.behaviour;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Address literals: which side of the office's Internet edge an address is on. Private means a LAN address
 * (RFC 1918, IPv6 unique-local and link-local); public means anything routable on the Internet, which includes
 * the documentation ranges (RFC 5737) the simulator uses for Internet hosts. Loopback, multicast, broadcast,
 * unspecified and carrier-grade NAT (100.64.0.0/10) are neither.
 */
final class Addresses {
    private Addresses() {
    }

    /** The address's bytes (4 or 16), or null when it is not an IP literal. Never resolves a name. */
    static byte[] parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return v4(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null; // no zone ids or names: InetAddress must never look anything up
            }
        }
        try {
            byte[] b = InetAddress.getByName(s).getAddress();
            return b.length == 16 && isV4Mapped(b) ? java.util.Arrays.copyOfRange(b, 12, 16) : b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static byte[] v4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    /** A LAN address: 10/8, 172.16/12, 192.168/16, fc00::/7, fe80::/10. */
    static boolean isPrivate(byte[] a) {
        if (a == null) {
            return false;
        }
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (a.length == 4) {
            return b0 == 10 || (b0 == 172 && b1 >= 16 && b1 < 32) || (b0 == 192 && b1 == 168);
        }
        return (b0 & 0xfe) == 0xfc || (b0 == 0xfe && (b1 & 0xc0) == 0x80);
    }

    /** An Internet address: not private, loopback, link-local, multicast, broadcast, unspecified or CGNAT. */
    static boolean isPublic(byte[] a) {
        if (a == null || isPrivate(a)) {
            return false;
        }
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (a.length == 4) {
            return !(b0 == 0 || b0 == 127 || b0 >= 224 || (b0 == 169 && b1 == 254)
                    || (b0 == 100 && b1 >= 64 && b1 < 128));
        }
        return b0 != 0xff && (b0 & 0xe0) == 0x20; // global unicast 2000::/3
    }

    /** Whether {@code a} lies in the network {@code net}/{@code bits} (same family only). */
    static boolean inNetwork(byte[] a, byte[] net, int bits) {
        if (a == null || a.length != net.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != net[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (net[full] & mask);
    }
}
