package jp.sukedachi.detect.asset;

import java.util.List;
import java.util.Locale;

/**
 * The operating systems that no longer get security fixes, as the OS guesses of {@link OsGuess} name them:
 * Windows 2000, XP, Vista, 7, 8 and 8.1, Windows Server 2003 and 2008 (R2 too), and SMB version 1 (switched off by
 * Microsoft, the protocol WannaCry spread by). Kept in one list so a new end of support is one line.
 */
public final class EndOfLife {
    /** Lower-case OS names, matched as whole names or as a prefix followed by a space. */
    public static final List<String> NAMES = List.of("windows 2000", "windows xp", "windows vista", "windows 7",
            "windows 8", "windows 8.1", "windows server 2003", "windows server 2008", "windows server 2008 r2",
            "smbv1");

    private EndOfLife() {
    }

    public static boolean isEndOfLife(String osGuess) {
        if (osGuess == null) {
            return false;
        }
        String s = osGuess.toLowerCase(Locale.ROOT).strip();
        for (String n : NAMES) {
            if (s.equals(n) || s.startsWith(n + " ")) {
                return true;
            }
        }
        return false;
    }
}
