package jp.sukedachi.detect.sensor;

import java.util.Locale;
import java.util.Map;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.intel.match.RansomwareFamilies;

/**
 * The category of a verdict the customer's device did not block, from what the device said: the signature's rule
 * set class (Emerging Threats and Snort name it first: "ET CNC …", "ET MALWARE …", "GPL SCAN …"), the words of
 * vendor signatures (FortiGate "Emotet.Botnet", PAN-OS "… Command and Control Traffic", Zeek "Scan::Port_Scan"),
 * and the rule's category where the sensor sends one (Suricata's classtype text, PAN-OS's category, Wazuh's
 * groups). Checked in the order of the owner's stake: ransomware, password guessing, C2, phishing, downloads, scans.
 */
final class SensorCategories {
    /** Emerging Threats and Snort classes, the word after "ET", "ETPRO" or "GPL". */
    private static final Map<String, Category> RULE_SET_CLASSES = Map.ofEntries(
            // "ET CNC Feodo Tracker Reported CnC Server": "this PC talks to the server that remote-controls it".
            Map.entry("cnc", Category.C2),
            // "ET JA3 Hash - Possible Malware": a malware program's own TLS handshake, calling out.
            Map.entry("ja3", Category.C2),
            // "ET MALWARE …", "ET TROJAN …" (the older name), "ET MOBILE_MALWARE …" without C2 words: malware on
            // the wire, mostly payloads fetched: "this PC fetched a dangerous file".
            Map.entry("malware", Category.MALWARE_DOWNLOAD),
            Map.entry("trojan", Category.MALWARE_DOWNLOAD),
            Map.entry("mobile_malware", Category.MALWARE_DOWNLOAD),
            // Exploit kits and attacks on the browser: a page tried to put malware on the PC.
            Map.entry("exploit_kit", Category.MALWARE_DOWNLOAD),
            Map.entry("web_client", Category.MALWARE_DOWNLOAD),
            // Phishing pages and kits: "a fake site after passwords".
            Map.entry("phishing", Category.PHISHING),
            // Port and service scans: "someone is probing for open doors".
            Map.entry("scan", Category.SCAN),
            // Policy and informational signatures (a cloud drive, a TLS version, Tor), hunting rules, reputation
            // lists, exploits against servers: told generically, an analyst looks first.
            Map.entry("policy", Category.OTHER),
            Map.entry("info", Category.OTHER),
            Map.entry("hunting", Category.OTHER));

    /** Suricata and Snort classtype descriptions (alert.category), for names that say nothing themselves. */
    private static final Map<String, Category> CLASSTYPES = Map.ofEntries(
            // command-and-control, domain-c2: "remote-controlled from outside".
            Map.entry("malware command and control activity detected", Category.C2),
            Map.entry("domain observed used for c2 detected", Category.C2),
            // trojan-activity: malware traffic seen: "a dangerous file reached this PC".
            Map.entry("a network trojan was detected", Category.MALWARE_DOWNLOAD),
            Map.entry("exploit kit activity detected", Category.MALWARE_DOWNLOAD),
            // social-engineering: "a fake mail or site".
            Map.entry("possible social engineering attempted", Category.PHISHING),
            // network-scan, attempted-recon: "someone is probing for open doors".
            Map.entry("detection of a network scan", Category.SCAN),
            Map.entry("attempted information leak", Category.SCAN),
            // default-login-attempt, suspicious-login: "someone is trying passwords".
            Map.entry("attempt to login by a default username and password", Category.PASSWORD_GUESSING),
            Map.entry("attempted login with suspicious username", Category.PASSWORD_GUESSING),
            // PAN-OS URL and threat categories.
            Map.entry("command-and-control", Category.C2),
            Map.entry("malware", Category.MALWARE_DOWNLOAD),
            Map.entry("phishing", Category.PHISHING),
            Map.entry("ransomware", Category.RANSOMWARE),
            Map.entry("brute-force", Category.PASSWORD_GUESSING),
            Map.entry("scan", Category.SCAN));

    private SensorCategories() {
    }

    /** From the signature's name alone (the rule set's class and its words). */
    static Category passed(String source, String signature) {
        return passed(source, signature, null, null);
    }

    /**
     * From everything the verdict event carries: the signature's name, the rule category (Suricata's classtype
     * text, PAN-OS's category, Wazuh's groups), FortiGate's application category, and who scanned whom (an
     * office PC scanning is no probe from the Internet).
     */
    static Category passed(String source, SecurityEvent e) {
        String name = e.get(Ecs.RULE_NAME);
        String ruleCategory = e.get(Ecs.RULE_CATEGORY);
        String appCategory = e.original("appcat");
        Category c = passed(source, name, ruleCategory, appCategory);
        String from = e.get(Ecs.SOURCE_IP);
        if (c == Category.SCAN && from != null && SensorVerdicts.isPrivate(from)) {
            return Category.OTHER;
        }
        return c;
    }

