package jp.sukedachi.intel.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IntelMatcherTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final UUID T1 = UUID.fromString("11111111-1111-1111-1111-111111111111");
    static final UUID T2 = UUID.fromString("22222222-2222-2222-2222-222222222222");

    static Indicator ind(IndicatorType type, String value) {
        return ind(type, value, "feodo", 90, "botnet_cc", "Emotet", null, null);
    }

    static Indicator ind(IndicatorType type, String value, String source, int confidence, String threatType,
            String family, Instant expires, UUID tenant) {
        return new Indicator(type, value, source, confidence, threatType, family, null, null, expires, tenant, null);
    }

    static SecurityEvent event(UUID tenant, String... fieldValues) {
        SecurityEvent.Builder b = SecurityEvent.builder("test").timestamp(NOW.toEpochMilli());
        if (tenant != null) {
            b.tenant(new TenantId(tenant));
        }
        for (int i = 0; i < fieldValues.length; i += 2) {
            b.set(Ecs.intern(fieldValues[i]), fieldValues[i + 1]);
        }
        return b.build();
    }

    static SecurityEvent event(String... fieldValues) {
        return event(T1, fieldValues);
    }

    static List<Detection> match(List<Indicator> indicators, SecurityEvent e) {
        return IntelMatcher.of(IndicatorSnapshot.of(indicators)).match(e, NOW);
    }

    static List<String> rules(List<Indicator> indicators, List<Indicator> allow, SecurityEvent e) {
        return IntelMatcher.of(IndicatorSnapshot.of(indicators, allow)).match(e, NOW).stream()
                .map(Detection::ruleId).toList();
    }

    static List<String> rules(List<Indicator> indicators, SecurityEvent e) {
        return rules(indicators, List.of(), e);
    }

    @Nested
    class Addresses {
        @Test
        void ipv4Exact() {
            List<Indicator> l = List.of(ind(IndicatorType.IPV4, "1.2.3.4"));
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "1.2.3.4"))).containsExactly("IPV4:1.2.3.4");
            assertThat(rules(l, event(Ecs.SOURCE_IP, "1.2.3.4"))).containsExactly("IPV4:1.2.3.4");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "1.2.3.5"))).isEmpty();
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "01.2.3.4.5"))).isEmpty();
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "::ffff:1.2.3.4"))).containsExactly("IPV4:1.2.3.4");
            assertThat(rules(List.of(ind(IndicatorType.IPV4, "0.0.0.0")), event(Ecs.DESTINATION_IP, "0.0.0.0")))
                    .containsExactly("IPV4:0.0.0.0");
            assertThat(rules(List.of(ind(IndicatorType.IPV4, "255.255.255.255")),
                    event(Ecs.DESTINATION_IP, "255.255.255.255"))).containsExactly("IPV4:255.255.255.255");
        }

        @Test
        void detectionCarriesTitleSeverityAndContext() {
            Detection d = match(List.of(ind(IndicatorType.IPV4, "1.2.3.4")), event(Ecs.DESTINATION_IP, "1.2.3.4")).get(0);
            assertThat(d.detector()).isEqualTo("intel");
            assertThat(d.title()).isEqualTo("Connection to known botnet C2 1.2.3.4 (feodo: Emotet)");
            assertThat(d.severity()).isEqualTo(Severity.HIGH);
            assertThat(d.tenant()).isEqualTo(new TenantId(T1));
            assertThat(d.timestampMillis()).isEqualTo(NOW.toEpochMilli());
            assertThat(d.context()).containsEntry("field", Ecs.DESTINATION_IP).containsEntry("source", "feodo")
                    .containsEntry("threatType", "botnet_cc").containsEntry("malwareFamily", "Emotet")
                    .containsEntry("indicator", "IPV4:1.2.3.4");
            assertThat(d.evidence()).isNotNull();
        }

        @Test
        void ipv6ExactInAnySpelling() {
            List<Indicator> l = List.of(ind(IndicatorType.IPV6, "2001:db8::1"));
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:db8::1"))).containsExactly("IPV6:2001:db8::1");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:0DB8:0:0:0:0:0:0001"))).containsExactly("IPV6:2001:db8::1");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:db8::1%eth0"))).containsExactly("IPV6:2001:db8::1");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:db8::2"))).isEmpty();
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:db8:::1"))).isEmpty();
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:db8::1::"))).isEmpty();
        }

        @Test
        void ipv6Parsing() {
            assertThat(Addr.v6("::", Addr.V6_VALID)).isEqualTo(1);
            assertThat(Addr.v6("::1", Addr.V6_LO)).isEqualTo(1);
            assertThat(Addr.v6("1::", Addr.V6_HI)).isEqualTo(1L << 48);
            assertThat(Addr.v6("::ffff:10.0.0.1", Addr.V6_LO)).isEqualTo(0xFFFF_0A00_0001L);
            assertThat(Addr.v6("1:2:3:4:5:6:7:8", Addr.V6_LO)).isEqualTo(0x0005_0006_0007_0008L);
            assertThat(Addr.v6("1:2:3:4:5:6:7", Addr.V6_VALID)).isZero();
            assertThat(Addr.v6("1:2:3:4:5:6:7:8:9", Addr.V6_VALID)).isZero();
            assertThat(Addr.v6("12345::", Addr.V6_VALID)).isZero();
            assertThat(Addr.v6(":1::", Addr.V6_VALID)).isZero();
            assertThat(Addr.v6("1:", Addr.V6_VALID)).isZero();
            assertThat(Addr.v6Text(Addr.v6("2001:db8:0:0:1:0:0:1", Addr.V6_HI), Addr.v6("2001:db8:0:0:1:0:0:1", Addr.V6_LO)))
                    .isEqualTo("2001:db8::1:0:0:1");
        }

        @Test
        void cidrBoundaries() {
            List<Indicator> l = List.of(ind(IndicatorType.CIDR, "10.1.2.0/24"));
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "10.1.2.0"))).containsExactly("CIDR:10.1.2.0/24");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "10.1.2.255"))).containsExactly("CIDR:10.1.2.0/24");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "10.1.1.255"))).isEmpty();
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "10.1.3.0"))).isEmpty();
        }

        @Test
        void cidrHostBitsAreCleared() {
            assertThat(rules(List.of(ind(IndicatorType.CIDR, "10.1.2.77/24")), event(Ecs.DESTINATION_IP, "10.1.2.1")))
                    .containsExactly("CIDR:10.1.2.0/24");
        }

        @Test
        void cidrSlash0AndSlash32() {
            assertThat(rules(List.of(ind(IndicatorType.CIDR, "0.0.0.0/0")), event(Ecs.DESTINATION_IP, "255.255.255.255")))
                    .containsExactly("CIDR:0.0.0.0/0");
            assertThat(rules(List.of(ind(IndicatorType.CIDR, "0.0.0.0/0")), event(Ecs.DESTINATION_IP, "0.0.0.0")))
                    .containsExactly("CIDR:0.0.0.0/0");
            List<Indicator> host = List.of(ind(IndicatorType.CIDR, "192.0.2.7/32"));
            assertThat(rules(host, event(Ecs.DESTINATION_IP, "192.0.2.7"))).containsExactly("CIDR:192.0.2.7/32");
            assertThat(rules(host, event(Ecs.DESTINATION_IP, "192.0.2.6"))).isEmpty();
            assertThat(rules(host, event(Ecs.DESTINATION_IP, "192.0.2.8"))).isEmpty();
            // High addresses (sign bit set) order correctly.
            List<Indicator> high = List.of(ind(IndicatorType.CIDR, "200.0.0.0/8"), ind(IndicatorType.CIDR, "100.0.0.0/8"));
            assertThat(rules(high, event(Ecs.DESTINATION_IP, "200.255.255.255"))).containsExactly("CIDR:200.0.0.0/8");
            assertThat(rules(high, event(Ecs.DESTINATION_IP, "201.0.0.0"))).isEmpty();
            assertThat(rules(high, event(Ecs.DESTINATION_IP, "100.1.1.1"))).containsExactly("CIDR:100.0.0.0/8");
        }

        @Test
        void nestedRangesAllReported() {
            List<Indicator> l = List.of(ind(IndicatorType.CIDR, "10.0.0.0/8"), ind(IndicatorType.CIDR, "10.1.0.0/16"),
                    ind(IndicatorType.CIDR, "10.1.2.0/24"), ind(IndicatorType.CIDR, "10.1.0.0/24"),
                    ind(IndicatorType.CIDR, "10.2.0.0/16"), ind(IndicatorType.CIDR, "10.0.0.0/16"),
                    ind(IndicatorType.IPV4, "10.1.2.3"));
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "10.1.2.3"))).containsExactlyInAnyOrder("IPV4:10.1.2.3",
                    "CIDR:10.1.2.0/24", "CIDR:10.1.0.0/16", "CIDR:10.0.0.0/8");
            // After a nested block ends, the enclosing one still covers.
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "10.1.3.0"))).containsExactlyInAnyOrder("CIDR:10.1.0.0/16",
                    "CIDR:10.0.0.0/8");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "10.3.0.0"))).containsExactly("CIDR:10.0.0.0/8");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "10.0.0.0"))).containsExactlyInAnyOrder("CIDR:10.0.0.0/8",
                    "CIDR:10.0.0.0/16");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "11.0.0.0"))).isEmpty();
        }

        @Test
        void ipv6Cidr() {
            List<Indicator> l = List.of(ind(IndicatorType.CIDR, "2001:db8::/32"), ind(IndicatorType.CIDR, "2001:db8:1::/48"),
                    ind(IndicatorType.CIDR, "2001:db8:1:2:3:4:5:0/112"));
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:db8::"))).containsExactly("CIDR:2001:db8::/32");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")))
                    .containsExactly("CIDR:2001:db8::/32");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:db9::"))).isEmpty();
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff"))).isEmpty();
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:db8:1:2:3:4:5:ffff"))).containsExactlyInAnyOrder(
                    "CIDR:2001:db8::/32", "CIDR:2001:db8:1::/48", "CIDR:2001:db8:1:2:3:4:5:0/112");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2001:db8:1:2:3:4:6:0"))).containsExactlyInAnyOrder(
                    "CIDR:2001:db8::/32", "CIDR:2001:db8:1::/48");
            assertThat(rules(List.of(ind(IndicatorType.CIDR, "::/0")), event(Ecs.DESTINATION_IP, "ffff::1")))
                    .containsExactly("CIDR:::/0");
            assertThat(rules(List.of(ind(IndicatorType.CIDR, "8000::/1")), event(Ecs.DESTINATION_IP, "7fff::1"))).isEmpty();
        }
    }

    @Nested
    class Names {
        @Test
        void domainExactVersusSuffix() {
            List<Indicator> exact = List.of(ind(IndicatorType.DOMAIN, "evil.com"));
            assertThat(rules(exact, event(Ecs.DNS_QUESTION_NAME, "evil.com"))).containsExactly("DOMAIN:evil.com");
            assertThat(rules(exact, event(Ecs.DNS_QUESTION_NAME, "EVIL.com."))).containsExactly("DOMAIN:evil.com");
            assertThat(rules(exact, event(Ecs.DNS_QUESTION_NAME, "a.evil.com"))).isEmpty();

            List<Indicator> suffix = List.of(ind(IndicatorType.DOMAIN_SUFFIX, "evil.com"));
            assertThat(rules(suffix, event(Ecs.DNS_QUESTION_NAME, "evil.com"))).containsExactly("DOMAIN_SUFFIX:evil.com");
            assertThat(rules(suffix, event(Ecs.TLS_SERVER_NAME, "a.evil.com"))).containsExactly("DOMAIN_SUFFIX:evil.com");
            assertThat(rules(suffix, event(Ecs.URL_DOMAIN, "x.Y.EVIL.COM"))).containsExactly("DOMAIN_SUFFIX:evil.com");
            assertThat(rules(suffix, event(Ecs.DNS_QUESTION_NAME, "notevil.com"))).isEmpty();
            assertThat(rules(suffix, event(Ecs.DNS_QUESTION_NAME, "evil.com.au"))).isEmpty();
            assertThat(rules(suffix, event(Ecs.DNS_QUESTION_NAME, "com"))).isEmpty();
            assertThat(rules(suffix, event(Ecs.DNS_QUESTION_NAME, "."))).isEmpty();
        }

        @Test
        void idnAsPunycodeOrUnicode() {
            List<Indicator> l = List.of(ind(IndicatorType.DOMAIN_SUFFIX, "xn--r8jz45g.jp")); // 例え.jp
            assertThat(rules(l, event(Ecs.DNS_QUESTION_NAME, "www.xn--r8jz45g.jp"))).containsExactly("DOMAIN_SUFFIX:xn--r8jz45g.jp");
            assertThat(rules(l, event(Ecs.URL_DOMAIN, "www.例え.jp"))).containsExactly("DOMAIN_SUFFIX:xn--r8jz45g.jp");
            // An indicator given in Unicode is stored as punycode.
            List<Indicator> unicode = List.of(ind(IndicatorType.DOMAIN, "例え.jp"));
            assertThat(rules(unicode, event(Ecs.DNS_QUESTION_NAME, "XN--R8JZ45G.JP"))).containsExactly("DOMAIN:xn--r8jz45g.jp");
        }

        @Test
        void ipLiteralInHostField() {
            assertThat(rules(List.of(ind(IndicatorType.IPV4, "1.2.3.4")), event(Ecs.URL_DOMAIN, "1.2.3.4")))
                    .containsExactly("IPV4:1.2.3.4");
        }

        @Test
        void urlNormalisedAtMatchTime() {
            List<Indicator> l = List.of(ind(IndicatorType.URL, "http://evil.example/pay/load.exe?x=1", "urlhaus", 100,
                    "malware_download", null, null, null));
            assertThat(rules(l, event(Ecs.URL_FULL, "HTTP://Evil.Example:80/pay/load.exe?x=1#frag")))
                    .containsExactly("URL:http://evil.example/pay/load.exe?x=1");
            assertThat(rules(l, event(Ecs.URL_FULL, "http://evil.example/pay/%6Coad.exe?x=1")))
                    .containsExactly("URL:http://evil.example/pay/load.exe?x=1");
            assertThat(rules(l, event(Ecs.URL_FULL, "http://evil.example/pay/LOAD.exe?x=1"))).isEmpty();
            assertThat(rules(l, event(Ecs.URL_FULL, "not a url"))).isEmpty();
            Detection d = match(l, event(Ecs.URL_FULL, "http://evil.example/pay/load.exe?x=1")).get(0);
            assertThat(d.title()).isEqualTo("Contact with known malware delivery site http://evil.example/pay/load.exe?x=1 (urlhaus)");
            assertThat(d.severity()).isEqualTo(Severity.HIGH);
        }

        @Test
        void plainUrlsSkipNormalisation() {
            assertThat(IntelMatcher.plainUrl("http://evil.example/pay/load.exe?x=1")).isTrue();
            assertThat(IntelMatcher.plainUrl("https://a-b.example/")).isTrue();
            assertThat(IntelMatcher.plainUrl("http://evil.example")).isFalse();
            assertThat(IntelMatcher.plainUrl("http://Evil.example/")).isFalse();
            assertThat(IntelMatcher.plainUrl("http://evil.example:8080/")).isFalse();
            assertThat(IntelMatcher.plainUrl("http://evil.example./")).isFalse();
            assertThat(IntelMatcher.plainUrl("http://evil.example/a/../b")).isFalse();
            assertThat(IntelMatcher.plainUrl("http://evil.example/a/./b")).isFalse();
            assertThat(IntelMatcher.plainUrl("http://evil.example/a%2fb")).isFalse();
            assertThat(IntelMatcher.plainUrl("http://evil.example/A")).isFalse();
            assertThat(IntelMatcher.plainUrl("http://evil.example/a#f")).isFalse();
            assertThat(IntelMatcher.plainUrl("http://u@evil.example/")).isFalse();
            assertThat(IntelMatcher.plainUrl("ftp://evil.example/")).isFalse();
            // Whichever path a URL takes, the plain and the normalised spelling match the same indicator.
            for (String u : List.of("http://evil.example/a.b/c", "http://evil.example/a..b/c?q=.")) {
                assertThat(IntelMatcher.plainUrl(u)).isTrue();
                assertThat(jp.sukedachi.intel.Normalize.url(u)).isEqualTo(u);
                assertThat(rules(List.of(ind(IndicatorType.URL, u)), event(Ecs.URL_FULL, u))).containsExactly("URL:" + u);
            }
        }

        @Test
        void emailAndEmailDomain() {
            List<Indicator> l = List.of(ind(IndicatorType.EMAIL, "ceo@phish.example", "spamhaus", 80, "phishing", null, null, null),
                    ind(IndicatorType.EMAIL_DOMAIN, "bad.example", "spamhaus", 80, "phishing", null, null, null));
            assertThat(rules(l, event(Ecs.EMAIL_FROM_ADDRESS, "CEO@Phish.Example"))).containsExactly("EMAIL:ceo@phish.example");
            assertThat(rules(l, event(Ecs.EMAIL_FROM_ADDRESS, "anyone@bad.example"))).containsExactly("EMAIL_DOMAIN:bad.example");
            assertThat(rules(l, event(Ecs.EMAIL_FROM_ADDRESS, "anyone@sub.bad.example"))).isEmpty();
            assertThat(rules(l, event(Ecs.EMAIL_FROM_ADDRESS, "nobody"))).isEmpty();
            assertThat(match(l, event(Ecs.EMAIL_FROM_ADDRESS, "x@bad.example")).get(0).severity()).isEqualTo(Severity.MEDIUM);
        }
    }

    @Nested
    class Hashes {
        static final String SHA256 = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
        static final String MD5 = "0123456789abcdef0123456789abcdef";
        static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";

        @Test
        void caseInsensitive() {
            List<Indicator> l = List.of(ind(IndicatorType.SHA256, SHA256.toUpperCase(), "malwarebazaar", 100, null, "AgentTesla", null, null),
                    ind(IndicatorType.MD5, MD5), ind(IndicatorType.SHA1, SHA1));
            assertThat(rules(l, event(Ecs.FILE_HASH_SHA256, SHA256))).containsExactly("SHA256:" + SHA256);
            assertThat(rules(l, event(Ecs.PROCESS_HASH_SHA256, SHA256.toUpperCase()))).containsExactly("SHA256:" + SHA256);
            assertThat(rules(l, event(Ecs.FILE_HASH_MD5, MD5.toUpperCase()))).containsExactly("MD5:" + MD5);
            assertThat(rules(l, event(Ecs.FILE_HASH_SHA1, SHA1))).containsExactly("SHA1:" + SHA1);
            // The same bytes under another type do not match.
            assertThat(rules(l, event(Ecs.TLS_CLIENT_JA3, MD5))).isEmpty();
            assertThat(rules(l, event(Ecs.FILE_HASH_MD5, MD5.substring(1) + "g"))).isEmpty();
            assertThat(rules(l, event(Ecs.FILE_HASH_MD5, MD5 + "00"))).isEmpty();
            Detection d = match(l, event(Ecs.FILE_HASH_SHA256, SHA256)).get(0);
            assertThat(d.severity()).isEqualTo(Severity.HIGH);
            assertThat(d.title()).isEqualTo("Known malicious file " + SHA256 + " (malwarebazaar: AgentTesla)");
        }

        @Test
        void tlsFingerprints() {
            List<Indicator> l = List.of(ind(IndicatorType.TLS_SHA1, SHA1, "sslbl", 100, "botnet_cc", "Dridex", null, null),
                    ind(IndicatorType.JA3, MD5, "sslbl", 100, "botnet_cc", "Tofsee", null, null));
            assertThat(rules(l, event(Ecs.TLS_SERVER_HASH_SHA1, SHA1.toUpperCase()))).containsExactly("TLS_SHA1:" + SHA1);
            assertThat(rules(l, event(Ecs.TLS_CLIENT_JA3, MD5))).containsExactly("JA3:" + MD5);
            assertThat(rules(l, event(Ecs.FILE_HASH_SHA1, SHA1))).isEmpty();
        }
    }

    @Nested
    class Scope {
        @Test
        void expiry() {
            List<Indicator> l = List.of(
                    ind(IndicatorType.IPV4, "1.1.1.1", "a", 90, "botnet_cc", null, NOW.minusSeconds(1), null),
                    ind(IndicatorType.IPV4, "2.2.2.2", "a", 90, "botnet_cc", null, NOW.plusSeconds(1), null),
                    ind(IndicatorType.IPV4, "3.3.3.3", "a", 90, "botnet_cc", null, NOW, null),
                    ind(IndicatorType.IPV4, "4.4.4.4", "a", 90, "botnet_cc", null, NOW.plusMillis(1), null));
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "1.1.1.1"))).isEmpty();
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "2.2.2.2"))).containsExactly("IPV4:2.2.2.2");
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "3.3.3.3"))).isEmpty();
            assertThat(rules(l, event(Ecs.DESTINATION_IP, "4.4.4.4"))).containsExactly("IPV4:4.4.4.4");
            IntelMatcher m = IntelMatcher.of(IndicatorSnapshot.of(l));
            assertThat(m.match(event(Ecs.DESTINATION_IP, "2.2.2.2"), NOW.plus(Duration.ofHours(1)))).isEmpty();
        }

        @Test
        void tenantScopedIndicatorsInvisibleToOthers() {
            List<Indicator> l = List.of(ind(IndicatorType.DOMAIN, "mine.example", "own", 90, "phishing", null, null, T1));
            assertThat(rules(l, event(T1, Ecs.DNS_QUESTION_NAME, "mine.example"))).containsExactly("DOMAIN:mine.example");
            assertThat(rules(l, event(T2, Ecs.DNS_QUESTION_NAME, "mine.example"))).isEmpty();
            assertThat(rules(l, event((UUID) null, Ecs.DNS_QUESTION_NAME, "mine.example"))).isEmpty();
            List<Indicator> wide = List.of(ind(IndicatorType.DOMAIN, "all.example"));
            assertThat(rules(wide, event((UUID) null, Ecs.DNS_QUESTION_NAME, "all.example"))).hasSize(1);
            assertThat(rules(wide, event(T2, Ecs.DNS_QUESTION_NAME, "all.example"))).hasSize(1);
        }

        @Test
        void allowlistProviderWideWins() {
            List<Indicator> l = List.of(ind(IndicatorType.DOMAIN_SUFFIX, "cdn.example"), ind(IndicatorType.DOMAIN, "x.good.example"),
                    ind(IndicatorType.IPV4, "10.9.8.7"), ind(IndicatorType.CIDR, "10.9.0.0/16"));
            List<Indicator> allow = List.of(ind(IndicatorType.DOMAIN_SUFFIX, "good.example", "ops", 100, null, null, null, null),
                    ind(IndicatorType.DOMAIN, "safe.cdn.example", "ops", 100, null, null, null, null),
                    ind(IndicatorType.CIDR, "10.9.8.0/24", "ops", 100, null, null, null, null));
            assertThat(rules(l, allow, event(Ecs.DNS_QUESTION_NAME, "x.good.example"))).isEmpty();
            assertThat(rules(l, allow, event(Ecs.DNS_QUESTION_NAME, "safe.cdn.example"))).isEmpty();
            assertThat(rules(l, allow, event(Ecs.DNS_QUESTION_NAME, "other.cdn.example"))).containsExactly("DOMAIN_SUFFIX:cdn.example");
            assertThat(rules(l, allow, event(Ecs.DESTINATION_IP, "10.9.8.7"))).isEmpty();
            assertThat(rules(l, allow, event(Ecs.DESTINATION_IP, "10.9.9.9"))).containsExactly("CIDR:10.9.0.0/16");
            // Allowlisting one field's value does not silence another field of the same event.
            assertThat(rules(l, allow, event(Ecs.DESTINATION_IP, "10.9.8.7", Ecs.SOURCE_IP, "10.9.1.1")))
                    .containsExactly("CIDR:10.9.0.0/16");
            // An expired allowlist entry no longer applies.
            List<Indicator> expired = List.of(ind(IndicatorType.IPV4, "10.9.8.7", "ops", 100, null, null, NOW.minusSeconds(5), null));
            assertThat(rules(l, expired, event(Ecs.DESTINATION_IP, "10.9.8.7"))).hasSize(2);
        }

        @Test
        void allowlistTenantScoped() {
            List<Indicator> l = List.of(ind(IndicatorType.IPV4, "5.6.7.8"));
            List<Indicator> allow = List.of(ind(IndicatorType.IPV4, "5.6.7.8", "tenant-ops", 100, null, null, null, T1));
            assertThat(rules(l, allow, event(T1, Ecs.DESTINATION_IP, "5.6.7.8"))).isEmpty();
            assertThat(rules(l, allow, event(T2, Ecs.DESTINATION_IP, "5.6.7.8"))).containsExactly("IPV4:5.6.7.8");
        }

        @Test
        void multipleSourcesOneDetection() {
            List<Indicator> l = List.of(ind(IndicatorType.IPV4, "6.6.6.6", "feodo", 40, "botnet_cc", "QakBot", null, null),
                    ind(IndicatorType.IPV4, "6.6.6.6", "threatfox", 95, "botnet_cc", "QakBot", null, null),
                    ind(IndicatorType.IPV4, "6.6.6.6", "own", 90, "botnet_cc", null, null, T2));
            List<Detection> d = match(l, event(Ecs.SOURCE_IP, "6.6.6.6", Ecs.DESTINATION_IP, "6.6.6.6"));
            assertThat(d).hasSize(1);
            assertThat(d.get(0).context()).containsEntry("source", "feodo,threatfox")
                    .containsEntry("field", "source.ip,destination.ip");
            assertThat(d.get(0).severity()).isEqualTo(Severity.HIGH);
            assertThat(d.get(0).title()).endsWith("(threatfox: QakBot)");
            IndicatorSnapshot s = IndicatorSnapshot.of(l);
            assertThat(s.lookup(IndicatorType.IPV4, "6.6.6.6")).extracting(Indicator::source)
                    .containsExactlyInAnyOrder("feodo", "threatfox", "own");
            assertThat(s.lookup(IndicatorType.IPV4, "6.6.6.7")).isEmpty();
        }

        @Test
        void aRepeatedHitIsReportedAsIfItWereTheFirst() {
            // The matcher reuses the last hits' reports per thread: the tenant, the time, the field and the
            // snapshot must each still change what is reported, with one matcher and one thread.
            Instant soon = NOW.plusSeconds(10);
            List<Indicator> l = List.of(ind(IndicatorType.IPV4, "6.6.6.6", "feodo", 90, "botnet_cc", null, null, null),
                    ind(IndicatorType.IPV4, "6.6.6.6", "own", 90, "botnet_cc", null, soon, T2),
                    ind(IndicatorType.IPV4, "7.7.7.7", "lists", 90, null, null, null, null),
                    ind(IndicatorType.MD5, Hashes.MD5, "lists", 90, null, null, null, null));
            IntelMatcher m = IntelMatcher.of(IndicatorSnapshot.of(l));
            for (int round = 0; round < 2; round++) {
                assertThat(m.match(event(T2, Ecs.DESTINATION_IP, "6.6.6.6"), NOW)).singleElement()
                        .satisfies(d -> assertThat(d.context()).containsEntry("source", "feodo,own")
                                .containsEntry("field", Ecs.DESTINATION_IP));
                assertThat(m.match(event(T1, Ecs.DESTINATION_IP, "6.6.6.6"), NOW)).singleElement()
                        .satisfies(d -> assertThat(d.context()).containsEntry("source", "feodo"));
                assertThat(m.match(event(T2, Ecs.DESTINATION_IP, "6.6.6.6"), soon.plusSeconds(1))).singleElement()
                        .satisfies(d -> assertThat(d.context()).containsEntry("source", "feodo"));
                assertThat(m.match(event(T2, Ecs.SOURCE_IP, "6.6.6.6"), NOW)).singleElement()
                        .satisfies(d -> assertThat(d.context()).containsEntry("field", Ecs.SOURCE_IP));
            }
            // The same untyped profile reports a file hash HIGH and an address LOW, hit after hit.
            for (int round = 0; round < 2; round++) {
                assertThat(m.match(event(Ecs.DESTINATION_IP, "7.7.7.7"), NOW).get(0).severity()).isEqualTo(Severity.LOW);
                assertThat(m.match(event(Ecs.FILE_HASH_MD5, Hashes.MD5), NOW).get(0).severity())
                        .isEqualTo(Severity.HIGH);
            }
            // A swapped-in snapshot with the same key numbers says what it holds, not what the last one said.
            IntelStore store = new IntelStore(IndicatorSnapshot.of(
                    List.of(ind(IndicatorType.IPV4, "6.6.6.6", "feodo", 90, "botnet_cc", null, null, null))));
            assertThat(store.matcher().match(event(T1, Ecs.DESTINATION_IP, "6.6.6.6"), NOW).get(0).context())
                    .containsEntry("source", "feodo");
            store.swap(IndicatorSnapshot.of(
                    List.of(ind(IndicatorType.IPV4, "6.6.6.6", "sslbl", 90, "botnet_cc", null, null, null))));
            assertThat(store.matcher().match(event(T1, Ecs.DESTINATION_IP, "6.6.6.6"), NOW).get(0).context())
                    .containsEntry("source", "sslbl");
        }

        @Test
        void lowConfidenceStepsDown() {
            List<Indicator> l = List.of(ind(IndicatorType.IPV4, "7.7.7.7", "x", 30, "botnet_cc", null, null, null),
                    ind(IndicatorType.DOMAIN, "p.example", "x", 10, "phishing", null, null, null),
                    ind(IndicatorType.DOMAIN, "q.example", "x", 90, "scanner", null, null, null));
            assertThat(match(l, event(Ecs.DESTINATION_IP, "7.7.7.7")).get(0).severity()).isEqualTo(Severity.MEDIUM);
            assertThat(match(l, event(Ecs.DNS_QUESTION_NAME, "p.example")).get(0).severity()).isEqualTo(Severity.LOW);
            assertThat(match(l, event(Ecs.DNS_QUESTION_NAME, "q.example")).get(0).severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void rejectedValuesAndLookupRoundTrip() {
            Instant exp = Instant.parse("2027-01-01T00:00:00Z");
            Indicator kept = new Indicator(IndicatorType.CIDR, "2001:db8::/32", "s", 70, "botnet_cc", "F", null, null, exp, T1,
                    "https://ref.example/1");
            IndicatorSnapshot s = IndicatorSnapshot.of(List.of(kept, ind(IndicatorType.IPV4, "999.1.1.1"),
                    ind(IndicatorType.MD5, "xyz"), ind(IndicatorType.CIDR, "10.0.0.0/33")));
            assertThat(s.size()).isEqualTo(1);
            assertThat(s.rejected()).isEqualTo(3);
            assertThat(s.lookup(IndicatorType.CIDR, "2001:db8::/32")).containsExactly(kept);
        }
    }

    @Test
    void noMatchAllocatesNothing() {
        List<Indicator> l = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            l.add(ind(IndicatorType.IPV4, "10.0." + (i / 256) + "." + (i % 256)));
            l.add(ind(IndicatorType.DOMAIN_SUFFIX, "d" + i + ".example"));
            l.add(ind(IndicatorType.CIDR, "172.16." + (i % 256) + ".0/24"));
        }
        l.add(ind(IndicatorType.URL, "http://u.example/"));
        l.add(ind(IndicatorType.SHA256, Hashes.SHA256));
        IntelMatcher m = IntelMatcher.of(IndicatorSnapshot.of(l));
        SecurityEvent e = event(Ecs.SOURCE_IP, "192.168.1.5", Ecs.DESTINATION_IP, "8.8.8.8", Ecs.DNS_QUESTION_NAME,
                "www.google.com", Ecs.TLS_SERVER_NAME, "a.b.c.example.org", Ecs.FILE_HASH_SHA256,
                Hashes.SHA256.replace('a', 'b'), Ecs.DESTINATION_PORT, "443");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 30; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) {
                if (!m.match(e, NOW).isEmpty()) {
                    throw new AssertionError();
                }
            }
            best = Math.min(best, threads.getCurrentThreadAllocatedBytes() - before);
        }
        // After warm-up: no allocation at all for an event without a hit.
        System.out.println("no-match allocation, best round of 10,000 events: " + best + " bytes");
        assertThat(best).isZero();
    }
}
