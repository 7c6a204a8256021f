package jp.sukedachi.app.insurance;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A policy as staff type it. Whole yen. A line left out (or with both limits 0) is not covered.
 *
 * @param coveragePercent the share the policy pays after the deductible, 1..100
 */
public record PolicyDraft(UUID insurerId, String policyNumber, LocalDate from, LocalDate to,
        List<PolicyTerms.Line> lines, long annualLimitYen, long deductibleYen, int coveragePercent) {
}
