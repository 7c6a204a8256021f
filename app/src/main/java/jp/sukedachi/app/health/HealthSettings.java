package jp.sukedachi.app.health;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.runtime.*} ({@code watch-ms}, how often the watch runs, is read by its schedule).
 *
 * @param stallSeconds   health DOWN and an alarm when records wait and the pipeline made no progress this long (120)
 * @param restartPauseMs first pause before a dead consumer is restarted; it doubles on each further death (2000)
 */
@ConfigurationProperties("sukedachi.runtime")
record HealthSettings(Long stallSeconds, Long restartPauseMs) {
    HealthSettings {
        stallSeconds = Settings.atLeast("sukedachi.runtime.stall-seconds", stallSeconds, 120, 1);
        restartPauseMs = Settings.atLeast("sukedachi.runtime.restart-pause-ms", restartPauseMs, 2000, 0);
    }
}
