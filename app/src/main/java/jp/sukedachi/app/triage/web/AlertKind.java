package jp.sukedachi.app.triage.web;

import java.util.Locale;
import jp.sukedachi.app.triage.Alert;

/**
 * What kind of thing an alert is, in the terms an SME understands; picks the plain-language texts
 * ({@code plain.<kind>.what/matters/todo/call} in the message bundles).
 *
 * <p>The alert keeps its detector, rule id (for intel: the indicator) and title; the intel matcher writes the
 * threat type and malware family into the title ("Connection to known botnet C2 …", "… (source: Emotet)"), so
 * the kind is read from those. Anything not recognised gets the generic text.
 */
public enum AlertKind {
    BLOCKED, RANSOMWARE, C2, MALWARE_DOWNLOAD, PHISHING, LOGIN, UNKNOWN_DEVICE, OUTDATED_OS, SCAN, SILENT, GENERIC;

    /** "ransom" anywhere, or a known ransomware family as a whole word (so "conti" does not match "continue"). */
    private static final java.util.regex.Pattern RANSOMWARE_FAMILIES = java.util.regex.Pattern.compile(
            "ransom|\\b(lockbit|conti|ryuk|revil|sodinokibi|blackcat|alphv|akira|phobos|wannacry|wannacryptor|maze"
                    + "|clop|cl0p|black ?basta|8base|hive|medusa|rhysida|babuk|ragnar ?locker|avaddon|darkside)\\b");

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertKind of(Alert a) {
        return of(a.detector(), a.ruleId(), a.title());
    }

    static AlertKind of(String detector, String ruleId, String title) {
        String det = lower(detector);
        String text = lower(ruleId) + " " + lower(title);
        // A verdict the customer's own device enforced (a blocked download, a dropped exploit): nothing got in.
        if (det.equals("sensor") && text.contains("blocked") && !text.contains("not blocked")) {
            return BLOCKED;
        }
        if (RANSOMWARE_FAMILIES.matcher(text).find()) {
            return RANSOMWARE;
        }
        if (det.equals("intel")) {
            if (containsAny(text, "botnet", " c2", "c&c", "command and control")) {
                return C2;
            }
            if (containsAny(text, "malware delivery", "payload", "malware download", "malicious file")) {
                return MALWARE_DOWNLOAD;
            }
            if (containsAny(text, "phishing")) {
                return PHISHING;
            }
        }
        if (containsAny(text, "silent", "no events", "stopped sending", "heartbeat")) {
            return SILENT;
        }
        if (containsAny(text, "unknown device", "new device", "unknown_device", "unregistered device", "rogue device")) {
            return UNKNOWN_DEVICE;
        }
        if (containsAny(text, "outdated", "end of life", "end-of-life", "unsupported os", "windows xp", "eol os")) {
            return OUTDATED_OS;
        }
        if (containsAny(text, "phish", "spoof", "dmarc", "spf fail", "dkim", "suspicious mail", "malicious attachment")) {
            return PHISHING;
        }
        if (containsAny(text, "brute", "password guess", "password spray", "failed logon", "failed login",
                "logon failure", "login failure", "unauthori", "4625", "impossible travel")) {
            return LOGIN;
        }
        if (containsAny(text, "scan", "probe", "sweep")) {
            return SCAN;
        }
        if (containsAny(text, "c2", "botnet", "beacon", "command and control")) {
            return C2;
        }
        if (containsAny(text, "malware", "download", "trojan", "virus", "emotet", "malicious file")) {
            return MALWARE_DOWNLOAD;
        }
        return GENERIC;
    }

    private static boolean containsAny(String text, String... needles) {
        for (String n : needles) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
