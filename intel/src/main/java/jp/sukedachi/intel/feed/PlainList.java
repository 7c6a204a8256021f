package jp.sukedachi.intel.feed;

import java.util.Optional;
import jp.sukedachi.intel.Normalize;

/**
 * One indicator a line; {@code #} starts a comment (whole line, or after a blank); hosts-file lines
 * ({@code 0.0.0.0 evil.example}, {@code 127.0.0.1 evil.example}) give the name. The type is inferred
 * by {@link Normalize#infer}; a line that is none of the types is rejected.
 */
final class PlainList {
    private PlainList() {
    }

    static void read(Lines lines, Collector out) {
        String line;
        while ((line = lines.next()) != null) {
            if (lines.truncated()) {
                out.reject(lines.number(), "line longer than " + Lines.MAX_LINE, line);
                continue;
            }
            String e = entry(line);
            if (e == null) {
                continue;
            }
            Optional<Normalize.Typed> t = Normalize.infer(e);
            if (t.isEmpty()) {
                out.reject(lines.number(), "not an IP, CIDR, domain, URL, hash or e-mail address", line);
                continue;
            }
            out.emit(t.get().type(), t.get().value(), FeedImporter.DEFAULT_CONFIDENCE, null, null, null, null,
                    out.ctx.expiry(null), null);
        }
    }

    /** The entry of a list line without comment and hosts-file address, or null for a blank or comment line. */
    static String entry(String line) {
        String l = line.strip();
        if (l.isEmpty() || l.charAt(0) == '#' || l.startsWith("//") || l.charAt(0) == ';') {
            return null;
        }
        for (int i = 1; i < l.length(); i++) {
            if (l.charAt(i) == '#' && (l.charAt(i - 1) == ' ' || l.charAt(i - 1) == '\t')) {
                l = l.substring(0, i).strip();
                break;
            }
        }
        int blank = indexOfBlank(l);
        if (blank > 0) {
            String first = l.substring(0, blank);
            if (first.equals("0.0.0.0") || first.equals("127.0.0.1") || first.equals("::") || first.equals("::1")) {
                l = l.substring(blank).strip();
                if (l.equals("localhost") || l.startsWith("localhost ")) {
                    return null;
                }
            }
        }
        return l.isEmpty() ? null : l;
    }

    private static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
