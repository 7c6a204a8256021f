package jp.sukedachi.app.selfcheck.policy;

import java.util.Locale;

/**
 * The headings of a basic security policy, in document order. Each has a column, a label and a default
 * text in the message bundle ({@code policy.section.X} and {@code policy.default.X}, with {0} = company).
 */
public enum PolicySection {
    PURPOSE("purpose_text", 4000),
    SCOPE("scope_text", 2000),
    COMPLIANCE("compliance_text", 4000),
    MANAGEMENT("management_text", 4000),
    MEASURES("measures_text", 4000),
    EDUCATION("education_text", 4000),
    INCIDENT("incident_text", 4000),
    IMPROVEMENT("improvement_text", 4000);

    private final String column;
    private final int maxLength;

    PolicySection(String column, int maxLength) {
        this.column = column;
        this.maxLength = maxLength;
    }

    String column() {
        return column;
    }

    public int maxLength() {
        return maxLength;
    }

    /** Form field name, e.g. "purpose". */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String labelKey() {
        return "policy.section." + field();
    }

    public String defaultKey() {
        return "policy.default." + field();
    }
}
