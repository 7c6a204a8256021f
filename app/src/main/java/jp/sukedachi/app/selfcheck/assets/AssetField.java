package jp.sukedachi.app.selfcheck.assets;

/**
 * The columns of the ledger in CSV order. Derived columns (importance, likelihood, risk) are written on
 * export for the reader and ignored on import. Labels ({@code asset.field.X}) are also the CSV headers,
 * in Japanese or English.
 */
public enum AssetField {
    NAME("name", false, true),
    OWNER("ownerName", false, true),
    PLACE("place", false, true),
    FORM("form", false, true),
    PERSONAL("personalData", false, true),
    CONFIDENTIALITY("confidentiality", false, true),
    INTEGRITY("integrity", false, true),
    AVAILABILITY("availability", false, true),
    IMPORTANCE("importance", true, false),
    THREAT("threat", false, true),
    VULNERABILITY("vulnerability", false, true),
    LIKELIHOOD("likelihood", true, false),
    RISK("risk", true, false),
    DECISION("decision", false, true),
    MEASURE("measure", false, false),
    NEXT_REVIEW("nextReview", false, false);

    private final String param;
    private final boolean derived;
    private final boolean required;

    AssetField(String param, boolean derived, boolean required) {
        this.param = param;
        this.derived = derived;
        this.required = required;
    }

    public String param() {
        return param;
    }

    public boolean derived() {
        return derived;
    }

    public boolean required() {
        return required;
    }

    public String labelKey() {
        return "asset.field." + param;
    }
}
