package jp.sukedachi.app.plan;

import java.time.Instant;
import java.util.UUID;

/**
 * A plan the provider sells. Yen amounts are whole yen, tax excluded.
 *
 * @param monthlyYen   the monthly base price: the whole price of a network plan, the network part of a hybrid plan,
 *                     an optional base fee of an endpoint plan
 * @param perDeviceYen the price per endpoint (PC, server) per month; 0 for a network plan
 * @param retired      no longer offered for new contracts (a plan in use is retired, never deleted)
 */
public record Plan(UUID id, String name, PlanType type, int tier, long monthlyYen, long perDeviceYen,
        int deskHoursPerMonth, int visitsPerYear, int targetArrivalHours, long onsiteYenPerHour, long travelYenPerHour,
        long deskYenPerHour, boolean retired, Instant updatedAt, String updatedBy) {

    /** The message key of the tier's name (1類, 2類). */
    public String tierLabelKey() {
        return "plan.tier." + tier;
    }
}
