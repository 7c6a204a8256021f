package jp.sukedachi.detect.sensor;

import java.util.Locale;
import jp.sukedachi.event.Category;

/**
 * The category of a verdict the customer's device did not block, from the sensor and its signature's name
 * (IDS rule sets name their class first: "ET SCAN …", "ET CNC …", "ET MALWARE …").
 */
final class SensorCategories {
    private SensorCategories() {
    }

    static Category passed(String source, String signature) {
        String s = signature == null ? "" : signature.toLowerCase(Locale.ROOT);
        if (s.contains("ransom")) {
            return Category.RANSOMWARE;
        }
        if (s.contains(" cnc") || s.contains("c2") || s.contains("botnet") || s.contains("command and control")) {
            return Category.C2;
        }
        if (s.contains("phish")) {
            return Category.PHISHING;
        }
        if (s.contains(" scan") || s.startsWith("scan") || s.contains("portscan") || s.contains("port scan")) {
            return Category.SCAN;
        }
        if (s.contains("brute") || s.contains("password guess")) {
            return Category.PASSWORD_GUESSING;
        }
        if (source.equals("fortigate-av") || s.contains("malware") || s.contains("trojan") || s.contains("virus")) {
            return Category.MALWARE_DOWNLOAD;
        }
        return Category.OTHER;
    }
}
