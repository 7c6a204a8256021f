package jp.sukedachi.intel.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line as abuse.ch writes them: fields separated by {@code ,} with optional blanks
 * around it (ThreatFox and MalwareBazaar write {@code ", "}), each field either bare (trimmed) or in
 * double quotes with {@code ""} for a quote inside. Quoted fields cannot span lines (abuse.ch never
 * does that; {@link Lines} has already taken off the CR LF). Anything else is an
 * {@link IllegalArgumentException} with a short reason.
 *
 * <p>Not ingest's {@code parse.text.Csv}, on purpose: a feed row with broken quoting must be refused and
 * counted as rejected, and blanks around a field are trimmed; a firewall log line must always give its
 * fields (no exception, spaces kept, into the parser's reused array). Intel also depends on event only.
 */
public final class Csv {
    private Csv() {
    }

    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        StringBuilder field = new StringBuilder();
        while (true) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quote");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < n && isBlank(line.charAt(i))) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after closing quote at column " + (i + 1));
                }
                out.add(field.toString());
            } else {
                int start = i;
                while (i < n && line.charAt(i) != ',') {
                    if (line.charAt(i) == '"') {
                        throw new IllegalArgumentException("quote inside unquoted field at column " + (i + 1));
                    }
                    i++;
                }
                out.add(line.substring(start, i).strip());
            }
            if (i >= n) {
                return out;
            }
            i++; // the comma
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
