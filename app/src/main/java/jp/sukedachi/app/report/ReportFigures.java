package jp.sukedachi.app.report;

/**
 * A company's key figures for one month (Japan time), as printed in its report. {@code selfCheckScore} is the latest
 * self-check total at the month's end, null when the company has none.
 *
 * <p>Definitions (the statistics and the funnel use the same): {@code events} received; {@code blocked} detections of
 * category BLOCKED (what the company's own device stopped: counted, not alerted, unless it escalated); {@code malware}
 * detections of category MALWARE_DOWNLOAD, RANSOMWARE or C2; {@code alerts} first seen in the month;
 * {@code alertsNeedingHuman} those of them a person had to look at — every alert triage opens ({@code triage.Triage}
 * defines it; {@code triage.Alert#needsHuman()}); the two differ only by alerts opened for blocked detections before
 * V37, which never needed a human; incidents opened in the month and still open at its end.
 */
public record ReportFigures(long events, long blocked, long malware, long alerts, long alertsNeedingHuman,
        long incidentsOpened, long incidentsOpenAtEnd, Integer selfCheckScore) {
}
