package jp.sukedachi.app.insurance;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A company's insurance policy as the claim arithmetic and the screens need it. Whole yen.
 *
 * @param annualLimitYen  the most the policy pays in one policy year, all lines together
 * @param deductibleYen   the self-burden per claim (免責金額), taken from the lines in {@link CoverageLine} order
 * @param coveragePercent the share of each line, after the deductible, that the policy pays (縮小てん補割合; 100 =
 *                        all of it)
 */
public record PolicyTerms(UUID policyId, UUID tenantId, UUID insurerId, String insurerName, String policyNumber,
        LocalDate from, LocalDate to, List<Line> lines, long annualLimitYen, long deductibleYen,
        int coveragePercent) {

    /** One coverage line: its limit per claim and per policy year (0 = the line is not covered). */
    public record Line(CoverageLine line, long perClaimLimitYen, long perYearLimitYen) {
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
