package jp.sukedachi.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainListTest {

    @Test
    void oneIndicatorPerLineWithInferredType() {
        String list = """
                # customer block list (社内ブロックリスト)
                203.0.113.7
                010.000.000.001
                2001:DB8::1
                198.51.100.0/24
                Evil.Example.COM.
                *.bad.example
                .worse.example
                http://phish.example:80/login#x
                phish.example/kit.zip
                D41D8CD98F00B204E9800998ECF8427E
                da39a3ee5e6b4b0d3255bfef95601890afd80709   # with a trailing comment
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                ceo@fake-company.example
                @spam.example
                0.0.0.0 ads.example
                例え.jp

                not an indicator at all
                999.1.2.3
                """;
        Feeds.Run r = Feeds.run(list, FeedFormat.LIST);
        assertThat(r.keys()).containsExactly(
                "IPV4:203.0.113.7",
                "IPV4:10.0.0.1",
                "IPV6:2001:db8::1",
                "CIDR:198.51.100.0/24",
                "DOMAIN:evil.example.com",
                "DOMAIN_SUFFIX:bad.example",
                "DOMAIN_SUFFIX:worse.example",
                "URL:http://phish.example/login",
                "URL:http://phish.example/kit.zip",
                "MD5:d41d8cd98f00b204e9800998ecf8427e",
                "SHA1:da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "EMAIL:ceo@fake-company.example",
                "EMAIL_DOMAIN:spam.example",
                "DOMAIN:ads.example",
                "DOMAIN:xn--r8jz45g.jp");
        assertThat(r.result().rejected()).isEqualTo(2);
        assertThat(r.result().errors()).extracting(ImportError::line).containsExactly(19, 20);
        assertThat(r.indicators()).allSatisfy(i -> {
            assertThat(i.confidence()).isEqualTo(FeedImporter.DEFAULT_CONFIDENCE);
            assertThat(i.expiresAt()).isEqualTo(Feeds.NOW.plus(Feeds.CTX.ttl()));
        });
    }

    @Test
    void crAndCrLfLineEnds() {
        Feeds.Run r = Feeds.run("1.1.1.1\r\n2.2.2.2\r3.3.3.3\nbad entry\r\n", FeedFormat.LIST);
        assertThat(r.keys()).containsExactly("IPV4:1.1.1.1", "IPV4:2.2.2.2", "IPV4:3.3.3.3");
        assertThat(r.result().errors()).extracting(ImportError::line).containsExactly(4);
    }
}
