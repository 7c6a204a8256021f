package jp.sukedachi.app.lifecycle;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of data the daily clean-up deletes once they are older than their retention, with the shortest and
 * longest retention an admin may choose (days). What each minimum protects:
 * <ul>
 * <li>DETECTIONS (table {@code detection}) ≥ 62 days: the company's home counts this month's detections and the
 * monthly figures of last month must stay complete until this month ends;
 * <li>EVIDENCE (the events stored with an alert, {@code alert_evidence}) ≥ 90 days: long enough for a company to
 * ask about a closed alert and for an insurer's questions after a claim;
 * <li>ALERTS (closed ones, {@code alert} with its history and notifications) ≥ 1 year and TICKETS (closed desk
 * tickets with their messages, files, time and mail records) ≥ 1 year: the usage statement that backs a subsidy
 * covers a whole year of service;
 * <li>AUDIT ({@code audit_event}) ≥ 1 year: an intrusion is often found months after it began, and "who did what"
 * must reach back over the whole period to be investigated, and over a full policy year for the insurer.
 * </ul>
 */
enum RetentionKind {
    DETECTIONS(62, 3650),
    EVIDENCE(90, 3650),
    ALERTS(365, 3650),
    TICKETS(365, 3650),
    AUDIT(365, 3650);

    final int minDays;
    final int maxDays;

    RetentionKind(int minDays, int maxDays) {
        this.minDays = minDays;
        this.maxDays = maxDays;
    }

    /** The name in the API and in form fields: {@code detections}, {@code evidence} … */
    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<RetentionKind> ofApiName(String name) {
        for (RetentionKind k : values()) {
            if (k.apiName().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
