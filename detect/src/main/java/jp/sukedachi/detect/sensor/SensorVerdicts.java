package jp.sukedachi.detect.sensor;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;

/**
 * The customers' own security devices already judge traffic: a UTM's intrusion prevention, antivirus and web
 * filter, an IDS's signatures, Zeek's notices, Wazuh's rules. This detector passes those verdicts on as
 * detections (detector {@code sensor}), so they join the same triage as intelligence and Sigma.
 *
 * <p><b>Blocked or not.</b> What the device blocked did no harm: a LOW hint, grouped per company and
 * signature (context {@code entity = "blocked"}), so a month of blocked scans is one alert that grows, as the
 * お助け隊 reports count "suspicious accesses" by the hundred thousand but alerts by the hundred. What passed
 * keeps the device's severity and is about the office host involved (the private address of the two).
 *
 * <p>Plain Java, no state: one call per event, nothing allocated unless the event is a verdict.
 */
public final class SensorVerdicts implements Detector {
    public static final String DETECTOR = "sensor";

    @Override
    public String id() {
        return DETECTOR;
    }

    @Override
    public void detect(SecurityEvent event, DetectionSink sink) {
        if (event.tenant() == null) {
            return;
        }
        Detection d = detect(event);
        if (d != null) {
            sink.accept(d);
        }
    }

    /** Returns the detection for a verdict event, or null for every other event. */
    public Detection detect(SecurityEvent e) {
        String dataset = e.get(Ecs.EVENT_DATASET);
        String kind = e.get(Ecs.EVENT_KIND);
        Source source = source(dataset, kind, e.format());
        if (source == null) {
            return null;
        }
        String name = e.get(Ecs.RULE_NAME);
        String id = e.get(Ecs.RULE_ID);
        if (name == null && id == null) {
            return null;
        }
        boolean blocked = blocked(e.get(Ecs.EVENT_ACTION));
        if (source == Source.UTM_WEB && !blocked) {
            return null;
        }
        Severity severity = blocked ? Severity.LOW : severity(source, e);
        String ruleId = source.prefix + ":" + (id != null ? id : name);
        String title = (blocked ? source.blockedTitle : source.passedTitle) + ": " + (name != null ? name : id);
        Map<String, String> context = new HashMap<>(4);
        context.put("entity", blocked ? "blocked" : local(e));
        context.put("verdict", blocked ? "blocked" : "passed");
        context.put("source", source.prefix);
        return new Detection(e.tenant(), e.device(), e.timestampMillis(), DETECTOR, ruleId, title, severity,
                blocked ? Category.BLOCKED : SensorCategories.passed(source.prefix, e), e, context);
    }

    /** The kinds of verdict this detector knows, with the words an analyst reads in the alert title. */
    enum Source {
        UTM_IPS("fortigate-ips", "UTM blocked an intrusion attempt", "UTM detected an intrusion (not blocked)"),
        UTM_AV("fortigate-av", "UTM antivirus blocked malware", "UTM antivirus found malware (not blocked)"),
        UTM_WEB("fortigate-web", "UTM web filter blocked a site", "UTM web filter warned about a site"),
        UTM_APP("fortigate-app", "UTM blocked an application", "UTM saw a risky application"),
        PANW_THREAT("panw-threat", "Firewall blocked a threat", "Firewall detected a threat (not blocked)"),
        IDS("ids", "IDS signature (blocked)", "IDS signature"),
        ZEEK_NOTICE("zeek-notice", "Network sensor notice (blocked)", "Network sensor notice"),
        WAZUH("wazuh", "Host sensor alert (blocked)", "Host sensor alert");

        final String prefix;
        final String blockedTitle;
        final String passedTitle;

        Source(String prefix, String blockedTitle, String passedTitle) {
            this.prefix = prefix;
            this.blockedTitle = blockedTitle;
            this.passedTitle = passedTitle;
        }
    }

    private static Source source(String dataset, String kind, String format) {
        if (dataset != null) {
            switch (dataset) {
                case "fortigate.utm.ips", "fortigate.utm.anomaly" -> {
                    return Source.UTM_IPS;
                }
                case "fortigate.utm.virus" -> {
                    return Source.UTM_AV;
                }
                case "fortigate.utm.webfilter" -> {
                    return Source.UTM_WEB; // allowed categories are logged too: only blocks count (see detect)
                }
                case "fortigate.utm.app-ctrl" -> {
                    return Source.UTM_APP;
                }
                case "panw.panos.threat" -> {
                    return Source.PANW_THREAT;
                }
                default -> {
                    // decided by the event kind below
                }
            }
        }
        if (!"alert".equals(kind)) {
            return null;
        }
        if ("zeek".equals(format)) {
            return Source.ZEEK_NOTICE;
        }
        if ("wazuh-alerts".equals(format)) {
            return Source.WAZUH;
        }
        return Source.IDS;
    }

    private static boolean blocked(String action) {
        if (action == null) {
            return false;
        }
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "blocked", "block", "dropped", "drop", "deny", "denied", "reset", "reset-both", "reset-client",
                    "reset-server", "drop-all-packets", "sinkhole", "quarantined", "clear_session" -> true;
            default -> false;
        };
    }

    /** The device's own severity when it let the thing through: Suricata 1–3, vendor words, Wazuh levels. */
    private static Severity severity(Source source, SecurityEvent e) {
        String s = e.get(Ecs.EVENT_SEVERITY);
        if (s == null) {
            s = e.original("severity"); // FortiGate IPS
        }
        if (s == null) {
            s = e.original("crlevel"); // FortiGate's client reputation level
        }
        if (s == null) {
            return source == Source.UTM_AV ? Severity.HIGH : Severity.MEDIUM;
        }
        String v = s.toLowerCase(Locale.ROOT);
        if (source == Source.WAZUH) {
            int level = parse(v);
            return level >= 12 ? Severity.HIGH : level >= 7 ? Severity.MEDIUM : Severity.LOW;
        }
        if (source == Source.IDS) {
            return switch (v) {
                case "1" -> Severity.HIGH;
                case "2" -> Severity.MEDIUM;
                default -> Severity.LOW;
            };
        }
        return switch (v) {
            case "critical" -> Severity.CRITICAL;
            case "high", "alert" -> Severity.HIGH;
            case "medium", "warning" -> Severity.MEDIUM;
            default -> Severity.LOW;
        };
    }

    private static int parse(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    /** The office side of the connection: the private address, else the host name, else the destination. */
    private static String local(SecurityEvent e) {
        String src = e.get(Ecs.SOURCE_IP);
        String dst = e.get(Ecs.DESTINATION_IP);
        if (src != null && isPrivate(src)) {
            return src;
        }
        if (dst != null && isPrivate(dst)) {
            return dst;
        }
        String host = e.get(Ecs.HOST_NAME);
        if (host != null) {
            return host;
        }
        return dst != null ? dst : src != null ? src : "-";
    }

    /** Whether an address is private (RFC 1918, IPv6 unique local): an office's own. Triage reads it too. */
    public static boolean isPrivate(String ip) {
        if (ip.startsWith("10.") || ip.startsWith("192.168.") || ip.startsWith("fd") || ip.startsWith("fc")) {
            return true;
        }
        if (ip.startsWith("172.")) {
            int dot = ip.indexOf('.', 4);
            if (dot > 4) {
                int second = parse(ip.substring(4, dot));
                return second >= 16 && second <= 31;
            }
        }
        return false;
    }
}
