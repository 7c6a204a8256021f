package jp.sukedachi.app.audit;

/** Security-relevant actions. Names are stored; labels come from the message bundle ({@code audit.action.X}). */
public enum AuditAction {
    LOGIN, LOGIN_THROTTLED, LOGOUT, TOTP_VERIFY, TOTP_ENROLLED, TOTP_DISABLED, PASSWORD_CHANGED,
    TENANT_CREATED, TENANT_UPDATED, USER_INVITED, INVITE_ACCEPTED, USER_DISABLED, USER_ENABLED,
    API_KEY_CREATED, API_KEY_REVOKED, API_KEY_REJECTED, ACCESS_DENIED, CSRF_REJECTED, DEMO_SEEDED,
    INITIAL_ADMIN_CREATED
}
