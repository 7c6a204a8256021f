package jp.sukedachi.intel.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the subset of STIX 2.1 patterning that carries plain indicators:
 * observations in {@code [...]} joined by {@code AND} / {@code OR}, parentheses at both levels, and
 * comparisons {@code object-type:property.path = 'string'} (with {@code \'} and {@code \\} escapes,
 * quoted path steps such as {@code hashes.'SHA-256'} and list steps {@code [*]} / {@code [0]}).
 *
 * <p>{@link #parse} returns every equality comparison in the pattern, flattened. OR gives one
 * indicator each; AND is taken the same way, i.e. the importer keeps the indicator-bearing comparisons
 * and drops the constraints beside them ({@code file:hashes.MD5 = 'x' AND file:name = 'a.exe'} becomes
 * the MD5 alone: a broader, still precise match). Everything else—{@code !=}, {@code <}, {@code >},
 * {@code IN}, {@code LIKE}, {@code MATCHES}, {@code ISSUBSET}, {@code ISSUPERSET}, {@code NOT},
 * {@code FOLLOWEDBY} and the qualifiers {@code WITHIN}, {@code REPEATS}, {@code START}/{@code STOP}—is an
 * {@link IllegalArgumentException} saying what is unsupported, as is any syntax error.
 */
public final class StixPattern {
    /** One {@code objectType:path = value}; path without quotes, e.g. {@code hashes.SHA-256}. */
    public record Comparison(String objectType, String path, String value) {
    }

    private static final int MAX_DEPTH = 100;
    private static final int MAX_LENGTH = 1 << 20;

    private final String s;
    private int pos;
    private int depth;
    private final List<Comparison> out = new ArrayList<>();

    private StixPattern(String s) {
        this.s = s;
    }

    public static List<Comparison> parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("empty pattern");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("pattern longer than " + MAX_LENGTH);
        }
        StixPattern p = new StixPattern(pattern);
        p.observationOr();
        p.skipWs();
        if (p.pos < p.s.length()) {
            throw p.error("unexpected '" + p.s.charAt(p.pos) + "'");
        }
        return List.copyOf(p.out);
    }

    // observationOr := observationAnd ('OR' observationAnd)*
    private void observationOr() {
        observationAnd();
        while (keyword("OR")) {
            observationAnd();
        }
    }

    // observationAnd := observation ('AND' observation)*
    private void observationAnd() {
        observation();
        while (true) {
            if (keyword("AND")) {
                observation();
            } else if (peekKeyword("FOLLOWEDBY")) {
                throw new IllegalArgumentException("unsupported: FOLLOWEDBY");
            } else {
                return;
            }
        }
    }

    private void observation() {
        skipWs();
        if (eat('[')) {
            enter();
            comparisonOr();
            expect(']');
            depth--;
        } else if (eat('(')) {
            enter();
            observationOr();
            expect(')');
            depth--;
        } else {
            throw error(pos < s.length() ? "expected [ or (" : "unexpected end");
        }
        qualifiers();
    }

    private void qualifiers() {
        for (String q : new String[] {"WITHIN", "REPEATS", "START", "STOP"}) {
            if (peekKeyword(q)) {
                throw new IllegalArgumentException("unsupported qualifier: " + q);
            }
        }
    }

    private void comparisonOr() {
        comparisonAnd();
        while (keyword("OR")) {
            comparisonAnd();
        }
    }

    private void comparisonAnd() {
        comparisonAtom();
        while (keyword("AND")) {
            comparisonAtom();
        }
    }

    private void comparisonAtom() {
        skipWs();
        if (eat('(')) {
            enter();
            comparisonOr();
            expect(')');
            depth--;
        } else {
            comparison();
        }
    }

    private void comparison() {
        String type = objectType();
        expect(':');
        String path = propertyPath();
        skipWs();
        if (peekKeyword("NOT")) {
            throw new IllegalArgumentException("unsupported: NOT");
        }
        String op = operator();
        if (!op.equals("=")) {
            throw new IllegalArgumentException("unsupported operator: " + op);
        }
        String value = literal();
        out.add(new Comparison(type, path, value));
    }

    private String objectType() {
        skipWs();
        int start = pos;
        while (pos < s.length() && isIdent(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("expected object type");
        }
        return s.substring(start, pos);
    }

    private String propertyPath() {
        StringBuilder sb = new StringBuilder();
        step(sb);
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '.') {
                pos++;
                sb.append('.');
                step(sb);
            } else if (c == '[') {
                pos++;
                int start = pos;
                if (eat('*')) {
                    sb.append("[*]");
                } else {
                    while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 0x80) {
                        pos++;
                    }
                    if (pos == start || pos - start > 9) {
                        throw error("expected list index");
                    }
                    sb.append('[').append(s, start, pos).append(']');
                }
                if (!eat(']')) {
                    throw error("expected ]");
                }
            } else {
                break;
            }
        }
        return sb.toString();
    }

    private void step(StringBuilder sb) {
        if (pos < s.length() && s.charAt(pos) == '\'') {
            sb.append(quoted());
            return;
        }
        int start = pos;
        while (pos < s.length() && isIdent(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("expected property name");
        }
        sb.append(s, start, pos);
    }

    private String operator() {
        skipWs();
        if (pos >= s.length()) {
            throw error("expected operator");
        }
        char c = s.charAt(pos);
        if (c == '=') {
            pos++;
            return "=";
        }
        if (c == '!' && s.startsWith("!=", pos)) {
            pos += 2;
            return "!=";
        }
        if (c == '<' || c == '>') {
            pos++;
            if (eat('=')) {
                return c + "=";
            }
            return String.valueOf(c);
        }
        for (String k : new String[] {"IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"}) {
            if (peekKeyword(k)) {
                return k;
            }
        }
        throw error("expected operator");
    }

    private String literal() {
        skipWs();
        if (pos >= s.length()) {
            throw error("expected value");
        }
        char c = s.charAt(pos);
        if (c == '\'') {
            return quoted();
        }
        if ((c == 'h' || c == 'b' || c == 't') && pos + 1 < s.length() && s.charAt(pos + 1) == '\'') {
            pos++;
            return quoted();
        }
        int start = pos;
        while (pos < s.length() && (isIdent(s.charAt(pos)) || s.charAt(pos) == '.' || s.charAt(pos) == '+')) {
            pos++;
        }
        if (pos == start) {
            throw error("expected value");
        }
        String v = s.substring(start, pos);
        if (!v.equals("true") && !v.equals("false") && !isNumber(v)) {
            throw error("expected value");
        }
        return v;
    }

    private static boolean isNumber(String v) {
        int i = v.charAt(0) == '-' || v.charAt(0) == '+' ? 1 : 0;
        if (i >= v.length()) {
            return false;
        }
        boolean dot = false;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private String quoted() {
        int open = pos;
        pos++; // the quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                pos = open;
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '\'') {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    pos = open;
                    throw error("unterminated string");
                }
                char e = s.charAt(pos++);
                if (e != '\'' && e != '\\') {
                    pos -= 2;
                    throw error("bad escape \\" + e);
                }
                sb.append(e);
            } else {
                sb.append(c);
            }
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new IllegalArgumentException("pattern nested deeper than " + MAX_DEPTH);
        }
    }

    private static boolean isIdent(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private void skipWs() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(char c) {
        skipWs();
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!eat(c)) {
            throw error(pos < s.length() ? "expected '" + c + "'" : "unexpected end, expected '" + c + "'");
        }
    }

    private boolean peekKeyword(String k) {
        skipWs();
        int end = pos + k.length();
        return s.startsWith(k, pos) && (end == s.length() || !isIdent(s.charAt(end)));
    }

    private boolean keyword(String k) {
        if (peekKeyword(k)) {
            pos += k.length();
            return true;
        }
        return false;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("pattern syntax: " + what + " at " + (pos + 1));
    }
}
