package jp.sukedachi.app.config;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.journal.*}: the embedded pipeline's durable journal.
 *
 * @param maxUnconsumedMb appends are refused while this much waits unconsumed (1024 by default)
 * @param retentionMb     consumed segments are deleted beyond this size (2048)
 * @param retentionDays   … or this age (7)
 * @param fsync           force every durable batch to disk (true)
 * @param minFreeMb       appends are refused while the journal's disk would have less than this free (256)
 */
@ConfigurationProperties("sukedachi.journal")
record JournalSettings(Long maxUnconsumedMb, Long retentionMb, Long retentionDays, Boolean fsync, Long minFreeMb) {
    JournalSettings {
        maxUnconsumedMb = Settings.atLeast("sukedachi.journal.max-unconsumed-mb", maxUnconsumedMb, 1024, 1);
        retentionMb = Settings.atLeast("sukedachi.journal.retention-mb", retentionMb, 2048, 1);
        retentionDays = Settings.atLeast("sukedachi.journal.retention-days", retentionDays, 7, 1);
        fsync = fsync == null || fsync;
        minFreeMb = Settings.atLeast("sukedachi.journal.min-free-mb", minFreeMb, 256, 0);
    }
}
