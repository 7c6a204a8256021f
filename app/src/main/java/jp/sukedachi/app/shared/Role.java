package jp.sukedachi.app.shared;

import java.util.EnumSet;
import java.util.Set;

/** Who a user is to the service. Provider-side roles have no tenant; SME roles have exactly one. */
public enum Role {
    PROVIDER_ADMIN, ANALYST, RESPONDER, INSURER, TENANT_OWNER, TENANT_MEMBER;

    private static final Set<Role> PROVIDER_SIDE = EnumSet.of(PROVIDER_ADMIN, ANALYST, RESPONDER, INSURER);

    /** Provider staff and the insurer see many companies, so they must use a second factor. */
    public boolean isProviderSide() {
        return PROVIDER_SIDE.contains(this);
    }

    /**
     * The provider's staff (admin, analyst) or a company's owner: who may read a company's business papers (usage
     * statements with fees, monthly reports, the data export). Members, responders and insurers may not.
     */
    public boolean isStaffOrOwner() {
        return this == PROVIDER_ADMIN || this == ANALYST || this == TENANT_OWNER;
    }

    public boolean requiresTotp() {
        return isProviderSide();
    }

    /** Spring Security authority name, e.g. ROLE_TENANT_OWNER. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The message-bundle key of the role's human name. */
    public String labelKey() {
        return "role." + name();
    }

    /** Roles an actor may hand out in an invitation. */
    public Set<Role> mayInvite() {
        return switch (this) {
            case PROVIDER_ADMIN -> EnumSet.allOf(Role.class);
            case TENANT_OWNER -> EnumSet.of(TENANT_OWNER, TENANT_MEMBER);
            default -> EnumSet.noneOf(Role.class);
        };
    }
}
