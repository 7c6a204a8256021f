package jp.sukedachi.app.insurance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the policy pays on a claim and what the company pays itself, per coverage line, in whole yen with integer
 * arithmetic only. The steps (contracts.md §1), lines in {@link CoverageLine} order:
 * <ol>
 * <li>claimed = the sum of the line's items (lines without items are left out);</li>
 * <li>covered = 0 if the policy lacks the line or its per-claim limit is 0, else the claimed amount capped by the
 * per-claim limit and then by what is left of the per-year limit;</li>
 * <li>the deductible is taken from the covered amounts in line order;</li>
 * <li>the policy's share (coverage percent, rounded down) of what remains;</li>
 * <li>the annual limit left is spent in line order;</li>
 * <li>self-burden = claimed − payable.</li>
 * </ol>
 * Negative amounts, malformed terms and sums beyond {@code long} are refused with {@link IllegalArgumentException}
 * rather than giving a wrong figure.
 */
public final class ClaimArithmetic {
    private ClaimArithmetic() {
    }

    /** One cost item claimed under a line. */
    public record Claimed(CoverageLine line, long yen) {
    }

    /** Why a line pays less than claimed (in the order the steps apply). */
    public enum Note { NOT_COVERED, PER_CLAIM_LIMIT, PER_YEAR_LIMIT, DEDUCTIBLE, COVERAGE_SHARE, ANNUAL_LIMIT }

    public record LineResult(CoverageLine line, long claimedYen, long payableYen, long selfBurdenYen, Set<Note> notes) {
        public LineResult {
            notes = notes.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Note.class))
                    : Collections.unmodifiableSet(EnumSet.copyOf(notes));
        }
    }

    public record Result(List<LineResult> lines, long claimedYen, long payableYen, long selfBurdenYen) {
        public Result {
            lines = List.copyOf(lines);
        }
    }

    /**
     * The yen for a stretch of time at an hourly rate, rounded half up to the yen: {@code (minutes × yenPerHour +
     * 30) / 60}. Used for on-site time, travel time and desk time alike, so the claim and the owner's example agree.
     */
    public static long yenForMinutes(long minutes, long yenPerHour) {
        if (minutes < 0 || yenPerHour < 0) {
            throw new IllegalArgumentException("minutes and rate must not be negative: " + minutes + ", " + yenPerHour);
        }
        try {
            return Math.addExact(Math.multiplyExact(minutes, yenPerHour), 30) / 60;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("minutes × rate is too large: " + minutes + " × " + yenPerHour, e);
        }
    }

    /**
     * @param paidThisYear      what the policy already paid in this policy year, per line (missing = 0)
     * @param paidThisYearTotal what it already paid in this policy year, all lines together
     */
    public static Result compute(PolicyTerms policy, List<Claimed> claimed, Map<CoverageLine, Long> paidThisYear,
            long paidThisYearTotal) {
        require(policy != null && claimed != null && paidThisYear != null, "policy, claimed and paidThisYear are required");
        require(policy.deductibleYen() >= 0, "negative deductible");
        require(policy.annualLimitYen() >= 0, "negative annual limit");
        require(policy.coveragePercent() >= 0 && policy.coveragePercent() <= 100,
                "coverage percent outside 0..100: " + policy.coveragePercent());
        require(paidThisYearTotal >= 0, "negative paid this year");
        Map<CoverageLine, PolicyTerms.Line> terms = termsByLine(policy);

        // Step 1: claimed per line, in line order.
        Map<CoverageLine, Long> claimedByLine = new EnumMap<>(CoverageLine.class);
        for (Claimed item : claimed) {
            require(item != null && item.line() != null, "a claimed item without a line");
            require(item.yen() >= 0, "negative claimed amount on " + item.line() + ": " + item.yen());
            claimedByLine.merge(item.line(), item.yen(), ClaimArithmetic::add);
        }

        long deductibleLeft = policy.deductibleYen();
        long annualLeft = Math.max(0, policy.annualLimitYen() - paidThisYearTotal);
        List<LineResult> lines = new ArrayList<>();
        long totalClaimed = 0;
        long totalPayable = 0;
        for (Map.Entry<CoverageLine, Long> entry : claimedByLine.entrySet()) {
            CoverageLine line = entry.getKey();
            long claimedYen = entry.getValue();
            Set<Note> notes = EnumSet.noneOf(Note.class);

            // Step 2: what the line's limits allow.
            PolicyTerms.Line term = terms.get(line);
            long covered;
            if (term == null || term.perClaimLimitYen() == 0) {
                covered = 0;
                notes.add(Note.NOT_COVERED);
            } else {
                covered = claimedYen;
                if (term.perClaimLimitYen() < covered) {
                    covered = term.perClaimLimitYen();
                    notes.add(Note.PER_CLAIM_LIMIT);
                }
                Long paid = paidThisYear.getOrDefault(line, 0L);
                require(paid != null && paid >= 0, "paid this year on " + line + " must be a non-negative amount");
                long yearLeft = Math.max(0, term.perYearLimitYen() - paid);
                if (yearLeft < covered) {
                    covered = yearLeft;
                    notes.add(Note.PER_YEAR_LIMIT);
                }
            }

            // Step 3: the deductible, from the first lines on.
            long take = Math.min(covered, deductibleLeft);
            deductibleLeft -= take;
            if (take > 0) {
                notes.add(Note.DEDUCTIBLE);
            }
            long after = covered - take;

            // Step 4: the policy's share, rounded down; split so after × percent cannot overflow.
            long share = after / 100 * policy.coveragePercent() + after % 100 * policy.coveragePercent() / 100;
            if (share != after) {
                notes.add(Note.COVERAGE_SHARE);
            }

            // Step 5: the annual limit, spent in line order.
            long payable = Math.min(share, annualLeft);
            annualLeft -= payable;
            if (payable < share) {
                notes.add(Note.ANNUAL_LIMIT);
            }

            lines.add(new LineResult(line, claimedYen, payable, claimedYen - payable, notes));
            totalClaimed = add(totalClaimed, claimedYen);
            totalPayable = add(totalPayable, payable);
        }
        return new Result(lines, totalClaimed, totalPayable, totalClaimed - totalPayable);
    }

    private static Map<CoverageLine, PolicyTerms.Line> termsByLine(PolicyTerms policy) {
        Map<CoverageLine, PolicyTerms.Line> terms = new EnumMap<>(CoverageLine.class);
        for (PolicyTerms.Line term : policy.lines() == null ? List.<PolicyTerms.Line>of() : policy.lines()) {
            require(term != null && term.line() != null, "a policy line without a coverage line");
            require(term.perClaimLimitYen() >= 0 && term.perYearLimitYen() >= 0, "negative limit on " + term.line());
            require(terms.put(term.line(), term) == null, "the policy lists " + term.line() + " twice");
        }
        return terms;
    }

    private static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amounts too large to add: " + a + " + " + b, e);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
