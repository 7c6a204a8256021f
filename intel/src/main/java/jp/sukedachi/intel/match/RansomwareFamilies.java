package jp.sukedachi.intel.match;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a malware family, a signature name or a rule folder names ransomware: "ransom" anywhere, or a known
 * ransomware family as a whole word. Words are split at anything not a letter or digit, so ThreatFox's
 * {@code win.lockbit}, "LockBit 3.0", "LockBit3", "Black Basta" and "BlackBasta" all match, while "conti" does not
 * match "continue".
 *
 * <p>Families named by an everyday word (Hive, Play, Royal, Medusa, Cuba…) count only where the text IS a family
 * name ({@link #family}): in a signature "registry hive" or "Apache Zeppelin" is no ransomware.
 */
public final class RansomwareFamilies {
    private static final Set<String> FAMILIES = Set.of(
            "lockbit", "conti", "ryuk", "revil", "sodinokibi", "blackcat", "alphv", "akira", "phobos", "wannacry",
            "wannacryptor", "wcry", "maze", "egregor", "clop", "cl0p", "blackbasta", "8base", "medusalocker",
            "rhysida", "babuk", "ragnarlocker", "avaddon", "darkside", "blackmatter", "lockergoga", "gandcrab",
            "netwalker", "djvu", "dharma", "crysis", "makop", "mallox", "bianlian", "blacksuit", "qilin", "trigona",
            "noescape", "nokoyawa", "ransomhub", "vicesociety", "locky", "cerber", "cryptolocker", "cryptowall",
            "teslacrypt", "petya", "notpetya", "badrabbit", "megacortex", "doppelpaymer", "bitpaymer", "magniber",
            "rorschach", "blackbyte", "hellokitty", "ransomexx");

    /** Ransomware families whose name is also an ordinary word: only a whole family name counts. */
    private static final Set<String> FAMILY_WORDS = Set.of(
            "hive", "play", "royal", "medusa", "cuba", "snatch", "zeppelin", "quantum", "karma", "lorenz", "stop",
            "targetcompany", "lv", "agenda", "cactus", "hunters");

    private RansomwareFamilies() {
    }

    /** True when free text (a signature name, a rule folder) names ransomware (case-insensitive). */
    public static boolean named(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        String s = text.toLowerCase(Locale.ROOT);
        if (s.contains("ransom")) {
            return true;
        }
        String previous = "";
        for (String raw : s.split("[^a-z0-9]+")) {
            if (raw.isEmpty()) {
                continue;
            }
            String w = stripVersion(raw);
            // "Black Basta", "Ragnar Locker": the family written as two words.
            if (FAMILIES.contains(w) || FAMILIES.contains(previous + w)) {
                return true;
            }
            previous = w;
        }
        return false;
    }

    /**
     * True when a feed's malware family field names ransomware: as {@link #named}, plus the families named by an
     * ordinary word when the field is that name alone ("Hive", {@code win.hive}, "Play 2").
     */
    public static boolean family(String family) {
        if (family == null || named(family)) {
            return family != null;
        }
        String s = family.toLowerCase(Locale.ROOT).strip();
        int dot = s.indexOf('.');
        if (dot > 0 && dot <= 4) {
            s = s.substring(dot + 1); // Malpedia's platform prefix: win., elf., apk., osx.
        }
        String[] words = s.split("[^a-z0-9]+");
        return words.length >= 1 && words.length <= 2 && FAMILY_WORDS.contains(stripVersion(words[0]))
                && (words.length == 1 || words[1].chars().allMatch(Character::isDigit));
    }

    /** "lockbit3" → "lockbit", but "8base" and "cl0p" keep their digits (they are not at the end). */
    private static String stripVersion(String word) {
        int end = word.length();
        while (end > 0 && Character.isDigit(word.charAt(end - 1))) {
            end--;
        }
        return end == 0 ? word : word.substring(0, end);
    }
}
