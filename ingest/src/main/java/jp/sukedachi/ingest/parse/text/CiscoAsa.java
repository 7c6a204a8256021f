package jp.sukedachi.ingest.parse.text;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;

/**
 * Cisco ASA, FTD and PIX: {@code %ASA-<severity>-<message id>: text}. The texts of the common message
 * ids share a grammar, so one scan serves them: the first address after {@code from}/{@code src}/
 * {@code for} is the source and the one after {@code to}/{@code dst} the destination, each written
 * {@code [interface:]ip[/port]}; the first word says the action (Deny, Built, Teardown, ...).
 * Outbound connections ({@code Built outbound ... for outside:X to inside:Y}) name the responder
 * first, so they are swapped.
 */
final class CiscoAsa {
    private CiscoAsa() {
    }

    /** Index of {@code %ASA-n-}, {@code %FTD-n-} or {@code %PIX-n-}, or -1. */
    static int marker(String s) {
        int i = s.indexOf('%');
        while (i >= 0 && i + 7 < s.length()) {
            if ((s.startsWith("ASA-", i + 1) || s.startsWith("FTD-", i + 1) || s.startsWith("PIX-", i + 1))
                    && Chars.isDigit(s.charAt(i + 5)) && s.charAt(i + 6) == '-') {
                return i;
            }
            i = s.indexOf('%', i + 1);
        }
        return -1;
    }

