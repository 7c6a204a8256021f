package jp.sukedachi.app.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * One party an incident's company must or should tell, as stored (V24 {@code incident_report_duty}): by when, and
 * whether staff marked it sent ("sent on …") or not needed ("not needed because …", the note).
 */
record ReportDuty(UUID incidentId, UUID tenantId, ReportingParty party, Instant dueAt, Status status, Instant doneAt,
        String doneBy, String note) {

    enum Status {
        TODO, SENT, NOT_NEEDED;

        String labelKey() {
            return "reporting.status." + name();
        }
    }

    boolean done() {
        return status != Status.TODO;
    }
}
