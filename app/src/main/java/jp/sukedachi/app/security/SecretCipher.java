package jp.sukedachi.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import jp.sukedachi.app.config.SukedachiProperties;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

/**
 * Encrypts the few secrets that must be read back (a TOTP seed cannot be hashed): AES-256-GCM with a
 * key derived from {@code sukedachi.secret-key}, or, in the embedded setup, from a random key file
 * created once under the data folder with owner-only permissions.
 */
@Component
public class SecretCipher {
    private static final String KEY_FILE = "secret.key";
    private final TextEncryptor encryptor;

    public SecretCipher(SukedachiProperties properties) {
        String key = properties.secretKey();
        if (key == null || key.isBlank()) {
            key = loadOrCreateKeyFile(properties.dataDir().resolve(KEY_FILE));
        }
        // Fixed salt: the key is already high-entropy random or an operator-chosen secret; PBKDF2 stretches it.
        this.encryptor = Encryptors.delux(key, "53756b656461636869");
    }

    public String encrypt(String plain) {
        return encryptor.encrypt(plain);
    }

    public String decrypt(String encrypted) {
        return encryptor.decrypt(encrypted);
    }

    private static String loadOrCreateKeyFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String key = HexFormat.of().formatHex(bytes);
            Files.writeString(file, key, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the folder's own permissions must protect it
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + file, e);
        }
    }
}
