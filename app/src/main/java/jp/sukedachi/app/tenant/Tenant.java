package jp.sukedachi.app.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * One SME customer. {@code slug} names it in API paths and commands; industry, size and prefecture
 * may be unknown (null) for a tenant created through the API with only a slug and a name.
 */
public record Tenant(
        UUID id,
        String slug,
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
