package jp.sukedachi.app.shared;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * The set of tenants an actor may see, expressed as a SQL predicate for repositories.
 * {@code where(column)} returns a condition with the named parameters {@code scopeAll} and
 * {@code scopeTenant}; bind them with {@link #bind}.
 */
public record TenantScope(boolean allTenants, UUID tenant) {
    private static final UUID NO_TENANT = new UUID(0, 0);

    public static TenantScope all() {
        return new TenantScope(true, null);
    }

    public static TenantScope none() {
        return new TenantScope(false, null);
    }

    public static TenantScope only(UUID tenant) {
        return new TenantScope(false, tenant);
    }

    public boolean includes(UUID tenantId) {
        return allTenants || (tenant != null && tenant.equals(tenantId));
    }

    /** SQL condition for a column holding a tenant id. */
    public static String where(String column) {
        return "(:scopeAll = true or " + column + " = :scopeTenant)";
    }

    public StatementSpec bind(
            StatementSpec statement) {
        // A nil UUID matches no row, so "none" needs no special SQL.
        return statement.param("scopeAll", allTenants).param("scopeTenant", tenant == null ? NO_TENANT : tenant);
    }
}
