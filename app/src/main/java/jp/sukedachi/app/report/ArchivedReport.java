package jp.sukedachi.app.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

/** One archived monthly report without its PDF: what lists, pages and the API show. */
record ArchivedReport(UUID id, UUID tenantId, YearMonth month, String language, int pages, String headline,
        ReportFigures figures, String sha256, Instant generatedAt, String generatedBy, String comment,
        String commentBy, Instant commentAt, Instant sendAfter, Instant sentAt, Status status) {

    /** Where the report is on its way to the company's contacts. */
    enum Status {
        /** Waiting for an analyst's comment and send, or for {@code sendAfter}. */
        WAITING,
        /** Mails are queued (or being retried). */
        SENDING,
        SENT,
        /** At least one mail was given up after its attempts; the others went out. */
        FAILED,
        /** The company has no contact or owner with an e-mail address. */
        NO_RECIPIENTS,
        /** Archived only, never mailed: English copies and the demo's reports. */
        KEPT
    }

    boolean mailable() {
        return status == Status.WAITING;
    }

    /** One mail of the report to one recipient. */
    record Delivery(String recipient, String status, int attempts, Instant nextAttemptAt, String lastError,
            Instant sentAt) {
        /** The message key of why the last attempt failed (the stored reason, never an exception's text). */
        public String errorKey() {
            return DeliveryErrors.key(lastError);
        }

        public String errorDetail() {
            return DeliveryErrors.detail(lastError);
        }
    }
}
