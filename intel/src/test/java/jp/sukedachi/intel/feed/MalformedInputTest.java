package jp.sukedachi.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Garbage in any format gives rejections, never an exception. */
class MalformedInputTest {
    private static final String[] GARBAGE = {
        "",
        "\u0000\u0001\u0002",
        "\"",
        "\"a\"x,\"b\"",
        "{",
        "[",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"pattern\":\"[\"}",
        "{\"type\":\"bundle\",\"objects\":[1, \"x\", null, {\"type\":\"indicator\",\"pattern\":42}]}",
        "{\"Event\":{\"Attribute\":[{\"type\":\"ip-dst\",\"to_ids\":true,\"value\":{\"x\":1}}, 7]}}",
        "{\"Event\":[]}",
        "null",
        "12345",
        "\"just a string\"",
        "{\"a\":\"b\"} trailing",
        "# only a comment\n#\n",
        ",,,,,\n\"\",\"\",\"\"\n",
        "\uFEFF\uFFFD\uD800 broken surrogate\n",
        "x".repeat(70_000) + "\n1.2.3.4\n",
    };

    @Test
    void neverThrows() {
        Random random = new Random(42);
        for (FeedFormat format : FeedFormat.values()) {
            for (String g : GARBAGE) {
                assertThatNoExceptionFromImport(g, format);
            }
            for (int i = 0; i < 200; i++) {
                char[] chars = new char[random.nextInt(300)];
                String alphabet = "\"',:;[]{}()#\\/.@%| \n\r\tabcxyzABC0189-=ORAND";
                for (int c = 0; c < chars.length; c++) {
                    chars[c] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
                assertThatNoExceptionFromImport(new String(chars), format);
            }
        }
    }

    @Test
    void truncatedJsonKeepsWhatCameBefore() {
        String json = "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"pattern_type\":\"stix\","
                + "\"pattern\":\"[ipv4-addr:value = '1.2.3.4']\"},\n{\"type\":\"indicator\",\"pat";
        Feeds.Run r = Feeds.run(json, FeedFormat.STIX2);
        assertThat(r.keys()).containsExactly("IPV4:1.2.3.4");
        assertThat(r.result().rejected()).isEqualTo(1);
        assertThat(r.reasons().get(0)).startsWith("malformed JSON");
        assertThat(r.result().errors().get(0).line()).isEqualTo(2);
    }

    @Test
    void overlongLinesAreRejectedNotKept() {
        Feeds.Run r = Feeds.run("x".repeat(70_000) + "\n1.2.3.4\n", FeedFormat.LIST);
        assertThat(r.keys()).containsExactly("IPV4:1.2.3.4");
        assertThat(r.result().rejected()).isEqualTo(1);
        assertThat(r.result().errors().get(0).text().length()).isLessThanOrEqualTo(201);
    }

    private static void assertThatNoExceptionFromImport(String text, FeedFormat format) {
        Feeds.Run r;
        try (Reader in = new java.io.StringReader(text)) {
            r = Feeds.run(in, format, Feeds.CTX);
        } catch (Exception | Error e) {
            throw new AssertionError(format + " threw on " + text.substring(0, Math.min(80, text.length())), e);
        }
        assertThat(r.result().imported()).isGreaterThanOrEqualTo(0);
        assertThat(r.result().errors().size()).isLessThanOrEqualTo(Math.min(r.result().rejected(), FeedImporter.MAX_ERRORS));
    }
}
