package jp.sukedachi.app.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.*}. Environment variables map as usual
 * (SUKEDACHI_DATA_DIR, SUKEDACHI_SECRET_KEY, SUKEDACHI_PUBLIC_URL …).
 *
 * @param dataDir   folder for the embedded database, the journal and generated secrets
 * @param secretKey key for secrets that must be recoverable (TOTP seeds); generated into the data folder when empty
 * @param publicUrl URL users reach the server at, for links in invitations; derived from the request when empty
 * @param demo      seed the demo world and write demo-credentials.json
 * @param command   the one-shot command this process runs ({@code import}, {@code intel-import}); blank for the
 *                  server. Conditions on beans keep reading the property itself
 */
@ConfigurationProperties("sukedachi")
public record SukedachiProperties(Path dataDir, String secretKey, String publicUrl, boolean demo,
        String command) {
    public SukedachiProperties {
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        command = command == null ? "" : command.strip();
    }

    /** A one-shot command runs no server: no watches, no demo traffic, no rule loading from disk. */
    public boolean oneShotCommand() {
        return !command.isEmpty();
    }
}
