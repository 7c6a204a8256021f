package jp.sukedachi.app.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Spring Boot's own {@code server.servlet.session.timeout}, read as a record so that the login can give a session
 * the full lifetime (8 hours, as application.yml sets it).
 *
 * @param timeout how long a logged-in session lives without use
 */
@ConfigurationProperties("server.servlet.session")
record SessionSettings(Duration timeout) {
    SessionSettings {
        if (timeout == null) {
            timeout = Duration.ofHours(8);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("server.servlet.session.timeout must be positive: " + timeout);
        }
    }
}
