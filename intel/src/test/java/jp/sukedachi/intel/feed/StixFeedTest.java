package jp.sukedachi.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;
import org.junit.jupiter.api.Test;

class StixFeedTest {
    private static final String DIR = "oasis-stix21-examples/";

    @Test
    void apt1() throws Exception {
        Feeds.Run r = Feeds.dataset(DIR + "threat-reports/apt1.json", FeedFormat.STIX2);
        // 12 indicators: 4 CIDR, 3 domains, 3 MD5 imported; 2 x509 issuer AND serial_number patterns rejected.
        assertThat(r.result().imported()).isEqualTo(10);
        assertThat(r.result().rejected()).isEqualTo(2);
        assertThat(r.reasons()).containsOnly("no indicator-bearing comparison in pattern");
        assertThat(r.values(IndicatorType.CIDR)).containsExactly("223.166.0.0/15", "58.246.0.0/15", "112.64.0.0/15", "139.226.0.0/15");
        assertThat(r.values(IndicatorType.DOMAIN)).containsExactly("hugesoft.org", "arrowservice.net", "msnhome.org");
        assertThat(r.values(IndicatorType.MD5)).containsExactly("001dd76872d80801692ff942308c64e6",
                "002325a0a67fded0381b5648d7fe9b8e", "00dbb9e1c09dbdafb360f3163ba5a3de");
        Indicator htran = r.find(IndicatorType.CIDR, "223.166.0.0/15").orElseThrow();
        assertThat(htran.threatType()).isEqualTo("malicious-activity");
        assertThat(htran.firstSeen()).isEqualTo(Instant.parse("2015-05-15T09:12:16.432678Z"));
        assertThat(htran.reference()).isEqualTo("indicator--031778a4-057f-48e6-9db9-c8d72b81ccd5 HTRAN Hop Point Accessor");
        assertThat(htran.expiresAt()).isEqualTo(Feeds.NOW.plus(Feeds.CTX.ttl()));
    }

    @Test
    void poisonIvy() throws Exception {
        Feeds.Run r = Feeds.dataset(DIR + "threat-reports/poisonivy.json", FeedFormat.STIX2);
        // 25 indicators with OR patterns: 64 comparisons imported (42 distinct: the same C2 IPs recur);
        // rejected: 'domain autuo.xicp.net' (a space in the name) and two file:name-only patterns.
        assertThat(r.result().imported()).isEqualTo(64);
        assertThat(r.result().rejected()).isEqualTo(3);
        assertThat(r.keys().stream().distinct().count()).isEqualTo(42);
        assertThat(r.reasons()).containsExactly("bad domain-name:value value: bad character in domain: ' '",
                "no indicator-bearing comparison in pattern", "no indicator-bearing comparison in pattern");
        assertThat(r.values(IndicatorType.DOMAIN)).contains("www.webserver.dynssl.com", "microsofta.byinter.net",
                "js001.3322.org", "weile3322b.3322.org", "3q.wubangtu.info");
        assertThat(r.values(IndicatorType.IPV4)).contains("219.76.208.163", "113.10.246.30", "60.10.1.115", "123.183.210.28");
        // the 60.10.1.115 of the rejected 'domain autuo.xicp.net' OR pattern is still imported
        assertThat(r.find(IndicatorType.IPV4, "60.10.1.115")).isPresent();
    }

    @Test
    void smallExamples() throws Exception {
        Feeds.Run c2 = Feeds.dataset(DIR + "indicator-for-c2-ip-address.json", FeedFormat.STIX2);
        assertThat(c2.keys()).containsExactly("IPV4:10.0.0.0");
        assertThat(c2.result().rejected()).isZero();

        Feeds.Run campaign = Feeds.dataset(DIR + "indicator-to-campaign-relationship.json", FeedFormat.STIX2);
        assertThat(campaign.keys()).containsExactly("IPV4:10.0.0.0"); // "[ ipv4-addr:value = '10.0.0.0' ]"

        Feeds.Run coa = Feeds.dataset(DIR + "indicators-for-C2-with-COA.json", FeedFormat.STIX2);
        assertThat(coa.keys()).containsExactly("IPV4:10.0.0.0",
                "SHA256:ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c");
        assertThat(coa.result().rejected()).isZero();

        Feeds.Run email = Feeds.dataset(DIR + "malicious-email-indicator-with-attachment.json", FeedFormat.STIX2);
        assertThat(email.result().imported()).isZero();
        assertThat(email.result().rejected()).isEqualTo(2);
        assertThat(email.reasons()).containsOnly("unsupported operator: MATCHES");
        assertThat(email.result().errors()).extracting(ImportError::line).containsExactly(29, 45);

        // SCOs and infrastructure SDOs are not indicators: nothing imported, nothing rejected.
        Feeds.Run infra = Feeds.dataset(DIR + "infrastructure.json", FeedFormat.STIX2);
        assertThat(infra.result()).isEqualTo(new ImportResult(0, 0, List.of()));

        // A bare campaign object, not a bundle: accepted cleanly, nothing in it.
        Feeds.Run bare = Feeds.dataset(DIR + "interop-objectmarking-test.json", FeedFormat.STIX2);
        assertThat(bare.result()).isEqualTo(new ImportResult(0, 0, List.of()));
    }

