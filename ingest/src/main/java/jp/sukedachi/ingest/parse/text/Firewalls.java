package jp.sukedachi.ingest.parse.text;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.Times;

/** The smaller vendor formats: Sophos, SonicWall, pfSense, Check Point, F5 BIG-IP and iptables. */
final class Firewalls {
    private Firewalls() {
    }

    /**
     * Sophos XG/SFOS ({@code device="SFW" log_type= log_component= src_ip= ...}) and Sophos UTM
     * ({@code id= severity= sys="SecureNet" sub="packetfilter" srcip= ...}) key=value.
     */
    static void sophos(TextParser p, String s, int msg, SecurityEvent.Builder b) {
        KeyValues kv = p.kv;
        kv.scan(s, msg, s.length());
        boolean utm = kv.get("sys") != null;
        Fields.observer(b, "Sophos", utm ? "UTM" : "XG");
        b.set(Ecs.OBSERVER_HOSTNAME, kv.get("device_name"));
        b.set(Fields.OBSERVER_SERIAL, kv.get("device_id"));
        Fields.ip(b, Ecs.SOURCE_IP, kv.first("src_ip", "srcip"));
        Fields.ip(b, Ecs.DESTINATION_IP, kv.first("dst_ip", "dstip"));
        Fields.port(b, Ecs.SOURCE_PORT, kv.first("src_port", "srcport"));
        Fields.port(b, Ecs.DESTINATION_PORT, kv.first("dst_port", "dstport"));
        b.set(Ecs.SOURCE_MAC, kv.first("src_mac", "srcmac"));
        String proto = kv.first("protocol", "proto");
        String transport = Chars.transport(proto);
        b.set(Ecs.NETWORK_TRANSPORT, transport);
        b.set(Ecs.USER_NAME, kv.first("user_name", "user"));
        b.set(Ecs.EVENT_CODE, kv.first("log_id", "id"));
        b.set(Ecs.RULE_ID, kv.first("fw_rule_id", "fwrule"));
        b.set(Ecs.RULE_NAME, kv.get("name"));
        b.set(Ecs.URL_FULL, kv.get("url"));
        b.set(Ecs.URL_DOMAIN, kv.get("domain"));
        String type = kv.first("log_type", "sub");
        if (type != null) {
            b.set(Ecs.EVENT_DATASET, "sophos." + type);
        }
        String action = kv.first("status", "action");
        b.set(Ecs.EVENT_ACTION, action);
        b.set(Ecs.EVENT_OUTCOME, Fields.outcome(action));
        String text = kv.get("message");
        if (text != null) {
            b.set(Ecs.MESSAGE, text);
        }
        long local = FortiGate.localTime(kv.get("date"), kv.get("time"));
        long offset = Times.offsetMillis(kv.get("timezone"));
        if (local != Times.INVALID) {
            b.timestamp(offset != Times.INVALID ? local - offset : local);
        }
    }

