package jp.sukedachi.simulate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writers of single records in each wire format, shaped like what the real products emit (field names,
 * time formats, nesting), so that the product's parsers see nothing they would not see from a customer.
 */
final class Records {
    /** Offices are in Japan; devices log local time with the offset, as they are usually configured. */
    static final ZoneOffset JST = ZoneOffset.ofHours(9);
    private static final DateTimeFormatter EVE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Records() {
    }

    // --- FortiGate (key=value, as sent to a syslog server) ---

    /** The common head of a FortiGate log line: PRI, date/time in the office's zone, device, ids, type. */
    static StringBuilder forti(long millis, String devname, String logid, String type, String subtype, String level) {
        var t = Instant.ofEpochMilli(millis).atOffset(JST);
        int pri = switch (level) {
            case "alert" -> 185;
            case "warning" -> 188;
            case "critical" -> 186;
            default -> 189;
        };
        StringBuilder sb = new StringBuilder(400);
        sb.append('<').append(pri).append(">date=").append(DATE.format(t)).append(" time=").append(TIME.format(t))
                .append(" devname=\"").append(devname).append("\" devid=\"FGT60F").append(Math.abs(devname.hashCode()) % 1_000_000)
                .append("\" eventtime=").append(millis).append("000000 tz=\"+0900\" logid=\"").append(logid)
                .append("\" type=\"").append(type).append("\" subtype=\"").append(subtype).append("\" level=\"").append(level)
                .append("\" vd=\"root\"");
        return sb;
    }

    static StringBuilder kv(StringBuilder sb, String key, String value) {
        sb.append(' ').append(key).append("=\"").append(value.replace("\"", "'")).append('"');
        return sb;
    }

    static StringBuilder kv(StringBuilder sb, String key, long value) {
        sb.append(' ').append(key).append('=').append(value);
        return sb;
    }

    // --- Suricata EVE ---

    static String eveTime(long millis) {
        return EVE_TIME.format(Instant.ofEpochMilli(millis).atOffset(JST));
    }

    static Json eve(long millis, String eventType, long flowId, String src, int sport, String dst, int dport, String proto) {
        return new Json()
                .str("timestamp", EVE_TIME.format(Instant.ofEpochMilli(millis).atOffset(JST)))
                .num("flow_id", flowId)
                .str("in_iface", "eth1")
                .str("event_type", eventType)
                .str("src_ip", src).num("src_port", sport)
                .str("dest_ip", dst).num("dest_port", dport)
                .str("proto", proto);
    }

    // --- Zeek JSON (one log object per line; _path names the log, as zeek's JSON writer with path output) ---

    static Json zeek(long millis, String path, String uid) {
        return new Json().str("_path", path).dbl("ts", millis / 1000.0).str("uid", uid);
    }

    static Json zeekConnId(Json j, String src, int sport, String dst, int dport) {
        return j.str("id.orig_h", src).num("id.orig_p", sport).str("id.resp_h", dst).num("id.resp_p", dport);
    }

    // --- Winlogbeat (ECS-style envelope with winlog.event_data, as Winlogbeat 8 ships to Elasticsearch) ---

    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    static final String SECURITY = "Security";

    static Json winlog(long millis, String computer, String channel, int eventId) {
        Json j = new Json().str("@timestamp", Instant.ofEpochMilli(millis).toString());
        j.open("host").str("name", computer).close();
        j.open("winlog").str("channel", channel).num("event_id", eventId).str("computer_name", computer)
                .str("provider_name", channel.equals(SYSMON) ? "Microsoft-Windows-Sysmon" : "Microsoft-Windows-Security-Auditing")
                .num("record_id", millis % 10_000_000);
        j.open("event_data");
        return j; // caller adds event_data fields, then closeWinlog
    }

    static String closeWinlog(Json j) {
        j.close(); // event_data
        j.close(); // winlog
        return j.line();
    }

    static String guid(SplittableRandom r) {
        return String.format("{%08X-%04X-%04X-%04X-%012X}", r.nextInt() & 0xffffffffL, r.nextInt(0x10000),
                r.nextInt(0x10000), r.nextInt(0x10000), r.nextLong() & 0xffffffffffffL);
    }

    static String hex(SplittableRandom r, int bytes) {
        StringBuilder sb = new StringBuilder(bytes * 2);
        for (int i = 0; i < bytes; i++) {
            sb.append(String.format("%02x", r.nextInt(256)));
        }
        return sb.toString();
    }

    static String zeekUid(SplittableRandom r) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder("C");
        for (int i = 0; i < 17; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }
}
