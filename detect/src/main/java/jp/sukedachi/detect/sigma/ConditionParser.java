package jp.sukedachi.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sigma condition expressions, by recursive descent: {@code or} binds loosest, then {@code and}, then
 * {@code not}; parentheses; {@code 1 of X}, {@code any of X}, {@code all of X} where X is a search identifier,
 * a pattern with {@code *}, or {@code them} (every identifier not starting with an underscore).
 */
final class ConditionParser {
    private final String text;
    private final Map<String, Expr> searches;
    private final List<String> tokens = new ArrayList<>();
    private int pos;

    ConditionParser(String text, Map<String, Expr> searches) {
        this.text = text;
        this.searches = searches;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == ')' || Character.isWhitespace(c)) {
                if (!cur.isEmpty()) {
                    tokens.add(cur.toString());
                    cur.setLength(0);
                }
                if (!Character.isWhitespace(c)) {
                    tokens.add(String.valueOf(c));
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            tokens.add(cur.toString());
        }
    }

    Expr parse() throws SigmaException {
        if (tokens.contains("|")) {
            throw fail("aggregation after | (Sigma 1 count()/near) is not supported; write a correlation rule");
        }
        Expr e = or();
        if (pos != tokens.size()) {
            throw fail("unexpected '" + tokens.get(pos) + "'");
        }
        return e;
    }

    private Expr or() throws SigmaException {
        List<Expr> items = new ArrayList<>();
        items.add(and());
        while (is("or")) {
            pos++;
            items.add(and());
        }
        return items.size() == 1 ? items.getFirst() : new Expr.Or(items);
    }

    private Expr and() throws SigmaException {
        List<Expr> items = new ArrayList<>();
        items.add(not());
        while (is("and")) {
            pos++;
            items.add(not());
        }
        return items.size() == 1 ? items.getFirst() : new Expr.And(items);
    }

    private Expr not() throws SigmaException {
        if (is("not")) {
            pos++;
            return new Expr.Not(not());
        }
        return primary();
    }

    private Expr primary() throws SigmaException {
        if (pos >= tokens.size()) {
            throw fail("ends too early");
        }
        String t = tokens.get(pos++);
        if (t.equals("(")) {
            Expr e = or();
            if (!is(")")) {
                throw fail("missing )");
            }
            pos++;
            return e;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if ((lower.equals("1") || lower.equals("any") || lower.equals("all")) && is("of")) {
            pos++;
            if (pos >= tokens.size()) {
                throw fail("'of' needs a search identifier, a pattern or them");
            }
            String target = tokens.get(pos++);
            List<Expr> matched = new ArrayList<>();
            boolean them = target.equalsIgnoreCase("them");
            for (Map.Entry<String, Expr> s : searches.entrySet()) {
                if (them ? !s.getKey().startsWith("_") : glob(target, s.getKey())) {
                    matched.add(s.getValue());
                }
            }
            if (matched.isEmpty()) {
                throw fail("no search identifier matches " + target);
            }
            if (matched.size() == 1) {
                return matched.getFirst();
            }
            return lower.equals("all") ? new Expr.And(matched) : new Expr.Or(matched);
        }
        if (List.of("and", "or", "not", ")", "of").contains(lower)) {
            throw fail("unexpected '" + t + "'");
        }
        Expr s = searches.get(t);
        if (s == null) {
            throw fail("unknown search identifier " + t);
        }
        return s;
    }

    private boolean is(String word) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word);
    }

    private SigmaException fail(String why) {
        return new SigmaException("condition", "condition '" + text + "': " + why);
    }

    /** Identifier patterns use only {@code *}. */
    static boolean glob(String pattern, String name) {
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(name);
        }
        return name.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }
}
