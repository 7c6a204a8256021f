package jp.sukedachi.app.insurance;

import static jp.sukedachi.app.insurance.ClaimArithmetic.Note.ANNUAL_LIMIT;
import static jp.sukedachi.app.insurance.ClaimArithmetic.Note.COVERAGE_SHARE;
import static jp.sukedachi.app.insurance.ClaimArithmetic.Note.DEDUCTIBLE;
import static jp.sukedachi.app.insurance.ClaimArithmetic.Note.NOT_COVERED;
import static jp.sukedachi.app.insurance.ClaimArithmetic.Note.PER_CLAIM_LIMIT;
import static jp.sukedachi.app.insurance.ClaimArithmetic.Note.PER_YEAR_LIMIT;
import static jp.sukedachi.app.insurance.CoverageLine.FIRST_RESPONSE;
import static jp.sukedachi.app.insurance.CoverageLine.FORENSIC;
import static jp.sukedachi.app.insurance.CoverageLine.LIABILITY;
import static jp.sukedachi.app.insurance.CoverageLine.NOTIFICATION;
import static jp.sukedachi.app.insurance.CoverageLine.ONSITE_VISIT;
import static jp.sukedachi.app.insurance.CoverageLine.RECOVERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.insurance.ClaimArithmetic.Claimed;
import jp.sukedachi.app.insurance.ClaimArithmetic.LineResult;
import jp.sukedachi.app.insurance.ClaimArithmetic.Result;
import org.junit.jupiter.api.Test;

class ClaimArithmeticTest {
    /** The simple insurance of the package: five lines, no liability. */
    private static final List<PolicyTerms.Line> FIVE_LINES = List.of(
            new PolicyTerms.Line(FIRST_RESPONSE, 300_000, 1_000_000),
            new PolicyTerms.Line(ONSITE_VISIT, 200_000, 600_000),
            new PolicyTerms.Line(FORENSIC, 500_000, 1_000_000),
            new PolicyTerms.Line(RECOVERY, 1_000_000, 2_000_000),
            new PolicyTerms.Line(NOTIFICATION, 300_000, 500_000));

    static PolicyTerms policy(List<PolicyTerms.Line> lines, long annualLimit, long deductible, int percent) {
        return new PolicyTerms(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "東京海上テスト損保",
                "CY-2026-0001", LocalDate.of(2026, 4, 1), LocalDate.of(2027, 3, 31), lines, annualLimit, deductible,
                percent);
    }

    private static LineResult line(Result result, CoverageLine line) {
        return result.lines().stream().filter(l -> l.line() == line).findFirst().orElseThrow();
    }

