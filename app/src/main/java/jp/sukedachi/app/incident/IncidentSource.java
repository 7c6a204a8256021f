package jp.sukedachi.app.incident;

/** What an incident was opened from: alerts, a desk ticket, or staff on their own (a phone call, a visit). */
public enum IncidentSource {
    ALERTS, TICKET, STAFF;

    public String labelKey() {
        return "incident.source." + name();
    }
}
