package jp.sukedachi.ingest.parse.text;

import java.util.Locale;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.Times;

/**
 * Palo Alto Networks PAN-OS CSV syslog: {@code FUTURE_USE,receive time,serial,TYPE,subtype,...}
 * where the columns after the type depend on it (TRAFFIC and THREAT share the first 31). Lines may be
 * truncated (anonymised samples end after the type), so every column is optional.
 */
final class PaloAlto {
    /** TRAFFIC and THREAT columns 0-30 (PAN-OS syslog field names; null = FUTURE_USE). */
    private static final String[] SESSION = {
        null, "receive_time", "serial", "type", "subtype", null, "time_generated", "src", "dst", "natsrc",
        "natdst", "rule", "srcuser", "dstuser", "app", "vsys", "from", "to", "inbound_if", "outbound_if",
        "logset", null, "sessionid", "repeatcnt", "sport", "dport", "natsport", "natdport", "flags", "proto",
        "action"};
    private static final String[] TRAFFIC = {"bytes", "bytes_sent", "bytes_received", "packets", "start",
        "elapsed", "category"};
    private static final String[] THREAT = {"misc", "threatid", "category", "severity", "direction"};
    private static final String[] SYSTEM = {
        null, "receive_time", "serial", "type", "subtype", null, "time_generated", "vsys", "eventid", "object",
        null, null, "module", "severity", "opaque"};
    private static final String[] CONFIG = {
        null, "receive_time", "serial", "type", "subtype", null, "time_generated", "host", "vsys", "cmd", "admin",
        "client", "result", "path"};
    private static final String[] GENERIC = {null, "receive_time", "serial", "type", "subtype", null,
        "time_generated"};

    private PaloAlto() {
    }

    /** {@code d,yyyy/MM/dd HH:mm:ss,serial,TYPE,} at the line's first comma. */
    static boolean sniff(String s) {
        int c = s.indexOf(',');
        return c >= 1 && typeEnd(s, c) > 0;
    }

    /** The end of the TYPE column if the first comma at c starts a PAN-OS record, else -1. */
    private static int typeEnd(String s, int c) {
        int n = s.length();
        if (c + 21 > n || !Chars.isDigit(s.charAt(c - 1)) || s.charAt(c + 5) != '/' || s.charAt(c + 8) != '/'
                || s.charAt(c + 11) != ' ' || s.charAt(c + 14) != ':' || s.charAt(c + 20) != ',') {
            return -1;
        }
        int serialEnd = s.indexOf(',', c + 21);
        if (serialEnd < 0) {
            return -1;
        }
        int e = serialEnd + 1;
        while (e < n && (s.charAt(e) >= 'A' && s.charAt(e) <= 'Z' || s.charAt(e) == '_')) {
            e++;
        }
        return e > serialEnd + 1 && (e == n || s.charAt(e) == ',') ? e : -1;
    }

    static void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
        Fields.observer(b, "Palo Alto Networks", "PAN-OS");
        int c = s.indexOf(',', msg);
        if (c < 1 || typeEnd(s, c) < 0) {
            return;
        }
        int start = c - 1;
        while (start > msg && Chars.isDigit(s.charAt(start - 1))) {
            start--;
        }
        int count = Csv.split(p, s, start);
        String[] f = p.fields;
        String type = f[3];
        String[] names;
        String[] tail = null;
        switch (type) {
            case "TRAFFIC" -> {
                names = SESSION;
                tail = TRAFFIC;
            }
            case "THREAT" -> {
                names = SESSION;
                tail = THREAT;
            }
            case "SYSTEM" -> names = SYSTEM;
            case "CONFIG" -> names = CONFIG;
            default -> names = GENERIC;
        }
        KeyValues kv = p.kv;
        for (int i = 0; i < count; i++) {
            String name = i < names.length ? names[i]
                    : tail != null && i - names.length < tail.length ? tail[i - names.length] : null;
            if (name != null && !f[i].isEmpty()) {
                kv.add(name, f[i]);
            }
        }
        b.set(Ecs.EVENT_DATASET, "panw.panos." + type.toLowerCase(Locale.ROOT));
        b.set(Fields.OBSERVER_SERIAL, kv.get("serial"));
        b.set(Ecs.EVENT_SEVERITY, kv.get("severity"));
        long t = time(kv.get("time_generated"));
        if (t != Times.INVALID) {
            b.timestamp(t); // device local time; PAN-OS sends no zone, taken as UTC
        }
        if (names == SESSION) {
            Fields.ip(b, Ecs.SOURCE_IP, kv.get("src"));
            Fields.ip(b, Ecs.DESTINATION_IP, kv.get("dst"));
            Fields.port(b, Ecs.SOURCE_PORT, kv.get("sport"));
            Fields.port(b, Ecs.DESTINATION_PORT, kv.get("dport"));
            b.set(Ecs.NETWORK_TRANSPORT, Chars.transport(kv.get("proto")));
            b.set(Ecs.NETWORK_PROTOCOL, Fields.value(kv.get("app")));
            b.set(Ecs.RULE_NAME, kv.get("rule"));
            b.set(Ecs.USER_NAME, kv.get("srcuser"));
            String action = kv.get("action");
            b.set(Ecs.EVENT_ACTION, action);
            b.set(Ecs.EVENT_OUTCOME, Fields.outcome(action));
            b.set(Ecs.SOURCE_BYTES, kv.get("bytes_sent"));
            b.set(Ecs.DESTINATION_BYTES, kv.get("bytes_received"));
            b.set(Ecs.EVENT_CATEGORY, Fields.NETWORK);
            if ("THREAT".equals(type)) {
                threat(kv, b);
            }
        } else if (names == SYSTEM) {
            b.set(Ecs.EVENT_CODE, kv.get("eventid"));
            b.set(Ecs.MESSAGE, kv.get("opaque"));
        } else if (names == CONFIG) {
            b.set(Ecs.USER_NAME, kv.get("admin"));
            b.set(Ecs.EVENT_ACTION, kv.get("cmd"));
            b.set(Ecs.EVENT_OUTCOME, Fields.outcome(kv.get("result")));
        }
    }

    /** THREAT: {@code threatid} is {@code Name(id)}; {@code misc} is the URL or file name. */
    private static void threat(KeyValues kv, SecurityEvent.Builder b) {
        String threat = kv.get("threatid");
        if (threat != null) {
            int open = threat.lastIndexOf('(');
            if (open > 0 && threat.endsWith(")")) {
                b.set(Ecs.RULE_NAME, threat.substring(0, open).trim());
                b.set(Ecs.RULE_ID, threat.substring(open + 1, threat.length() - 1));
            } else {
                b.set(Ecs.RULE_NAME, threat);
            }
        }
        b.set(Ecs.RULE_CATEGORY, kv.get("category"));
        String misc = kv.get("misc");
        if (misc != null) {
            if ("file".equals(kv.get("subtype")) || "virus".equals(kv.get("subtype"))) {
                b.set(Ecs.FILE_NAME, misc);
            } else {
                b.set(Ecs.URL_FULL, misc);
            }
        }
    }

    /** {@code yyyy/MM/dd HH:mm:ss}, or Times.INVALID. */
    private static long time(String v) {
        if (v == null || v.length() != 19) {
            return Times.INVALID;
        }
        return Times.epochMillis(Chars.digits(v, 0, 4), Chars.digits(v, 5, 7), Chars.digits(v, 8, 10),
                Chars.digits(v, 11, 13), Chars.digits(v, 14, 16), Chars.digits(v, 17, 19), 0);
    }
}
