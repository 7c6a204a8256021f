package jp.sukedachi.app.incident;

/** Where an incident stands: open → contained → eradicated → recovered → closed. Label: {@code incident.status.<NAME>}. */
public enum IncidentStatus {
    OPEN, CONTAINED, ERADICATED, RECOVERED, CLOSED;

    public boolean isClosed() {
        return this == CLOSED;
    }

    public String labelKey() {
        return "incident.status." + name();
    }
}
