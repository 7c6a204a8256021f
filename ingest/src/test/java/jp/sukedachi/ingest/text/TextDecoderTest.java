package jp.sukedachi.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TextDecoderTest {
    private static final String JAPANESE = "<134>ログイン失敗 ユーザー=管理者 ～ 接続元 203.0.113.9";

    @Test
    void shiftJisBytesAreReadAsShiftJisNotReplaced() {
        byte[] sjis = JAPANESE.getBytes(Charset.forName("windows-31j"));
        var auto = TextDecoder.of("auto").decode(sjis);
        assertThat(auto.text()).isEqualTo(JAPANESE).doesNotContain("\uFFFD");
        assertThat(auto.charset()).isEqualTo("Shift_JIS");
        assertThat(auto.lossless()).isTrue();
        assertThat(TextDecoder.of("sjis").decode(sjis).text()).isEqualTo(JAPANESE);
    }

    @Test
    void validUtf8StaysUtf8AndEucJpIsReadWhenTheDeviceSaysSo() {
        assertThat(TextDecoder.of("auto").decode(JAPANESE.getBytes(StandardCharsets.UTF_8)).text()).isEqualTo(JAPANESE);
        String plain = "<134>ログイン失敗 管理者";
        byte[] euc = plain.getBytes(Charset.forName("EUC-JP"));
        assertThat(TextDecoder.of("EUC-JP").decode(euc).text()).isEqualTo(plain);
        String jis = "ログイン失敗";
        assertThat(TextDecoder.of("ISO-2022-JP").decode(jis.getBytes(Charset.forName("ISO-2022-JP"))).text()).isEqualTo(jis);
    }

    @Test
    void bytesValidInNoCharsetKeepTheOriginalInBase64() {
        byte[] bad = {'<', '1', '>', 'a', (byte) 0xFF, (byte) 0xFE, (byte) 0x81, 'z'};
        var decoded = TextDecoder.of("auto").decode(bad);
        assertThat(decoded.lossless()).isFalse();
        assertThat(Base64.getDecoder().decode(decoded.base64())).isEqualTo(bad);
        assertThat(TextDecoder.of("UTF-8").decode(bad).lossless()).isFalse();
    }

    /** The in-place UTF-8 check must accept exactly what the strict JDK decoder accepts, or text would change. */
    @Test
    void theInPlaceUtf8CheckAgreesWithTheStrictJdkDecoderOnRandomAndEdgeBytes() throws Exception {
        java.util.Random random = new java.util.Random(11);
        java.util.List<byte[]> samples = new java.util.ArrayList<>();
        // Edges: overlongs, surrogates, the last code point and one past it, cut sequences, stray continuations.
        int[][] edges = {{0xC0, 0x80}, {0xC1, 0xBF}, {0xC2, 0x80}, {0xE0, 0x9F, 0xBF}, {0xE0, 0xA0, 0x80},
            {0xED, 0x9F, 0xBF}, {0xED, 0xA0, 0x80}, {0xEF, 0xBF, 0xBF}, {0xF0, 0x8F, 0xBF, 0xBF}, {0xF0, 0x90, 0x80, 0x80},
            {0xF4, 0x8F, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xE3, 0x81}, {0x80},
            {0xF0, 0x9F, 0x98}, {0x41, 0xE3, 0x81, 0x82, 0x42}};
        for (int[] edge : edges) {
            byte[] b = new byte[edge.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) edge[i];
            }
            samples.add(b);
        }
        for (int n = 0; n < 20_000; n++) {
            // Mostly valid text with a few random bytes in it, so that both answers occur often.
            String text = n % 3 == 0 ? "ログ😀é" + n : "a" + n + "漢";
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            if (n % 2 == 0) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            samples.add(b);
        }
        int valid = 0;
        for (byte[] b : samples) {
            boolean jdk;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
                jdk = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                jdk = false;
            }
            byte[] padded = new byte[b.length + 4]; // checked at an offset, with bytes after it that must not count
            System.arraycopy(b, 0, padded, 2, b.length);
            padded[b.length + 2] = (byte) 0x80;
            assertThat(TextDecoder.validUtf8(padded, 2, b.length)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(jdk);
            valid += jdk ? 1 : 0;
        }
        assertThat(valid).isBetween(samples.size() / 3, samples.size() * 9 / 10);
    }

    @Test
    void anUnknownSettingNamesTheAllowedOnes() {
        assertThatThrownBy(() -> TextDecoder.of("klingon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Shift_JIS");
    }
}