    @Test
    void patternsAndProperties() {
        String bundle = """
                {"type":"bundle","id":"bundle--1","objects":[
                 {"type":"indicator","spec_version":"2.1","id":"indicator--1","pattern_type":"stix",
                  "pattern":"[file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E' AND file:name = 'x.exe']",
                  "valid_from":"2024-01-01T00:00:00Z","valid_until":"2024-12-31T00:00:00Z","confidence":60,
                  "name":"dropper","indicator_types":["malicious-activity"]},
                 {"type":"indicator","id":"indicator--2","pattern_type":"stix",
                  "pattern":"([email-message:from_ref.value = 'Boss@Evil.example'] OR [url:value = 'HTTP://Evil.example:80/a#b']) AND [x509-certificate:hashes.'SHA-1' = '854C68AB7AD70B6F95F76EC64B8A46C145997629']",
                  "valid_from":"2024-01-01T00:00:00Z","labels":["phishing"]},
                 {"type":"indicator","id":"indicator--3","pattern_type":"stix",
                  "pattern":"[network-traffic:dst_ref.value = '2001:DB8::1' OR network-traffic:dst_ref.value = 'c2.evil.example' OR ipv6-addr:value = '2001:db8::/32' OR ipv4-addr:value = '1.2.3.4/32']"},
                 {"type":"indicator","id":"indicator--4","pattern_type":"stix","pattern":"[domain-name:value = 'it\\\\'s.example']"},
                 {"type":"indicator","id":"indicator--5","pattern_type":"stix","pattern":"[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS"},
                 {"type":"indicator","id":"indicator--6","pattern_type":"stix","pattern":"[ipv4-addr:value IN ('1.2.3.4','5.6.7.8')]"},
                 {"type":"indicator","id":"indicator--7","pattern_type":"stix","pattern":"[domain-name:value LIKE '%.evil.example']"},
                 {"type":"indicator","id":"indicator--8","pattern_type":"sigma","pattern":"title: x"},
                 {"type":"indicator","id":"indicator--9","pattern_type":"stix","pattern":"[ipv4-addr:value = '9.9.9.9'","revoked":false},
                 {"type":"indicator","id":"indicator--10","pattern_type":"stix","pattern":"[ipv4-addr:value = '9.9.9.9']","revoked":true},
                 {"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--1","value":"8.8.8.8"}
                ]}""";
        Feeds.Run r = Feeds.run(bundle, FeedFormat.STIX2);
        Indicator md5 = r.find(IndicatorType.MD5, "d41d8cd98f00b204e9800998ecf8427e").orElseThrow();
        assertThat(md5.expiresAt()).isEqualTo(Instant.parse("2024-12-31T00:00:00Z"));
        assertThat(md5.confidence()).isEqualTo(60);
        assertThat(md5.threatType()).isEqualTo("malicious-activity");
        assertThat(md5.reference()).isEqualTo("indicator--1 dropper");
        assertThat(r.find(IndicatorType.EMAIL, "boss@evil.example").orElseThrow().threatType()).isEqualTo("phishing");
        assertThat(r.find(IndicatorType.URL, "http://evil.example/a")).isPresent();
        assertThat(r.find(IndicatorType.TLS_SHA1, "854c68ab7ad70b6f95f76ec64b8a46c145997629")).isPresent();
        assertThat(r.find(IndicatorType.IPV6, "2001:db8::1")).isPresent();
        assertThat(r.find(IndicatorType.DOMAIN, "c2.evil.example")).isPresent();
        assertThat(r.find(IndicatorType.CIDR, "2001:db8::/32")).isPresent();
        assertThat(r.find(IndicatorType.IPV4, "1.2.3.4")).isPresent();
        assertThat(r.result().imported()).isEqualTo(8);
        assertThat(r.reasons()).containsExactly(
                "bad domain-name:value value: bad character in domain: '''",
                "unsupported qualifier: WITHIN",
                "unsupported operator: IN",
                "unsupported operator: LIKE",
                "unsupported pattern_type sigma",
                "pattern syntax: unexpected end, expected ']' at 29");
        assertThat(r.result().rejected()).isEqualTo(6);
    }

    @Test
    void patternParser() {
        assertThat(StixPattern.parse("[file:hashes.'SHA-256' = 'ab' OR (file:hashes.MD5 = 'c\\'d' AND file:size = 10)]"))
                .containsExactly(new StixPattern.Comparison("file", "hashes.SHA-256", "ab"),
                        new StixPattern.Comparison("file", "hashes.MD5", "c'd"),
                        new StixPattern.Comparison("file", "size", "10"));
        assertThat(StixPattern.parse("[email-message:body_multipart[*].body_raw_ref.name = 'a\\\\b']"))
                .containsExactly(new StixPattern.Comparison("email-message", "body_multipart[*].body_raw_ref.name", "a\\b"));
        assertThat(StixPattern.parse("([a:b = 'x'] OR [c:d = 'y']) AND [e:f = t'2024-01-01T00:00:00Z']")).hasSize(3);
        for (String bad : new String[] {"", "[", "[]", "[a:b = 'x'", "[a:b 'x']", "[a:b = 'x]", "[a: = 'x']", "a:b = 'x'",
                "[a:b = 'x'] AND", "[a:b = 'x' OR]", "[a:b = 'x\\n']", "[a:b = 'x'] FOLLOWEDBY [c:d = 'y']",
                "[a:b NOT = 'x']", "[a:b != 'x']", "[a:b > 3]", "[a:b MATCHES 'x']", "[a:b ISSUBSET '10.0.0.0/8']",
                "[a:b = 'x'] REPEATS 5 TIMES", "[a:b = 'x'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
                "[a:b = 'x'] ]", "[a:b[x] = 'x']", "[a:b = foo]", "(".repeat(500) + "[a:b = 'x']" + ")".repeat(500)}) {
            assertThatThrownBy(() -> StixPattern.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
