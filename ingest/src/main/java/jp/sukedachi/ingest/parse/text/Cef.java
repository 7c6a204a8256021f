package jp.sukedachi.ingest.parse.text;

import java.util.Locale;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.Times;

/**
 * ArcSight CEF: {@code CEF:Version|Vendor|Product|Version|SignatureID|Name|Severity|Extension}.
 * Header fields escape {@code \|} and {@code \\}; extension values escape {@code \=}, {@code \\},
 * {@code \n}, {@code \r} and run until the next {@code " key="} (so they may hold spaces and
 * unescaped {@code =} inside words, as in URLs). Every extension key is kept as an original field; a
 * {@code csN}/{@code cnN} value is also kept under its {@code csNLabel}.
 */
final class Cef {
    private static final String[] HEADER_NAMES = {
        "cefVersion", "deviceVendor", "deviceProduct", "deviceVersion", "signatureId", "name", "severity"};
    private static final String[] CUSTOM = {
        "cs1", "cs2", "cs3", "cs4", "cs5", "cs6", "cn1", "cn2", "cn3", "flexString1", "flexString2",
        "deviceCustomDate1", "deviceCustomDate2", "c6a1", "c6a2", "c6a3", "c6a4"};
    private static final String[] CUSTOM_LABEL = new String[CUSTOM.length];

    static {
        for (int i = 0; i < CUSTOM.length; i++) {
            CUSTOM_LABEL[i] = CUSTOM[i] + "Label";
        }
    }

    private Cef() {
    }

    static void parse(TextParser p, String s, int msg, SecurityEvent.Builder b) throws MalformedRecordException {
        int start = s.indexOf("CEF:", msg);
        if (start < 0) {
            start = s.indexOf("CEF:");
        }
        if (start < 0) {
            throw new MalformedRecordException("no CEF header (CEF:Version|...)");
        }
        KeyValues kv = p.kv;
        String[] header = p.fields(8);
        int n = s.length();
        int i = start + 4;
        for (int f = 0; f < 7; f++) {
            int bar = unescapedBar(s, i);
            if (bar < 0) {
                throw new MalformedRecordException("CEF header has " + (f + 1) + " of 8 fields");
            }
            header[f] = s.indexOf('\\', i) >= 0 && s.indexOf('\\', i) < bar ? kv.unescape(s, i, bar) : s.substring(i, bar);
            i = bar + 1;
        }
        for (int f = 0; f < 7; f++) {
            b.original(HEADER_NAMES[f], header[f]);
        }
        Fields.observer(b, header[1], header[2]);
        b.set(Ecs.RULE_ID, header[4]);
        b.set(Ecs.EVENT_CODE, header[4]);
        b.set(Ecs.RULE_NAME, header[5]);
        b.set(Ecs.EVENT_SEVERITY, severity(header[6]));
        b.set(Ecs.EVENT_KIND, "event");
        int firstExt = kv.size();
        extension(kv, s, i, n);
        mapExtension(kv, firstExt, b);
    }

