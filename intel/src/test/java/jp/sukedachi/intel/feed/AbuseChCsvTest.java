package jp.sukedachi.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;
import org.junit.jupiter.api.Test;

class AbuseChCsvTest {
    private static final String DIR = "abusech-feed-samples/";

    @Test
    void urlhaus() throws Exception {
        Feeds.Run r = Feeds.dataset(DIR + "urlhaus_csv_recent_excerpt_20260226.csv", FeedFormat.URLHAUS_CSV);
        assertThat(r.result().imported()).isEqualTo(10);
        assertThat(r.result().rejected()).isZero();
        Indicator first = r.find(IndicatorType.URL, "http://182.126.120.150:58801/i").orElseThrow();
        assertThat(first.threatType()).isEqualTo("malware_download");
        assertThat(first.malwareFamily()).isEqualTo("Mozi"); // tags 32-bit,elf,mips,Mozi
        assertThat(first.firstSeen()).isEqualTo(Instant.parse("2026-02-26T12:05:20Z"));
        assertThat(first.lastSeen()).isEqualTo(Instant.parse("2026-02-26T12:05:20Z"));
        assertThat(first.expiresAt()).isEqualTo(Instant.parse("2026-03-28T12:05:20Z"));
        assertThat(first.reference()).isEqualTo("https://urlhaus.abuse.ch/url/3786237/");
        assertThat(first.source()).isEqualTo("test");
        assertThat(r.find(IndicatorType.URL, "http://117.216.147.208:50583/bin.sh").orElseThrow().malwareFamily()).isNull();
        assertThat(r.values(IndicatorType.URL)).contains("https://pub-462189601a584e8fad4889d4ed31f4f4.r2.dev/Zoom%20Setup.exe");
        // offline row: last_online "" → no last seen, expiry from the import time; tags "None" → no family
        Indicator offline = r.indicators().stream().filter(i -> i.value().startsWith("https://www.dropbox.com/")).findFirst().orElseThrow();
        assertThat(offline.lastSeen()).isNull();
        assertThat(offline.expiresAt()).isEqualTo(Feeds.NOW.plus(Duration.ofDays(30)));
        assertThat(offline.malwareFamily()).isNull();
    }

    @Test
    void threatfox() throws Exception {
        Feeds.Run r = Feeds.dataset(DIR + "threatfox_csv_full_excerpt_20240716.csv", FeedFormat.THREATFOX_CSV);
        // The excerpt holds one row (its README says 5) and the "# Number of entries" footer, which is skipped.
        assertThat(r.result().imported()).isEqualTo(1);
        assertThat(r.result().rejected()).isZero();
        Indicator cs = r.find(IndicatorType.IPV4, "8.223.20.63").orElseThrow();
        assertThat(cs.confidence()).isEqualTo(100);
        assertThat(cs.threatType()).isEqualTo("botnet_cc");
        assertThat(cs.malwareFamily()).isEqualTo("Cobalt Strike");
        assertThat(cs.reference()).isEqualTo("https://threatfox.abuse.ch/ioc/1301606/ port=443");
        assertThat(cs.firstSeen()).isEqualTo(Instant.parse("2024-07-16T05:25:33Z"));
    }

