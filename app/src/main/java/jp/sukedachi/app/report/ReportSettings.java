package jp.sukedachi.app.report;

import java.time.Duration;
import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.report.*}.
 *
 * @param schedule    when the month before's reports are generated: a Spring cron in Japan time (default
 *                    {@code 0 0 6 1 * *}, 06:00 on the 1st); {@code -} turns the schedule off (reports are then made
 *                    on request only). Read by the job's {@code @Scheduled}; here for the documentation and the pages
 * @param sendDelay   how long a generated report waits for an analyst's comment before it is mailed anyway (3 days);
 *                    0 mails it at once
 * @param sweepMs     how often due reports and mails are looked for (60,000)
 * @param maxAttempts failed sends of one mail before it is given up and marked failed (8); the pauses between
 *                    attempts double from one minute up to six hours
 * @param catchUp     at start, generate last month's reports when the scheduled run was missed (true)
 */
@ConfigurationProperties("sukedachi.report")
record ReportSettings(String schedule, Duration sendDelay, Long sweepMs, Integer maxAttempts, Boolean catchUp) {
    ReportSettings {
        schedule = Settings.orDefault(schedule, "0 0 6 1 * *");
        if (sendDelay == null) {
            sendDelay = Duration.ofDays(3);
        }
        if (sendDelay.isNegative() || sendDelay.compareTo(Duration.ofDays(60)) > 0) {
            throw new IllegalArgumentException("sukedachi.report.send-delay must be from 0 to 60 days, got " + sendDelay);
        }
        sweepMs = Settings.within("sukedachi.report.sweep-ms", sweepMs, 60_000L, 100L, 86_400_000L);
        maxAttempts = Settings.within("sukedachi.report.max-attempts", maxAttempts, 8, 1, 100);
        catchUp = catchUp == null || catchUp;
    }

    /** The pause after the {@code attempts}-th failed send: 1, 2, 4 … minutes, at most six hours. */
    Duration backoff(int attempts) {
        long minutes = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMinutes(Math.min(minutes, 360));
    }
}
