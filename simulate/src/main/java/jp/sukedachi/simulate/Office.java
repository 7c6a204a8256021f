package jp.sukedachi.simulate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jp.sukedachi.simulate.SimWorld.Company;
import jp.sukedachi.simulate.SimWorld.Host;

/**
 * Everyday traffic of a small office: web and cloud use, DNS, mail, updates, logons and programs on the
 * PCs, and the Internet's background noise of scans and exploit attempts that the UTM blocks.
 */
final class Office {
    /** Everyday services: name, address (documentation range), port, FortiGate service name. */
    private static final String[][] SERVICES = {
        {"www.yahoo.co.jp", "192.0.2.10", "443", "HTTPS"},
        {"outlook.office365.com", "192.0.2.11", "443", "HTTPS"},
        {"www.google.com", "192.0.2.12", "443", "HTTPS"},
        {"update.microsoft.com", "192.0.2.13", "443", "HTTPS"},
        {"www.e-tax.nta.go.jp", "192.0.2.14", "443", "HTTPS"},
        {"www.jma.go.jp", "192.0.2.15", "443", "HTTPS"},
        {"teams.microsoft.com", "192.0.2.16", "443", "HTTPS"},
        {"www.chatwork.com", "192.0.2.17", "443", "HTTPS"},
        {"www.freee.co.jp", "192.0.2.18", "443", "HTTPS"},
        {"news.example.jp", "192.0.2.19", "80", "HTTP"},
        {"smtp.office365.com", "192.0.2.25", "587", "SMTP"},
        {"ntp.nict.jp", "192.0.2.123", "123", "NTP"},
    };
    private static final String DNS_SERVER = "192.0.2.53";
    private static final int[] SCANNED_PORTS = {22, 23, 445, 3389, 5900, 8080, 1433, 3306};
    private static final String[][] IPS_SIGNATURES = {
        {"Apache.Log4j.Error.Log.Remote.Code.Execution", "51006"},
        {"Netgear.DGN1000.CGI.Unauthenticated.Remote.Code.Execution", "44606"},
        {"HTTP.URI.SQL.Injection", "15621"},
        {"Mirai.Botnet.Login.Attempt", "48122"},
        {"Fortinet.FortiOS.SSL.VPN.Path.Traversal", "47982"},
    };
    private static final String[][] PROGRAMS = {
        {"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE", "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE\" /dde"},
        {"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE", "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\" /n"},
        {"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\""},
        {"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\""},
        {"C:\\Windows\\System32\\notepad.exe", "notepad.exe"},
        {"C:\\Program Files (x86)\\Adobe\\Acrobat Reader DC\\Reader\\AcroRd32.exe", "\"AcroRd32.exe\""},
    };

    private Office() {
    }

    /** One everyday record for the company on the given device kind at the given time. */
    static SimRecord record(Company c, SimWorld.Device device, long t, SplittableRandom r) {
        return new SimRecord(c.slug(), device.name(), device.wire(), t, switch (device.wire()) {
            case FORTIGATE_SYSLOG -> utm(c, device, t, r);
            case SURICATA_EVE -> eve(c, t, r);
            case ZEEK_JSON -> zeek(c, t, r);
            case WINDOWS_BULK -> windows(c, t, r);
        }, 0);
    }

