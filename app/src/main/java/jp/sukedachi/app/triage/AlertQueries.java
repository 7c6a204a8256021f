package jp.sukedachi.app.triage;

import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.triage.AlertRepository.QueueFilter;
import org.springframework.stereotype.Service;

/**
 * Triage's read API for other capabilities (the home page, the demo): alerts and detections as the actor may see
 * them. Every method takes the actor; tenant scope stays in the repositories it delegates to.
 */
@Service
public class AlertQueries {
    private final AlertRepository alerts;
    private final DetectionRepository detections;

    AlertQueries(AlertRepository alerts, DetectionRepository detections) {
        this.alerts = alerts;
        this.detections = detections;
    }

    /** The newest alerts of one company, every status. */
    public List<Alert> alertsOf(Actor actor, UUID tenantId, int limit) {
        return alerts.findByTenant(actor, tenantId, null, null, limit);
    }

    /** The first page of the open queue (new or acknowledged) over every company the actor may see. */
    public List<Alert> openAlerts(Actor actor, int limit) {
        return alerts.queue(actor, new QueueFilter("OPEN", null, null, null, null, false), 0, limit);
    }

    /** The newest detections of one company. */
    public List<StoredDetection> detectionsOf(Actor actor, UUID tenantId, int limit) {
        return detections.findByTenant(actor, tenantId, limit);
    }

    /** The newest detections of every company the actor may see. */
    public List<StoredDetection> recentDetections(Actor actor, int limit) {
        return detections.findVisible(actor, limit);
    }

    /** How many detections the actor may see. */
    public long detectionCount(Actor actor) {
        return detections.countVisible(actor);
    }
}