    private static int unescapedBar(String s, int i) {
        for (int n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                return i;
            }
        }
        return -1;
    }

    /** Severity 0-10, or the textual Low/Medium/High/Very-High mapped onto it. */
    private static String severity(String v) {
        if (Chars.parseLong(v) >= 0) {
            return v;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "low" -> "3";
            case "medium" -> "6";
            case "high" -> "8";
            case "very-high" -> "10";
            default -> null;
        };
    }

    private static boolean isKeyChar(char c) {
        return Chars.isKeyChar(c) || c == '[' || c == ']';
    }

    /** Scans the extension s[i, n) into kv. */
    static void extension(KeyValues kv, String s, int i, int n) {
        i = Chars.skipSpaces(s, i);
        while (i < n) {
            int eq = i;
            while (eq < n && s.charAt(eq) != '=') {
                eq++;
            }
            if (eq >= n) {
                return; // trailing text without a key
            }
            int k = eq;
            while (k > i && isKeyChar(s.charAt(k - 1))) {
                k--;
            }
            int v = eq + 1;
            int next = valueEnd(s, v, n);
            int e = next;
            while (e > v && s.charAt(e - 1) == ' ') {
                e--;
            }
            if (k < eq) {
                kv.add(kv.intern(s, k, eq), unescape(kv, s, v, e));
            }
            i = next;
        }
    }

    /** Where the value at v ends: the start of the next {@code key=} preceded by a space, or n. */
    private static int valueEnd(String s, int v, int n) {
        for (int j = v; j < n; j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '=') {
                int k = j;
                while (k > v && isKeyChar(s.charAt(k - 1))) {
                    k--;
                }
                if (k < j && k > v && s.charAt(k - 1) == ' ') {
                    return k;
                }
            }
        }
        return n;
    }

    private static String unescape(KeyValues kv, String s, int from, int to) {
        int slash = s.indexOf('\\', from);
        if (slash < 0 || slash >= to) {
            return s.substring(from, to);
        }
        StringBuilder sb = kv.scratch();
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to) {
                char e = s.charAt(++i);
                sb.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void mapExtension(KeyValues kv, int from, SecurityEvent.Builder b) {
        for (int i = from; i < kv.size(); i++) {
            String v = Fields.value(kv.value(i));
            if (v == null) {
                continue;
            }
            switch (kv.key(i)) {
                case "src" -> Fields.ip(b, Ecs.SOURCE_IP, v);
                case "dst" -> Fields.ip(b, Ecs.DESTINATION_IP, v);
                case "spt" -> Fields.port(b, Ecs.SOURCE_PORT, v);
                case "dpt" -> Fields.port(b, Ecs.DESTINATION_PORT, v);
                case "smac" -> b.set(Ecs.SOURCE_MAC, v);
                case "dmac" -> b.set(Ecs.DESTINATION_MAC, v);
                case "proto" -> {
                    String t = Chars.transport(v);
                    b.set(Ecs.NETWORK_TRANSPORT, t != null ? t : v.toLowerCase(Locale.ROOT));
                }
                case "app" -> b.set(Ecs.NETWORK_PROTOCOL, v.toLowerCase(Locale.ROOT));
                case "suser" -> b.set(Ecs.USER_NAME, v);
                case "duser" -> b.set(Fields.DESTINATION_USER_NAME, v);
                case "shost" -> b.set(Fields.SOURCE_DOMAIN, v);
                case "dhost" -> b.set(Fields.DESTINATION_DOMAIN, v);
                case "dvchost" -> b.set(Ecs.OBSERVER_HOSTNAME, v);
                case "dvc" -> Fields.ip(b, Fields.OBSERVER_IP, v);
                case "request" -> b.set(Ecs.URL_FULL, v);
                case "requestMethod" -> b.set(Ecs.HTTP_REQUEST_METHOD, v);
                case "requestClientApplication" -> b.set(Ecs.USER_AGENT_ORIGINAL, v);
                case "fname" -> b.set(Ecs.FILE_NAME, v);
                case "filePath" -> b.set(Ecs.FILE_PATH, v);
                case "fsize" -> b.set(Ecs.FILE_SIZE, v);
                case "fileHash" -> b.set(hashField(v), v);
                case "act" -> {
                    b.set(Ecs.EVENT_ACTION, v);
                    b.set(Ecs.EVENT_OUTCOME, Fields.outcome(v));
                }
                case "outcome" -> {
                    String o = Fields.outcome(v);
                    b.set(Ecs.EVENT_OUTCOME, o != null ? o : v.toLowerCase(Locale.ROOT));
                }
                case "msg" -> b.set(Ecs.MESSAGE, v);
                case "in" -> b.set(Ecs.SOURCE_BYTES, v);
                case "out" -> b.set(Ecs.DESTINATION_BYTES, v);
                case "rt", "end" -> {
                    long t = time(v);
                    if (t != Times.INVALID) {
                        b.timestamp(t);
                    }
                }
                case "cat" -> b.set(Ecs.RULE_CATEGORY, v);
                default -> {
                    // kept as an original below
                }
            }
        }
        for (int c = 0; c < CUSTOM.length; c++) {
            String label = kv.get(CUSTOM_LABEL[c]);
            String value = kv.get(CUSTOM[c]);
            if (label != null && value != null) {
                kv.add(label, value); // e.g. cs1Label=policy_name cs1=x -> policy_name=x
            }
        }
    }

    private static String hashField(String v) {
        return switch (v.length()) {
            case 32 -> Ecs.FILE_HASH_MD5;
            case 40 -> Ecs.FILE_HASH_SHA1;
            default -> Ecs.FILE_HASH_SHA256;
        };
    }

    /** CEF times: epoch millis, or {@code MMM dd yyyy HH:mm:ss} (UTC, as the zone is rarely sent). */
    static long time(String v) {
        long ms = Chars.parseLong(v);
        if (ms >= 0) {
            return v.length() >= 12 ? ms : Times.INVALID;
        }
        if (v.length() >= 20 && v.charAt(3) == ' ' && v.charAt(6) == ' ' && v.charAt(11) == ' '
                && v.charAt(14) == ':' && v.charAt(17) == ':') {
            int mon = Times.month(v, 0);
            return Times.epochMillis(Chars.digits(v, 7, 11), mon, Chars.digits(v, 4, 6), Chars.digits(v, 12, 14),
                    Chars.digits(v, 15, 17), Chars.digits(v, 18, 20), 0);
        }
        return Times.INVALID;
    }
}
