package jp.sukedachi.app.insurance;

/**
 * What an insurance policy pays for, in the order a claim lists (and a deductible is taken from) them.
 * LIABILITY (damages owed to others) is optional in a policy; the simple insurance of the package covers the
 * first five.
 */
public enum CoverageLine {
    FIRST_RESPONSE, ONSITE_VISIT, FORENSIC, RECOVERY, NOTIFICATION, LIABILITY;

    /** The message-bundle key of the line's plain name. */
    public String labelKey() {
        return "insurance.line." + name();
    }
}
