package jp.sukedachi.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The engine skips exact-value lookups for raw values longer than every key, which is only right if lower-casing
 * never makes a string shorter: checked for every code point, alone and between letters (context-sensitive rules
 * such as the final sigma), so that a JDK's new Unicode tables cannot quietly break it.
 */
class LowerCaseLengthTest {
    @Test
    void lowerCasingNeverShortensAString() {
        List<String> shrinking = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp < Character.MIN_SUPPLEMENTARY_CODE_POINT && Character.isSurrogate((char) cp)) {
                continue;
            }
            String s = new String(Character.toChars(cp));
            if (s.toLowerCase(Locale.ROOT).length() < s.length()
                    || ("A" + s + "a").toLowerCase(Locale.ROOT).length() < s.length() + 2) {
                shrinking.add(Integer.toHexString(cp));
            }
        }
        assertThat(shrinking).isEmpty();
        assertThat("\u0130".toLowerCase(Locale.ROOT)).as("it can grow, which is fine").hasSize(2);
    }
}
