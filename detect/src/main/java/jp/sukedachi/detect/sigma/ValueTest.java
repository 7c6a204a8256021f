package jp.sukedachi.detect.sigma;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One compiled test of a field value. Case-insensitive tests hold lower-cased literals and are handed the
 * lower-cased value; {@code cased} ones and regular expressions see the value as it is.
 */
sealed interface ValueTest {

    boolean matches(String raw, String lower);

    /** A literal that any matching value contains (lower case), for the prefilter; null if none. */
    default String requiredLiteral() {
        return null;
    }

    /**
     * True when the test looks at the raw value's case ({@code |cased}): its literal then need not occur in the
     * lower-cased value as such (lower-casing is context-sensitive, e.g. a final sigma).
     */
    default boolean cased() {
        return false;
    }

    /** True when {@link #requiredLiteral()} must be the whole value (hash lookup, not substring search). */
    default boolean exact() {
        return false;
    }

    static ValueTest of(SigmaPattern p, boolean cased) {
        SigmaPattern q = cased ? p : p.lowerCase();
        List<Object> parts = q.parts();
        if (!q.hasWildcards()) {
            return new Eq(parts.isEmpty() ? "" : (String) parts.getFirst(), cased);
        }
        if (parts.size() == 1 && parts.getFirst() == SigmaPattern.Wild.STAR) {
            return new Any();
        }
        if (parts.size() == 2 && parts.get(0) == SigmaPattern.Wild.STAR && parts.get(1) instanceof String s) {
            return new Suffix(s, cased);
        }
        if (parts.size() == 2 && parts.get(1) == SigmaPattern.Wild.STAR && parts.get(0) instanceof String s) {
            return new Prefix(s, cased);
        }
        if (parts.size() == 3 && parts.get(0) == SigmaPattern.Wild.STAR && parts.get(2) == SigmaPattern.Wild.STAR
                && parts.get(1) instanceof String s) {
            return new Contains(s, cased);
        }
        return Glob.of(q, cased);
    }

    record Eq(String text, boolean cased) implements ValueTest {
        @Override
        public boolean matches(String raw, String lower) {
            return (cased ? raw : lower).equals(text);
        }

        @Override
        public String requiredLiteral() {
            return text.isEmpty() ? null : cased ? text.toLowerCase(Locale.ROOT) : text;
        }

        @Override
        public boolean exact() {
            return true;
        }
    }

    record Prefix(String text, boolean cased) implements ValueTest {
        @Override
        public boolean matches(String raw, String lower) {
            return (cased ? raw : lower).startsWith(text);
        }

        @Override
        public String requiredLiteral() {
            return lowerLiteral(text, cased);
        }
    }

    record Suffix(String text, boolean cased) implements ValueTest {
        @Override
        public boolean matches(String raw, String lower) {
            return (cased ? raw : lower).endsWith(text);
        }

        @Override
        public String requiredLiteral() {
            return lowerLiteral(text, cased);
        }
    }

    record Contains(String text, boolean cased) implements ValueTest {
        @Override
        public boolean matches(String raw, String lower) {
            return (cased ? raw : lower).contains(text);
        }

        @Override
        public String requiredLiteral() {
            return lowerLiteral(text, cased);
        }
    }

    /** Any value at all (the pattern {@code *}). */
    record Any() implements ValueTest {
        @Override
        public boolean matches(String raw, String lower) {
            return true;
        }
    }

    /**
     * A general wildcard pattern; code points {@code -1} = {@code *}, {@code -2} = {@code ?}. Matched with
     * the classic greedy star / backtrack-to-last-star walk: linear for the usual patterns, no regex.
     */
    record Glob(int[] pattern, String longest, boolean cased) implements ValueTest {
        static Glob of(SigmaPattern p, boolean cased) {
            int n = 0;
            String longest = "";
            for (Object o : p.parts()) {
                if (o instanceof String s) {
                    n += s.length();
                    if (s.length() > longest.length()) {
                        longest = s;
                    }
                } else {
                    n++;
                }
            }
            int[] pat = new int[n];
            int i = 0;
            for (Object o : p.parts()) {
                if (o instanceof String s) {
                    for (int k = 0; k < s.length(); k++) {
                        pat[i++] = s.charAt(k);
                    }
                } else {
                    pat[i++] = o == SigmaPattern.Wild.STAR ? -1 : -2;
                }
            }
            return new Glob(pat, longest, cased);
        }

        @Override
        public boolean matches(String raw, String lower) {
            String s = cased ? raw : lower;
            int si = 0;
            int pi = 0;
            int star = -1;
            int mark = 0;
            while (si < s.length()) {
                if (pi < pattern.length && (pattern[pi] == -2 || pattern[pi] == s.charAt(si))) {
                    si++;
                    pi++;
                } else if (pi < pattern.length && pattern[pi] == -1) {
                    star = pi++;
                    mark = si;
                } else if (star >= 0) {
                    pi = star + 1;
                    si = ++mark;
                } else {
                    return false;
                }
            }
            while (pi < pattern.length && pattern[pi] == -1) {
                pi++;
            }
            return pi == pattern.length;
        }

        @Override
        public String requiredLiteral() {
            return longest.isEmpty() ? null : lowerLiteral(longest, cased);
        }
    }

    /** {@code re}: searched anywhere in the value (unanchored), as Sigma backends do. */
    record Regex(Pattern pattern) implements ValueTest {
        @Override
        public boolean matches(String raw, String lower) {
            return pattern.matcher(raw).find();
        }

        /** The longest run of plain characters every match contains, lower case: lets the prefilter skip the regex. */
        @Override
        public String requiredLiteral() {
            return RegexLiteral.required(pattern);
        }
    }

    /** {@code cidr}: the value is an IP address inside the network. */
    record Cidr(byte[] network, int prefixBits) implements ValueTest {
        static Cidr parse(String text) throws SigmaException {
            int slash = text.indexOf('/');
            byte[] addr = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
            int bits;
            try {
                bits = slash < 0 ? addr == null ? 0 : addr.length * 8 : Integer.parseInt(text.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (addr == null || bits < 0 || bits > addr.length * 8) {
                throw new SigmaException("cidr", "not a network in CIDR notation: " + text);
            }
            return new Cidr(addr, bits);
        }

        @Override
        public boolean matches(String raw, String lower) {
            byte[] a = IpAddresses.parse(raw);
            if (a == null || a.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    /** {@code gt}, {@code gte}, {@code lt}, {@code lte}: numeric comparison; a non-numeric value never matches. */
    record Compare(String op, double bound) implements ValueTest {
        @Override
        public boolean matches(String raw, String lower) {
            double v;
            try {
                v = Double.parseDouble(raw.trim());
            } catch (NumberFormatException e) {
                return false;
            }
            return switch (op) {
                case "gt" -> v > bound;
                case "gte" -> v >= bound;
                case "lt" -> v < bound;
                default -> v <= bound;
            };
        }
    }

    private static String lowerLiteral(String text, boolean cased) {
        return cased ? text.toLowerCase(Locale.ROOT) : text;
    }
}
