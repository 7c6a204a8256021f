package jp.sukedachi.app.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.Incident;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.selfcheck.Attempt;
import jp.sukedachi.app.selfcheck.SecurityActionStatus;
import jp.sukedachi.app.statement.WatchedTime.DeviceWatch;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries.TitleCounts;
import jp.sukedachi.app.triage.Funnel;
import jp.sukedachi.event.Category;

/**
 * What one company's monthly report says, read once, never its layout. The month runs from its first midnight in
 * Japan to the next month's ({@code to} is the time of writing while the month runs: {@code partial}).
 *
 * @param funnel the month's funnel, counted from the rows: events, detections, blocked, alerts, alerts needing a human
 *        and incidents
 * @param needingHuman the alerts of the month a person had to look at ({@link Alert#needsHuman()}: every alert
 *        triage opened), oldest first, at most {@link MonthlyFactsReader#ALERT_CAP}; {@link #alertsNeedingHuman()} is
 *        how many there were in all
 * @param stillOpen of all those alerts, how many are still open now (counted, not read from the list)
 * @param newHosts alerts of the month about machines newly seen (unknown device, outdated OS), until an inventory
 *        exists, at most {@link MonthlyFactsReader#ALERT_CAP}; {@link #newHostsTotal()} is how many in all
 * @param incidents the company's incidents opened in the month or open at some time in it, oldest first, at most
 *        {@link MonthlyFactsReader#INCIDENT_CAP}
 * @param incidentsInAll how many such incidents there are (counted)
 * @param scores the latest self-check total at the end of each of the 12 months up to this one, oldest first
 *        (null for a month without any attempt yet)
 * @param latestCheck the newest self-check before the month's end, null for none
 */
record MonthlyFacts(Tenant tenant, YearMonth month, Instant from, Instant to, boolean partial, Instant generatedAt,
        Funnel funnel, Map<Category, Long> detections, TitleCounts blockedTitles, Map<Category, Long> alerts,
        List<Alert> needingHuman, long stillOpen, List<Alert> newHosts, List<Incident> incidents, long incidentsInAll,
        Incidents.PeriodCounts incidentCounts,
        Visits.PeriodFigures visits, List<DeviceWatch> devices, List<Integer> scores, Attempt latestCheck,
        SecurityActionStatus securityAction, Tickets.PeriodFigures desk) {

    /** The categories the figures call malware (see {@link ReportFigures}). */
    static final Set<Category> MALWARE = EnumSet.of(Category.MALWARE_DOWNLOAD, Category.RANSOMWARE, Category.C2);
    /** The categories about machines newly seen ({@link #newHosts()}). */
    static final Set<Category> HOSTS = EnumSet.of(Category.UNKNOWN_DEVICE, Category.OUTDATED_OS);

    long suspicious() {
        return detections.values().stream().mapToLong(Long::longValue).sum();
    }

    long blocked() {
        return detections.getOrDefault(Category.BLOCKED, 0L);
    }

    long malware() {
        return MALWARE.stream().mapToLong(c -> detections.getOrDefault(c, 0L)).sum();
    }

    long alertTotal() {
        return alerts.values().stream().mapToLong(Long::longValue).sum();
    }

    long alertsNeedingHuman() {
        return funnel.alertsNeedingHuman();
    }

    /** How many alerts of the month were about machines newly seen, of which {@link #newHosts()} lists the first. */
    long newHostsTotal() {
        return HOSTS.stream().mapToLong(c -> alerts.getOrDefault(c, 0L)).sum();
    }

    Integer selfCheckScore() {
        return latestCheck == null ? null : latestCheck.total();
    }

    long periodSeconds() {
        return to.getEpochSecond() - from.getEpochSecond();
    }

    ReportFigures figures() {
        return new ReportFigures(funnel.eventsReceived(), blocked(), malware(), alertTotal(), alertsNeedingHuman(),
                incidentCounts.opened(), incidentCounts.openAtEnd(), selfCheckScore());
    }
}
