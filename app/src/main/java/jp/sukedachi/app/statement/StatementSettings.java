package jp.sukedachi.app.statement;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.statement.*}.
 *
 * @param issuer the provider's name printed as the issuer of every usage statement (default "Sukedachi")
 */
@ConfigurationProperties("sukedachi.statement")
record StatementSettings(String issuer) {
    StatementSettings {
        issuer = issuer == null || issuer.isBlank() ? "Sukedachi" : issuer.strip();
    }
}
