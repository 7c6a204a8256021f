package jp.sukedachi.app.plan;

/**
 * A plan as typed on the form or sent to the API; absent optional parts take the defaults of {@link PlanService}.
 * Numbers are boxed so a missing one is told from a zero.
 */
public record PlanDraft(String name, PlanType type, Integer tier, Long monthlyYen, Long perDeviceYen,
        Integer deskHoursPerMonth, Integer visitsPerYear, Integer targetArrivalHours, Long onsiteYenPerHour,
        Long travelYenPerHour, Long deskYenPerHour) {
}