    private static Category passed(String source, String signature, String ruleCategory, String appCategory) {
        String name = signature == null ? "" : signature;
        String words = words(name);
        if (RansomwareFamilies.named(name)) {
            return Category.RANSOMWARE;
        }
        if (isGuessing(words)) {
            return Category.PASSWORD_GUESSING;
        }
        String ruleSetClass = ruleSetClass(name);
        if (ruleSetClass != null) {
            Category byClass = byRuleSetClass(ruleSetClass, words);
            if (byClass != null) {
                return byClass;
            }
        } else {
            Category byWords = byVendorWords(source, words, appCategory);
            if (byWords != null) {
                return byWords;
            }
        }
        Category byRuleCategory = byRuleCategory(ruleCategory);
        return byRuleCategory != null ? byRuleCategory : Category.OTHER;
    }

    /** "ET MALWARE Win32/Emotet CnC Activity" → "malware"; null when the name is not an ET or Snort name. */
    private static String ruleSetClass(String name) {
        String[] parts = name.strip().split("\\s+", 3);
        if (parts.length < 2) {
            return null;
        }
        String first = parts[0].toUpperCase(Locale.ROOT);
        if (!first.equals("ET") && !first.equals("ETPRO") && !first.equals("GPL")) {
            return null;
        }
        return parts[1].toLowerCase(Locale.ROOT);
    }

    private static Category byRuleSetClass(String ruleSetClass, String words) {
        Category byClass = RULE_SET_CLASSES.get(ruleSetClass);
        if (byClass == Category.OTHER) {
            return Category.OTHER;
        }
        if (ruleSetClass.contains("malware") || ruleSetClass.equals("trojan") || ruleSetClass.equals("current_events")
                || ruleSetClass.equals("dns") || ruleSetClass.equals("web_client")) {
            // An Emotet CnC signature is C2, however its rule set files it.
            if (isC2(words)) {
                return Category.C2;
            }
            if (words.contains(" phish")) {
                return Category.PHISHING;
            }
            if (ruleSetClass.equals("current_events") && isDownload(words)) {
                return Category.MALWARE_DOWNLOAD;
            }
        }
        return byClass; // null: decided by the rule category, else OTHER
    }

    /** FortiGate, PAN-OS, Zeek, Wazuh names: dotted or spaced words. */
    private static Category byVendorWords(String source, String words, String appCategory) {
        if (isC2(words) || "botnet".equalsIgnoreCase(appCategory)) {
            return Category.C2;
        }
        if (words.contains(" phish")) {
            return Category.PHISHING;
        }
        if (source.equals("fortigate-app")) {
            return Category.OTHER; // a risky application allowed by policy: the owner decides with the desk
        }
        if (words.contains(" scan") || words.contains(" sweep") || words.contains(" nmap ")) {
            return Category.SCAN;
        }
        if (source.equals("fortigate-av") || isDownload(words) || words.contains(" virus") || words.contains(" trojan")
                || words.contains(" malware") || words.contains(" worm")) {
            return Category.MALWARE_DOWNLOAD;
        }
        return null;
    }

    private static Category byRuleCategory(String ruleCategory) {
        if (ruleCategory == null || ruleCategory.isBlank()) {
            return null;
        }
        String c = ruleCategory.strip().toLowerCase(Locale.ROOT);
        Category known = CLASSTYPES.get(c);
        if (known != null) {
            return known;
        }
        // Wazuh groups: "syslog,sshd,authentication_failures,…".
        if (c.contains("authentication_failures") || c.contains("brute_force")) {
            return Category.PASSWORD_GUESSING;
        }
        return null;
    }

    private static boolean isGuessing(String words) {
        return words.contains(" brute") || words.contains(" password guess") || words.contains(" password spray")
                || words.contains(" login attempt") || words.contains(" credential stuffing")
                || words.contains(" bruteforc") || words.contains(" excessive failed");
    }

    private static boolean isC2(String words) {
        return words.contains(" cnc ") || words.contains(" c2 ") || words.contains(" c&c ")
                || words.contains(" command and control") || words.contains(" checkin") || words.contains(" check in ")
                || words.contains(" beacon") || words.contains(" botnet") || words.contains(" heartbeat")
                || words.contains(" keep alive") || words.contains(" keepalive") || words.contains(" backdoor")
                || words.contains(" reverse shell") || words.contains(" ssl cert") || words.contains(" tunnel");
    }

    private static boolean isDownload(String words) {
        return words.contains(" download") || words.contains(" payload") || words.contains(" dropper")
                || words.contains(" maldoc") || words.contains(" exe ");
    }

    /** Lower case, every run of separators ("/", ".", "_", "-", "::") one space, padded: " emotet botnet ". */
    private static String words(String name) {
        return " " + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9&]+", " ").strip() + " ";
    }
}
