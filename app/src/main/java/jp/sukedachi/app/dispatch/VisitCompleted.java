package jp.sukedachi.app.dispatch;

import java.time.Instant;
import java.util.UUID;

/**
 * A responder checked out of a visit with its record: what the insurance claim (issue 17) and the usage statement
 * count. Published as a Spring application event after the check-out is stored.
 *
 * @param minutesOnSite the hours on site in minutes (check-in to check-out, or as corrected with a reason)
 * @param travelMinutes the responder's travel time there, as they entered it (0 when not given)
 * @param targetArrival when the responder should have arrived (the plan's target)
 */
public record VisitCompleted(UUID visitId, UUID tenantId, UUID incidentId, UUID responderId, String responderName,
        Instant checkIn, Instant checkOut, int minutesOnSite, int travelMinutes, Instant targetArrival,
        String signedOffBy) {

    /** The responder checked in by the target arrival time. */
    public boolean arrivedInTime() {
        return !checkIn.isAfter(targetArrival);
    }
}
