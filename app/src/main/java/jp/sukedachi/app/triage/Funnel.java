package jp.sukedachi.app.triage;

import java.time.Instant;

/** Events received → detections → alerts → incidents over a period. */
public record Funnel(Instant from, Instant to, long eventsReceived, long detections, long alerts, long incidents) {
}
