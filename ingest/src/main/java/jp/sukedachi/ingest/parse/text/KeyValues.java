package jp.sukedachi.ingest.parse.text;

import java.util.Arrays;

/**
 * The key/value pairs of one record, reused across records of a stream. Keys come from a small
 * per-parser intern table so the same key text does not allocate a new String per record.
 */
final class KeyValues {
    private static final int CACHE_SIZE = 1024; // power of two; vendors use a few hundred distinct keys

    private String[] keys = new String[64];
    private String[] values = new String[64];
    private int size;
    private final String[] cache = new String[CACHE_SIZE];
    private StringBuilder unescape;

    void clear() {
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    int size() {
        return size;
    }

    String key(int i) {
        return keys[i];
    }

    String value(int i) {
        return values[i];
    }

    void add(String key, String value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size++] = value;
    }

    /** The first value under key, or null (empty values count as absent). */
    String get(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                String v = values[i];
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** The first non-empty value under any of the keys. */
    String first(String k1, String k2) {
        String v = get(k1);
        return v != null ? v : get(k2);
    }

    String first(String k1, String k2, String k3) {
        String v = first(k1, k2);
        return v != null ? v : get(k3);
    }

    /** s[from, to) as a String, shared with earlier records that had the same key text. */
    String intern(String s, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > 64) {
            return s.substring(from, to);
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        int slot = (h ^ (h >>> 16)) & (CACHE_SIZE - 1);
        String known = cache[slot];
        if (known != null && known.length() == len && known.regionMatches(0, s, from, len)) {
            return known;
        }
        String key = s.substring(from, to);
        cache[slot] = key; // a collision simply replaces the older key
        return key;
    }

    /**
     * Scans {@code key=value} and {@code key="quoted value"} pairs in s[from, to). Words without
     * {@code =} (iptables flags such as {@code DF}, free text) are skipped; a key is the run of key
     * characters right before {@code =}, so {@code DROP(src wan)IN=eth0} yields {@code IN}.
     */
    void scan(String s, int from, int to) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            // find '=' or the end of this word
            int j = i;
            while (j < to && s.charAt(j) != '=' && s.charAt(j) != ' ' && s.charAt(j) != '\t') {
                j++;
            }
            if (j >= to || s.charAt(j) != '=') {
                i = j;
                continue;
            }
            int k = j;
            while (k > i && Chars.isKeyChar(s.charAt(k - 1))) {
                k--;
            }
            int v = j + 1;
            String value;
            int next;
            if (v < to && s.charAt(v) == '"') {
                int end = v + 1;
                boolean escaped = false;
                while (end < to && s.charAt(end) != '"') {
                    if (s.charAt(end) == '\\' && end + 1 < to) {
                        escaped = true;
                        end++;
                    }
                    end++;
                }
                value = escaped ? unescape(s, v + 1, Math.min(end, to)) : s.substring(v + 1, Math.min(end, to));
                next = end + 1;
            } else {
                int end = v;
                while (end < to && s.charAt(end) != ' ' && s.charAt(end) != '\t') {
                    end++;
                }
                value = s.substring(v, end);
                next = end;
            }
            if (k < j) {
                add(intern(s, k, j), value);
            }
            i = next;
        }
    }

    /** Removes backslash escapes (the next character is taken literally). */
    String unescape(String s, int from, int to) {
        StringBuilder sb = unescape == null ? (unescape = new StringBuilder(64)) : unescape;
        sb.setLength(0);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    StringBuilder scratch() {
        StringBuilder sb = unescape == null ? (unescape = new StringBuilder(64)) : unescape;
        sb.setLength(0);
        return sb;
    }
}
