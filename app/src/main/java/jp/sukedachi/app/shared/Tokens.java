package jp.sukedachi.app.shared;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random bearer tokens (invitation links, API keys) and their stored form. Tokens carry 256 random
 * bits, so a plain SHA-256 is enough to store them: a slow hash only helps guessable secrets.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** 32 random bytes, URL-safe Base64 without padding (43 characters). */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String token) {
        return Hashes.sha256(token);
    }
}
