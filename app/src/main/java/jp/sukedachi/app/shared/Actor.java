package jp.sukedachi.app.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * The person (or API key) on whose behalf a repository is asked for data. Repositories take an
 * Actor on every tenant-data query and apply {@link #tenantScope()} in SQL, so a controller can
 * never forget the check: what is out of scope is simply not found.
 */
public record Actor(UUID userId, String login, Role role, UUID tenantId) {
    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        if (role.isProviderSide() != (tenantId == null)) {
            throw new IllegalArgumentException("role " + role + " and tenant " + tenantId + " do not fit");
        }
    }

    /** Which tenants' data this actor may read. */
    public TenantScope tenantScope() {
        return switch (role) {
            case PROVIDER_ADMIN, ANALYST -> TenantScope.all();
            // No company data until a dispatch or a claim names the company (the responder and insurer screens).
            case RESPONDER, INSURER -> TenantScope.none();
            case TENANT_OWNER, TENANT_MEMBER -> TenantScope.only(tenantId);
        };
    }

    public boolean isAdmin() {
        return role == Role.PROVIDER_ADMIN;
    }
}
