package jp.sukedachi.app.statement;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.plan.ContractTerms;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.event.Detection.Severity;

/**
 * One company's usage statement for one calendar month (Japan time): the facts, never their layout. The period
 * runs from the month's first midnight to the next month's, or to {@code generatedAt} while the month runs.
 */
record UsageStatement(Tenant tenant, YearMonth month, Instant from, Instant to, boolean partial, Instant generatedAt,
        String issuer, Optional<ContractTerms> contract, List<DeviceLine> devices, List<AlertLine> alerts,
        Incidents.PeriodCounts incidents, Tickets.PeriodFigures desk, Visits.PeriodFigures visits) {

    /** Seconds in the statement's period: the denominator of every device's share. */
    long periodSeconds() {
        return to.getEpochSecond() - from.getEpochSecond();
    }

    /**
     * A device over the period: seconds registered in it, seconds the silent-device watch counted silent, and the
     * rest, watched.
     */
    record DeviceLine(String name, String kindLabelKey, Instant registeredAt, Instant lastSeenAt, long registeredSeconds,
            long silentSeconds, int silentSpells) {
        long watchedSeconds() {
            return registeredSeconds - silentSeconds;
        }
    }

    /** Alerts first seen in the period at one severity, by where they stand now. */
    record AlertLine(Severity severity, long total, long open, long truePositive, long falsePositive, long benign) {
    }

    long alertTotal() {
        return alerts.stream().mapToLong(AlertLine::total).sum();
    }

    /** Hours with one decimal from seconds, rounded half up: {@code 7.5}. */
    static String hours(long seconds) {
        long tenths = (seconds * 10 + 1800) / 3600;
        return tenths / 10 + "." + tenths % 10;
    }

    /** A share in percent with one decimal, rounded down so that a statement never claims more than was watched. */
    static String percent(long part, long whole) {
        return WatchedTime.percent(part, whole);
    }
}
