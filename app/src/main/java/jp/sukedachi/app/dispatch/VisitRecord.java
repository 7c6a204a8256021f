package jp.sukedachi.app.dispatch;

/**
 * What a responder records on site: the work done, findings (optionally for provider staff only), the customer's
 * sign-off (a typed name), travel minutes, and — only to correct the hours measured from check-in to check-out —
 * the minutes on site with the reason.
 */
public record VisitRecord(String workDone, String findings, boolean findingsInternal, String signedOffBy,
        Integer travelMinutes, Integer minutesOnSite, String minutesReason) {
}
