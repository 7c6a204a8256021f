package jp.sukedachi.app.sigma;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.sigma.*}.
 *
 * @param rulesDir             folder of Sigma rules to load; blank for SigmaHQ's rules in the shared datasets
 * @param maxCorrelationGroups correlation groups held per stream (the embedded journal, or each Kafka
 *                             partition a worker is assigned), a few hundred bytes each (100,000)
 */
@ConfigurationProperties("sukedachi.sigma")
record SigmaSettings(String rulesDir, Long maxCorrelationGroups) {
    SigmaSettings {
        maxCorrelationGroups = Settings.atLeast("sukedachi.sigma.max-correlation-groups", maxCorrelationGroups,
                100_000, 1);
    }
}
