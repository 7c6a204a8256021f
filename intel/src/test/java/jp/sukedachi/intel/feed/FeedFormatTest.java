package jp.sukedachi.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import jp.sukedachi.testkit.Datasets;
import org.junit.jupiter.api.Test;

class FeedFormatTest {

    @Test
    void ids() {
        for (FeedFormat f : FeedFormat.values()) {
            assertThat(FeedFormat.fromId(f.id())).contains(f);
        }
        assertThat(FeedFormat.values()).extracting(FeedFormat::id).containsExactly("urlhaus-csv", "threatfox-csv",
                "malwarebazaar-csv", "sslbl-csv", "feodo-csv", "misp", "stix2", "list");
        assertThat(FeedFormat.fromId("nope")).isEmpty();
    }

    @Test
    void detectsEachSample() throws Exception {
        String a = "abusech-feed-samples/";
        assertThat(FeedFormat.detect(Feeds.head(Datasets.path(a + "urlhaus_csv_recent_excerpt_20260226.csv")))).contains(FeedFormat.URLHAUS_CSV);
        assertThat(FeedFormat.detect(Feeds.head(Datasets.path(a + "threatfox_csv_full_excerpt_20240716.csv")))).contains(FeedFormat.THREATFOX_CSV);
        assertThat(FeedFormat.detect(Feeds.head(Datasets.path(a + "malwarebazaar_recent_dump_20260226.csv")))).contains(FeedFormat.MALWAREBAZAAR_CSV);
        assertThat(FeedFormat.detect(Feeds.head(Datasets.path(a + "sslbl_sha1_blacklist_sample_1.csv")))).contains(FeedFormat.SSLBL_CSV);
        assertThat(FeedFormat.detect(Feeds.head(Datasets.path(a + "sslbl_sha1_blacklist_sample_2.csv")))).contains(FeedFormat.SSLBL_CSV);
        String s = "oasis-stix21-examples/";
        for (String f : new String[] {"indicator-for-c2-ip-address.json", "indicators-for-C2-with-COA.json", "infrastructure.json",
                "interop-objectmarking-test.json", "malicious-email-indicator-with-attachment.json", "threat-reports/apt1.json",
                "threat-reports/poisonivy.json"}) {
            assertThat(FeedFormat.detect(Feeds.head(Datasets.path(s + f)))).as(f).contains(FeedFormat.STIX2);
        }
        assertThat(FeedFormat.detect(resource("misp-event.json"))).contains(FeedFormat.MISP);
        assertThat(FeedFormat.detect(resource("misp-events-array.json"))).contains(FeedFormat.MISP);
    }

    @Test
    void detectsByHeaderWithoutBanner() {
        assertThat(FeedFormat.detect("\"first_seen_utc\",\"dst_ip\",\"dst_port\",\"c2_status\",\"last_online\",\"malware\"\n"))
                .contains(FeedFormat.FEODO_CSV);
        assertThat(FeedFormat.detect("# abuse.ch Feodo Tracker Botnet C2 IP Blocklist (CSV)\n")).contains(FeedFormat.FEODO_CSV);
        assertThat(FeedFormat.detect("# Listingdate,SHA1,Listingreason\n")).contains(FeedFormat.SSLBL_CSV);
        assertThat(FeedFormat.detect("\uFEFF# id,dateadded,url,url_status,last_online\n")).contains(FeedFormat.URLHAUS_CSV);
    }

    @Test
    void detectsPlainLists() {
        assertThat(FeedFormat.detect("# my block list\n1.2.3.4\nevil.example\n*.bad.example\n10.0.0.0/8\n")).contains(FeedFormat.LIST);
        assertThat(FeedFormat.detect("0.0.0.0 ads.example\n0.0.0.0 track.example\n")).contains(FeedFormat.LIST);
        assertThat(FeedFormat.detect("hello world\nthis is prose\n")).isEmpty();
        assertThat(FeedFormat.detect("{\"some\":\"json\"}")).isEmpty();
        assertThat(FeedFormat.detect("")).isEmpty();
        assertThat(FeedFormat.detect(null)).isEmpty();
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = FeedFormatTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