    @Test
    void twoVisitsAndAForensicInvoiceAboveItsLimitPayEachLineToTheYenAfterTheDeductible() {
        // Rates of the contract: on site 11,000 yen/h, travel 5,500 yen/h.
        long onsiteRate = 11_000;
        long travelRate = 5_500;
        // Visit 1: 3.5 h on site = 210 min × 11,000 / 60 = 38,500; travel 45 min × 5,500 / 60 = 4,125.
        long visit1 = ClaimArithmetic.yenForMinutes(210, onsiteRate) + ClaimArithmetic.yenForMinutes(45, travelRate);
        // Visit 2: 2 h on site = 120 min × 11,000 / 60 = 22,000; travel 45 min = 4,125.
        long visit2 = ClaimArithmetic.yenForMinutes(120, onsiteRate) + ClaimArithmetic.yenForMinutes(45, travelRate);
        assertThat(visit1).isEqualTo(42_625);
        assertThat(visit2).isEqualTo(26_125);
        // The forensic company's invoice: 880,000, above the forensic per-claim limit of 500,000.
        PolicyTerms terms = policy(FIVE_LINES, 3_000_000, 50_000, 100);

        Result result = ClaimArithmetic.compute(terms, List.of(
                new Claimed(ONSITE_VISIT, visit1), new Claimed(FORENSIC, 880_000), new Claimed(ONSITE_VISIT, visit2)),
                Map.of(), 0);

        assertThat(result.lines()).extracting(LineResult::line).containsExactly(ONSITE_VISIT, FORENSIC);
        // On-site visits: claimed 42,625 + 26,125 = 68,750, within its 200,000 limit; the whole deductible of
        // 50,000 comes first from this line (first in line order): payable 68,750 − 50,000 = 18,750.
        LineResult onsite = line(result, ONSITE_VISIT);
        assertThat(onsite.claimedYen()).isEqualTo(68_750);
        assertThat(onsite.payableYen()).isEqualTo(18_750);
        assertThat(onsite.selfBurdenYen()).isEqualTo(50_000);
        assertThat(onsite.notes()).containsExactly(DEDUCTIBLE);
        // Forensic: 880,000 capped at 500,000, no deductible left: payable 500,000; self 880,000 − 500,000.
        LineResult forensic = line(result, FORENSIC);
        assertThat(forensic.claimedYen()).isEqualTo(880_000);
        assertThat(forensic.payableYen()).isEqualTo(500_000);
        assertThat(forensic.selfBurdenYen()).isEqualTo(380_000);
        assertThat(forensic.notes()).containsExactly(PER_CLAIM_LIMIT);
        // Totals: 68,750 + 880,000 = 948,750 claimed; 18,750 + 500,000 = 518,750 paid; 50,000 + 380,000 self.
        assertThat(result.claimedYen()).isEqualTo(948_750);
        assertThat(result.payableYen()).isEqualTo(518_750);
        assertThat(result.selfBurdenYen()).isEqualTo(430_000);
    }

    @Test
    void aDeductibleLargerThanTheFirstLineIsTakenFromTheNextLineInLineOrder() {
        // Desk time 95 min × 8,000 / 60 = 12,666.67 → 12,667 (half up); deductible 50,000.
        long desk = ClaimArithmetic.yenForMinutes(95, 8_000);
        assertThat(desk).isEqualTo(12_667);
        Result result = ClaimArithmetic.compute(policy(FIVE_LINES, 3_000_000, 50_000, 100),
                List.of(new Claimed(RECOVERY, 100_000), new Claimed(FIRST_RESPONSE, desk)), Map.of(), 0);

        // FIRST_RESPONSE comes first although it was listed second: the deductible takes all 12,667 of it,
        LineResult first = line(result, FIRST_RESPONSE);
        assertThat(first.payableYen()).isZero();
        assertThat(first.selfBurdenYen()).isEqualTo(12_667);
        assertThat(first.notes()).containsExactly(DEDUCTIBLE);
        // and the remaining 50,000 − 12,667 = 37,333 from RECOVERY: 100,000 − 37,333 = 62,667 payable.
        LineResult recovery = line(result, RECOVERY);
        assertThat(recovery.payableYen()).isEqualTo(62_667);
        assertThat(recovery.selfBurdenYen()).isEqualTo(37_333);
        assertThat(recovery.notes()).containsExactly(DEDUCTIBLE);
        assertThat(result.selfBurdenYen()).isEqualTo(50_000);
        assertThat(result.lines()).extracting(LineResult::line).containsExactly(FIRST_RESPONSE, RECOVERY);
    }

    @Test
    void aCoveragePercentBelowAHundredPaysItsShareRoundedDown() {
        // 90 % with no deductible: 12,345 × 90 / 100 = 11,110.5 → 11,110; 1 yen × 90 % = 0.9 → 0.
        Result result = ClaimArithmetic.compute(policy(FIVE_LINES, 3_000_000, 0, 90),
                List.of(new Claimed(FIRST_RESPONSE, 12_345), new Claimed(NOTIFICATION, 1)), Map.of(), 0);

        assertThat(line(result, FIRST_RESPONSE).payableYen()).isEqualTo(11_110);
        assertThat(line(result, FIRST_RESPONSE).selfBurdenYen()).isEqualTo(1_235);
        assertThat(line(result, FIRST_RESPONSE).notes()).containsExactly(COVERAGE_SHARE);
        assertThat(line(result, NOTIFICATION).payableYen()).isZero();
        assertThat(line(result, NOTIFICATION).notes()).containsExactly(COVERAGE_SHARE);
    }

