package jp.sukedachi.ingest.parse.windows;

/** Cheap checks for {@code LogFormat.sniff}: no parsing, a few scans of the record. */
final class Sniff {
    private Sniff() {
    }

    /** Whether the first non-blank character opens a JSON object. */
    static boolean startsObject(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '{') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\uFEFF') {
                return false;
            }
        }
        return false;
    }

    /** Whether {@code "key"} occurs followed by optional blanks, a colon, optional blanks and {@code open}. */
    static boolean keyOpens(String s, String quotedKey, char open) {
        int from = 0;
        while (true) {
            int i = s.indexOf(quotedKey, from);
            if (i < 0) {
                return false;
            }
            int j = skipBlanks(s, i + quotedKey.length());
            if (j < s.length() && s.charAt(j) == ':') {
                j = skipBlanks(s, j + 1);
                if (j < s.length() && s.charAt(j) == open) {
                    return true;
                }
            }
            from = i + 1;
        }
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
            i++;
        }
        return i;
    }
}
