package jp.sukedachi.app.triage;

import java.time.Instant;

/**
 * Events received → detections → blocked → alerts needing a human → incidents over a period. {@code blocked}: the
 * detections of category BLOCKED (what the company's own device stopped: counted, not alerted unless it escalated);
 * {@code alerts}: every alert first seen in the period; {@code alertsNeedingHuman}: those a person must look at — every
 * alert triage opens (see {@link Triage}); they differ only by alerts opened for blocked detections before V37.
 */
public record Funnel(Instant from, Instant to, long eventsReceived, long detections, long alerts, long incidents,
        long blocked, long alertsNeedingHuman) {

    /** A funnel without the blocked and needing-a-human steps (as before V37: every alert needing a human). */
    public Funnel(Instant from, Instant to, long eventsReceived, long detections, long alerts, long incidents) {
        this(from, to, eventsReceived, detections, alerts, incidents, 0, alerts);
    }
}
