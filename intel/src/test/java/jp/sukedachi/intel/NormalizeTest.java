package jp.sukedachi.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizeTest {

    @Test
    void ipv4() {
        assertThat(Normalize.ip("1.2.3.4")).isEqualTo("1.2.3.4");
        assertThat(Normalize.ip(" 8.8.8.8 ")).isEqualTo("8.8.8.8");
        // Decision: leading zeros are decimal (log zero-padding), never octal like inet_aton.
        assertThat(Normalize.ip("010.1.1.1")).isEqualTo("10.1.1.1");
        assertThat(Normalize.ip("192.168.001.010")).isEqualTo("192.168.1.10");
        assertThat(Normalize.ip("0.0.0.0")).isEqualTo("0.0.0.0");
    }

    @Test
    void alreadyNormalInputIsReturnedAsIs() {
        String ip = "10.20.30.40";
        assertThat(Normalize.ip(ip)).isSameAs(ip);
        String d = "www.example.co.jp";
        assertThat(Normalize.domain(d)).isSameAs(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "0001.2.3.4", "1..2.3", "1.2.3.4.", "a.b.c.d",
            "167772161", "1.2.3.4/24", "", " ", "example.com", "1.2.3.4:80", "１.２.３.４"})
    void badIps(String s) {
        assertThatThrownBy(() -> Normalize.ip(s)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv6() {
        assertThat(Normalize.ip("2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
        assertThat(Normalize.ip("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1"); // first of equal runs
        assertThat(Normalize.ip("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1"); // one 0 group stays
        assertThat(Normalize.ip("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1"); // the longest run
        assertThat(Normalize.ip("::")).isEqualTo("::");
        assertThat(Normalize.ip("::1")).isEqualTo("::1");
        assertThat(Normalize.ip("fe80::1%eth0")).isEqualTo("fe80::1");
        assertThat(Normalize.ip("[2001:db8::a]")).isEqualTo("2001:db8::a");
        assertThat(Normalize.ip("[fe80::AbC%25en0]")).isEqualTo("fe80::abc");
        assertThat(Normalize.ip("::ffff:192.0.2.1")).isEqualTo("::ffff:192.0.2.1");
        assertThat(Normalize.ip("::ffff:c000:0201")).isEqualTo("::ffff:192.0.2.1");
        assertThat(Normalize.ip("64:ff9b::192.0.2.33")).isEqualTo("64:ff9b::c000:221");
        assertThat(Normalize.ip("1:2:3:4:5:6:7::")).isEqualTo("1:2:3:4:5:6:7:0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:", "12345::", "g::1", "[::1", "1:2:3:4:5:6:7",
            "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4"})
    void badIpv6(String s) {
        assertThatThrownBy(() -> Normalize.ip(s)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cidrClearsHostBits() {
        assertThat(Normalize.cidr("223.166.1.2/15")).isEqualTo("223.166.0.0/15");
        assertThat(Normalize.cidr("10.1.2.3/8")).isEqualTo("10.0.0.0/8");
        assertThat(Normalize.cidr("10.1.2.3/32")).isEqualTo("10.1.2.3/32");
        assertThat(Normalize.cidr("10.1.2.3/0")).isEqualTo("0.0.0.0/0");
        assertThat(Normalize.cidr("2001:DB8::FFFF/32")).isEqualTo("2001:db8::/32");
        assertThat(Normalize.cidr("2001:db8:1234::/47")).isEqualTo("2001:db8:1234::/47");
        assertThat(Normalize.cidr("2001:db8:1235::/47")).isEqualTo("2001:db8:1234::/47");
        assertThat(Normalize.cidr("010.0.0.1/24")).isEqualTo("10.0.0.0/24");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "::/129", "x/8", "10.0.0.0/8/8", "10.0.0.0/0008"})
    void badCidrs(String s) {
        assertThatThrownBy(() -> Normalize.cidr(s)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void domains() {
        assertThat(Normalize.domain("WWW.Example.COM.")).isEqualTo("www.example.com");
        assertThat(Normalize.domain("例え.jp")).isEqualTo("xn--r8jz45g.jp");
        assertThat(Normalize.domain("ドメイン名例.JP")).startsWith("xn--").endsWith(".jp");
        assertThat(Normalize.domain("例え。jp")).isEqualTo("xn--r8jz45g.jp"); // ideographic full stop
        assertThat(Normalize.domain("xn--r8jz45g.jp")).isEqualTo("xn--r8jz45g.jp");
        assertThat(Normalize.domain("_dmarc.example.com")).isEqualTo("_dmarc.example.com");
        assertThat(Normalize.domain("localhost")).isEqualTo("localhost");
        assertThat(Normalize.domain("a".repeat(63) + ".com")).hasSize(67);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a..b", ".example.com", "example.com..", "-a.com", "a-.com", "ex ample.com",
            "exa$mple.com", "1.2.3.4", "*.example.com", "http://example.com", "a/b.com"})
    void badDomains(String s) {
        assertThatThrownBy(() -> Normalize.domain(s)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooLongDomainLabels() {
        assertThatThrownBy(() -> Normalize.domain("a".repeat(64) + ".com")).isInstanceOf(IllegalArgumentException.class);
        String longName = ("a".repeat(60) + ".").repeat(5) + "com";
        assertThatThrownBy(() -> Normalize.domain(longName)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void urls() {
        assertThat(Normalize.url("HTTP://Example.COM")).isEqualTo("http://example.com/");
        assertThat(Normalize.url("http://example.com:80/a")).isEqualTo("http://example.com/a");
        assertThat(Normalize.url("https://example.com:443/a")).isEqualTo("https://example.com/a");
        assertThat(Normalize.url("http://example.com:443/a")).isEqualTo("http://example.com:443/a");
        assertThat(Normalize.url("https://example.com:08443/a")).isEqualTo("https://example.com:8443/a");
        assertThat(Normalize.url("http://example.com./a#frag")).isEqualTo("http://example.com/a");
        assertThat(Normalize.url("http://example.com?q=1")).isEqualTo("http://example.com/?q=1");
        assertThat(Normalize.url("http://example.com/%7euser/%2fx%2F%41%zz"))
                .isEqualTo("http://example.com/~user/%2Fx%2FA%zz");
        assertThat(Normalize.url("http://example.com/a b/日本")).isEqualTo("http://example.com/a%20b/%E6%97%A5%E6%9C%AC");
        assertThat(Normalize.url("example.com/path")).isEqualTo("http://example.com/path");
        assertThat(Normalize.url("http://010.1.1.1:8080/i")).isEqualTo("http://10.1.1.1:8080/i");
        assertThat(Normalize.url("http://[2001:DB8::1]:80/")).isEqualTo("http://[2001:db8::1]/");
        assertThat(Normalize.url("http://user:pw@Evil.COM/")).isEqualTo("http://user:pw@evil.com/");
        assertThat(Normalize.url("http://例え.jp/")).isEqualTo("http://xn--r8jz45g.jp/");
        String normal = "https://pub-462189601a584e8fad4889d4ed31f4f4.r2.dev/Zoom%20Setup.exe";
        assertThat(Normalize.url(normal)).isEqualTo(normal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://", "http:///path", "http://:80/", "http://exa mple.com/", "http://example.com:99999/",
            "http://example.com:8x/", "http://[::1/", "/just/a/path"})
    void badUrls(String s) {
        assertThatThrownBy(() -> Normalize.url(s)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hashes() {
        assertThat(Normalize.hash("D41D8CD98F00B204E9800998ECF8427E")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(Normalize.value(IndicatorType.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709")).hasSize(40);
        assertThat(Normalize.value(IndicatorType.TLS_SHA1, "DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09"))
                .isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assertThatThrownBy(() -> Normalize.value(IndicatorType.SHA256, "d41d8cd98f00b204e9800998ecf8427e"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 64");
        assertThatThrownBy(() -> Normalize.hash("xyz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Normalize.hash("g41d8cd98f00b204e9800998ecf8427e")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emails() {
        assertThat(Normalize.email("Alice@Example.COM")).isEqualTo("alice@example.com");
        assertThat(Normalize.email("Bad Guy <bad@EVIL.example.>")).isEqualTo("bad@evil.example");
        assertThat(Normalize.value(IndicatorType.EMAIL_DOMAIN, "@Evil.COM")).isEqualTo("evil.com");
        assertThat(Normalize.value(IndicatorType.DOMAIN_SUFFIX, "*.Evil.COM")).isEqualTo("evil.com");
        assertThat(Normalize.value(IndicatorType.DOMAIN_SUFFIX, ".evil.com")).isEqualTo("evil.com");
        for (String bad : new String[] {"@x.com", "a@", "a b@x.com", "plain", "a@bad_domain..com"}) {
            assertThatThrownBy(() -> Normalize.email(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void valueChecksFamily() {
        assertThat(Normalize.value(IndicatorType.IPV4, "010.0.0.1")).isEqualTo("10.0.0.1");
        assertThatThrownBy(() -> Normalize.value(IndicatorType.IPV4, "::1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Normalize.value(IndicatorType.IPV6, "1.2.3.4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Normalize.value(IndicatorType.DOMAIN, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void infer() {
        assertThat(Normalize.infer("1.2.3.4")).contains(new Normalize.Typed(IndicatorType.IPV4, "1.2.3.4"));
        assertThat(Normalize.infer("2001:DB8::1")).contains(new Normalize.Typed(IndicatorType.IPV6, "2001:db8::1"));
        assertThat(Normalize.infer("10.1.2.3/8")).contains(new Normalize.Typed(IndicatorType.CIDR, "10.0.0.0/8"));
        assertThat(Normalize.infer("Evil.com")).contains(new Normalize.Typed(IndicatorType.DOMAIN, "evil.com"));
        assertThat(Normalize.infer("*.evil.com")).contains(new Normalize.Typed(IndicatorType.DOMAIN_SUFFIX, "evil.com"));
        assertThat(Normalize.infer(".evil.com")).contains(new Normalize.Typed(IndicatorType.DOMAIN_SUFFIX, "evil.com"));
        assertThat(Normalize.infer("http://evil.com")).contains(new Normalize.Typed(IndicatorType.URL, "http://evil.com/"));
        assertThat(Normalize.infer("evil.com/x.exe")).contains(new Normalize.Typed(IndicatorType.URL, "http://evil.com/x.exe"));
        assertThat(Normalize.infer("D41D8CD98F00B204E9800998ECF8427E")).get().extracting(Normalize.Typed::type).isEqualTo(IndicatorType.MD5);
        assertThat(Normalize.infer("da39a3ee5e6b4b0d3255bfef95601890afd80709")).get().extracting(Normalize.Typed::type).isEqualTo(IndicatorType.SHA1);
        assertThat(Normalize.infer("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).get()
                .extracting(Normalize.Typed::type).isEqualTo(IndicatorType.SHA256);
        assertThat(Normalize.infer("phish@evil.com")).contains(new Normalize.Typed(IndicatorType.EMAIL, "phish@evil.com"));
        assertThat(Normalize.infer("@evil.com")).contains(new Normalize.Typed(IndicatorType.EMAIL_DOMAIN, "evil.com"));
        assertThat(Normalize.infer("例え.jp")).contains(new Normalize.Typed(IndicatorType.DOMAIN, "xn--r8jz45g.jp"));
        for (String none : new String[] {"", "   ", "hello", "hello world", "999.1.1.1", "d41d8cd98f00b204", "1.2.3.4/99", "@", "*."}) {
            assertThat(Normalize.infer(none)).as(none).isEmpty();
        }
        assertThat(Normalize.infer(null)).isEmpty();
    }
}
