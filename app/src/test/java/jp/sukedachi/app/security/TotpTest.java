package jp.sukedachi.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import jp.sukedachi.app.support.MutableClock;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class TotpTest {
    // RFC 6238 appendix B: SHA-1 seed "12345678901234567890"; at T=59 s the 8-digit code is 94287082.
    private static final String RFC_SECRET = new Base32().encodeToString("12345678901234567890".getBytes()).replace("=", "");

    @Test
    void matchesTheRfc6238TestVector() {
        Totp totp = new Totp(new MutableClock(Instant.ofEpochSecond(59)));
        assertThat(totp.currentCode(RFC_SECRET)).isEqualTo("287082");
        Totp later = new Totp(new MutableClock(Instant.ofEpochSecond(1111111109L)));
        assertThat(later.currentCode(RFC_SECRET)).isEqualTo("081804");
    }

    @Test
    void acceptsOneStepOfClockDriftAndNoMore() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
        Totp totp = new Totp(clock);
        String secret = totp.newSecret();
        String code = totp.currentCode(secret);
        long step = clock.instant().getEpochSecond() / 30;
        assertThat(totp.verify(secret, code)).hasValue(step);
        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.verify(secret, code)).hasValue(step);
        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.verify(secret, code)).isEmpty();
    }

    @Test
    void rejectsMalformedCodesAndToleratesASpace() {
        Totp totp = new Totp(new MutableClock(Instant.parse("2026-11-22T00:00:00Z")));
        String secret = totp.newSecret();
        String code = totp.currentCode(secret);
        assertThat(totp.verify(secret, code.substring(0, 3) + " " + code.substring(3))).isPresent();
        assertThat(totp.verify(secret, "12345")).isEmpty();
        assertThat(totp.verify(secret, "abcdef")).isEmpty();
        assertThat(totp.verify(secret, null)).isEmpty();
        assertThat(totp.verify(null, code)).isEmpty();
    }

    @Test
    void provisioningUriCarriesIssuerAccountAndSecretForAuthenticatorApps() {
        Totp totp = new Totp(new MutableClock(Instant.EPOCH));
        assertThat(totp.provisioningUri("owner@example.jp", "ABC"))
                .isEqualTo("otpauth://totp/Sukedachi:owner%40example.jp?secret=ABC&issuer=Sukedachi&algorithm=SHA1&digits=6&period=30");
        assertThat(QrCode.svg(totp.provisioningUri("owner@example.jp", "ABC"))).startsWith("<svg").contains("<path");
    }

    @Test
    void newSecretsAre160BitsOfBase32() {
        Totp totp = new Totp(new MutableClock(Instant.EPOCH));
        String secret = totp.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(new Base32().decode(secret)).hasSize(20);
        assertThat(totp.newSecret()).isNotEqualTo(secret);
    }
}
