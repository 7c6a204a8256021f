package jp.sukedachi.app.plan;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A company's contract as other capabilities need it: the price and what is included, the rates the insurance
 * claim prices visits and desk time with, and the contracted device counts. Yen amounts are whole yen, tax excluded.
 * The terms are those agreed when the contract was made (copied from its plan then); a later price change of the
 * plan does not change them. Only {@code planName} is the plan's current name.
 *
 * @param end             last day of the contract, or null while it runs until further notice
 * @param devices         network devices (UTM, sensor) contracted
 * @param endpoints       PCs and servers (EDR) contracted
 * @param deskHoursPerMonth desk (consultation) hours included per month; 0 = as needed
 * @param visitsPerYear   on-site visits included per year
 * @param targetArrivalHours the promised time from a visit request to the engineer's arrival
 * @param onsiteYenPerHour engineer's time on site, per hour (claims: hours × this)
 * @param travelYenPerHour engineer's travel time, per hour
 * @param deskYenPerHour  analyst's desk time on a case, per hour
 */
public record ContractTerms(UUID contractId, UUID tenantId, UUID planId, String planName, PlanType type, int tier,
        long monthlyYen, long perDeviceYen, int devices, int endpoints, LocalDate start, LocalDate end,
        int deskHoursPerMonth, int visitsPerYear, int targetArrivalHours, long onsiteYenPerHour,
        long travelYenPerHour, long deskYenPerHour) {

    /** The monthly fee of this contract: the agreed monthly price plus the agreed price per endpoint for each. */
    public long monthlyFeeYen() {
        return monthlyYen + perDeviceYen * endpoints;
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(start) && (end == null || !day.isAfter(end));
    }
}