    /** The device's periodic status record (so a quiet night is not mistaken for a dead device). */
    static SimRecord status(Company c, SimWorld.Device d, long t, SplittableRandom r) {
        String line = switch (d.wire()) {
            case FORTIGATE_SYSLOG -> {
                int cpu = 2 + r.nextInt(20);
                int mem = 30 + r.nextInt(30);
                int sessions = 50 + r.nextInt(400);
                StringBuilder sb = Records.forti(t, d.name().substring(d.name().indexOf(' ') + 1), "0100040704", "event",
                        "system", "notice");
                Records.kv(sb, "logdesc", "System performance statistics"); Records.kv(sb, "action", "perf-stats");
                Records.kv(sb, "cpu", cpu); Records.kv(sb, "mem", mem); Records.kv(sb, "totalsession", sessions);
                Records.kv(sb, "msg", "Performance statistics: average CPU: " + cpu + ", memory: " + mem
                        + ", concurrent sessions: " + sessions);
                yield sb.toString();
            }
            case SURICATA_EVE -> new Json().str("timestamp", Records.eveTime(t)).str("event_type", "stats")
                    .open("stats").num("uptime", 86_400 + r.nextInt(1_000_000))
                    .open("capture").num("kernel_packets", r.nextInt(5_000_000)).num("kernel_drops", 0).close()
                    .close().line();
            case ZEEK_JSON -> new Json().str("_path", "stats").dbl("ts", t / 1000.0).str("peer", "zeek")
                    .num("mem", 180 + r.nextInt(60)).num("pkts_proc", r.nextInt(2_000_000)).num("events_proc", r.nextInt(500_000))
                    .line();
            case WINDOWS_BULK -> {
                Host h = pc(c, r);
                Json j = Records.winlog(t, h.name(), Records.SECURITY, 4624);
                j.str("SubjectUserSid", "S-1-5-18").str("SubjectUserName", h.name() + "$").str("TargetUserName", "SYSTEM")
                        .str("TargetDomainName", "NT AUTHORITY").str("LogonType", "5").str("LogonProcessName", "Advapi")
                        .str("AuthenticationPackageName", "Negotiate");
                yield Records.closeWinlog(j);
            }
        };
        return new SimRecord(c.slug(), d.name(), d.wire(), t, line, 0);
    }

    static Host pc(Company c, SplittableRandom r) {
        List<Host> hosts = c.hosts();
        return hosts.get(r.nextInt(hosts.size()));
    }

    static int ephemeral(SplittableRandom r) {
        return 49152 + r.nextInt(16000);
    }

    private static String utm(Company c, SimWorld.Device d, long t, SplittableRandom r) {
        String dev = d.name().substring(d.name().indexOf(' ') + 1);
        int roll = r.nextInt(100);
        if (roll < 55) {
            String[] s = SERVICES[r.nextInt(SERVICES.length)];
            return trafficAccept(dev, t, r, pc(c, r), s[1], Integer.parseInt(s[2]), s[3], s[0]);
        }
        if (roll < 70) {
            Host h = pc(c, r);
            StringBuilder sb = Records.forti(t, dev, "1501054802", "utm", "dns", "information");
            Records.kv(sb, "srcip", h.ip()); Records.kv(sb, "srcport", ephemeral(r));
            Records.kv(sb, "dstip", DNS_SERVER); Records.kv(sb, "dstport", 53);
            Records.kv(sb, "proto", 17); Records.kv(sb, "qname", SERVICES[r.nextInt(SERVICES.length)][0]);
            Records.kv(sb, "qtype", "A"); Records.kv(sb, "action", "pass"); Records.kv(sb, "msg", "Domain is monitored");
            return sb.toString();
        }
        if (roll < 97) {
            // The Internet knocking: blocked by the policy, never reaching the office.
            StringBuilder sb = Records.forti(t, dev, "0000000013", "traffic", "forward", "notice");
            Records.kv(sb, "srcip", "198.51.100." + (128 + r.nextInt(128))); Records.kv(sb, "srcport", ephemeral(r));
            Records.kv(sb, "srcintf", "wan1");
            Records.kv(sb, "dstip", c.publicIp()); Records.kv(sb, "dstport", SCANNED_PORTS[r.nextInt(SCANNED_PORTS.length)]);
            Records.kv(sb, "dstintf", "root"); Records.kv(sb, "proto", 6); Records.kv(sb, "action", "deny");
            Records.kv(sb, "policyid", 0); Records.kv(sb, "service", "tcp"); Records.kv(sb, "sentbyte", 0);
            Records.kv(sb, "rcvdbyte", 0); Records.kv(sb, "msg", "Denied by forward policy check");
            return sb.toString();
        }
        // An exploit attempt the intrusion prevention dropped.
        String[] sig = IPS_SIGNATURES[r.nextInt(IPS_SIGNATURES.length)];
        StringBuilder sb = Records.forti(t, dev, "0419016384", "utm", "ips", "alert");
        Records.kv(sb, "eventtype", "signature"); Records.kv(sb, "severity", "high");
        Records.kv(sb, "srcip", "198.51.100." + (128 + r.nextInt(128))); Records.kv(sb, "srcport", ephemeral(r));
        Records.kv(sb, "dstip", c.publicIp()); Records.kv(sb, "dstport", 443); Records.kv(sb, "proto", 6);
        Records.kv(sb, "action", "dropped"); Records.kv(sb, "service", "HTTPS");
        Records.kv(sb, "attack", sig[0]); Records.kv(sb, "attackid", Long.parseLong(sig[1]));
        Records.kv(sb, "msg", "Intrusion attempt blocked");
        return sb.toString();
    }

