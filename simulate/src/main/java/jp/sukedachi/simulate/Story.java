package jp.sukedachi.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import jp.sukedachi.simulate.SimWorld.Company;
import jp.sukedachi.simulate.SimWorld.Host;

/**
 * The attack cases of the お助け隊 demonstration reports, placed in time over a story window (three weeks in
 * the demo; shorter windows compress the calendar but keep the counts that matter, such as the 129 ransomware
 * attempts). Each case writes the telemetry its victims' devices would really send; which detector should
 * catch it is stated per case, whether or not this build has that detector.
 */
public final class Story {
    /** The calendar the cases are written for. */
    public static final Duration FULL = Duration.ofDays(21);
    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;

    /** What should catch a case at a company: detector id as in {@code Detection.detector()}. */
    public record Expect(String company, String detector) {
    }

    /** The eight cases. {@code detectors} lists every detector that should alert, available or not. */
    public enum Case {
        FREEWARE_BEACONING(1, "フリーソフトから感染した PC が攻撃者のサーバーと通信し続ける",
                "A PC infected through freeware keeps calling the attacker's server",
                List.of(new Expect("kawasemi-kensetsu", "intel"), new Expect("kawasemi-kensetsu", "beaconing"))),
        SPOOFED_MAIL_3_DAYS(2, "なりすましメール（報告書を装った添付）が3日続けて届く",
                "A spoofed mail with a malicious 'report' arrives three days in a row",
                List.of(new Expect("midori-kaikei", "intel"), new Expect("midori-kaikei", "campaign"),
                        new Expect("kawasemi-kensetsu", "campaign"))),
        RANSOMWARE_ATTEMPTS(3, "ランサムウェアの侵入の試みが期間中 129 回",
                "129 ransomware attempts within the period",
                List.of(new Expect("asahi-insatsu", "sensor"))),
        WINDOWS_XP_PC(4, "ウイルス対策のない Windows XP の PC が社内 LAN につながり感染",
                "A Windows XP PC without antivirus joins the LAN and gets infected",
                List.of(new Expect("hinode-shokuhin", "intel"), new Expect("hinode-shokuhin", "asset-watch"))),
        PRIVATE_IPHONE(5, "私物の iPhone が無断で社内 Wi-Fi につながり、マルウェア配布サーバーと通信",
                "A private iPhone on the office Wi-Fi talks to a malware distribution server",
                List.of(new Expect("tsubame-ryokan", "intel"), new Expect("tsubame-ryokan", "asset-watch"))),
        HOTEL_WIFI_EMOTET(6, "出張先のホテル Wi-Fi でメールを開き Emotet に感染、取引先へメールをばらまく",
                "Emotet from a mail opened on hotel Wi-Fi, then mail sent to business partners",
                List.of(new Expect("aozora-unyu", "intel"), new Expect("aozora-unyu", "sigma"),
                        new Expect("aozora-unyu", "mail-burst"))),
        SUPPLY_CHAIN_MAIL(7, "取引先のメールサーバーが乗っ取られ、本物のアドレスから不正なメールが複数の会社へ",
                "A partner's hacked mail server sends malicious mails from real addresses to several customers",
                List.of(new Expect("yamabuki-shoji", "intel"), new Expect("sakura-seiki", "intel"),
                        new Expect("daichi-kikai", "intel"), new Expect("yamabuki-shoji", "campaign"),
                        new Expect("sakura-seiki", "campaign"), new Expect("daichi-kikai", "campaign"))),
        MANUFACTURER_EMOTET_RANSOMWARE(8, "製造業（約200人）で Emotet とランサムウェア",
                "A manufacturer of about 200 staff hit by Emotet and ransomware",
                List.of(new Expect("takahashi-seisakusho", "intel"), new Expect("takahashi-seisakusho", "sensor"),
                        new Expect("takahashi-seisakusho", "sigma")));

        private final int number;
        private final String titleJa;
        private final String titleEn;
        private final List<Expect> expects;

        Case(int number, String titleJa, String titleEn, List<Expect> expects) {
            this.number = number;
            this.titleJa = titleJa;
            this.titleEn = titleEn;
            this.expects = expects;
        }

        public int number() {
            return number;
        }

        public String titleJa() {
            return titleJa;
        }

        public String titleEn() {
            return titleEn;
        }

        public List<Expect> expects() {
            return expects;
        }
    }

    private final long start;
    private final long end;
    private final double scale;
    private final long seed;

