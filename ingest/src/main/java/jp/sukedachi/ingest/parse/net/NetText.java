package jp.sukedachi.ingest.parse.net;

import java.util.Locale;

/** Small value normalisations shared by the network parsers; simple scans, no regex. */
final class NetText {
    private NetText() {
    }

    /** Lower case, returning the same instance (no allocation) when already lower case. */
    static String lower(String s) {
        if (s == null) {
            return null;
        }
        // The common cases ("TCP", "UDP") come back as constants.
        return switch (s) {
            case "TCP" -> "tcp";
            case "UDP" -> "udp";
            case "ICMP" -> "icmp";
            case "IPv6-ICMP" -> "ipv6-icmp";
            default -> s.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * A certificate fingerprint as ECS wants a hash: lower-case hex without separators
     * ({@code 90:86:A4:..} becomes {@code 9086a4..}). Null when it is not hex.
     */
    static String hexFingerprint(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lowerHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (lowerHex && sb == null) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (lowerHex) {
                sb.append(c);
            } else if (c >= 'A' && c <= 'F') {
                sb.append((char) (c + ('a' - 'A')));
            } else if (c != ':' && c != ' ' && c != '-') {
                return null;
            }
        }
        String hex = sb == null ? s : sb.toString();
        return hex.isEmpty() ? null : hex;
    }

    /** True when {@code s} is {@code len} hex digits (tells a SHA-1 from a SHA-256 fingerprint). */
    static boolean isHex(String s, int len) {
        if (s == null || s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The numeric TLS version ECS uses in {@code tls.version}: Suricata's {@code TLS 1.2} and Zeek's
     * {@code TLSv12} both become {@code 1.2}. Unknown spellings are kept as they are.
     */
    static String tlsVersion(String v) {
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "TLS 1.3", "TLSv13", "TLSv1.3" -> "1.3";
            case "TLS 1.2", "TLSv12", "TLSv1.2" -> "1.2";
            case "TLS 1.1", "TLSv11", "TLSv1.1" -> "1.1";
            case "TLS 1.0", "TLSv10", "TLSv1", "TLSv1.0" -> "1.0";
            case "SSLv3", "SSLv3.0", "SSL 3.0" -> "3.0";
            case "SSLv2", "SSL 2.0" -> "2.0";
            default -> v;
        };
    }

    /**
     * The bare address of a mail header value: {@code "Name" <a@b.c>} and {@code <a@b.c>} give
     * {@code a@b.c}; a value without angle brackets is returned trimmed.
     */
    static String emailAddress(String v) {
        if (v == null) {
            return null;
        }
        int close = v.lastIndexOf('>');
        int open = close < 0 ? -1 : v.lastIndexOf('<', close);
        if (open >= 0) {
            return v.substring(open + 1, close).strip();
        }
        return v.strip();
    }

    /** The first element of a comma-joined list (how this package flattens arrays and Zeek sets). */
    static String first(String v) {
        if (v == null) {
            return null;
        }
        int comma = v.indexOf(',');
        return comma < 0 ? v : v.substring(0, comma);
    }

    /** The path of a request target without its query: {@code /a/b?x=1} gives {@code /a/b}. */
    static String pathOf(String uri) {
        if (uri == null) {
            return null;
        }
        int start = 0;
        int scheme = uri.indexOf("://");
        if (scheme > 0 && scheme < 10) {
            int slash = uri.indexOf('/', scheme + 3);
            if (slash < 0) {
                return "/";
            }
            start = slash;
        }
        int end = uri.length();
        for (int i = start; i < end; i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return start == 0 && end == uri.length() ? uri : uri.substring(start, end);
    }

    /** The query of a request target without the {@code ?}, or null. */
    static String queryOf(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        if (q < 0) {
            return null;
        }
        int hash = uri.indexOf('#', q);
        return uri.substring(q + 1, hash < 0 ? uri.length() : hash);
    }

    /**
     * The full URL of an HTTP request: the target itself when already absolute (a proxy request),
     * else {@code http://host[:port]target}. The port is added only when known and not 80.
     */
    static String fullUrl(String host, String target, String port) {
        if (target == null) {
            return null;
        }
        if (isAbsolute(target)) {
            return target;
        }
        if (host == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(7 + host.length() + target.length() + 6).append("http://").append(host);
        if (port != null && !port.equals("80") && host.indexOf(':') < 0) {
            sb.append(':').append(port);
        }
        if (!target.startsWith("/")) {
            sb.append('/');
        }
        return sb.append(target).toString();
    }

    private static boolean isAbsolute(String target) {
        int scheme = target.indexOf("://");
        if (scheme <= 0 || scheme > 10) {
            return false;
        }
        for (int i = 0; i < scheme; i++) {
            char c = target.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    /** Zeek writes booleans as {@code T}/{@code F} in TSV and {@code true}/{@code false} in JSON. */
    static Boolean zeekBool(String v) {
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "T", "true" -> Boolean.TRUE;
            case "F", "false" -> Boolean.FALSE;
            default -> null;
        };
    }
}