    @Test
    void threatfoxIocTypes() {
        String csv = """
                # "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable","last_seen_utc","confidence_level","reference","tags","anonymous","reporter"
                "2024-07-16 05:00:00", "1", "Evil.Example.COM", "domain", "botnet_cc", "win.lokipws", "None", "Loki Password Stealer (PWS)", "2024-07-17 00:00:00", "75", "https://x.example/report", "Loki", "0", "abuse_ch"
                "2024-07-16 05:00:01", "2", "http://evil.example.com/Panel/five/fre.php", "url", "botnet_cc", "win.lokipws", "None", "Loki Password Stealer (PWS)", "", "75", "None", "Loki", "0", "abuse_ch"
                "2024-07-16 05:00:02", "3", "D41D8CD98F00B204E9800998ECF8427E", "md5_hash", "payload", "unknown", "None", "Unknown malware", "", "50", "None", "None", "0", "abuse_ch"
                "2024-07-16 05:00:03", "4", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256_hash", "payload", "win.agent_tesla", "None", "Agent Tesla", "", "100", "None", "None", "0", "abuse_ch"
                "2024-07-16 05:00:04", "5", "[2001:db8::1]:8443", "ip:port", "botnet_cc", "win.cobalt_strike", "None", "Cobalt Strike", "", "100", "None", "None", "0", "abuse_ch"
                "2024-07-16 05:00:05", "6", "999.1.1.1:443", "ip:port", "botnet_cc", "win.cobalt_strike", "None", "Cobalt Strike", "", "100", "None", "None", "0", "abuse_ch"
                "2024-07-16 05:00:06", "7", "e3b0c44298fc1c149afbf4c8996fb924", "sha3_384_hash", "payload", "x", "None", "X", "", "100", "None", "None", "0", "abuse_ch"
                # Number of entries: 7
                """;
        Feeds.Run r = Feeds.run(csv, FeedFormat.THREATFOX_CSV);
        assertThat(r.result().imported()).isEqualTo(5);
        assertThat(r.result().rejected()).isEqualTo(2);
        assertThat(r.result().errors()).extracting(ImportError::line).containsExactly(7, 8);
        assertThat(r.reasons()).containsExactly("bad ip:port value: not an IP address", "unsupported ioc_type sha3_384_hash");
        Indicator d = r.find(IndicatorType.DOMAIN, "evil.example.com").orElseThrow();
        assertThat(d.lastSeen()).isEqualTo(Instant.parse("2024-07-17T00:00:00Z"));
        assertThat(d.expiresAt()).isEqualTo(Instant.parse("2024-08-16T00:00:00Z"));
        assertThat(d.reference()).isEqualTo("https://x.example/report");
        assertThat(r.values(IndicatorType.URL)).containsExactly("http://evil.example.com/Panel/five/fre.php");
        assertThat(r.find(IndicatorType.MD5, "d41d8cd98f00b204e9800998ecf8427e").orElseThrow().malwareFamily()).isNull();
        assertThat(r.find(IndicatorType.SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).isPresent();
        assertThat(r.find(IndicatorType.IPV6, "2001:db8::1").orElseThrow().reference()).endsWith("port=8443");
    }

    @Test
    void malwarebazaar() throws Exception {
        Feeds.Run r = Feeds.dataset(DIR + "malwarebazaar_recent_dump_20260226.csv", FeedFormat.MALWAREBAZAAR_CSV);
        // 39 rows × (sha256, md5, sha1)
        assertThat(r.result().imported()).isEqualTo(117);
        assertThat(r.result().rejected()).isZero();
        assertThat(r.values(IndicatorType.SHA256)).hasSize(39).doesNotHaveDuplicates();
        assertThat(r.values(IndicatorType.MD5)).hasSize(39);
        assertThat(r.values(IndicatorType.SHA1)).hasSize(39);
        Indicator mirai = r.find(IndicatorType.SHA256, "601dd90719729f87caf388d4a9bc9be91d5443c3181f1fb3b337a21df5de4bb9").orElseThrow();
        assertThat(mirai.malwareFamily()).isEqualTo("Mirai");
        assertThat(mirai.reference()).isEqualTo("https://bazaar.abuse.ch/sample/601dd90719729f87caf388d4a9bc9be91d5443c3181f1fb3b337a21df5de4bb9/");
        assertThat(r.find(IndicatorType.MD5, "595fa8833c56cefbfb51e622a8e5fa16").orElseThrow().malwareFamily()).isEqualTo("Mirai");
        // signature "n/a" → no family
        assertThat(r.find(IndicatorType.SHA256, "19d854caf81bc884c677bd941abc50b33716e188fa723991820b0ffa3ea7e93e").orElseThrow().malwareFamily()).isNull();
        assertThat(r.indicators().stream().filter(i -> "Vidar".equals(i.malwareFamily())).count()).isPositive();
    }

    @Test
    void sslbl() throws Exception {
        Feeds.Run one = Feeds.dataset(DIR + "sslbl_sha1_blacklist_sample_1.csv", FeedFormat.SSLBL_CSV);
        Feeds.Run two = Feeds.dataset(DIR + "sslbl_sha1_blacklist_sample_2.csv", FeedFormat.SSLBL_CSV);
        assertThat(one.result().imported()).isEqualTo(285);
        assertThat(one.result().rejected()).isZero();
        assertThat(two.result().imported()).isEqualTo(287);
        assertThat(two.result().rejected()).isZero();
        Indicator a = one.find(IndicatorType.TLS_SHA1, "854c68ab7ad70b6f95f76ec64b8a46c145997629").orElseThrow();
        assertThat(a.malwareFamily()).isEqualTo("AsyncRAT");
        assertThat(a.threatType()).isEqualTo("botnet_cc");
        assertThat(a.firstSeen()).isEqualTo(Instant.parse("2024-07-19T07:47:19Z"));
        assertThat(one.find(IndicatorType.TLS_SHA1, "e357ec145e21fb4a28a71afa35b05d4bd8056e71").orElseThrow().malwareFamily())
                .isEqualTo("PureLogStealer");
        // the "next day" file: 4 entries removed, 6 added
        Set<String> removed = new HashSet<>(one.keys());
        two.keys().forEach(removed::remove);
        Set<String> added = new HashSet<>(two.keys());
        one.keys().forEach(added::remove);
        assertThat(removed).hasSize(4);
        assertThat(added).hasSize(6);
    }

    @Test
    void feodo() {
        String csv = """
                ################################################################
                # abuse.ch Feodo Tracker Botnet C2 IP Blocklist (CSV)          #
                # Last updated: 2024-07-16 12:00:00 UTC                        #
                #                                                              #
                # Terms Of Use: https://feodotracker.abuse.ch/blocklist/       #
                # For questions please contact feodotracker [at] abuse.ch      #
                ################################################################
                #
                "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"
                "2024-07-01 09:12:44","162.243.103.246","8080","online","2024-07-16","Emotet"
                "2024-07-02 11:01:02","050.116.111.059","443","offline","2024-07-10","QakBot"
                "2024-07-03 12:00:00","2001:DB8::bad","443","online","2024-07-16","Dridex"
                "2024-07-04 12:00:00","not-an-ip","443","online","2024-07-16","Dridex"
                "2024-07-05 12:00:00","198.51.100.9"
                # END 5 entries
                """;
        Feeds.Run r = Feeds.run(csv, FeedFormat.FEODO_CSV);
        assertThat(r.result().imported()).isEqualTo(4);
        assertThat(r.result().rejected()).isEqualTo(1);
        assertThat(r.result().errors()).containsExactly(new ImportError(13, "bad dst_ip: not an IP address",
                "\"2024-07-04 12:00:00\",\"not-an-ip\",\"443\",\"online\",\"2024-07-16\",\"Dridex\""));
        Indicator emotet = r.find(IndicatorType.IPV4, "162.243.103.246").orElseThrow();
        assertThat(emotet.malwareFamily()).isEqualTo("Emotet");
        assertThat(emotet.threatType()).isEqualTo("botnet_cc");
        assertThat(emotet.reference()).isEqualTo("port=8080 status=online");
        assertThat(emotet.lastSeen()).isEqualTo(Instant.parse("2024-07-16T00:00:00Z"));
        assertThat(emotet.expiresAt()).isEqualTo(Instant.parse("2024-08-15T00:00:00Z"));
        assertThat(r.find(IndicatorType.IPV4, "50.116.111.59").orElseThrow().malwareFamily()).isEqualTo("QakBot");
        assertThat(r.find(IndicatorType.IPV6, "2001:db8::bad")).isPresent();
        assertThat(r.find(IndicatorType.IPV4, "198.51.100.9")).isPresent(); // short row: the key column is there
    }

    @Test
    void headerInCommentReordersColumns() {
        String csv = """
                # url,id,dateadded,threat,tags
                "http://Evil.example/x","1","2026-01-01 00:00:00","malware_download","exe,AgentTesla"
                """;
        Feeds.Run r = Feeds.run(csv, FeedFormat.URLHAUS_CSV);
        assertThat(r.result().rejected()).isZero();
        Indicator i = r.indicators().get(0);
        assertThat(i.value()).isEqualTo("http://evil.example/x");
        assertThat(i.malwareFamily()).isEqualTo("AgentTesla");
        assertThat(i.firstSeen()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void contextScopeAndNoTtl() {
        UUID tenant = UUID.randomUUID();
        ImportContext ctx = new ImportContext("own-list", Feeds.NOW, null, tenant);
        Feeds.Run r = Feeds.run(new StringReader("2024-07-19 07:47:19,854c68ab7ad70b6f95f76ec64b8a46c145997629,AsyncRAT C&C\n"),
                FeedFormat.SSLBL_CSV, ctx);
        Indicator i = r.indicators().get(0);
        assertThat(i.tenant()).isEqualTo(tenant);
        assertThat(i.source()).isEqualTo("own-list");
        assertThat(i.expiresAt()).isNull();
    }

    @Test
    void badLinesAreReportedWithLineNumbersAndSkipped() {
        String csv = """
                # Listingdate,SHA1,Listingreason
                2024-07-19 07:47:19,854c68ab7ad70b6f95f76ec64b8a46c145997629,AsyncRAT C&C
                2024-07-19 07:47:19,854c68ab7ad70b6f95f76ec64b8a46c14599762,AsyncRAT C&C
                2024-07-19 07:47:19,"unterminated,AsyncRAT C&C

                2024-07-19 07:47:19
                2024-07-19 07:47:19,a9990103ef2745e7deac94dbfe252f14cb4d63e9,DCRat C&C
                """;
        Feeds.Run r = Feeds.run(csv, FeedFormat.SSLBL_CSV);
        assertThat(r.result().imported()).isEqualTo(2);
        assertThat(r.result().rejected()).isEqualTo(3);
        assertThat(r.result().errors()).extracting(ImportError::line).containsExactly(3, 4, 6);
        assertThat(r.reasons()).containsExactly("bad SHA1 fingerprint: hash length 39, expected 40",
                "bad CSV: unterminated quote", "expected 3 columns, found 1");
    }

    @Test
    void errorsAreCappedButAllCounted() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            sb.append("2024-07-19 07:47:19,nothex,AsyncRAT C&C\n");
        }
        Feeds.Run r = Feeds.run(sb.toString(), FeedFormat.SSLBL_CSV);
        assertThat(r.result().rejected()).isEqualTo(250);
        assertThat(r.result().errors()).hasSize(FeedImporter.MAX_ERRORS);
        assertThat(r.result().errors().get(99).line()).isEqualTo(100);
    }
}
