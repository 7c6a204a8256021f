package jp.sukedachi.app.config;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.control.*}: how changes made by one process (indicators, Sigma rules) reach the
 * others on the same database ({@link ChangeVersions}).
 *
 * @param pollMs how often each process looks at the change versions (3000 by default): the longest a change
 *               takes to reach the other processes when a PostgreSQL notification was lost, or on H2
 */
@ConfigurationProperties("sukedachi.control")
record ControlSettings(Long pollMs) {
    ControlSettings {
        pollMs = Settings.within("sukedachi.control.poll-ms", pollMs, 3000, 50, 600_000);
    }
}
