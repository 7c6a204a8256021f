package jp.sukedachi.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Sigma string value after the specification's escaping: literal text with {@code *} (any run) and
 * {@code ?} (one character) wildcards. A backslash escapes {@code *}, {@code ?} and itself; before any
 * other character it is a plain backslash ({@code C:\Windows} stays as written). Immutable.
 *
 * @param parts literal {@link String}s and {@link Wild} markers, never two literals in a row
 */
record SigmaPattern(List<Object> parts) {
    /** A wildcard position. */
    enum Wild { STAR, ONE }

    static SigmaPattern parse(String s) {
        Builder b = new Builder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && isSpecial(s.charAt(i + 1))) {
                b.lit(s.charAt(++i));
            } else if (c == '*') {
                b.wild(Wild.STAR);
            } else if (c == '?') {
                b.wild(Wild.ONE);
            } else {
                b.lit(c);
            }
        }
        return b.build();
    }

    /** Text taken literally (results of base64 encoding, field references). */
    static SigmaPattern literal(String s) {
        Builder b = new Builder();
        b.lit(s);
        return b.build();
    }

    private static boolean isSpecial(char c) {
        return c == '*' || c == '?' || c == '\\';
    }

    boolean hasWildcards() {
        for (Object p : parts) {
            if (p instanceof Wild) {
                return true;
            }
        }
        return false;
    }

    /** The text with wildcards dropped; for byte encodings, which apply to plain values. */
    String plainText() {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                sb.append(s);
            }
        }
        return sb.toString();
    }

    SigmaPattern withLeadingStar() {
        if (!parts.isEmpty() && parts.getFirst() == Wild.STAR) {
            return this;
        }
        List<Object> l = new ArrayList<>(parts.size() + 1);
        l.add(Wild.STAR);
        l.addAll(parts);
        return new SigmaPattern(List.copyOf(l));
    }

    SigmaPattern withTrailingStar() {
        if (!parts.isEmpty() && parts.getLast() == Wild.STAR) {
            return this;
        }
        List<Object> l = new ArrayList<>(parts);
        l.add(Wild.STAR);
        return new SigmaPattern(List.copyOf(l));
    }

    /** {@code %name%} placeholders (the {@code expand} modifier) become {@code *}: no values are configured for them. */
    SigmaPattern placeholdersAsWildcards() {
        Builder b = new Builder();
        for (Object p : parts) {
            if (p instanceof String s) {
                int i = 0;
                while (i < s.length()) {
                    int open = s.indexOf('%', i);
                    int close = open < 0 ? -1 : s.indexOf('%', open + 1);
                    if (close < 0) {
                        b.lit(s.substring(i));
                        break;
                    }
                    b.lit(s.substring(i, open));
                    b.wild(Wild.STAR);
                    i = close + 1;
                }
            } else {
                b.wild((Wild) p);
            }
        }
        return b.build();
    }

    /**
     * The {@code windash} variants: every {@code -} or {@code /} that starts an option (no word character
     * before it, a word character after it) in each of its forms: - / – — ―. As pySigma does.
     */
    List<SigmaPattern> windashVariants() {
        String flat = flatten();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            if ((c == '-' || c == '/') && (i == 0 || !isWord(flat.charAt(i - 1)))
                    && i + 1 < flat.length() && isWord(flat.charAt(i + 1))) {
                positions.add(i);
            }
        }
        List<SigmaPattern> out = new ArrayList<>();
        if (positions.isEmpty()) {
            out.add(this);
            return out;
        }
        char[] dashes = {'-', '/', '\u2013', '\u2014', '\u2015'};
        int variants = 1;
        for (int i = 0; i < positions.size() && variants < 4096; i++) {
            variants *= dashes.length;
        }
        for (int v = 0; v < variants; v++) {
            char[] chars = flat.toCharArray();
            int rest = v;
            for (int p : positions) {
                chars[p] = dashes[rest % dashes.length];
                rest /= dashes.length;
            }
            out.add(unflatten(new String(chars)));
        }
        return out;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    // Wildcards as private-use characters, so text operations see one string.
    private static final char STAR_MARK = '\uE000';
    private static final char ONE_MARK = '\uE001';

    private String flatten() {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                sb.append(s);
            } else {
                sb.append(p == Wild.STAR ? STAR_MARK : ONE_MARK);
            }
        }
        return sb.toString();
    }

    private static SigmaPattern unflatten(String flat) {
        Builder b = new Builder();
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            if (c == STAR_MARK) {
                b.wild(Wild.STAR);
            } else if (c == ONE_MARK) {
                b.wild(Wild.ONE);
            } else {
                b.lit(c);
            }
        }
        return b.build();
    }

    SigmaPattern lowerCase() {
        List<Object> l = new ArrayList<>(parts.size());
        for (Object p : parts) {
            l.add(p instanceof String s ? s.toLowerCase(Locale.ROOT) : p);
        }
        return new SigmaPattern(List.copyOf(l));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (isSpecial(c)) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            } else {
                sb.append(p == Wild.STAR ? '*' : '?');
            }
        }
        return sb.toString();
    }

    private static final class Builder {
        private final List<Object> parts = new ArrayList<>();
        private final StringBuilder lit = new StringBuilder();

        void lit(char c) {
            lit.append(c);
        }

        void lit(String s) {
            lit.append(s);
        }

        void wild(Wild w) {
            flush();
            if (w == Wild.STAR && !parts.isEmpty() && parts.getLast() == Wild.STAR) {
                return; // ** is *
            }
            parts.add(w);
        }

        private void flush() {
            if (!lit.isEmpty()) {
                parts.add(lit.toString());
                lit.setLength(0);
            }
        }

        SigmaPattern build() {
            flush();
            return new SigmaPattern(List.copyOf(parts));
        }
    }
}
