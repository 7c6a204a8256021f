package jp.sukedachi.app.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import jp.sukedachi.app.incident.IncidentType;

/**
 * One on-site visit to a company for one of its incidents. The incident's number, title and type are a snapshot of
 * what the responder needs on site; nothing else of the company travels with the visit.
 *
 * @param targetArrival when the responder should be there: the request's time plus the provider's target
 * @param findingsInternal the findings are for provider staff only (the company never reads them)
 * @param minutesOnSite the hours on site in minutes: check-in to check-out unless corrected with a reason
 */
public record Visit(UUID id, UUID tenantId, String companyName, UUID incidentId, long incidentNumber, String incidentTitle,
        IncidentType incidentType, VisitStatus status, String address, String prefecture, String contactName,
        String contactPhone, Instant windowStart, Instant windowEnd, String notes, Instant requestedAt,
        String requestedBy, Instant targetArrival, UUID responderId, String responderName, Instant assignedAt,
        Instant checkedInAt, Instant checkedOutAt, String workDone, String findings, boolean findingsInternal,
        String signedOffBy, Integer travelMinutes, Integer minutesOnSite, String minutesReason, Instant cancelledAt,
        String cancelReason) {

    /** Check-in to check-out in whole minutes (rounded up: a visit of 10 seconds counts one minute). */
    public Integer measuredMinutes() {
        if (checkedInAt == null || checkedOutAt == null) {
            return null;
        }
        long seconds = Duration.between(checkedInAt, checkedOutAt).toSeconds();
        return (int) Math.max(0, (seconds + 59) / 60);
    }

    /** Not there yet although the target arrival time has passed. */
    public boolean overdue(Instant now) {
        return (status == VisitStatus.REQUESTED || status == VisitStatus.ASSIGNED) && now.isAfter(targetArrival);
    }

    /** What the company may read: the same visit without internal findings and without staff's notes to the responder. */
    public Visit forCompany() {
        return withoutInternals();
    }

    private Visit withoutInternals() {
        return new Visit(id, tenantId, companyName, incidentId, incidentNumber, incidentTitle, incidentType, status, address,
                prefecture, contactName, contactPhone, windowStart, windowEnd, null, requestedAt, requestedBy,
                targetArrival, responderId, responderName, assignedAt, checkedInAt, checkedOutAt, workDone,
                findingsInternal ? null : findings,
                findingsInternal, signedOffBy, travelMinutes, minutesOnSite, minutesReason, cancelledAt, cancelReason);
    }

    /** A map search for the address (opened in the phone's map app). */
    public String mapLink() {
        return "https://www.google.com/maps/search/?api=1&query="
                + java.net.URLEncoder.encode(address, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The contact's phone number as a tel: link (digits and + only). */
    public String telLink() {
        return "tel:" + contactPhone.replaceAll("[^0-9+]", "");
    }
}