    @Test
    void aShareThatComesOutEvenIsNotNotedAsReduced() {
        // 80 % of 0 is 0: nothing was reduced by the share, so no note.
        Result result = ClaimArithmetic.compute(policy(FIVE_LINES, 3_000_000, 10_000, 80),
                List.of(new Claimed(FIRST_RESPONSE, 10_000), new Claimed(RECOVERY, 50_000)), Map.of(), 0);
        assertThat(line(result, FIRST_RESPONSE).notes()).containsExactly(DEDUCTIBLE);
        // RECOVERY: 50,000 × 80 % = 40,000.
        assertThat(line(result, RECOVERY).payableYen()).isEqualTo(40_000);
        assertThat(line(result, RECOVERY).notes()).containsExactly(COVERAGE_SHARE);
    }

    @Test
    void aPerYearLimitPartlyUsedPaysOnlyWhatIsLeftOfIt() {
        // On-site: per year 600,000, already paid 550,000 → 50,000 left of the 120,000 claimed.
        Result result = ClaimArithmetic.compute(policy(FIVE_LINES, 3_000_000, 0, 100),
                List.of(new Claimed(ONSITE_VISIT, 120_000), new Claimed(FORENSIC, 10_000)),
                Map.of(ONSITE_VISIT, 550_000L, FORENSIC, 1_500_000L), 2_050_000);

        assertThat(line(result, ONSITE_VISIT).payableYen()).isEqualTo(50_000);
        assertThat(line(result, ONSITE_VISIT).selfBurdenYen()).isEqualTo(70_000);
        assertThat(line(result, ONSITE_VISIT).notes()).containsExactly(PER_YEAR_LIMIT);
        // Forensic already paid beyond its 1,000,000 per year: nothing left, never a negative amount.
        assertThat(line(result, FORENSIC).payableYen()).isZero();
        assertThat(line(result, FORENSIC).notes()).containsExactly(PER_YEAR_LIMIT);
    }

    @Test
    void bothLimitsAreNotedWhenThePerYearRestIsBelowThePerClaimLimit() {
        // Forensic 900,000 claimed: per claim 500,000, and only 1,000,000 − 700,000 = 300,000 left this year.
        Result result = ClaimArithmetic.compute(policy(FIVE_LINES, 3_000_000, 0, 100),
                List.of(new Claimed(FORENSIC, 900_000)), Map.of(FORENSIC, 700_000L), 700_000);
        assertThat(line(result, FORENSIC).payableYen()).isEqualTo(300_000);
        assertThat(line(result, FORENSIC).notes()).containsExactly(PER_CLAIM_LIMIT, PER_YEAR_LIMIT);
    }

    @Test
    void theAnnualLimitReachedMidwayPaysTheLaterLinesNothing() {
        // Annual limit 1,000,000, already paid 850,000 → 150,000 left, spent in line order:
        // FIRST_RESPONSE 100,000 fully, ONSITE_VISIT 50,000 of 80,000, FORENSIC 0 of 200,000.
        Result result = ClaimArithmetic.compute(policy(FIVE_LINES, 1_000_000, 0, 100),
                List.of(new Claimed(FORENSIC, 200_000), new Claimed(ONSITE_VISIT, 80_000),
                        new Claimed(FIRST_RESPONSE, 100_000)),
                Map.of(RECOVERY, 850_000L), 850_000);

        assertThat(line(result, FIRST_RESPONSE).payableYen()).isEqualTo(100_000);
        assertThat(line(result, FIRST_RESPONSE).notes()).isEmpty();
        assertThat(line(result, ONSITE_VISIT).payableYen()).isEqualTo(50_000);
        assertThat(line(result, ONSITE_VISIT).selfBurdenYen()).isEqualTo(30_000);
        assertThat(line(result, ONSITE_VISIT).notes()).containsExactly(ANNUAL_LIMIT);
        assertThat(line(result, FORENSIC).payableYen()).isZero();
        assertThat(line(result, FORENSIC).selfBurdenYen()).isEqualTo(200_000);
        assertThat(line(result, FORENSIC).notes()).containsExactly(ANNUAL_LIMIT);
        assertThat(result.payableYen()).isEqualTo(150_000);
    }