    /**
     * SonicWall {@code id= sn= time="..." fw= pri= c= m= msg="..." src=ip:port:iface[:host] dst=...
     * proto=tcp/443}. {@code m} is the message id; IPv6 addresses come in {@code srcV6}/{@code dstV6}.
     */
    static void sonicwall(TextParser p, String s, int msg, SecurityEvent.Builder b) {
        KeyValues kv = p.kv;
        kv.scan(s, msg, s.length());
        Fields.observer(b, "SonicWall", "SonicOS");
        b.set(Fields.OBSERVER_SERIAL, kv.get("sn"));
        Fields.ip(b, Fields.OBSERVER_IP, kv.get("fw"));
        b.set(Ecs.EVENT_CODE, kv.get("m"));
        b.set(Ecs.RULE_ID, kv.get("m"));
        String text = kv.get("msg");
        b.set(Ecs.RULE_NAME, text);
        if (text != null) {
            b.set(Ecs.MESSAGE, text);
        }
        endpoint(b, kv.get("src"), kv.get("srcV6"), Ecs.SOURCE_IP, Ecs.SOURCE_PORT);
        endpoint(b, kv.get("dst"), kv.get("dstV6"), Ecs.DESTINATION_IP, Ecs.DESTINATION_PORT);
        b.set(Ecs.SOURCE_MAC, kv.get("srcMac"));
        b.set(Ecs.DESTINATION_MAC, kv.get("dstMac"));
        String proto = kv.get("proto");
        if (proto != null) {
            int slash = proto.indexOf('/');
            b.set(Ecs.NETWORK_TRANSPORT, Chars.transport(slash > 0 ? proto.substring(0, slash) : proto));
        }
        b.set(Ecs.USER_NAME, Fields.value(kv.first("usr", "user")));
        b.set(Ecs.URL_DOMAIN, kv.get("dstname"));
        b.set(Ecs.URL_PATH, kv.get("arg"));
        b.set(Ecs.RULE_CATEGORY, kv.get("Category"));
        String action = kv.get("fw_action");
        b.set(Ecs.EVENT_ACTION, action);
        String outcome = Fields.outcome(action);
        if (outcome == null && text != null) {
            outcome = text.contains("denied") || text.contains("dropped") || text.contains("blocked")
                    || text.contains("Failed") || text.contains("failed") ? Fields.FAILURE : null;
        }
        b.set(Ecs.EVENT_OUTCOME, outcome);
        if (text != null && (text.contains("login") || text.contains("Login"))) {
            b.set(Ecs.EVENT_CATEGORY, Fields.AUTHENTICATION);
        }
        String time = kv.get("time");
        if (time != null && time.length() >= 19) {
            long t = FortiGate.localTime(time.substring(0, 10), time.substring(11, 19));
            if (t != Times.INVALID) {
                b.timestamp(t); // "UTC" or no zone; both read as UTC
            }
        }
    }

    /** {@code ip:port:interface[:host]}, or {@code :port:interface} with the IPv6 address given apart. */
    private static void endpoint(SecurityEvent.Builder b, String v, String v6, String ipName, String portName) {
        if (v == null) {
            Fields.ip(b, ipName, v6);
            return;
        }
        int c1 = v.indexOf(':');
        if (c1 < 0) {
            Fields.ip(b, ipName, v);
            return;
        }
        Fields.ip(b, ipName, c1 == 0 ? v6 : v.substring(0, c1));
        int c2 = v.indexOf(':', c1 + 1);
        Fields.port(b, portName, v.substring(c1 + 1, c2 < 0 ? v.length() : c2));
    }

    /**
     * pfSense/OPNsense {@code filterlog} CSV: rule, subrule, anchor, tracker, interface, reason,
     * action, direction, IP version, then IPv4 or IPv6 columns, then ports for TCP/UDP.
     */
    static void pfsense(TextParser p, String s, int msg, SecurityEvent.Builder b) {
        Fields.observer(b, "Netgate", "pfSense");
        int start = msg;
        if (!"filterlog".equals(p.header.appname)) {
            int f = s.indexOf("filterlog");
            int colon = f < 0 ? -1 : s.indexOf(':', f);
            if (colon < 0) {
                return;
            }
            start = Chars.skipSpaces(s, colon + 1);
        }
        int count = Csv.split(p, s, start);
        String[] f = p.fields;
        if (count < 9) {
            return;
        }
        KeyValues kv = p.kv;
        kv.add("rule", f[0]);
        kv.add("tracker", f[3]);
        kv.add("interface", f[4]);
        kv.add("reason", f[5]);
        kv.add("action", f[6]);
        kv.add("direction", f[7]);
        kv.add("ip_version", f[8]);
        b.set(Ecs.RULE_ID, f[3].isEmpty() ? f[0] : f[3]);
        b.set(Ecs.EVENT_ACTION, f[6]);
        b.set(Ecs.EVENT_OUTCOME, Fields.outcome(f[6]));
        b.set(Ecs.NETWORK_DIRECTION, "in".equals(f[7]) ? "inbound" : "out".equals(f[7]) ? "outbound" : null);
        b.set(Ecs.EVENT_CATEGORY, Fields.NETWORK);
        int src;
        String proto;
        if ("4".equals(f[8]) && count >= 20) {
            proto = f[16];
            src = 18;
        } else if ("6".equals(f[8]) && count >= 17) {
            proto = f[12];
            src = 15;
        } else {
            return;
        }
        b.set(Ecs.NETWORK_TRANSPORT, Chars.transport(proto));
        Fields.ip(b, Ecs.SOURCE_IP, f[src]);
        Fields.ip(b, Ecs.DESTINATION_IP, f[src + 1]);
        kv.add("proto", proto);
        kv.add("src", f[src]);
        kv.add("dst", f[src + 1]);
        if (("tcp".equals(proto) || "udp".equals(proto)) && count > src + 3) {
            Fields.port(b, Ecs.SOURCE_PORT, f[src + 2]);
            Fields.port(b, Ecs.DESTINATION_PORT, f[src + 3]);
            kv.add("srcport", f[src + 2]);
            kv.add("dstport", f[src + 3]);
        }
    }

