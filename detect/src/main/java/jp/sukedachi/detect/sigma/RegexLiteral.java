package jp.sukedachi.detect.sigma;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A literal that every match of a regular expression contains, found by a deliberately small reading of the
 * pattern: the longest run of plain ASCII characters at the top level (outside groups, classes and optional
 * parts). Anything it does not fully understand gives no literal (the rule then runs its regex on every event
 * of its log source, as before), never a wrong one: a wrong literal would silently drop matches. Top-level
 * alternation, {@code \Q}, numeric and property escapes, back references and the comments or Unicode-class
 * flags all give up.
 */
final class RegexLiteral {
    /** Shorter runs select too little to be worth a prefilter entry. */
    static final int MIN_LENGTH = 3;

    private RegexLiteral() {
    }

    /** The required literal in lower case, or null. */
    static String required(Pattern pattern) {
        int flags = pattern.flags();
        if ((flags & ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE | Pattern.DOTALL)) != 0) {
            return null;
        }
        // Under Unicode case folding 'ſ' matches s, 'K' (Kelvin) k and 'ı' i, yet lower-casing the value keeps them
        // apart from the literal: those letters cannot be part of a required run.
        boolean unicodeCase = (flags & Pattern.UNICODE_CASE) != 0 && (flags & Pattern.CASE_INSENSITIVE) != 0;
        String re = pattern.pattern();
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        int n = re.length();
        while (i < n) {
            char c = re.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= n) {
                        return null;
                    }
                    char e = re.charAt(i + 1);
                    if (Character.isLetterOrDigit(e)) {
                        if ("sSdDwWbBtnrfaehHvVRXzZAG".indexOf(e) < 0) {
                            return null;
                        }
                        best = longer(best, run);
                    } else if (e < 128) {
                        run.append(e);
                    } else {
                        best = longer(best, run);
                    }
                    i += 2;
                    continue;
                }
                case '(' -> {
                    if (re.startsWith("(?", i) && inlineFlagsUnsafe(re, i + 2)) {
                        return null;
                    }
                    best = longer(best, run);
                    i = skipNested(re, i, '(', ')');
                    if (i < 0) {
                        return null;
                    }
                    continue;
                }
                case '[' -> {
                    best = longer(best, run);
                    i = skipNested(re, i, '[', ']');
                    if (i < 0) {
                        return null;
                    }
                    continue;
                }
                case '|', ')' -> {
                    return null;
                }
                case '*', '?', '{' -> {
                    // The character before is optional (or counted): drop it from the run.
                    if (!run.isEmpty()) {
                        run.setLength(run.length() - 1);
                    }
                    best = longer(best, run);
                    if (c == '{') {
                        int close = re.indexOf('}', i);
                        if (close < 0) {
                            return null;
                        }
                        i = close + 1;
                    } else {
                        i++;
                    }
                    continue;
                }
                case '+' -> {
                    // The character before is there at least once; what follows may come after repeats of it.
                    best = longer(best, run);
                    i++;
                    continue;
                }
                case '.', '^', '$' -> {
                    best = longer(best, run);
                    i++;
                    continue;
                }
                default -> {
                    boolean folds = unicodeCase && "iksIKS".indexOf(c) >= 0;
                    if (c < 128 && !folds) {
                        run.append(c);
                    } else {
                        best = longer(best, run);
                    }
                    i++;
                }
            }
        }
        best = longer(best, run);
        return best.length() < MIN_LENGTH ? null : best.toLowerCase(Locale.ROOT);
    }

    /** Ends the current run: the longer of it and the best so far. */
    private static String longer(String best, StringBuilder run) {
        String r = run.toString();
        run.setLength(0);
        return r.length() > best.length() ? r : best;
    }

    /** Inline flags that change what a plain character means (comments mode, Unicode case or classes). */
    private static boolean inlineFlagsUnsafe(String re, int from) {
        for (int i = from; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == 'x' || c == 'u' || c == 'U') {
                return true;
            }
            if (!Character.isLetter(c) && c != '-') {
                return false;
            }
        }
        return false;
    }

    /**
     * The index after the group ({@code open} '(') or character class ('[') opening at {@code i}, nested ones and
     * escapes included, or -1 when unbalanced. Classes inside a group are skipped whole: a parenthesis in a class
     * is a plain character.
     */
    private static int skipNested(String re, int i, char open, char close) {
        if (open == '[') {
            int first = re.startsWith("[^", i) ? i + 2 : i + 1;
            if (first < re.length() && re.charAt(first) == ']') {
                return -1; // a leading ']' is a plain character to some engines: not worth the doubt
            }
        }
        int depth = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[' && open == '(') {
                i = skipNested(re, i, '[', ']');
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return -1;
    }
}
