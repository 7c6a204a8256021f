package jp.sukedachi.app.triage;

import java.util.UUID;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;

/**
 * Domain event: triage opened a new alert. Published once per alert inside triage's transaction; listeners that
 * act on it outside the database (notify) listen after commit, so a rolled-back batch tells nobody.
 */
public record AlertRaised(UUID alertId, UUID tenantId, Category category, Severity severity) {
}
