package jp.sukedachi.detect.behaviour;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;

/**
 * Which events are one connection from one host to another, read from the ECS fields the parsers fill: FortiGate
 * traffic logs the UTM let through, Zeek {@code conn}, Suricata {@code flow}, {@code tls} and {@code smtp}, and
 * Sysmon event 3 (network connect). Anything else (DNS lookups, alerts, blocked traffic, logons) is not.
 */
final class Connections {
    private Connections() {
    }

    /** Whether the event records a connection that was made. */
    static boolean isConnection(SecurityEvent e) {
        String dataset = e.get(Ecs.EVENT_DATASET);
        if (dataset != null) {
            if (dataset.startsWith("fortigate.traffic")) {
                String action = e.get(Ecs.EVENT_ACTION);
                return action != null && switch (action) {
                    case "accept", "close", "timeout", "server-rst", "client-rst" -> true;
                    default -> false;
                };
            }
            switch (dataset) {
                case "zeek.conn", "suricata.flow", "suricata.tls", "suricata.smtp" -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return "sysmon".equals(e.get(Ecs.EVENT_MODULE)) && "3".equals(e.get(Ecs.WINLOG_EVENT_ID));
    }

    /** Whether the event comes from the host itself (Sysmon on the PC), so its host name names the source. */
    static boolean fromEndpoint(SecurityEvent e) {
        return "sysmon".equals(e.get(Ecs.EVENT_MODULE));
    }

    /** The destination's name as the event tells it (the UTM's host name, TLS SNI, Sysmon's DestinationHostname). */
    static String destinationName(SecurityEvent e) {
        String name = e.get(Ecs.TLS_SERVER_NAME);
        if (name == null) {
            name = e.get(Ecs.URL_DOMAIN);
        }
        if (name == null && fromEndpoint(e)) {
            name = e.original("DestinationHostname");
        }
        return name == null || name.isEmpty() || name.equals("-") || Addresses.parse(name) != null ? null : name;
    }

    /** The port as a number, or -1. */
    static int port(String s) {
        long v = digits(s, 5);
        return v <= 65_535 ? (int) v : -1;
    }

    /** A byte count, or -1 when unknown. */
    static long bytes(String s) {
        return digits(s, 18);
    }

    /** A decimal number of at most {@code max} digits, or -1. */
    private static long digits(String s, int max) {
        if (s == null || s.isEmpty() || s.length() > max) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Bytes sent plus received, or -1 when neither is known. */
    static long size(SecurityEvent e) {
        long out = bytes(e.get(Ecs.SOURCE_BYTES));
        long in = bytes(e.get(Ecs.DESTINATION_BYTES));
        return out < 0 && in < 0 ? -1 : Math.max(0, out) + Math.max(0, in);
    }
}
