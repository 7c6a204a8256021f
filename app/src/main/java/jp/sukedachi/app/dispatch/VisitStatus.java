package jp.sukedachi.app.dispatch;

/**
 * Where a visit stands: requested → assigned → on site (checked in) → done (checked out with a record), or
 * cancelled with a reason. Label: {@code visit.status.<NAME>}.
 */
public enum VisitStatus {
    REQUESTED, ASSIGNED, ON_SITE, DONE, CANCELLED;

    public boolean isOpen() {
        return this == REQUESTED || this == ASSIGNED || this == ON_SITE;
    }

    public String labelKey() {
        return "visit.status." + name();
    }
}
