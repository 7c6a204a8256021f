package jp.sukedachi.app.triage;

import java.util.UUID;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;

/** Domain event: an open alert grew to a higher severity (more detections, or a worse one). */
public record AlertEscalated(UUID alertId, UUID tenantId, Category category, Severity from, Severity to) {
}
