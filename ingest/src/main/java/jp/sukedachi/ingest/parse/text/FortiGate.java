package jp.sukedachi.ingest.parse.text;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.Times;

/**
 * FortiGate (FortiOS 3 to 7) key=value logs: {@code date= time= devname= logid= type= subtype= ...},
 * quoted and unquoted values mixed. FortiOS 3/4 spell some keys differently ({@code log_id},
 * {@code src}, {@code src_port}, {@code status}), so each field tries both.
 */
final class FortiGate {
    private FortiGate() {
    }

    static void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
        KeyValues kv = p.kv;
        kv.scan(s, msg, s.length());
        Fields.observer(b, "Fortinet", "FortiGate");
        b.set(Ecs.OBSERVER_HOSTNAME, kv.get("devname"));
        b.set(Fields.OBSERVER_SERIAL, kv.first("devid", "device_id"));
        String type = kv.get("type");
        String subtype = kv.get("subtype");
        if (type != null) {
            b.set(Ecs.EVENT_DATASET, subtype != null ? "fortigate." + type + "." + subtype : "fortigate." + type);
        }
        String logid = kv.first("logid", "log_id");
        b.set(Ecs.EVENT_CODE, logid);
        Fields.ip(b, Ecs.SOURCE_IP, kv.first("srcip", "src"));
        Fields.port(b, Ecs.SOURCE_PORT, kv.first("srcport", "src_port"));
        Fields.ip(b, Ecs.DESTINATION_IP, kv.first("dstip", "dst"));
        Fields.port(b, Ecs.DESTINATION_PORT, kv.first("dstport", "dst_port"));
        b.set(Ecs.SOURCE_MAC, kv.get("srcmac"));
        b.set(Ecs.NETWORK_TRANSPORT, Chars.transport(kv.get("proto")));
        b.set(Ecs.SOURCE_BYTES, kv.first("sentbyte", "sent"));
        b.set(Ecs.DESTINATION_BYTES, kv.first("rcvdbyte", "rcvd"));
        String action = kv.get("action");
        b.set(Ecs.EVENT_ACTION, action);
        String status = kv.get("status");
        String outcome = Fields.outcome(status);
        b.set(Ecs.EVENT_OUTCOME, outcome != null ? outcome : Fields.outcome(action));
        b.set(Ecs.RULE_NAME, kv.first("attack", "virus", "catdesc"));
        String attackId = kv.first("attackid", "virusid");
        b.set(Ecs.RULE_ID, attackId != null ? attackId : logid);
        String url = kv.get("url");
        String hostname = kv.get("hostname");
        b.set(Ecs.URL_DOMAIN, hostname);
        if (url != null) {
            if (url.startsWith("/") && hostname != null) {
                b.set(Ecs.URL_PATH, url);
                b.set(Ecs.URL_FULL, ("HTTPS".equalsIgnoreCase(kv.get("service")) ? "https://" : "http://") + hostname + url);
            } else {
                b.set(Ecs.URL_FULL, url);
            }
        }
        b.set(Ecs.FILE_NAME, kv.get("filename"));
        b.set(Ecs.USER_NAME, Fields.value(kv.first("user", "srcuser", "dstuser")));
        b.set(Ecs.DNS_QUESTION_NAME, kv.get("qname"));
        b.set(Ecs.DNS_QUESTION_TYPE, kv.get("qtype"));
        String text = kv.first("msg", "logdesc");
        if (text != null) {
            b.set(Ecs.MESSAGE, text);
        }
        if ("event".equals(type) && logDescIsLogin(kv.get("logdesc"), action)) {
            b.set(Ecs.EVENT_CATEGORY, Fields.AUTHENTICATION);
        } else if ("traffic".equals(type)) {
            b.set(Ecs.EVENT_CATEGORY, Fields.NETWORK);
        }
        long t = time(kv);
        if (t != Times.INVALID) {
            b.timestamp(t);
        }
    }

    private static boolean logDescIsLogin(String logdesc, String action) {
        return (logdesc != null && (logdesc.contains("login") || logdesc.contains("Login")))
                || (action != null && action.contains("login"));
    }

    /** date+time in tz if tz is given; else eventtime (s, ms, µs or ns); else date+time as UTC. */
    static long time(KeyValues kv) {
        long local = localTime(kv.get("date"), kv.get("time"));
        long offset = Times.offsetMillis(kv.get("tz"));
        if (local != Times.INVALID && offset != Times.INVALID) {
            return local - offset;
        }
        String eventtime = kv.get("eventtime");
        if (eventtime != null) {
            long t = Times.epochAnyUnit(Chars.parseLong(eventtime), eventtime.length());
            if (t != Times.INVALID) {
                return t;
            }
        }
        return local;
    }

    /** {@code yyyy-MM-dd} and {@code HH:mm:ss[.fff]} as UTC millis, or Times.INVALID. */
    static long localTime(String date, String time) {
        if (date == null || time == null || date.length() != 10 || time.length() < 8
                || time.charAt(2) != ':' || time.charAt(5) != ':') {
            return Times.INVALID;
        }
        int millis = 0;
        if (time.length() >= 10 && time.charAt(8) == '.') {
            int d = Chars.digits(time, 9, Math.min(12, time.length()));
            millis = d < 0 ? 0 : d * (time.length() == 10 ? 100 : time.length() == 11 ? 10 : 1);
        }
        return Times.epochMillis(Chars.digits(date, 0, 4), Chars.digits(date, 5, 7), Chars.digits(date, 8, 10),
                Chars.digits(time, 0, 2), Chars.digits(time, 3, 5), Chars.digits(time, 6, 8), millis);
    }
}