    @Test
    void anAnnualLimitAlreadyExceededPaysNothingRatherThanANegativeAmount() {
        Result result = ClaimArithmetic.compute(policy(FIVE_LINES, 1_000_000, 0, 100),
                List.of(new Claimed(FIRST_RESPONSE, 10_000)), Map.of(), 1_200_000);
        assertThat(result.payableYen()).isZero();
        assertThat(result.selfBurdenYen()).isEqualTo(10_000);
    }

    @Test
    void aLineWithAZeroPerClaimLimitIsNotCoveredAndLeavesTheDeductibleForTheNextLine() {
        List<PolicyTerms.Line> lines = List.of(new PolicyTerms.Line(FIRST_RESPONSE, 0, 0),
                new PolicyTerms.Line(ONSITE_VISIT, 200_000, 600_000));
        Result result = ClaimArithmetic.compute(policy(lines, 3_000_000, 20_000, 100),
                List.of(new Claimed(FIRST_RESPONSE, 30_000), new Claimed(ONSITE_VISIT, 50_000)), Map.of(), 0);

        // FIRST_RESPONSE: not covered, the company pays all of it and the deductible is not spent on it;
        assertThat(line(result, FIRST_RESPONSE).payableYen()).isZero();
        assertThat(line(result, FIRST_RESPONSE).selfBurdenYen()).isEqualTo(30_000);
        assertThat(line(result, FIRST_RESPONSE).notes()).containsExactly(NOT_COVERED);
        // ONSITE_VISIT: 50,000 − the whole deductible 20,000 = 30,000.
        assertThat(line(result, ONSITE_VISIT).payableYen()).isEqualTo(30_000);
        assertThat(line(result, ONSITE_VISIT).notes()).containsExactly(DEDUCTIBLE);
    }

    @Test
    void liabilityAbsentFromThePolicyIsNotCovered() {
        Result result = ClaimArithmetic.compute(policy(FIVE_LINES, 3_000_000, 0, 100),
                List.of(new Claimed(LIABILITY, 2_000_000)), Map.of(), 0);
        assertThat(result.lines()).singleElement().satisfies(l -> {
            assertThat(l.line()).isEqualTo(LIABILITY);
            assertThat(l.payableYen()).isZero();
            assertThat(l.selfBurdenYen()).isEqualTo(2_000_000);
            assertThat(l.notes()).containsExactly(NOT_COVERED);
        });
    }

    @Test
    void liabilityInThePolicyIsPaidLikeAnyOtherLine() {
        List<PolicyTerms.Line> lines = List.of(new PolicyTerms.Line(LIABILITY, 10_000_000, 10_000_000));
        Result result = ClaimArithmetic.compute(policy(lines, 10_000_000, 0, 100),
                List.of(new Claimed(LIABILITY, 2_000_000)), Map.of(), 0);
        assertThat(result.payableYen()).isEqualTo(2_000_000);
    }

    @Test
    void nothingClaimedGivesNoLinesAndZeroTotals() {
        Result result = ClaimArithmetic.compute(policy(FIVE_LINES, 3_000_000, 50_000, 100), List.of(), Map.of(), 0);
        assertThat(result.lines()).isEmpty();
        assertThat(result.claimedYen()).isZero();
        assertThat(result.payableYen()).isZero();
        assertThat(result.selfBurdenYen()).isZero();
    }

    @Test
    void aZeroYenItemKeepsItsLineInTheResultWithNothingPayable() {
        Result result = ClaimArithmetic.compute(policy(FIVE_LINES, 3_000_000, 50_000, 90),
                List.of(new Claimed(RECOVERY, 0)), Map.of(), 0);
        assertThat(result.lines()).singleElement().satisfies(l -> {
            assertThat(l.line()).isEqualTo(RECOVERY);
            assertThat(l.claimedYen()).isZero();
            assertThat(l.payableYen()).isZero();
            assertThat(l.notes()).isEmpty();
        });
    }

