package jp.sukedachi.app.tenant;

import java.time.Instant;
import java.util.UUID;

/** One SME customer. */
public record Tenant(
        UUID id,
        String name,
        String nameKana,
        Industry industry,
        EmployeeBand employeeBand,
        String prefecture,
        String contactName,
        String contactEmail,
        String contactPhone,
        Instant createdAt,
        Instant updatedAt) {
}
