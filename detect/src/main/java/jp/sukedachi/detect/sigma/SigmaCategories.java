package jp.sukedachi.detect.sigma;

import java.util.Locale;
import jp.sukedachi.event.Category;

/**
 * The category of a Sigma rule's detections, from its ATT&CK tags (SigmaHQ tags nearly every rule): what the
 * technique means for the company, not what the title's words say.
 */
public final class SigmaCategories {
    private SigmaCategories() {
    }

    public static Category of(SigmaRule rule) {
        boolean c2 = false;
        boolean guessing = false;
        boolean phishing = false;
        boolean scan = false;
        for (String raw : rule.tags()) {
            String tag = raw.toLowerCase(Locale.ROOT);
            switch (tag) {
                // Inhibit system recovery, data encrypted for impact: what ransomware does before and while it encrypts.
                case "attack.t1490", "attack.t1486" -> {
                    return Category.RANSOMWARE;
                }
                case "attack.command-and-control", "attack.command_and_control" -> c2 = true;
                case "attack.t1110", "attack.t1110.001", "attack.t1110.003" -> guessing = true;
                case "attack.t1566", "attack.t1566.001", "attack.t1566.002" -> phishing = true;
                case "attack.t1046", "attack.t1595", "attack.t1595.001", "attack.t1595.002" -> scan = true;
                default -> {
                }
            }
        }
        if (c2) {
            return Category.C2;
        }
        if (guessing) {
            return Category.PASSWORD_GUESSING;
        }
        if (phishing) {
            return Category.PHISHING;
        }
        return scan ? Category.SCAN : Category.OTHER;
    }
}