    @Test
    void negativeAmountsAndMalformedTermsAreRefused() {
        PolicyTerms ok = policy(FIVE_LINES, 3_000_000, 0, 100);
        assertThatThrownBy(() -> ClaimArithmetic.compute(ok, List.of(new Claimed(FORENSIC, -1)), Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> ClaimArithmetic.compute(ok, List.of(new Claimed(FORENSIC, 1)), Map.of(), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimArithmetic.compute(ok, List.of(new Claimed(FORENSIC, 1)),
                Map.of(FORENSIC, -5L), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimArithmetic.compute(policy(FIVE_LINES, 3_000_000, -1, 100),
                List.of(), Map.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimArithmetic.compute(policy(FIVE_LINES, 3_000_000, 0, 101),
                List.of(), Map.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimArithmetic.compute(policy(List.of(new PolicyTerms.Line(FORENSIC, -1, 0)),
                3_000_000, 0, 100), List.of(), Map.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimArithmetic.compute(policy(List.of(new PolicyTerms.Line(FORENSIC, 1, 1),
                new PolicyTerms.Line(FORENSIC, 2, 2)), 3_000_000, 0, 100), List.of(), Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> ClaimArithmetic.compute(ok, List.of(new Claimed(null, 1)), Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimArithmetic.yenForMinutes(-1, 10_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sumsBeyondTheRangeOfLongAreRefusedInsteadOfWrappingAround() {
        PolicyTerms ok = policy(FIVE_LINES, 3_000_000, 0, 100);
        assertThatThrownBy(() -> ClaimArithmetic.compute(ok,
                List.of(new Claimed(FORENSIC, Long.MAX_VALUE), new Claimed(FORENSIC, 1)), Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> ClaimArithmetic.compute(ok,
                List.of(new Claimed(FORENSIC, Long.MAX_VALUE), new Claimed(RECOVERY, Long.MAX_VALUE)), Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> ClaimArithmetic.yenForMinutes(Long.MAX_VALUE / 1000, 10_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShareOfAHugeAmountIsExactWithoutOverflow() {
        // Long.MAX_VALUE = 9,223,372,036,854,775,807; 99 % rounded down without computing amount × 99 in a long:
        // 92,233,720,368,547,758 × 99 + floor(7 × 99 / 100) = 9,131,138,316,486,228,042 + 6.
        List<PolicyTerms.Line> lines = List.of(new PolicyTerms.Line(RECOVERY, Long.MAX_VALUE, Long.MAX_VALUE));
        Result result = ClaimArithmetic.compute(policy(lines, Long.MAX_VALUE, 0, 99),
                List.of(new Claimed(RECOVERY, Long.MAX_VALUE)), Map.of(), 0);
        assertThat(result.payableYen()).isEqualTo(9_131_138_316_486_228_048L);
        assertThat(result.selfBurdenYen()).isEqualTo(Long.MAX_VALUE - 9_131_138_316_486_228_048L);
    }

    @Test
    void minutesAtAnHourlyRateRoundHalfUpToTheYen() {
        // 1 min × 90 yen/h = 1.5 → 2; 1 min × 89 yen/h = 1.483 → 1; 7 min × 10,000 = 1,166.67 → 1,167.
        assertThat(ClaimArithmetic.yenForMinutes(1, 90)).isEqualTo(2);
        assertThat(ClaimArithmetic.yenForMinutes(1, 89)).isEqualTo(1);
        assertThat(ClaimArithmetic.yenForMinutes(7, 10_000)).isEqualTo(1_167);
        assertThat(ClaimArithmetic.yenForMinutes(0, 10_000)).isZero();
        assertThat(ClaimArithmetic.yenForMinutes(60, 12_000)).isEqualTo(12_000);
    }
}
