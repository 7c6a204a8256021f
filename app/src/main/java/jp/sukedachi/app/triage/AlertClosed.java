package jp.sukedachi.app.triage;

import java.util.UUID;
import jp.sukedachi.event.Category;

/** Domain event: staff closed an alert with a resolution; it never grows again. */
public record AlertClosed(UUID alertId, UUID tenantId, Category category, Alert.Resolution resolution) {
}
