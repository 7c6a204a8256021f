package jp.sukedachi.ingest.parse.text;

/**
 * Comma-separated fields with optional double quotes ({@code ""} inside quotes is a quote), for the CSV
 * firewall logs (PAN-OS, Sophos, pfSense …): one syslog line, never an exception, spaces kept. Intel's
 * {@code feed.Csv} is the strict one (a malformed feed row is refused).
 */
final class Csv {
    private Csv() {
    }

    /** Splits s[from, n) into out (growing it through the parser); returns the field count. */
    static int split(TextParser p, String s, int from) {
        String[] out = p.fields(16);
        int n = s.length();
        int count = 0;
        int i = from;
        while (true) {
            if (count == out.length) {
                out = p.fields(out.length * 2);
                // fields(..) replaced the array; copy what we had
            }
            String value;
            if (i < n && s.charAt(i) == '"') {
                int start = i + 1;
                int j = start;
                boolean doubled = false;
                while (j < n) {
                    if (s.charAt(j) == '"') {
                        if (j + 1 < n && s.charAt(j + 1) == '"') {
                            doubled = true;
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                value = doubled ? s.substring(start, j).replace("\"\"", "\"") : s.substring(start, Math.min(j, n));
                i = j + 1;
                while (i < n && s.charAt(i) != ',') {
                    i++; // text after the closing quote belongs to no field
                }
            } else {
                int j = i;
                while (j < n && s.charAt(j) != ',') {
                    j++;
                }
                value = s.substring(Math.min(i, n), j);
                i = j;
            }
            out[count++] = value;
            if (i >= n) {
                return count;
            }
            i++; // the comma
        }
    }
}
