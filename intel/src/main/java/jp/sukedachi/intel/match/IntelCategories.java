package jp.sukedachi.intel.match;

import java.util.Locale;
import java.util.Map;
import jp.sukedachi.event.Category;

/**
 * What a matched indicator tells the owner, from the feed's own words: its threat type (ThreatFox, URLhaus,
 * MalwareBazaar, SSLBL, Feodo, MISP category, STIX indicator type) and its malware family.
 */
final class IntelCategories {
    /** Threat types as the importers store them (lower case; MISP categories in snake case). */
    private static final Map<String, Category> THREAT_TYPES = Map.ofEntries(
            // ThreatFox, SSLBL and Feodo "botnet_cc": "this PC talks to the server that remote-controls infected PCs".
            Map.entry("botnet_cc", Category.C2),
            // The same told by other feeds and hand-written lists.
            Map.entry("c2", Category.C2),
            // ThreatFox and MISP "payload delivery": "this PC fetched from a place that hands out malware".
            Map.entry("payload_delivery", Category.MALWARE_DOWNLOAD),
            // URLhaus "malware_download": the URL serves malware.
            Map.entry("malware_download", Category.MALWARE_DOWNLOAD),
            // MalwareBazaar and ThreatFox "payload" (a file hash): "a known malicious file is on this PC".
            Map.entry("payload", Category.MALWARE_DOWNLOAD),
            // MISP "payload installation" and "artifacts dropped": files malware writes, found on the PC.
            Map.entry("payload_installation", Category.MALWARE_DOWNLOAD),
            Map.entry("artifacts_dropped", Category.MALWARE_DOWNLOAD),
            // Generic lists that say only "malware".
            Map.entry("malware", Category.MALWARE_DOWNLOAD),
            // Phishing sites (and MISP's category of the same name): "a fake site or mail after passwords".
            Map.entry("phishing", Category.PHISHING),
            // ThreatFox "cc_skimming": a shop page that steals the card details typed in; the owner is told what
            // phishing victims are (card details typed in: call the card company).
            Map.entry("cc_skimming", Category.PHISHING),
            // A list of ransomware infrastructure.
            Map.entry("ransomware", Category.RANSOMWARE));

    private IntelCategories() {
    }

    /**
     * A named ransomware family wins (a LockBit C2 is ransomware on its way); then the threat type; an untyped or
     * generic indicator (STIX "malicious-activity", MISP "network activity", "external analysis") that is a file
     * hash is still a malicious file; anything else is told generically.
     */
    static Category of(boolean fileHash, String threatType, String family) {
        if (RansomwareFamilies.family(family)) {
            return Category.RANSOMWARE;
        }
        Category c = threatType == null ? null : THREAT_TYPES.get(threatType.toLowerCase(Locale.ROOT));
        if (c != null) {
            return c;
        }
        return fileHash ? Category.MALWARE_DOWNLOAD : Category.OTHER;
    }
}
