package jp.sukedachi.app.asset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.detect.asset.EndOfLife;

/**
 * One device of a company's LAN as the inventory keeps it.
 *
 * @param key        its MAC, or its LAN address when no MAC is known
 * @param names      the host names it was seen with, newest first
 * @param kind       what kind of device its UTM says it is ("iPhone", "Windows PC"), or null
 * @param seenBy     which log last told about it ("zeek dhcp", "fortigate" …)
 * @param firstSeen  the event time it was first seen at
 * @param ledgerAssetId the asset-ledger entry it is linked to, or null
 * @param label      the company's own words ("生産管理", "高橋さん"), or null
 */
public record Host(UUID tenantId, String key, String mac, String ip, List<String> names, String kind, String osGuess,
        String osEvidence, String seenBy, Instant firstSeen, Instant lastSeen, Marking marking, String markedBy,
        Instant markedAt, UUID ledgerAssetId, String label) {

    public Host {
        names = names == null ? List.of() : List.copyOf(names);
    }

    /** Its newest host name, or null. */
    public String name() {
        return names.isEmpty() ? null : names.getFirst();
    }

    /** Whether its OS no longer gets security fixes. */
    public boolean endOfLife() {
        return EndOfLife.isEndOfLife(osGuess);
    }

    /** The id of its card on the page: its key with letters and digits only. */
    public String anchor() {
        return "host-" + key.replaceAll("[^0-9A-Za-z]", "-");
    }

    /** What it is called in texts: its name, else its kind, else its MAC or address; with the label in brackets. */
    public String describe() {
        String base = name() != null ? name() : kind != null ? kind : key;
        return label == null || label.isBlank() ? base : base + "（" + label + "）";
    }

    /**
     * Where the OS guess (else the device) was learnt, in words a company understands: {@code utm} (the UTM's
     * device identification), {@code fileshare} (Windows file sharing), {@code browser} (its browser), {@code dhcp}
     * (the DHCP log), {@code windows} (Windows logons) or {@code network} (its traffic). The raw text (a user agent, a
     * JA3 hash) is for provider staff only.
     */
    public String learntFrom() {
        String e = osEvidence == null ? "" : osEvidence;
        String by = seenBy == null ? "" : seenBy;
        if (e.startsWith("FortiGate") || (e.isEmpty() && by.equals("fortigate"))) {
            return "utm";
        }
        if (e.startsWith("SMB dialect") || (e.isEmpty() && by.startsWith("zeek smb"))) {
            return "fileshare";
        }
        if (!e.isEmpty() || by.equals("zeek software") || by.equals("http user agent") || by.equals("tls client")) {
            return "browser";
        }
        if (by.equals("zeek dhcp")) {
            return "dhcp";
        }
        if (by.startsWith("windows") || by.equals("zeek ntlm")) {
            return "windows";
        }
        return "network";
    }
}
