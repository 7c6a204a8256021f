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

    @Test
    void anUnknownSettingNamesTheAllowedOnes() {
        assertThatThrownBy(() -> TextDecoder.of("klingon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Shift_JIS");
    }
}
