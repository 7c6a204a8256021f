package jp.sukedachi.app.security;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.springframework.stereotype.Component;

/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s), the kind every authenticator app
 * reads from a QR code. A code is accepted one step either side of now to forgive clock drift.
 */
@Component
public class Totp {
    static final Duration STEP = Duration.ofSeconds(30);
    private static final String ISSUER = "Sukedachi";
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Totp(Clock clock) {
        this.clock = clock;
    }

    /** A new 160-bit secret in Base32, the form authenticator apps expect. */
    public String newSecret() {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return new Base32().encodeToString(bytes).replace("=", "");
    }

    /** The otpauth:// URI an authenticator app imports (shown as a QR code). */
    public String provisioningUri(String account, String secret) {
        String label = enc(ISSUER) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + enc(ISSUER)
                + "&algorithm=SHA1&digits=6&period=" + STEP.toSeconds();
    }

    /**
     * Returns the time step the code belongs to when it is valid now (±1 step), so the caller can
     * refuse a step that was already used.
     */
    public OptionalLong verify(String secret, String code) {
        if (secret == null || code == null) {
            return OptionalLong.empty();
        }
        String digits = code.replace(" ", "").trim();
        if (!digits.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        Instant now = clock.instant();
        long currentStep = now.getEpochSecond() / STEP.toSeconds();
        for (long step = currentStep - 1; step <= currentStep + 1; step++) {
            if (codeAt(secret, step).equals(digits)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The code for the current time; used by the demo and by tests that play the authenticator app. */
    public String currentCode(String secret) {
        return codeAt(secret, clock.instant().getEpochSecond() / STEP.toSeconds());
    }

    private String codeAt(String secret, long step) {
        try {
            var key = new SecretKeySpec(new Base32().decode(secret), generator.getAlgorithm());
            return generator.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.toSeconds()));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("TOTP secret unusable", e);
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