    static void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
        int m = marker(s);
        if (m < 0) {
            return;
        }
        int n = s.length();
        b.set(Ecs.OBSERVER_VENDOR, "Cisco");
        b.set(Ecs.OBSERVER_PRODUCT, s.substring(m + 1, m + 4));
        b.set(Ecs.EVENT_SEVERITY, s.substring(m + 5, m + 6));
        int idStart = m + 7;
        int idEnd = idStart;
        while (idEnd < n && Chars.isDigit(s.charAt(idEnd))) {
            idEnd++;
        }
        if (idEnd == idStart) {
            return;
        }
        String id = s.substring(idStart, idEnd);
        b.set(Ecs.EVENT_CODE, id);
        int text = idEnd < n && s.charAt(idEnd) == ':' ? idEnd + 1 : idEnd;
        text = Chars.skipSpaces(s, text);
        if (text >= n) {
            return;
        }
        b.set(Ecs.MESSAGE, s.substring(text));
        scan(p, s, text, id, b);
    }

    private static void scan(TextParser p, String s, int text, String id, SecurityEvent.Builder b) {
        int n = s.length();
        int firstEnd = Chars.tokenEnd(s, text);
        String action = is(s, text, firstEnd, "Deny") || is(s, text, firstEnd, "Denied") ? "deny"
                : is(s, text, firstEnd, "Built") ? "built" : is(s, text, firstEnd, "Teardown") ? "teardown" : null;
        boolean outbound = "built".equals(action) && s.startsWith(" outbound ", firstEnd);
        // endpoints and keywords; the previous word is kept as offsets so the scan allocates nothing
        String[] ep = p.fields(4); // src ip, src port, dst ip, dst port
        ep[0] = ep[1] = ep[2] = ep[3] = null;
        int ps = text;
        int pe = firstEnd;
        String proto = null;
        String user = null;
        int i = firstEnd;
        int tokens = 0;
        while (i < n && tokens < 80) {
            i = Chars.skipSpaces(s, i);
            int e = Chars.tokenEnd(s, i);
            if (e == i) {
                break;
            }
            tokens++;
            int te = e;
            while (te > i && ",;.)]".indexOf(s.charAt(te - 1)) >= 0) {
                te--;
            }
            if (ps >= 0 && te > i) {
                if (ep[0] == null && (is(s, ps, pe, "from") || is(s, ps, pe, "src") || is(s, ps, pe, "for")
                        || is(s, ps, pe, "SRC"))) {
                    endpoint(s, i, te, ep, 0);
                } else if (ep[2] == null && (is(s, ps, pe, "to") || is(s, ps, pe, "dst") || is(s, ps, pe, "DEST"))) {
                    endpoint(s, i, te, ep, 2);
                } else if (user == null && (is(s, ps, pe, "Uname:") || ((is(s, ps, pe, "user") || is(s, ps, pe, "User"))
                        && (s.charAt(i) == '"' || s.charAt(i) == '\'')))) {
                    user = strip(s.substring(i, te)); // Uname: x, user "x", User 'x'
                }
            }
            if (proto == null && te - i >= 3 && te - i <= 4) {
                proto = transportWord(s, i, te);
            }
            ps = i;
            pe = e;
            i = e;
        }
        if (user == null && is(s, text, firstEnd, "User")) {
            user = strip(s.substring(Chars.skipSpaces(s, firstEnd), Chars.tokenEnd(s, Chars.skipSpaces(s, firstEnd))));
        }
        if (user == null) {
            int u = s.indexOf("User = ", text);
            if (u < 0) {
                u = s.indexOf("user = ", text);
            }
            if (u >= 0) {
                int ue = u + 7;
                while (ue < n && s.charAt(ue) != ',' && s.charAt(ue) != ' ' && s.charAt(ue) != ':') {
                    ue++;
                }
                user = s.substring(u + 7, ue);
            }
        }
        if (outbound) {
            String ip = ep[0];
            String port = ep[1];
            ep[0] = ep[2];
            ep[1] = ep[3];
            ep[2] = ip;
            ep[3] = port;
        }
        Fields.ip(b, Ecs.SOURCE_IP, ep[0]);
        Fields.port(b, Ecs.SOURCE_PORT, ep[1]);
        Fields.ip(b, Ecs.DESTINATION_IP, ep[2]);
        Fields.port(b, Ecs.DESTINATION_PORT, ep[3]);
        b.set(Ecs.NETWORK_TRANSPORT, proto);
        if (s.indexOf("access-group \"", text) >= 0) {
            int q = s.indexOf("access-group \"", text) + 14;
            int qe = s.indexOf('"', q);
            if (qe > q) {
                b.set(Ecs.RULE_NAME, s.substring(q, qe));
            }
        }
        if (action == null) {
            action = s.indexOf(" denied", text) >= 0 || s.indexOf("Rejected", text) >= 0
                    || s.indexOf(" failed", text) >= 0 || s.indexOf(" locked out", text) >= 0
                    || s.indexOf(" incorrect", text) >= 0 ? "deny"
                    : s.indexOf(" permitted", text) >= 0 || s.indexOf("Successful", text) >= 0
                            || s.indexOf(" succeeded", text) >= 0 ? "allow" : null;
        }
        b.set(Ecs.EVENT_ACTION, action);
        b.set(Ecs.EVENT_OUTCOME, "deny".equals(action) ? Fields.FAILURE : "allow".equals(action) ? Fields.SUCCESS : null);
        b.set(Ecs.USER_NAME, user);
        if (id.startsWith("113") || id.startsWith("6051") || id.startsWith("6111") || id.equals("308001")) {
            b.set(Ecs.EVENT_CATEGORY, Fields.AUTHENTICATION);
        } else if (ep[0] != null || ep[2] != null) {
            b.set(Ecs.EVENT_CATEGORY, Fields.NETWORK);
        }
    }

    private static boolean is(String s, int from, int to, String word) {
        return to - from == word.length() && s.startsWith(word, from);
    }

    private static String transportWord(String s, int from, int to) {
        if (s.regionMatches(true, from, "tcp", 0, 3) && to - from == 3) {
            return "tcp";
        } else if (s.regionMatches(true, from, "udp", 0, 3) && to - from == 3) {
            return "udp";
        } else if (s.regionMatches(true, from, "icmp", 0, 4) && to - from == 4) {
            return "icmp";
        }
        return null;
    }

    /** {@code [interface:]ip[/port]} or {@code ip(port)} into ep[at] (ip) and ep[at + 1] (port). */
    private static void endpoint(String s, int from, int to, String[] ep, int at) {
        int slash = s.lastIndexOf('/', to - 1);
        int hostEnd = slash >= from ? slash : to;
        int hostStart = from;
        if (!Chars.isIp(s, hostStart, hostEnd)) {
            int colon = s.indexOf(':', from);
            if (colon < 0 || colon >= hostEnd) {
                return;
            }
            hostStart = colon + 1;
            if (!Chars.isIp(s, hostStart, hostEnd)) {
                return;
            }
        }
        ep[at] = s.substring(hostStart, hostEnd);
        if (slash >= from) {
            int pe = slash + 1;
            while (pe < to && Chars.isDigit(s.charAt(pe))) {
                pe++;
            }
            if (pe > slash + 1) {
                ep[at + 1] = s.substring(slash + 1, pe);
            }
        }
    }

    private static String strip(String v) {
        int a = 0;
        int z = v.length();
        while (a < z && (v.charAt(a) == '\'' || v.charAt(a) == '"')) {
            a++;
        }
        while (z > a && (v.charAt(z - 1) == '\'' || v.charAt(z - 1) == '"' || v.charAt(z - 1) == ':')) {
            z--;
        }
        return a < z ? v.substring(a, z) : null;
    }
}
