package jp.sukedachi.detect.asset;

import java.util.Locale;

/** Operating-system names from the texts devices show: browser user agents, FortiGate's device fields, SMB dialects. */
public final class OsGuess {
    private OsGuess() {
    }

    /** The OS a browser user agent names, or null: "Windows XP", "Windows 10/11", "iOS", "Android", "macOS", "Linux". */
    public static String fromUserAgent(String ua) {
        if (ua == null) {
            return null;
        }
        int nt = ua.indexOf("Windows NT ");
        if (nt >= 0) {
            int from = nt + "Windows NT ".length();
            int to = from;
            while (to < ua.length() && (Character.isDigit(ua.charAt(to)) || ua.charAt(to) == '.')) {
                to++;
            }
            return switch (ua.substring(from, to)) {
                case "5.0" -> "Windows 2000";
                case "5.1" -> "Windows XP";
                case "5.2" -> "Windows XP x64 / Server 2003";
                case "6.0" -> "Windows Vista";
                case "6.1" -> "Windows 7";
                case "6.2" -> "Windows 8";
                case "6.3" -> "Windows 8.1";
                case "10.0" -> "Windows 10/11";
                default -> "Windows";
            };
        }
        if (ua.contains("Windows XP")) {
            return "Windows XP";
        }
        if (ua.contains("iPhone") || ua.contains("iPad")) {
            return "iOS";
        }
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        }
        if (ua.contains("CrOS")) {
            return "ChromeOS";
        }
        if (ua.contains("Linux")) {
            return "Linux";
        }
        return null;
    }

    /**
     * FortiGate's device identification: {@code osname} ("Windows", "iOS") and {@code srcswversion} ("XP", "7",
     * "17.1"): "Windows XP", "iOS 17.1"; null when neither is given.
     */
    public static String fromFortiGate(String osname, String version) {
        String os = blank(osname);
        String v = blank(version);
        if (os == null) {
            return null;
        }
        if (v == null) {
            return os;
        }
        if (os.equalsIgnoreCase("Windows") && v.toLowerCase(Locale.ROOT).startsWith("server")) {
            return "Windows " + v.substring(0, 1).toUpperCase(Locale.ROOT) + v.substring(1);
        }
        return os + " " + v;
    }

    /**
     * An SMB dialect ("NT LM 0.12", "SMB1", "SMBv1", "2.1", "3.1.1", "SMB 2.002"): "SMBv1" for version 1, null
     * for the newer ones (they say nothing about the OS being out of support).
     */
    public static String fromSmbDialect(String dialect) {
        String d = blank(dialect);
        if (d == null) {
            return null;
        }
        String s = d.toUpperCase(Locale.ROOT).replace(" ", "");
        if (s.contains("NTLM0.12") || s.equals("SMB1") || s.equals("SMBV1") || s.equals("1") || s.startsWith("SMB1.")
                || s.equals("PCNETWORKPROGRAM1.0") || s.startsWith("LANMAN")) {
            return "SMBv1";
        }
        return null;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() || s.equals("-") ? null : s.strip();
    }
}