    /**
     * Check Point (Log Exporter) syslog: RFC 5424 with the fields in one structured-data element,
     * {@code [action:"Drop"; src:"..."; ...]}, which the header parser already put into kv. When a
     * line has no such element, key=value pairs in the message are read instead.
     */
    static void checkpoint(TextParser p, String s, int msg, SecurityEvent.Builder b) {
        KeyValues kv = p.kv;
        if (kv.size() == 0) {
            kv.scan(s, msg, s.length());
        }
        Fields.observer(b, "Check Point", kv.get("product") != null ? kv.get("product") : "Check Point");
        Fields.ip(b, Fields.OBSERVER_IP, kv.get("origin"));
        Fields.ip(b, Ecs.SOURCE_IP, kv.get("src"));
        Fields.ip(b, Ecs.DESTINATION_IP, kv.get("dst"));
        Fields.port(b, Ecs.SOURCE_PORT, kv.get("s_port"));
        Fields.port(b, Ecs.DESTINATION_PORT, kv.get("service"));
        b.set(Ecs.NETWORK_TRANSPORT, Chars.transport(kv.get("proto")));
        String action = kv.get("action");
        b.set(Ecs.EVENT_ACTION, action);
        b.set(Ecs.EVENT_OUTCOME, Fields.outcome(action));
        b.set(Ecs.RULE_NAME, kv.get("rule_name"));
        b.set(Ecs.RULE_ID, kv.get("rule_uid"));
        b.set(Ecs.USER_NAME, kv.first("src_user_name", "user", "dst_user_name"));
        b.set(Ecs.EVENT_CODE, kv.get("logid"));
        String time = kv.get("time");
        if (time != null && p.header.timestamp == Times.INVALID) {
            long t = Times.epochAnyUnit(Chars.parseLong(time), time.length());
            if (t != Times.INVALID) {
                b.timestamp(t);
            }
        }
    }

    /** Index of an F5 message id ({@code 01010251:0:} after {@code ": "}) in s from i, or -1. */
    static int f5MessageId(String s, int i) {
        int n = s.length();
        for (int tries = 0; tries < 4; tries++) {
            int k = s.indexOf(": ", i);
            if (k < 0) {
                return -1;
            }
            int id = k + 2;
            if (id + 11 <= n && s.charAt(id + 8) == ':' && Chars.isDigit(s.charAt(id + 9)) && s.charAt(id + 10) == ':') {
                boolean hex = true;
                for (int j = id; j < id + 8 && hex; j++) {
                    hex = Chars.isHex(s.charAt(j));
                }
                if (hex) {
                    return id;
                }
            }
            i = k + 2;
        }
        return -1;
    }

