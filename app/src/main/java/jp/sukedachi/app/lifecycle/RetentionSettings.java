package jp.sukedachi.app.lifecycle;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.retention.*}: the default retention per kind (what applies until the provider's
 * admin saves another on /admin/retention) and how the daily clean-up runs.
 *
 * @param detectionsDays detections (90)
 * @param evidenceDays   evidence events stored with alerts (365)
 * @param alertsDays     closed alerts, counted from their last change (730)
 * @param ticketsDays    closed desk tickets, counted from their closing (1095)
 * @param auditDays      the audit log (1095)
 * @param hour           hour of the day, Japan time, at which the clean-up runs (3)
 * @param batchSize      rows deleted per transaction, so no table is locked for long (500)
 * @param maxRowsPerRun  rows of one kind one run deletes at most; the next run goes on (1,000,000)
 */
@ConfigurationProperties("sukedachi.retention")
record RetentionSettings(Integer detectionsDays, Integer evidenceDays, Integer alertsDays, Integer ticketsDays,
        Integer auditDays, Integer hour, Integer batchSize, Long maxRowsPerRun) {
    RetentionSettings {
        detectionsDays = days("detections-days", detectionsDays, 90, RetentionKind.DETECTIONS);
        evidenceDays = days("evidence-days", evidenceDays, 365, RetentionKind.EVIDENCE);
        alertsDays = days("alerts-days", alertsDays, 730, RetentionKind.ALERTS);
        ticketsDays = days("tickets-days", ticketsDays, 1095, RetentionKind.TICKETS);
        auditDays = days("audit-days", auditDays, 1095, RetentionKind.AUDIT);
        hour = Settings.within("sukedachi.retention.hour", hour, 3, 0, 23);
        batchSize = Settings.within("sukedachi.retention.batch-size", batchSize, 500, 10, 10_000);
        maxRowsPerRun = Settings.within("sukedachi.retention.max-rows-per-run", maxRowsPerRun, 1_000_000, 100,
                1_000_000_000);
        if (evidenceDays > alertsDays) {
            throw new IllegalArgumentException("sukedachi.retention.evidence-days (" + evidenceDays
                    + ") must not be longer than sukedachi.retention.alerts-days (" + alertsDays + ")");
        }
    }

    private static int days(String name, Integer value, int fallback, RetentionKind kind) {
        return Settings.within("sukedachi.retention." + name, value, fallback, kind.minDays, kind.maxDays);
    }

    int defaultDays(RetentionKind kind) {
        return switch (kind) {
            case DETECTIONS -> detectionsDays;
            case EVIDENCE -> evidenceDays;
            case ALERTS -> alertsDays;
            case TICKETS -> ticketsDays;
            case AUDIT -> auditDays;
        };
    }
}
