package jp.sukedachi.ingest.parse.text;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;

/**
 * OpenSSH server messages: logins accepted or failed ({@code Accepted password for USER from IP port
 * N ssh2}, {@code Failed ... for invalid user USER ...}), invalid users, PAM failures, disconnects.
 * Authentication messages get event.category authentication and an outcome; any message naming a
 * user or client address gets user.name and source.ip/port.
 */
final class Sshd {
    /** Phrases of failed authentication, checked in order. */
    private static final String[] FAILURES = {
        "Failed ", "Invalid user ", "invalid user ", "authentication failure", "authentication error",
        "maximum authentication attempts", "not allowed because", "User not known", "Authentication refused",
        "Too many authentication failures"};
    /** Phrases followed by the user name, most specific first. */
    private static final String[] USER_BEFORE = {
        "for invalid user ", "for illegal user ", "Invalid user ", "invalid user ", "illegal user ",
        "authenticating user ", "exceeded for ", " user=", "by user ", "Disconnected from user ",
        "closed by user ", "Disconnecting user "};

    private Sshd() {
    }

    static void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
        int n = s.length();
        int text = msg;
        if (!"sshd".equals(p.header.appname)) {
            int m = s.indexOf("sshd[", msg);
            if (m < 0) {
                m = s.indexOf("sshd:", msg);
            }
            int colon = m < 0 ? -1 : s.indexOf(": ", m);
            if (colon > 0) {
                text = colon + 2;
            }
        }
        b.set(Ecs.PROCESS_NAME, "sshd");
        if (s.startsWith("error: ", text) || s.startsWith("fatal: ", text)) {
            text += 7;
        }
        boolean accepted = s.startsWith("Accepted ", text);
        boolean failed = false;
        if (!accepted) {
            for (String phrase : FAILURES) {
                int at = s.indexOf(phrase, text);
                if (at >= 0 && (phrase.charAt(0) != 'F' || at == text)) {
                    failed = true;
                    break;
                }
            }
        }
        if (accepted || failed) {
            b.set(Ecs.EVENT_CATEGORY, Fields.AUTHENTICATION);
            b.set(Ecs.EVENT_OUTCOME, accepted ? Fields.SUCCESS : Fields.FAILURE);
            b.set(Ecs.EVENT_ACTION, accepted ? "ssh_login" : "ssh_login_failed");
        }
        String user = null;
        if (accepted || s.startsWith("Failed ", text)) {
            // "Accepted/Failed <method> for [invalid user ]USER from"
            int f = s.indexOf(" for ", text);
            if (f > 0) {
                int u = f + 5;
                if (s.startsWith("invalid user ", u)) {
                    u += 13;
                }
                user = word(s, u);
            }
        }
        if (user == null) {
            for (String phrase : USER_BEFORE) {
                int at = s.indexOf(phrase, text);
                if (at >= 0) {
                    user = word(s, at + phrase.length());
                    break;
                }
            }
        }
        if (user == null && s.startsWith("User ", text)) {
            user = word(s, text + 5); // "User root from IP not allowed because ..."
        }
        b.set(Ecs.USER_NAME, user);
        String ip = null;
        int from = s.indexOf(" from ", text);
        if (from >= 0) {
            ip = ipAt(s, from + 6);
        }
        if (ip == null) {
            int rhost = s.indexOf("rhost=", text);
            ip = rhost >= 0 ? ipAt(s, rhost + 6) : null;
        }
        int port = s.indexOf(" port ", text);
        if (ip == null && port > text) {
            int start = s.lastIndexOf(' ', port - 1) + 1; // "... user USER 1.2.3.4 port 22"
            ip = Chars.isIp(s, start, port) ? s.substring(start, port) : null;
        }
        if (ip == null) {
            int with = s.indexOf(" with ", text);
            ip = with >= 0 ? ipAt(s, with + 6) : null;
        }
        if (ip == null && s.startsWith("Address ", text)) {
            ip = ipAt(s, text + 8);
        }
        b.set(Ecs.SOURCE_IP, ip);
        if (port > 0 && ip != null) {
            int ps = port + 6;
            int pe = ps;
            while (pe < n && Chars.isDigit(s.charAt(pe))) {
                pe++;
            }
            Fields.port(b, Ecs.SOURCE_PORT, s.substring(ps, pe));
        }
    }

    private static String word(String s, int from) {
        int e = Chars.tokenEnd(s, from);
        return e > from ? s.substring(from, e) : null;
    }

    private static String ipAt(String s, int from) {
        int e = Chars.tokenEnd(s, from);
        while (e > from && (s.charAt(e - 1) == ':' || s.charAt(e - 1) == ',')) {
            e--;
        }
        return Chars.isIp(s, from, e) ? s.substring(from, e) : null;
    }
}