    /**
     * F5 BIG-IP: {@code host [level] process[pid]: 01010251:0: text}, where the 8-hex-digit code is
     * the message id and the digit after it the severity. (BIG-IP's ASM CEF lines are {@code cef}.)
     */
    static void f5(TextParser p, String s, int msg, SecurityEvent.Builder b) {
        Fields.observer(b, "F5", "BIG-IP");
        if (s.indexOf("CEF:", msg) >= 0) {
            try {
                Cef.parse(p, s, msg, b);
            } catch (MalformedRecordException e) {
                // not a complete CEF line; keep the syslog fields
            }
            return;
        }
        int id = f5MessageId(s, msg);
        if (id < 0) {
            return;
        }
        // "level process[pid]: " before the id when the header parser did not take it as the tag
        int close = id - 3;
        if (p.header.appname == null && close > msg && s.charAt(close) == ']') {
            int open = s.lastIndexOf('[', close);
            int tagStart = open < 0 ? -1 : s.lastIndexOf(' ', open) + 1;
            if (open > tagStart && tagStart >= msg) {
                b.set(Ecs.LOG_SYSLOG_APPNAME, s.substring(tagStart, open));
                String pid = s.substring(open + 1, close);
                if (Chars.parseLong(pid) >= 0) {
                    b.set(Ecs.PROCESS_PID, pid);
                }
                if (tagStart > msg) {
                    p.kv.add("level", s.substring(msg, tagStart).trim());
                }
            }
        }
        String code = s.substring(id, id + 8);
        b.set(Ecs.EVENT_CODE, code);
        b.set(Ecs.RULE_ID, code);
        b.set(Ecs.EVENT_SEVERITY, s.substring(id + 9, id + 10));
        b.set(Ecs.MESSAGE, s.substring(Chars.skipSpaces(s, id + 11)));
    }

    /**
     * Linux netfilter (iptables/nftables LOG target, UFW, OpenWRT) kernel lines: a free-form prefix
     * (the rule's log prefix, e.g. {@code DROP}, {@code [UFW BLOCK]}) then {@code IN= OUT= SRC= DST=
     * PROTO= SPT= DPT=}. The prefix names the rule and usually says the verdict.
     */
    static void iptables(TextParser p, String s, int msg, SecurityEvent.Builder b) {
        KeyValues kv = p.kv;
        b.set(Ecs.OBSERVER_PRODUCT, "iptables");
        int in = s.indexOf("IN=", msg);
        if (in < 0) {
            return;
        }
        int prefix = msg;
        if (prefix < in && s.charAt(prefix) == '[') {
            int close = s.indexOf(']', prefix); // kernel uptime "[10051.313745]" or "[ 3529.289825]"
            int digit = Chars.skipSpaces(s, prefix + 1);
            if (close > 0 && close < in && digit < close && Chars.isDigit(s.charAt(digit))) {
                prefix = Chars.skipSpaces(s, close + 1);
            }
        }
        String rule = s.substring(prefix, in).trim();
        if (!rule.isEmpty()) {
            b.set(Ecs.RULE_NAME, rule);
            String verdict = rule.contains("DROP") || rule.contains("BLOCK") || rule.contains("REJECT")
                    || rule.contains("DENY") ? "deny"
                    : rule.contains("ACCEPT") || rule.contains("ALLOW") ? "allow" : null;
            b.set(Ecs.EVENT_ACTION, verdict);
            b.set(Ecs.EVENT_OUTCOME, Fields.outcome(verdict));
        }
        kv.scan(s, in, s.length());
        Fields.ip(b, Ecs.SOURCE_IP, kv.get("SRC"));
        Fields.ip(b, Ecs.DESTINATION_IP, kv.get("DST"));
        Fields.port(b, Ecs.SOURCE_PORT, kv.get("SPT"));
        Fields.port(b, Ecs.DESTINATION_PORT, kv.get("DPT"));
        String proto = kv.get("PROTO");
        String transport = Chars.transport(proto);
        b.set(Ecs.NETWORK_TRANSPORT, transport != null ? transport : proto);
        b.set(Ecs.EVENT_CATEGORY, Fields.NETWORK);
        String inIf = kv.get("IN");
        String outIf = kv.get("OUT");
        b.set(Ecs.NETWORK_DIRECTION, inIf != null && outIf == null ? "inbound" : inIf == null && outIf != null ? "outbound" : null);
    }
}
