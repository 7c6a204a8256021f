package jp.sukedachi.app.selfcheck.policy;

import java.util.Locale;

/**
 * The roles the internal rules (情報セキュリティ関連規程) assign to named people; the policy form fills
 * in the names. Labels and duties are {@code policy.role.X} and {@code policy.role.X.duty}.
 */
public enum PolicyRole {
    OFFICER("role_officer"),
    DEPARTMENTS("role_departments"),
    SYSADMIN("role_sysadmin"),
    EDUCATION("role_education"),
    INCIDENT("role_incident"),
    PRIVACY("role_privacy"),
    AUDIT("role_audit");

    static final int MAX_LENGTH = 100;
    private final String column;

    PolicyRole(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }

    public String field() {
        return "role" + name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public String labelKey() {
        return "policy.role." + name().toLowerCase(Locale.ROOT);
    }

    public String dutyKey() {
        return labelKey() + ".duty";
    }
}