    /** The cases over [start, end): dates are compressed when the window is shorter than {@link #FULL}. */
    public Story(Instant start, Instant end, long seed) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("story window is empty");
        }
        this.start = start.toEpochMilli();
        this.end = end.toEpochMilli();
        this.scale = Math.min(1.0, (this.end - this.start) / (double) FULL.toMillis());
        this.seed = seed;
    }

    public Instant start() {
        return Instant.ofEpochMilli(start);
    }

    public Instant end() {
        return Instant.ofEpochMilli(end);
    }

    /** Which extra devices the cases need at a company (a mail-scanning sensor, a LAN sensor, endpoint logs). */
    static boolean needs(String slug, Wire wire) {
        return switch (wire) {
            case SURICATA_EVE -> Set.of("midori-kaikei", "yamabuki-shoji", "sakura-seiki", "daichi-kikai",
                    "takahashi-seisakusho", "kawasemi-kensetsu").contains(slug);
            case ZEEK_JSON -> Set.of("hinode-shokuhin").contains(slug);
            case WINDOWS_BULK -> Set.of("aozora-unyu", "takahashi-seisakusho").contains(slug);
            case FORTIGATE_SYSLOG -> true;
        };
    }

    /** The time {@code days} before the story's end (compressed), at the given hour of the office's day. */
    long at(double days, double jstHour) {
        long t = end - (long) (days * scale * DAY);
        if (scale < 1.0) {
            return t; // compressed: keep the order of events, not the hour of day
        }
        long midnightJst = Math.floorDiv(t + 9 * HOUR, DAY) * DAY - 9 * HOUR;
        return midnightJst + (long) (jstHour * HOUR);
    }

    /** Every case record with a time in [from, to) of the companies in the world. Deterministic. */
    void emit(SimWorld world, long from, long to, List<SimRecord> out) {
        beaconing(world.company("kawasemi-kensetsu"), from, to, out);
        spoofedMail(world.company("midori-kaikei"), world.company("kawasemi-kensetsu"), from, to, out);
        ransomwareAttempts(world.company("asahi-insatsu"), from, to, out);
        windowsXp(world.company("hinode-shokuhin"), from, to, out);
        privateIphone(world.company("tsubame-ryokan"), from, to, out);
        hotelEmotet(world.company("aozora-unyu"), from, to, out);
        for (String slug : new String[] {"yamabuki-shoji", "sakura-seiki", "daichi-kikai"}) {
            supplyChain(world.company(slug), from, to, out);
        }
        manufacturer(world.company("takahashi-seisakusho"), from, to, out);
    }

    private SplittableRandom random(int caseNo, long k) {
        return new SplittableRandom(seed * 1_000_003L + caseNo * 7_919L + k);
    }

    private static boolean in(long t, long from, long to) {
        return t >= from && t < to;
    }

    private static String utmName(Company c) {
        String n = c.device(Wire.FORTIGATE_SYSLOG).name();
        return n.substring(n.indexOf(' ') + 1);
    }

    private static SimRecord rec(Company c, Wire wire, long t, String line, int caseNo) {
        return new SimRecord(c.slug(), c.device(wire).name(), wire, t, line, caseNo);
    }

    // 1. Beaconing: from infection on, the PC calls 203.0.113.66:443 about every 10.5 minutes
    //    (4,126 connections in a month), and never stops by itself.
    private void beaconing(Company c, long from, long to, List<SimRecord> out) {
        if (c == null) {
            return;
        }
        Host pc = c.hosts().get(3 % c.hosts().size());
        long infected = at(20, 10.5);
        if (in(infected, from, to)) {
            SplittableRandom r = random(1, -1);
            StringBuilder sb = Records.forti(infected, utmName(c), "0316013057", "utm", "webfilter", "notice");
            Records.kv(sb, "eventtype", "ftgd_allow"); Records.kv(sb, "srcip", pc.ip()); Records.kv(sb, "srcport", Office.ephemeral(r));
            Records.kv(sb, "dstip", "203.0.113.31"); Records.kv(sb, "dstport", 80); Records.kv(sb, "proto", 6);
            Records.kv(sb, "action", "passthrough"); Records.kv(sb, "service", "HTTP");
            Records.kv(sb, "hostname", "free-pdf-tools.example.com"); Records.kv(sb, "url", "/download/pdfconv_setup.exe");
            Records.kv(sb, "catdesc", "Freeware and Software Downloads"); Records.kv(sb, "msg", "URL belongs to an allowed category in policy");
            out.add(rec(c, Wire.FORTIGATE_SYSLOG, infected, sb.toString(), 1));
        }
        long interval = 30L * DAY / 4126;
        long k0 = Math.max(0, (from - infected) / interval - 1);
        for (long k = k0; ; k++) {
            SplittableRandom r = random(1, k);
            long t = infected + 60_000 + k * interval + r.nextLong(interval / 5) - interval / 10;
            if (t >= to) {
                break;
            }
            if (!in(t, from, to)) {
                continue;
            }
            out.add(rec(c, Wire.FORTIGATE_SYSLOG, t, Office.trafficAccept(utmName(c), t, r, pc, DemoIntel.BEACON_C2, 443,
                    "HTTPS", null), 1));
            if (k % 4 == 0 && c.has(Wire.SURICATA_EVE)) {
                Json j = Records.eve(t, "tls", r.nextLong() & Long.MAX_VALUE, pc.ip(), Office.ephemeral(r), DemoIntel.BEACON_C2, 443, "TCP");
                out.add(rec(c, Wire.SURICATA_EVE, t, j.open("tls").str("subject", "CN=localhost").str("issuerdn", "CN=localhost")
                        .str("version", "TLS 1.2").close().line(), 1));
            }
        }
    }

    // 2. The same spoofed "report" mail three mornings in a row, caught by the mail-scanning sensor. It is a
    // campaign: on the second morning the same mail also reaches another company with a sensor (its IDS logs it),
    // so the provider sees one attack at two companies.
    private void spoofedMail(Company c, Company alsoHit, long from, long to, List<SimRecord> out) {
        if (c == null) {
            return;
        }
        for (int day = 0; day < 3; day++) {
            long t = at(3 - day, 9.2 + day * 0.3);
            if (in(t, from, to)) {
                spoofedReport(c, t, random(2, day), day, out);
            }
            long elsewhere = t + 25 * 60_000L;
            if (day == 1 && alsoHit != null && alsoHit.has(Wire.SURICATA_EVE) && in(elsewhere, from, to)) {
                spoofedReport(alsoHit, elsewhere, random(2, 100 + day), day, out);
            }
        }
    }

    private static void spoofedReport(Company c, long t, SplittableRandom r, int day, List<SimRecord> out) {
        mail(c, t, r, "\"国税庁 通知センター\" <notice@nta-tsuchi.example.com>", "office@" + c.slug() + ".example.jp",
                "【重要】報告書の確認のお願い", "報告書_" + (1120 + day) + ".doc", DemoIntel.REPORT_DOC_SHA256, "203.0.113.45", 2,
                out);
    }

    /** A mail with an attachment as the IDS sensor logs it: the SMTP transaction and the file it carried. */
    private static void mail(Company c, long t, SplittableRandom r, String from, String to, String subject, String file,
            String sha256, String server, int caseNo, List<SimRecord> out) {
        long flow = r.nextLong() & Long.MAX_VALUE;
        String mailServer = c.lan() + "5";
        int sport = Office.ephemeral(r);
        String address = from.contains("<") ? from.substring(from.indexOf('<'), from.indexOf('>') + 1) : "<" + from + ">";
        Json smtp = Records.eve(t, "smtp", flow, server, sport, mailServer, 25, "TCP");
        smtp.open("smtp").str("helo", server).str("mail_from", address).strings("rcpt_to", "<" + to + ">").close();
        smtp.open("email").str("status", "PARSE_DONE").str("from", from).strings("to", to).str("subject", subject)
                .strings("attachment", file).close();
        out.add(rec(c, Wire.SURICATA_EVE, t, smtp.line(), caseNo));
        Json fi = Records.eve(t + 40, "fileinfo", flow, server, sport, mailServer, 25, "TCP");
        fi.str("app_proto", "smtp").open("fileinfo").str("filename", file).str("sha256", sha256).bool("stored", false)
                .num("size", 48_000 + r.nextInt(90_000)).str("state", "CLOSED").close();
        out.add(rec(c, Wire.SURICATA_EVE, t + 40, fi.line(), caseNo));
    }

    // 3. Ransomware downloads the UTM's antivirus blocks: 129 in the period, then more at the same pace.
    private void ransomwareAttempts(Company c, long from, long to, List<SimRecord> out) {
        if (c == null) {
            return;
        }
        long spacing = (end - start) / 129;
        long k0 = Math.max(0, (from - start) / spacing - 1);
        String[] files = {"invoice_scan.zip", "見積書.exe", "delivery_notice.iso", "請求書_PDF.scr"};
        for (long k = k0; ; k++) {
            SplittableRandom r = random(3, k);
            long t = start + k * spacing + r.nextLong(Math.max(1, spacing / 2));
            if (t >= to) {
                break;
            }
            if (!in(t, from, to)) {
                continue;
            }
            Host pc = Office.pc(c, r);
            String file = files[r.nextInt(files.length)];
            StringBuilder sb = Records.forti(t, utmName(c), "0211008192", "utm", "virus", "warning");
            Records.kv(sb, "eventtype", "infected"); Records.kv(sb, "srcip", pc.ip()); Records.kv(sb, "srcport", Office.ephemeral(r));
            Records.kv(sb, "dstip", "203.0.113." + (80 + r.nextInt(8))); Records.kv(sb, "dstport", 80); Records.kv(sb, "proto", 6);
            Records.kv(sb, "action", "blocked"); Records.kv(sb, "service", "HTTP"); Records.kv(sb, "user", pc.user());
            Records.kv(sb, "filename", file); Records.kv(sb, "virus", "W32/Filecoder.DEMO!tr.ransom");
            Records.kv(sb, "virusid", 8_150_001); Records.kv(sb, "url", "http://203.0.113.80/d/" + file);
            Records.kv(sb, "msg", "File is infected.");
            out.add(rec(c, Wire.FORTIGATE_SYSLOG, t, sb.toString(), 3));
        }
    }

    // 4. A Windows XP PC appears (DHCP, an IE6 browser), then calls a worm's server.
    private void windowsXp(Company c, long from, long to, List<SimRecord> out) {
        if (c == null) {
            return;
        }
        String ip = c.lan() + "99";
        String mac = "00:0c:29:4a:58:50";
        long joined = at(6, 8.7);
        SplittableRandom r = random(4, 0);
        if (in(joined, from, to)) {
            out.add(rec(c, Wire.ZEEK_JSON, joined, Records.zeek(joined, "dhcp", Records.zeekUid(r)).str("mac", mac)
                    .str("assigned_addr", ip).str("host_name", "KOJO-XP01").str("client_fqdn", "KOJO-XP01")
                    .strings("msg_types", "DISCOVER", "OFFER", "REQUEST", "ACK").dbl("lease_time", 86400.0).line(), 4));
            out.add(rec(c, Wire.ZEEK_JSON, joined + 30_000, Records.zeek(joined + 30_000, "software", null).str("host", ip)
                    .str("software_type", "HTTP::BROWSER").str("name", "MSIE").num("version.major", 6)
                    .str("unparsed_version", "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)").line(), 4));
        }
        for (int k = 0; k < 40; k++) {
            SplittableRandom rk = random(4, k + 1);
            long t = joined + 2 * HOUR + k * 9 * 60_000L + rk.nextLong(60_000);
            if (!in(t, from, to)) {
                continue;
            }
            Host xp = new Host("KOJO-XP01", ip, mac, "Windows XP", "kojo");
            out.add(rec(c, Wire.FORTIGATE_SYSLOG, t, Office.trafficAccept(utmName(c), t, rk, xp, DemoIntel.XP_WORM_C2, 8080,
                    "tcp/8080", null), 4));
            Json conn = Records.zeekConnId(Records.zeek(t, "conn", Records.zeekUid(rk)), ip, Office.ephemeral(rk),
                    DemoIntel.XP_WORM_C2, 8080);
            out.add(rec(c, Wire.ZEEK_JSON, t, conn.str("proto", "tcp").dbl("duration", 2.5).num("orig_bytes", 1200)
                    .num("resp_bytes", 64_000).str("conn_state", "SF").line(), 4));
        }
    }

    // 5. A private iPhone on the office Wi-Fi looks up and contacts a malware distribution server.
    private void privateIphone(Company c, long from, long to, List<SimRecord> out) {
        if (c == null) {
            return;
        }
        Host phone = new Host("iPhone", c.lan() + "150", "f2:3c:91:aa:10:07", "iOS", "-");
        long t0 = at(9, 21.5);
        for (int k = 0; k < 6; k++) {
            SplittableRandom r = random(5, k);
            long t = t0 + k * 17 * 60_000L;
            if (!in(t, from, to)) {
                continue;
            }
            StringBuilder sb = Records.forti(t, utmName(c), "1501054802", "utm", "dns", "information");
            Records.kv(sb, "srcip", phone.ip()); Records.kv(sb, "srcport", Office.ephemeral(r));
            Records.kv(sb, "srcmac", phone.mac());
            Records.kv(sb, "dstip", "192.0.2.53"); Records.kv(sb, "dstport", 53); Records.kv(sb, "proto", 17);
            Records.kv(sb, "qname", DemoIntel.RANSOM_LOADER_DOMAIN); Records.kv(sb, "qtype", "A");
            Records.kv(sb, "action", "pass"); Records.kv(sb, "msg", "Domain is monitored");
            out.add(rec(c, Wire.FORTIGATE_SYSLOG, t, sb.toString(), 5));
            out.add(rec(c, Wire.FORTIGATE_SYSLOG, t + 300, Office.trafficAccept(utmName(c), t + 300, r, phone,
                    DemoIntel.RANSOM_LOADER_IP, 443, "HTTPS", DemoIntel.RANSOM_LOADER_DOMAIN), 5));
        }
    }

    private static final String OFFICE16 = "C:\\Program Files\\Microsoft Office\\root\\Office16\\";

    /** Emotet's start on a PC, as Sysmon sees it: Word from Outlook, encoded PowerShell, a DLL run by rundll32, its C2. */
    private void emotetOnPc(Company c, Host pc, long t, String c2, int c2Port, int caseNo, List<SimRecord> out, long from,
            long to) {
        SplittableRandom r = random(caseNo, 100);
        String dll = "C:\\Users\\" + pc.user() + "\\AppData\\Local\\Xwbqtn\\ojkvbzr.dll";
        String[][] steps = {
            {OFFICE16 + "WINWORD.EXE", "\"" + OFFICE16 + "WINWORD.EXE\" /n \"C:\\Users\\" + pc.user()
                    + "\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\Q7Z1\\請求書_1107.doc\" /o \"\"",
                OFFICE16 + "OUTLOOK.EXE", "\"" + OFFICE16 + "OUTLOOK.EXE\""},
            {"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                "powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA",
                OFFICE16 + "WINWORD.EXE", "\"" + OFFICE16 + "WINWORD.EXE\" /n"},
            {"C:\\Windows\\System32\\rundll32.exe", "C:\\Windows\\System32\\rundll32.exe " + dll + ",Control_RunDLL",
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "powershell -nop -w hidden -enc SQBFAFgA"},
        };
        long tt = t;
        for (String[] s : steps) {
            if (in(tt, from, to)) {
                out.add(rec(c, Wire.WINDOWS_BULK, tt, Office.processCreate(tt, pc, r, s[0], s[1], s[2], s[3]), caseNo));
            }
            tt += 4_000;
            if (s[0].endsWith("powershell.exe") && in(tt, from, to)) {
                out.add(rec(c, Wire.WINDOWS_BULK, tt, Office.fileCreate(tt, pc, r, s[0], dll), caseNo));
            }
        }
        for (int k = 0; k < 12; k++) {
            long tk = tt + k * 5 * 60_000L;
            if (in(tk, from, to)) {
                out.add(rec(c, Wire.WINDOWS_BULK, tk, Office.networkConnect(tk, pc, r, "C:\\Windows\\System32\\rundll32.exe",
                        c2, c2Port, null), caseNo));
            }
        }
    }

    // 6. Emotet picked up on hotel Wi-Fi (endpoint logs only), then, back in the office, its C2 and a burst of mail.
    private void hotelEmotet(Company c, long from, long to, List<SimRecord> out) {
        if (c == null || !c.has(Wire.WINDOWS_BULK)) {
            return;
        }
        Host laptop = c.hosts().get(4 % c.hosts().size());
        long opened = at(12, 22.3);
        emotetOnPc(c, laptop, opened, DemoIntel.EMOTET_C2_A, 8080, 6, out, from, to);
        long back = at(11, 9.1);
        for (int k = 0; k < 60; k++) {
            SplittableRandom r = random(6, 200 + k);
            long t = back + k * 45_000L + r.nextLong(20_000);
            if (!in(t, from, to)) {
                continue;
            }
            if (k % 6 == 0) {
                out.add(rec(c, Wire.FORTIGATE_SYSLOG, t, Office.trafficAccept(utmName(c), t, r, laptop, DemoIntel.EMOTET_C2_A,
                        8080, "tcp/8080", null), 6));
            } else {
                out.add(rec(c, Wire.FORTIGATE_SYSLOG, t, Office.trafficAccept(utmName(c), t, r, laptop,
                        "192.0.2." + (140 + r.nextInt(60)), 587, "SMTP", null), 6));
            }
        }
    }

    // 7. The same malicious "bonus statement" mail from a real partner address at several companies the same morning.
    private void supplyChain(Company c, long from, long to, List<SimRecord> out) {
        if (c == null || !c.has(Wire.SURICATA_EVE)) {
            return;
        }
        long t = at(5, 10.0) + c.index() * 7 * 60_000L;
        if (in(t, from, to)) {
            mail(c, t, random(7, c.index()), "\"経理部 佐藤\" <keiri@partner-trading.example.co.jp>",
                    "soumu@" + c.slug() + ".example.jp", "賞与明細のお知らせ", "賞与明細_12月.xlsm",
                    DemoIntel.INVOICE_XLSM_SHA256, "203.0.113.50", 7, out);
        }
    }

    // 8. A manufacturer: Emotet first, ransomware two days later (shadow copies deleted, files encrypted).
    private void manufacturer(Company c, long from, long to, List<SimRecord> out) {
        if (c == null || !c.has(Wire.WINDOWS_BULK)) {
            return;
        }
        Host pc = c.hosts().get(6 % c.hosts().size());
        long first = at(4, 11.0);
        emotetOnPc(c, pc, first, DemoIntel.EMOTET_C2_B, 443, 8, out, from, to);
        for (int k = 0; k < 8; k++) {
            SplittableRandom r = random(8, 300 + k);
            long t = first + HOUR + k * 40 * 60_000L;
            if (!in(t, from, to)) {
                continue;
            }
            StringBuilder sb = Records.forti(t, utmName(c), "0419016384", "utm", "ips", "alert");
            Records.kv(sb, "eventtype", "signature"); Records.kv(sb, "severity", "critical");
            Records.kv(sb, "srcip", pc.ip()); Records.kv(sb, "srcport", Office.ephemeral(r));
            Records.kv(sb, "dstip", DemoIntel.EMOTET_C2_B); Records.kv(sb, "dstport", 443); Records.kv(sb, "proto", 6);
            Records.kv(sb, "action", "detected"); Records.kv(sb, "service", "HTTPS");
            Records.kv(sb, "attack", "Emotet.Botnet"); Records.kv(sb, "attackid", 47_541L);
            Records.kv(sb, "msg", "backdoor: Emotet.Botnet");
            out.add(rec(c, Wire.FORTIGATE_SYSLOG, t, sb.toString(), 8));
            if (c.has(Wire.SURICATA_EVE)) {
                Json a = Records.eve(t + 200, "alert", r.nextLong() & Long.MAX_VALUE, pc.ip(), Office.ephemeral(r),
                        DemoIntel.EMOTET_C2_B, 443, "TCP");
                a.open("alert").str("action", "allowed").num("gid", 1).num("signature_id", 2_030_868).num("rev", 3)
                        .str("signature", "ET MALWARE Win32/Emotet CnC Activity (POST) M5")
                        .str("category", "A Network Trojan was detected").num("severity", 1).close();
                out.add(rec(c, Wire.SURICATA_EVE, t + 200, a.line(), 8));
            }
        }
        long ransom = at(2, 2.5);
        SplittableRandom r = random(8, 400);
        String[][] commands = {
            {"C:\\Windows\\System32\\vssadmin.exe", "vssadmin.exe delete shadows /all /quiet"},
            {"C:\\Windows\\System32\\wbadmin.exe", "wbadmin delete catalog -quiet"},
            {"C:\\Windows\\System32\\bcdedit.exe", "bcdedit /set {default} recoveryenabled no"},
        };
        String locker = "C:\\Users\\Public\\svchst.exe";
        long t = ransom;
        for (String[] cmd : commands) {
            if (in(t, from, to)) {
                out.add(rec(c, Wire.WINDOWS_BULK, t, Office.processCreate(t, pc, r, cmd[0], cmd[1], locker, locker), 8));
            }
            t += 3_000;
        }
        for (int k = 0; k < 30; k++) {
            t += 700;
            if (in(t, from, to)) {
                String target = k == 0 ? "C:\\Users\\Public\\Desktop\\README_RESTORE_FILES.txt"
                        : "\\\\" + c.hosts().getLast().name() + "\\share\\生産計画\\図面_" + k + ".dwg.locked";
                out.add(rec(c, Wire.WINDOWS_BULK, t, Office.fileCreate(t, pc, r, locker, target), 8));
            }
        }
    }
}
