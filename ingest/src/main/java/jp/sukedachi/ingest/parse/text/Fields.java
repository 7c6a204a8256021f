package jp.sukedachi.ingest.parse.text;

import java.util.Locale;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;

/** Shared ECS mapping helpers: checked IPs and ports, and the allow/deny vocabulary of firewalls. */
final class Fields {
    /** ECS names the shared {@link Ecs} constants do not have. */
    static final String SOURCE_DOMAIN = "source.domain";
    static final String DESTINATION_DOMAIN = "destination.domain";
    static final String DESTINATION_USER_NAME = "destination.user.name";
    static final String OBSERVER_IP = "observer.ip";
    static final String OBSERVER_SERIAL = "observer.serial_number";

    static final String SUCCESS = "success";
    static final String FAILURE = "failure";
    static final String AUTHENTICATION = "authentication";
    static final String NETWORK = "network";

    private Fields() {
    }

    /** Sets an IP field only when the value is an IP address (vendors log names and placeholders too). */
    static void ip(SecurityEvent.Builder b, String name, String value) {
        if (Chars.isIp(value)) {
            b.set(name, value);
        }
    }

    static void port(SecurityEvent.Builder b, String name, String value) {
        long p = Chars.parseLong(value);
        if (p >= 0 && p <= 65_535) {
            b.set(name, value);
        }
    }

    /** The ECS event.outcome for a firewall or authentication action word, or null if it says neither. */
    static String outcome(String action) {
        if (action == null) {
            return null;
        }
        String o = outcomeOf(action);
        if (o == null) {
            for (int i = 0; i < action.length(); i++) {
                if (Character.isUpperCase(action.charAt(i))) {
                    return outcomeOf(action.toLowerCase(Locale.ROOT)); // only mixed-case vendors allocate
                }
            }
        }
        return o;
    }

    private static String outcomeOf(String action) {
        return switch (action) {
            case "accept", "accepted", "allow", "allowed", "pass", "permit", "permitted", "passthrough", "success",
                    "succeeded", "successful", "start", "close", "built", "encrypt", "decrypt", "login", "authorize",
                    "detected", "detect", "monitored", "alerted", "clean", "cleaned" -> SUCCESS;
            case "deny", "denied", "block", "blocked", "drop", "dropped", "reject", "rejected", "reset",
                    "reset-both", "reset-client", "reset-server", "failure", "failed", "fail", "blocked-url",
                    "ssl-login-fail", "drop-icmp", "drop-all-packets", "deny-all" -> FAILURE;
            default -> null;
        };
    }

    static void observer(SecurityEvent.Builder b, String vendor, String product) {
        b.set(Ecs.OBSERVER_VENDOR, vendor);
        b.set(Ecs.OBSERVER_PRODUCT, product);
    }

    /** "N/A" and "-" are how vendors write "no value". */
    static String value(String v) {
        return v == null || v.equals("N/A") || v.equals("-") || v.equals("n/a") ? null : v;
    }
}
