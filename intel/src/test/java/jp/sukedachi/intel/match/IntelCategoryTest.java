package jp.sukedachi.intel.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import jp.sukedachi.event.Category;
import jp.sukedachi.testkit.Datasets;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;
import jp.sukedachi.intel.feed.FeedFormat;
import jp.sukedachi.intel.feed.FeedImporter;
import jp.sukedachi.intel.feed.ImportContext;
import org.junit.jupiter.api.Test;

/** Every threat type the real feeds carry becomes the category the owner is told, through the importers. */
class IntelCategoryTest {
    private static final ImportContext CTX = new ImportContext("test", Instant.parse("2026-03-01T00:00:00Z"),
            Duration.ofDays(30), null);

    private static List<Indicator> importFeed(Reader in, FeedFormat format) {
        List<Indicator> got = new ArrayList<>();
        new FeedImporter().importFeed(in, format, CTX, got::add);
        return got;
    }

    private static List<Indicator> dataset(String relative, FeedFormat format) throws IOException {
        try (Reader in = Files.newBufferedReader(Datasets.path(relative), StandardCharsets.UTF_8)) {
            return importFeed(in, format);
        }
    }

    private static List<Indicator> resource(String name, FeedFormat format) throws IOException {
        try (InputStream in = IntelCategoryTest.class.getResourceAsStream("/jp/sukedachi/intel/feed/" + name)) {
            return importFeed(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)), format);
        }
    }

    private static Category category(Indicator i) {
        int table = List.of(IndicatorSnapshot.TABLE_TYPE).indexOf(i.type());
        return IntelMatcher.category(IntelMatcher.isFileHash(table), i.threatType(), i.malwareFamily());
    }

    /** Threat type (or "-" for none) → the categories its indicators got. */
    private static Map<String, Set<Category>> categories(List<Indicator> indicators) {
        Map<String, Set<Category>> out = new TreeMap<>();
        for (Indicator i : indicators) {
            out.computeIfAbsent(i.threatType() == null ? "-" : i.threatType(), k -> EnumSet.noneOf(Category.class))
                    .add(category(i));
        }
        return out;
    }

    @Test
    void abuseChFeeds() throws IOException {
        String dir = "abusech-feed-samples/";
        assertThat(categories(dataset(dir + "urlhaus_csv_recent_excerpt_20260226.csv", FeedFormat.URLHAUS_CSV)))
                .isEqualTo(Map.of("malware_download", Set.of(Category.MALWARE_DOWNLOAD)));
        // Cobalt Strike ip:port.
        assertThat(categories(dataset(dir + "threatfox_csv_full_excerpt_20240716.csv", FeedFormat.THREATFOX_CSV)))
                .isEqualTo(Map.of("botnet_cc", Set.of(Category.C2)));
        // Sample hashes: AgentTesla, Mirai, RedLine… none a ransomware family.
        assertThat(categories(dataset(dir + "malwarebazaar_recent_dump_20260226.csv", FeedFormat.MALWAREBAZAAR_CSV)))
                .isEqualTo(Map.of("payload", Set.of(Category.MALWARE_DOWNLOAD)));
        // TLS certificates of AsyncRAT, DCRat, Vidar… C&C servers.
        for (String f : List.of("sslbl_sha1_blacklist_sample_1.csv", "sslbl_sha1_blacklist_sample_2.csv")) {
            assertThat(categories(dataset(dir + f, FeedFormat.SSLBL_CSV))).isEqualTo(Map.of("botnet_cc", Set.of(Category.C2)));
        }
    }

    @Test
    void stixIndicatorTypesSayNothingMoreThanMaliciousSoOnlyFileHashesAreMalwareDownloads() throws IOException {
        Map<String, Set<Category>> seen = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Datasets.path("oasis-stix21-examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    categories(importFeed(in, FeedFormat.STIX2)).forEach((type, cats) ->
                            seen.computeIfAbsent(type, k -> EnumSet.noneOf(Category.class)).addAll(cats));
                }
            }
        }
        assertThat(seen).isEqualTo(Map.of("malicious-activity", Set.of(Category.OTHER, Category.MALWARE_DOWNLOAD)));
        List<Indicator> apt1 = dataset("oasis-stix21-examples/threat-reports/apt1.json", FeedFormat.STIX2);
        assertThat(apt1).filteredOn(i -> i.type() == IndicatorType.MD5)
                .isNotEmpty().allMatch(i -> category(i) == Category.MALWARE_DOWNLOAD);
        assertThat(apt1).filteredOn(i -> i.type() == IndicatorType.DOMAIN || i.type() == IndicatorType.CIDR)
                .isNotEmpty().allMatch(i -> category(i) == Category.OTHER);
    }

    @Test
    void mispCategories() throws IOException {
        List<Indicator> all = new ArrayList<>(resource("misp-event.json", FeedFormat.MISP));
        all.addAll(resource("misp-events-array.json", FeedFormat.MISP));
        Map<String, Set<Category>> seen = categories(all);
        // The samples' other categories (artifacts dropped, external analysis) hold no importable indicator.
        assertThat(seen.keySet()).containsExactlyInAnyOrder("network_activity", "payload_delivery");
        assertThat(seen.get("payload_delivery")).containsOnly(Category.MALWARE_DOWNLOAD);
        assertThat(IntelMatcher.category(IntelMatcher.isFileHash(IndicatorSnapshot.T_SHA256), "artifacts_dropped", null))
                .isEqualTo(Category.MALWARE_DOWNLOAD);
        // An address or domain under "network activity" may be C2 or a download site: the feed does not say.
        assertThat(all).filteredOn(i -> "network_activity".equals(i.threatType()) && i.type() != IndicatorType.MD5
                && i.type() != IndicatorType.SHA1 && i.type() != IndicatorType.SHA256)
                .isNotEmpty().allMatch(i -> category(i) == Category.OTHER);
    }

    @Test
    void threatFoxTypesAndRansomwareFamilies() {
        String csv = """
                # "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable","last_seen_utc","confidence_level","reference","tags","anonymous","reporter"
                "2024-07-16 05:00:00", "1", "c2.example.com", "domain", "botnet_cc", "win.emotet", "Geodo", "Emotet", "", "75", "None", "None", "0", "abuse_ch"
                "2024-07-16 05:00:01", "2", "http://dl.example.com/a.exe", "url", "payload_delivery", "win.emotet", "None", "Emotet", "", "75", "None", "None", "0", "abuse_ch"
                "2024-07-16 05:00:02", "3", "0123456789abcdef0123456789abcdef", "md5_hash", "payload", "win.agent_tesla", "None", "Agent Tesla", "", "75", "None", "None", "0", "abuse_ch"
                "2024-07-16 05:00:03", "4", "lb.example.com", "domain", "botnet_cc", "win.lockbit", "None", "LockBit", "", "75", "None", "None", "0", "abuse_ch"
                "2024-07-16 05:00:04", "5", "http://shop.example.com/skim.js", "url", "cc_skimming", "js.magecart", "None", "magecart", "", "75", "None", "None", "0", "abuse_ch"
                "2024-07-16 05:00:05", "6", "fedcba9876543210fedcba9876543210", "md5_hash", "payload", "win.hive", "None", "Hive", "", "75", "None", "None", "0", "abuse_ch"
                """;
        Map<String, Category> byValue = new TreeMap<>();
        for (Indicator i : importFeed(new StringReader(csv), FeedFormat.THREATFOX_CSV)) {
            byValue.put(i.value(), category(i));
        }
        assertThat(byValue).isEqualTo(Map.of(
                "c2.example.com", Category.C2,
                "http://dl.example.com/a.exe", Category.MALWARE_DOWNLOAD,
                "0123456789abcdef0123456789abcdef", Category.MALWARE_DOWNLOAD,
                "lb.example.com", Category.RANSOMWARE,
                "http://shop.example.com/skim.js", Category.PHISHING,
                "fedcba9876543210fedcba9876543210", Category.RANSOMWARE));
    }

    @Test
    void aRansomwareFamilyIsAWholeWord() {
        assertThat(RansomwareFamilies.family("win.lockbit")).isTrue();
        assertThat(RansomwareFamilies.family("LockBit 3.0")).isTrue();
        assertThat(RansomwareFamilies.family("Conti")).isTrue();
        assertThat(RansomwareFamilies.family("Black Basta")).isTrue();
        assertThat(RansomwareFamilies.family("win.hive")).isTrue();
        assertThat(RansomwareFamilies.family("Continuum Loader")).isFalse();
        assertThat(RansomwareFamilies.family("Emotet")).isFalse();
        assertThat(RansomwareFamilies.family(null)).isFalse();
        // In free text an everyday word is no family: "registry hive", "Apache Zeppelin".
        assertThat(RansomwareFamilies.named("Windows registry hive dumped")).isFalse();
        assertThat(RansomwareFamilies.named("ET MALWARE Win32/Conti CnC")).isTrue();
        assertThat(RansomwareFamilies.named("Windows.Ransom.Generic")).isTrue();
    }

    @Test
    void phishingAndUntypedIndicators() {
        assertThat(IntelMatcher.category(IntelMatcher.isFileHash(IndicatorSnapshot.T_URL), "phishing", null)).isEqualTo(Category.PHISHING);
        assertThat(IntelMatcher.category(IntelMatcher.isFileHash(IndicatorSnapshot.T_SHA256), null, null)).isEqualTo(Category.MALWARE_DOWNLOAD);
        assertThat(IntelMatcher.category(IntelMatcher.isFileHash(IndicatorSnapshot.T_IPV4), null, null)).isEqualTo(Category.OTHER);
        assertThat(IntelMatcher.category(IntelMatcher.isFileHash(IndicatorSnapshot.T_IPV4), "BOTNET_CC", null)).isEqualTo(Category.C2);
    }
}
