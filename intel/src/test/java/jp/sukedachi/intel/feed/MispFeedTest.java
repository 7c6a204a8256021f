package jp.sukedachi.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;
import org.junit.jupiter.api.Test;

class MispFeedTest {

    @Test
    void event() throws Exception {
        Feeds.Run r = Feeds.resource("misp-event.json", FeedFormat.MISP);
        // 15 attributes: 10 imported, 2 to_ids=false and 1 deleted skipped, mutex (unsupported) and a bad IP rejected;
        // the domain-ip object gives 2 more.
        assertThat(r.result().imported()).isEqualTo(12);
        assertThat(r.result().rejected()).isEqualTo(2);
        assertThat(r.reasons()).containsExactly("unsupported attribute type mutex", "bad ip-dst value: not an IP address");
        assertThat(r.result().errors()).extracting(ImportError::line).allMatch(l -> l > 20);
        assertThat(r.keys()).containsExactly(
                "IPV4:185.220.101.42",
                "IPV6:2001:db8::25",
                "DOMAIN:invoice-update.example-bad.com",
                "DOMAIN:cdn.xn--rovq1j9s5a.jp",
                "URL:http://invoice-update.example-bad.com/wp-content/~docs/invoice.zip",
                "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "MD5:d41d8cd98f00b204e9800998ecf8427e",
                "EMAIL:billing@example-bad.com",
                "TLS_SHA1:854c68ab7ad70b6f95f76ec64b8a46c145997629",
                "JA3:72a589da586844d7f0818ce684948eea",
                "DOMAIN:update.example-bad.net",
                "CIDR:198.51.100.0/24");
        Indicator ip = r.find(IndicatorType.IPV4, "185.220.101.42").orElseThrow();
        assertThat(ip.confidence()).isEqualTo(90); // threat_level_id 1
        assertThat(ip.malwareFamily()).isEqualTo("Emotet");
        assertThat(ip.threatType()).isEqualTo("network_activity");
        assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2024-07-10T00:00:00Z"));
        assertThat(ip.lastSeen()).isEqualTo(Instant.ofEpochSecond(1720650000));
        assertThat(ip.expiresAt()).isEqualTo(Instant.ofEpochSecond(1720650000).plus(Feeds.CTX.ttl()));
        assertThat(ip.reference()).isEqualTo("Emotet epoch5 loader campaign against JP manufacturers (MISP event 5f2b8c1e-9d3a-4c0e-8a7b-2f1e6d4c3b2a)");
        assertThat(r.find(IndicatorType.IPV6, "2001:db8::25").orElseThrow().reference()).endsWith("port=8080");
        Indicator url = r.find(IndicatorType.URL, "http://invoice-update.example-bad.com/wp-content/~docs/invoice.zip").orElseThrow();
        assertThat(url.threatType()).isEqualTo("payload_delivery");
        assertThat(url.firstSeen()).isEqualTo(Instant.parse("2024-07-09T08:00:00Z"));
        assertThat(url.lastSeen()).isEqualTo(Instant.parse("2024-07-10T12:00:00Z"));
        assertThat(r.find(IndicatorType.CIDR, "198.51.100.0/24").orElseThrow().malwareFamily()).isEqualTo("TrickBot");
    }

    @Test
    void arrayOfEventsWithoutManifest() throws Exception {
        Feeds.Run r = Feeds.resource("misp-events-array.json", FeedFormat.MISP);
        assertThat(r.result().rejected()).isZero();
        assertThat(r.keys()).containsExactly(
                "URL:https://login-microsoft.example-phish.top/owa/",
                "DOMAIN:login-microsoft.example-phish.top",
                "IPV4:192.0.2.55",
                "SHA1:da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "DOMAIN:beacon.example-c2.net");
        assertThat(r.indicators().get(0).confidence()).isEqualTo(50); // threat_level_id 3
        assertThat(r.indicators().get(3).confidence()).isEqualTo(75);
        assertThat(r.indicators().get(4).reference()).isEqualTo("Cobalt Strike beacon (MISP event 6a000000-0000-4000-8000-000000000002) port=443");
    }

    @Test
    void bareEventAndRestResponse() {
        Feeds.Run bare = Feeds.run("""
                {"info":"bare","Attribute":[{"type":"ip-src","to_ids":true,"value":"203.0.113.5"}]}""", FeedFormat.MISP);
        assertThat(bare.keys()).containsExactly("IPV4:203.0.113.5");
        Feeds.Run rest = Feeds.run("""
                {"response":[{"Event":{"info":"a","Attribute":[{"type":"domain","to_ids":true,"value":"a.example"}]}},
                             {"Event":{"info":"b","Attribute":[{"type":"domain","to_ids":true,"value":"b.example"}]}}]}""",
                FeedFormat.MISP);
        assertThat(rest.keys()).containsExactly("DOMAIN:a.example", "DOMAIN:b.example");
    }

    @Test
    void manifestIsNotAnEvent() {
        Feeds.Run r = Feeds.run("""
                {"5f2b8c1e-9d3a-4c0e-8a7b-2f1e6d4c3b2a":{"info":"x","timestamp":"1720655000","Tag":[]}}""", FeedFormat.MISP);
        assertThat(r.result().imported()).isZero();
        assertThat(r.reasons()).containsExactly("no MISP Event found");
    }
}