    static String trafficAccept(String dev, long t, SplittableRandom r, Host h, String dstIp, int port, String service,
            String hostname) {
        StringBuilder sb = Records.forti(t, dev, "0000000013", "traffic", "forward", "notice");
        Records.kv(sb, "srcip", h.ip()); Records.kv(sb, "srcport", ephemeral(r)); Records.kv(sb, "srcintf", "internal");
        Records.kv(sb, "srcmac", h.mac());
        Records.kv(sb, "dstip", dstIp); Records.kv(sb, "dstport", port); Records.kv(sb, "dstintf", "wan1");
        Records.kv(sb, "proto", port == 123 ? 17 : 6); Records.kv(sb, "action", "accept"); Records.kv(sb, "policyid", 1);
        Records.kv(sb, "service", service);
        if (hostname != null) {
            Records.kv(sb, "hostname", hostname);
        }
        Records.kv(sb, "sentbyte", 400 + r.nextInt(20_000)); Records.kv(sb, "rcvdbyte", 800 + r.nextInt(200_000));
        Records.kv(sb, "duration", 1 + r.nextInt(120));
        return sb.toString();
    }

    private static String eve(Company c, long t, SplittableRandom r) {
        Host h = pc(c, r);
        String[] s = SERVICES[r.nextInt(SERVICES.length)];
        long flow = r.nextLong() & Long.MAX_VALUE;
        int roll = r.nextInt(10);
        if (roll < 4) {
            Json j = Records.eve(t, "dns", flow, h.ip(), ephemeral(r), DNS_SERVER, 53, "UDP");
            return j.open("dns").str("type", "query").num("id", r.nextInt(65536)).str("rrname", s[0]).str("rrtype", "A")
                    .num("tx_id", 0).close().line();
        }
        if (roll < 8) {
            Json j = Records.eve(t, "tls", flow, h.ip(), ephemeral(r), s[1], 443, "TCP");
            return j.open("tls").str("subject", "CN=" + s[0]).str("issuerdn", "CN=Example Public CA")
                    .str("sni", s[0]).str("version", "TLS 1.3").close().line();
        }
        Json j = Records.eve(t, "flow", flow, h.ip(), ephemeral(r), s[1], Integer.parseInt(s[2]), "TCP");
        return j.str("app_proto", "tls").open("flow").num("pkts_toserver", 5 + r.nextInt(50))
                .num("pkts_toclient", 5 + r.nextInt(80)).num("bytes_toserver", 500 + r.nextInt(20000))
                .num("bytes_toclient", 900 + r.nextInt(200000)).str("state", "closed").str("reason", "timeout").close().line();
    }

    private static String zeek(Company c, long t, SplittableRandom r) {
        Host h = pc(c, r);
        String[] s = SERVICES[r.nextInt(SERVICES.length)];
        String uid = Records.zeekUid(r);
        int roll = r.nextInt(10);
        if (roll < 4) {
            Json j = Records.zeekConnId(Records.zeek(t, "dns", uid), h.ip(), ephemeral(r), DNS_SERVER, 53);
            return j.str("proto", "udp").num("trans_id", r.nextInt(65536)).dbl("rtt", 0.004 + r.nextInt(40) / 1000.0)
                    .str("query", s[0]).num("qclass", 1).str("qclass_name", "C_INTERNET").num("qtype", 1)
                    .str("qtype_name", "A").num("rcode", 0).str("rcode_name", "NOERROR").bool("AA", false)
                    .bool("TC", false).bool("RD", true).bool("RA", true).num("Z", 0).strings("answers", s[1])
                    .bool("rejected", false).line();
        }
        if (roll < 7) {
            Json j = Records.zeekConnId(Records.zeek(t, "ssl", uid), h.ip(), ephemeral(r), s[1], 443);
            return j.str("version", "TLSv13").str("server_name", s[0]).bool("established", true).line();
        }
        Json j = Records.zeekConnId(Records.zeek(t, "conn", uid), h.ip(), ephemeral(r), s[1], Integer.parseInt(s[2]));
        return j.str("proto", "tcp").str("service", "ssl").dbl("duration", r.nextInt(120_000) / 1000.0)
                .num("orig_bytes", 400 + r.nextInt(20000)).num("resp_bytes", 900 + r.nextInt(200000))
                .str("conn_state", "SF").line();
    }

