package jp.sukedachi.app.insurance;

/** Where a claim stands in the insurer's workflow. DRAFT is the provider's until submitted. */
public enum ClaimStatus {
    DRAFT, SUBMITTED, INFO_REQUESTED, APPROVED, PARTIALLY_APPROVED, REJECTED, PAID;

    public String labelKey() {
        return "claim.status." + name();
    }
}
