package jp.sukedachi.intel;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * One normal form per indicator value, so that a feed's {@code 010.1.1.1}, {@code Example.COM.} or
 * {@code http://x.com:80} and an event's {@code 10.1.1.1}, {@code example.com} or {@code http://x.com/}
 * compare equal as strings. Called per event field by the matcher: no regular expressions, no DNS
 * (never {@link java.net.InetAddress#getByName}), and a fast path returning the input itself when it
 * is already normal.
 *
 * <p>Decisions:
 * <ul>
 * <li>IPv4 parts with leading zeros ({@code 010.1.1.1}) are read as <b>decimal</b> ({@code 10.1.1.1}),
 * the way zero-padding log formats mean them, not as octal like {@code inet_aton}; a part longer than
 * three digits, above 255, or the short forms {@code 10.1} / {@code 167772161} are rejected.</li>
 * <li>IPv6 is printed as RFC 5952 (lower case, no leading zeros, the longest run of two or more zero
 * groups as {@code ::}, the first one on a tie); IPv4-mapped addresses as {@code ::ffff:a.b.c.d}.
 * Brackets and a zone ({@code %eth0}) are dropped.</li>
 * <li>Domains are LDH labels plus {@code _} (seen in real malware hosts), 1–63 chars each, 253 in all;
 * a last label of only digits is rejected (that is an IP address, not a name).</li>
 * <li>URLs keep user info and query; dot segments are not resolved; non-ASCII and spaces in path and
 * query are percent-encoded as UTF-8.</li>
 * <li>E-mail addresses are lower-cased whole (local parts are case-insensitive in practice).</li>
 * </ul>
 */
public final class Normalize {
    private Normalize() {
    }

    /** A value with the type {@link #infer} found for it. */
    public record Typed(IndicatorType type, String value) {
    }

    /** The normalised value of raw for the type; IllegalArgumentException with a short reason when it is not one. */
    public static String value(IndicatorType type, String raw) {
        if (type == null) {
            throw new IllegalArgumentException("no type");
        }
        requireText(raw);
        return switch (type) {
            case IPV4 -> {
                String ip = ip(raw);
                if (ip.indexOf(':') >= 0) {
                    throw new IllegalArgumentException("not an IPv4 address");
                }
                yield ip;
            }
            case IPV6 -> {
                String ip = ip(raw);
                if (ip.indexOf(':') < 0) {
                    throw new IllegalArgumentException("not an IPv6 address");
                }
                yield ip;
            }
            case CIDR -> cidr(raw);
            case DOMAIN -> domain(raw);
            case DOMAIN_SUFFIX -> domain(stripSuffixMarker(raw.strip()));
            case URL -> url(raw);
            case MD5, JA3 -> hashOfLength(raw, 32);
            case SHA1 -> hashOfLength(raw, 40);
            case SHA256 -> hashOfLength(raw, 64);
            case TLS_SHA1 -> hashOfLength(raw.indexOf(':') >= 0 ? raw.replace(":", "") : raw, 40);
            case EMAIL -> email(raw);
            case EMAIL_DOMAIN -> {
                String s = raw.strip();
                yield domain(s.startsWith("@") ? s.substring(1) : s);
            }
        };
    }

    /**
     * Infers the type of a plain-list entry (IP, CIDR, domain, "*.domain" or ".domain" → DOMAIN_SUFFIX,
     * URL, md5/sha1/sha256 by length, e-mail, "@domain" → EMAIL_DOMAIN); empty when it is none of them.
     */
    public static Optional<Typed> infer(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (s.charAt(0) == '@') {
                return typed(IndicatorType.EMAIL_DOMAIN, domain(s.substring(1)));
            }
            if (s.startsWith("*.") || s.charAt(0) == '.') {
                return typed(IndicatorType.DOMAIN_SUFFIX, domain(stripSuffixMarker(s)));
            }
            if (s.contains("://")) {
                return typed(IndicatorType.URL, url(s));
            }
            if (s.indexOf('@') > 0) {
                return typed(IndicatorType.EMAIL, email(s));
            }
            int slash = s.indexOf('/');
            if (slash > 0) {
                if (isDigits(s, slash + 1, s.length()) && slash + 1 < s.length()) {
                    return typed(IndicatorType.CIDR, cidr(s));
                }
                return typed(IndicatorType.URL, url(s));
            }
            int len = s.length();
            if ((len == 32 || len == 40 || len == 64) && isHex(s)) {
                IndicatorType t = len == 32 ? IndicatorType.MD5 : len == 40 ? IndicatorType.SHA1 : IndicatorType.SHA256;
                return typed(t, s.toLowerCase(Locale.ROOT));
            }
            if (s.indexOf(':') >= 0 || s.charAt(0) == '[' || isDigitsAndDots(s)) {
                String ip = ip(s);
                return typed(ip.indexOf(':') >= 0 ? IndicatorType.IPV6 : IndicatorType.IPV4, ip);
            }
            if (s.indexOf('.') > 0) {
                return typed(IndicatorType.DOMAIN, domain(s));
            }
        } catch (IllegalArgumentException notThat) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Typed> typed(IndicatorType type, String value) {
        return Optional.of(new Typed(type, value));
    }

    private static String stripSuffixMarker(String s) {
        if (s.startsWith("*.")) {
            return s.substring(2);
        }
        if (s.startsWith(".")) {
            return s.substring(1);
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------------
    // Domains

    /** lower-case ASCII; IDN (e.g. 例え.jp) to punycode via java.net.IDN; trailing dot removed; validates labels; IAE otherwise. */
    public static String domain(String raw) {
        requireText(raw);
        if (isNormalDomain(raw)) {
            return raw;
        }
        String s = raw.strip();
        boolean ascii = true;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (!ascii) {
            try {
                // Also maps the ideographic full stop 。 and full-width letters (IDNA nameprep).
                s = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad international domain name");
            }
        }
        s = s.toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!isNormalDomain(s)) {
            throw new IllegalArgumentException(domainProblem(s));
        }
        return s;
    }

    /** Lower-case LDH(+_) labels of 1..63, total ≤ 253, no trailing dot, last label not all digits. */
    private static boolean isNormalDomain(String s) {
        int n = s.length();
        if (n == 0 || n > 253) {
            return false;
        }
        int labelStart = 0;
        boolean labelAllDigits = true;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? s.charAt(i) : '.';
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0 || len > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                if (i == n && labelAllDigits) {
                    return false;
                }
                labelStart = i + 1;
                labelAllDigits = true;
            } else if ((c >= 'a' && c <= 'z') || c == '-' || c == '_') {
                labelAllDigits = false;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String domainProblem(String s) {
        if (s.isEmpty()) {
            return "empty domain";
        }
        if (s.length() > 253) {
            return "domain longer than 253";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
                return "bad character in domain: '" + (Character.isISOControl(c) ? "\\u" + Integer.toHexString(c) : String.valueOf(c)) + "'";
            }
        }
        return "bad domain label";
    }

    // ---------------------------------------------------------------------------------------------
    // IP addresses and ranges

    /** canonical IPv4 (no leading zeros) or IPv6 (RFC 5952 compressed, lower-case); strips [] and zone; NO DNS lookup ever; IAE otherwise. */
    public static String ip(String raw) {
        requireText(raw);
        if (raw.charAt(0) <= ' ' || raw.charAt(raw.length() - 1) <= ' ') {
            raw = raw.strip();
            requireText(raw);
        }
        if (raw.indexOf(':') < 0 && raw.indexOf('[') < 0) {
            byte[] b = parseIpv4(raw, 0, raw.length());
            if (b == null) {
                throw new IllegalArgumentException("not an IP address");
            }
            return isCanonicalIpv4(raw) ? raw : formatIpv4(b);
        }
        return formatIpv6(parseIpv6OrThrow(raw));
    }

    /** CIDR "a.b.c.d/n" or "v6/n", canonical network address (host bits cleared); IAE otherwise. */
    public static String cidr(String raw) {
        requireText(raw);
        String s = raw.strip();
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("no /prefix in CIDR");
        }
        int plen = slash + 1 < s.length() && s.length() - slash - 1 <= 3 && isDigits(s, slash + 1, s.length())
                ? Integer.parseInt(s, slash + 1, s.length(), 10) : -1;
        String addr = s.substring(0, slash);
        byte[] b;
        if (addr.indexOf(':') < 0) {
            b = parseIpv4(addr, 0, addr.length());
            if (b == null) {
                throw new IllegalArgumentException("not an IPv4 network address");
            }
        } else {
            b = parseIpv6OrThrow(addr);
        }
        int bits = b.length * 8;
        if (plen < 0 || plen > bits) {
            throw new IllegalArgumentException("bad CIDR prefix length");
        }
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, plen - i * 8));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        return (b.length == 4 ? formatIpv4(b) : formatIpv6(b)) + "/" + plen;
    }

    /** The 4 bytes of a dotted-quad, decimal parts of 1–3 digits ≤ 255, or null. */
    static byte[] parseIpv4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int v = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return null;
                }
            }
            if (i == start || v > 255) {
                return null;
            }
            out[part++] = (byte) v;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    private static boolean isCanonicalIpv4(String s) {
        // parseIpv4 succeeded; canonical unless a part has a leading zero.
        for (int i = 0; i < s.length() - 1; i++) {
            if (s.charAt(i) == '0' && (i == 0 || s.charAt(i - 1) == '.') && s.charAt(i + 1) != '.') {
                return false;
            }
        }
        return true;
    }

    static String formatIpv4(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }

    private static byte[] parseIpv6OrThrow(String raw) {
        String s = raw.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close != s.length() - 1) {
                throw new IllegalArgumentException("unbalanced [ in IPv6 address");
            }
            s = s.substring(1, close);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        byte[] b = parseIpv6(s);
        if (b == null) {
            throw new IllegalArgumentException("not an IP address");
        }
        return b;
    }

    /** 16 bytes, or null; accepts :: and a trailing dotted quad. */
    static byte[] parseIpv6(String s) {
        int n = s.length();
        if (n < 2 || n > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (n == 2) {
                return new byte[16];
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int v = 0;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80) {
                v = (v << 4) | Character.digit(s.charAt(i), 16);
                i++;
                if (i - start > 4) {
                    return null;
                }
            }
            if (i < n && s.charAt(i) == '.') {
                // Embedded IPv4 in the last 32 bits.
                if (count > 6) {
                    return null;
                }
                byte[] v4 = parseIpv4(s, start, n);
                if (v4 == null) {
                    return null;
                }
                groups[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                groups[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                i = n;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[count++] = v;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null; // trailing single colon
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (count > 7) {
                return null;
            }
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - (count - gap), count - gap);
        } else {
            if (count != 8) {
                return null;
            }
            full = groups;
        }
        byte[] out = new byte[16];
        for (int g = 0; g < 8; g++) {
            out[2 * g] = (byte) (full[g] >> 8);
            out[2 * g + 1] = (byte) full[g];
        }
        return out;
    }

    /** RFC 5952 text of 16 address bytes (IPv4-mapped as ::ffff:a.b.c.d); shared with the matcher. */
    public static String formatIpv6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // URLs

    /**
     * URL: scheme and host lower-case (host via domain() or ip()), default port (80/443) removed,
     * percent-encoding normalised (decode unreserved chars, upper-case hex in the rest), empty path →
     * "/", fragment removed, trailing dot in host removed; a URL without scheme gets "http://". IAE when
     * no host.
     */
    public static String url(String raw) {
        requireText(raw);
        String s = raw.strip();
        int schemeEnd = schemeEnd(s);
        String scheme;
        int authStart;
        if (schemeEnd > 0) {
            scheme = s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            authStart = schemeEnd + 3;
        } else {
            scheme = "http";
            authStart = 0;
        }
        int authEnd = authStart;
        while (authEnd < s.length()) {
            char c = s.charAt(authEnd);
            if (c == '/' || c == '?' || c == '#' || c == '\\') {
                break;
            }
            authEnd++;
        }
        String authority = s.substring(authStart, authEnd);
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        String host;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unbalanced [ in URL host");
            }
            host = "[" + formatIpv6(parseIpv6OrThrow(hostPort.substring(0, close + 1))) + "]";
            if (close + 1 < hostPort.length()) {
                if (hostPort.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("junk after ] in URL host");
                }
                port = hostPort.substring(close + 2);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            String h = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            if (colon >= 0) {
                port = hostPort.substring(colon + 1);
            }
            if (h.isEmpty()) {
                throw new IllegalArgumentException("no host in URL");
            }
            host = isDigitsAndDots(h) ? ip(h) : domain(h);
        }
        if (port != null) {
            if (port.isEmpty()) {
                port = null;
            } else {
                if (port.length() > 5 || !isDigits(port, 0, port.length())) {
                    throw new IllegalArgumentException("bad port in URL");
                }
                int p = Integer.parseInt(port);
                if (p > 65535) {
                    throw new IllegalArgumentException("bad port in URL");
                }
                port = ((p == 80 && scheme.equals("http")) || (p == 443 && scheme.equals("https"))) ? null
                        : Integer.toString(p);
            }
        }
        int fragment = s.indexOf('#', authEnd);
        String rest = s.substring(authEnd, fragment < 0 ? s.length() : fragment);
        StringBuilder sb = new StringBuilder(s.length() + 8);
        sb.append(scheme).append("://").append(userInfo).append(host);
        if (port != null) {
            sb.append(':').append(port);
        }
        if (rest.isEmpty() || rest.charAt(0) == '?') {
            sb.append('/');
        }
        appendPercentNormalised(sb, rest);
        return sb.toString();
    }

    /** Index of "://" after a valid scheme, or -1. */
    private static int schemeEnd(String s) {
        int i = 0;
        int n = Math.min(s.length(), 32);
        while (i < n) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                break;
            }
            i++;
        }
        return i > 0 && s.startsWith("://", i) ? i : -1;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void appendPercentNormalised(StringBuilder sb, String rest) {
        int n = rest.length();
        for (int i = 0; i < n; i++) {
            char c = rest.charAt(i);
            if (c == '%' && i + 2 < n && hex(rest.charAt(i + 1)) >= 0 && hex(rest.charAt(i + 2)) >= 0) {
                int v = (hex(rest.charAt(i + 1)) << 4) | hex(rest.charAt(i + 2));
                if (isUnreserved((char) v)) {
                    sb.append((char) v);
                } else {
                    sb.append('%').append(HEX[v >> 4]).append(HEX[v & 15]);
                }
                i += 2;
            } else if (c == '\\') {
                sb.append('/'); // browsers treat \ as / in special-scheme paths
            } else if (c <= 0x20 || c == 0x7f || c >= 0x80 || c == '"' || c == '<' || c == '>' || c == '`'
                    || c == '{' || c == '}' || c == '|' || c == '^') {
                int cp = Character.codePointAt(rest, i);
                if (Character.charCount(cp) == 2) {
                    i++;
                }
                byte[] bytes = (Character.isSurrogate(c) && Character.charCount(cp) == 1)
                        ? "\uFFFD".getBytes(StandardCharsets.UTF_8)
                        : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                for (byte b : bytes) {
                    sb.append('%').append(HEX[(b >> 4) & 15]).append(HEX[b & 15]);
                }
            } else {
                sb.append(c);
            }
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    // ---------------------------------------------------------------------------------------------
    // Hashes and e-mail

    /** lower-case hex; checks length against the type (32/40/64) via value(). */
    public static String hash(String raw) {
        requireText(raw);
        String s = raw.strip();
        int n = s.length();
        if (n != 32 && n != 40 && n != 64) {
            throw new IllegalArgumentException("hash length " + n + " is not 32, 40 or 64");
        }
        return hashOfLength(s, n);
    }

    private static String hashOfLength(String raw, int len) {
        String s = raw.strip();
        if (s.length() != len) {
            throw new IllegalArgumentException("hash length " + s.length() + ", expected " + len);
        }
        boolean lower = true;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'F') {
                lower = false;
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("not hex");
            }
        }
        return lower ? s : s.toLowerCase(Locale.ROOT);
    }

    /** local@domain, lower-cased, the domain via {@link #domain}; {@code Name <a@b>} gives {@code a@b}. */
    public static String email(String raw) {
        requireText(raw);
        String s = raw.strip();
        int lt = s.lastIndexOf('<');
        if (lt >= 0 && s.endsWith(">")) {
            s = s.substring(lt + 1, s.length() - 1).strip();
        }
        if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
            s = s.substring(7);
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        String local = s.substring(0, at);
        if (local.length() > 64) {
            throw new IllegalArgumentException("e-mail local part longer than 64");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '@' && !local.startsWith("\"")) {
                throw new IllegalArgumentException("bad character in e-mail local part");
            }
        }
        return local.toLowerCase(Locale.ROOT) + "@" + domain(s.substring(at + 1));
    }

    // ---------------------------------------------------------------------------------------------

    private static void requireText(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("empty value");
        }
    }

    private static boolean isDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigitsAndDots(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (hex(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