    private static String windows(Company c, long t, SplittableRandom r) {
        Host h = pc(c, r);
        int roll = r.nextInt(10);
        if (roll < 5) {
            String[] p = PROGRAMS[r.nextInt(PROGRAMS.length)];
            return processCreate(t, h, r, p[0], p[1], "C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE");
        }
        if (roll < 8) {
            Json j = Records.winlog(t, h.name(), Records.SECURITY, 4624);
            j.str("SubjectUserSid", "S-1-5-18").str("SubjectUserName", h.name() + "$").str("SubjectDomainName", "WORKGROUP")
                    .str("TargetUserName", h.user()).str("TargetDomainName", h.name()).str("LogonType", "2")
                    .str("LogonProcessName", "User32").str("AuthenticationPackageName", "Negotiate")
                    .str("IpAddress", "127.0.0.1").str("IpPort", "0");
            return Records.closeWinlog(j);
        }
        String[] s = SERVICES[r.nextInt(8)]; // the browser's usual sites (HTTPS), not mail or time servers
        return networkConnect(t, h, r, "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", s[1],
                Integer.parseInt(s[2]), s[0]);
    }

    static String processCreate(long t, Host h, SplittableRandom r, String image, String commandLine, String parentImage,
            String parentCommandLine) {
        Json j = Records.winlog(t, h.name(), Records.SYSMON, 1);
        j.str("RuleName", "-").str("UtcTime", Instant.ofEpochMilli(t).toString().replace('T', ' ').replace("Z", ""))
                .str("ProcessGuid", Records.guid(r)).str("ProcessId", String.valueOf(1000 + r.nextInt(30000)))
                .str("Image", image).str("CommandLine", commandLine)
                .str("CurrentDirectory", "C:\\Users\\" + h.user() + "\\").str("User", h.name() + "\\" + h.user())
                .str("IntegrityLevel", "Medium").str("Hashes", "SHA256=" + Records.hex(r, 32).toUpperCase(Locale.ROOT))
                .str("ParentProcessGuid", Records.guid(r)).str("ParentProcessId", String.valueOf(1000 + r.nextInt(30000)))
                .str("ParentImage", parentImage).str("ParentCommandLine", parentCommandLine);
        return Records.closeWinlog(j);
    }

    static String networkConnect(long t, Host h, SplittableRandom r, String image, String dstIp, int port, String hostname) {
        Json j = Records.winlog(t, h.name(), Records.SYSMON, 3);
        j.str("RuleName", "-").str("ProcessGuid", Records.guid(r)).str("ProcessId", String.valueOf(1000 + r.nextInt(30000)))
                .str("Image", image).str("User", h.name() + "\\" + h.user()).str("Protocol", "tcp").str("Initiated", "true")
                .str("SourceIsIpv6", "false").str("SourceIp", h.ip()).str("SourceHostname", h.name())
                .str("SourcePort", String.valueOf(ephemeral(r))).str("DestinationIsIpv6", "false")
                .str("DestinationIp", dstIp).str("DestinationHostname", hostname).str("DestinationPort", String.valueOf(port));
        return Records.closeWinlog(j);
    }

    static String fileCreate(long t, Host h, SplittableRandom r, String image, String target) {
        Json j = Records.winlog(t, h.name(), Records.SYSMON, 11);
        j.str("RuleName", "-").str("ProcessGuid", Records.guid(r)).str("ProcessId", String.valueOf(1000 + r.nextInt(30000)))
                .str("Image", image).str("TargetFilename", target)
                .str("CreationUtcTime", Instant.ofEpochMilli(t).toString()).str("User", h.name() + "\\" + h.user());
        return Records.closeWinlog(j);
    }
}
