package jp.sukedachi.detect.asset;

import java.util.Locale;
import java.util.Objects;
import jp.sukedachi.event.TenantId;

/**
 * One sighting of a device on a company's LAN, taken from one event: who (MAC, private address, names), what it
 * seems to run (an OS guess with the text that suggests it) and which log said so.
 *
 * @param tenant      the company
 * @param timeMillis  the event's own time
 * @param mac         lower-case {@code aa:bb:cc:dd:ee:ff}, or null
 * @param ip          a private (LAN) address, or null; a public or link-local address is never a host (a
 *                    link-local address is made up by a device that got none, it names nothing stable)
 * @param hostname    the device's name as the log gives it (upper case as Windows shows it), or null
 * @param kind        what kind of device the source says it is ("Windows PC", "iPhone"), or null
 * @param osGuess     e.g. "Windows XP", "iOS", "SMBv1", or null
 * @param osEvidence  the text the guess comes from (a user agent, a FortiGate field, a JA3 hash), or null
 * @param source      which log it came from, e.g. "zeek dhcp", "fortigate", "windows 4624"
 */
public record HostObservation(TenantId tenant, long timeMillis, String mac, String ip, String hostname, String kind,
        String osGuess, String osEvidence, String source) {

    public HostObservation {
        Objects.requireNonNull(source, "source");
        mac = normaliseMac(mac);
        ip = ip != null && LanAddress.isPrivate(ip) && !LanAddress.isLinkLocal(ip) ? ip.toLowerCase(Locale.ROOT)
                : null;
        hostname = clip(hostname, 120);
        kind = clip(kind, 80);
        osGuess = clip(osGuess, 80);
        osEvidence = clip(osEvidence, 400);
        source = source.length() > 40 ? source.substring(0, 40) : source;
    }

    /** The key of the device: its MAC, else its address; null when the observation has neither. */
    public String key() {
        return mac != null ? mac : ip;
    }

    /** Whether the guessed OS no longer gets security fixes. */
    public boolean endOfLife() {
        return EndOfLife.isEndOfLife(osGuess);
    }

    /** {@code aa:bb:cc:dd:ee:ff} from colon, dash or dot notation; null for anything else or the zero/broadcast MAC. */
    public static String normaliseMac(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder hex = new StringBuilder(12);
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
                hex.append(c);
            } else if (c != ':' && c != '-' && c != '.') {
                return null;
            }
        }
        if (hex.length() != 12 || hex.toString().equals("000000000000") || hex.toString().equals("ffffffffffff")) {
            return null;
        }
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.isEmpty() || t.equals("-")) {
            return null;
        }
        return t.length() > max ? t.substring(0, max) : t;
    }
}
