package jp.sukedachi.app.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import jp.sukedachi.app.insurance.ClaimArithmetic.Claimed;
import jp.sukedachi.app.insurance.ClaimArithmetic.LineResult;
import jp.sukedachi.app.insurance.ClaimArithmetic.Note;
import jp.sukedachi.app.insurance.ClaimArithmetic.Result;
import org.junit.jupiter.api.Test;

/**
 * Random policies and claims (fixed seeds, so a failure repeats): whatever the numbers, the result keeps the rules
 * an insurer and an owner rely on. Each case is named by its seed in a failure.
 */
class ClaimArithmeticPropertiesTest {
    private static final int CASES = 5_000;

    record Case(long seed, PolicyTerms policy, List<Claimed> claimed, Map<CoverageLine, Long> paid, long paidTotal) {
    }

    /** Amounts from 0 to about 2 million yen, often round, sometimes exactly at a limit's edge. */
    private static long yen(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(2_000_001);
            case 1 -> r.nextInt(201) * 10_000L;
            case 2 -> r.nextInt(1_000);
            default -> 0;
        };
    }

    static Case randomCase(long seed) {
        Random r = new Random(seed);
        List<PolicyTerms.Line> lines = new ArrayList<>();
        for (CoverageLine line : CoverageLine.values()) {
            if (r.nextInt(5) > 0) {
                lines.add(new PolicyTerms.Line(line, r.nextInt(6) == 0 ? 0 : yen(r), yen(r)));
            }
        }
        Collections.shuffle(lines, r);
        int percent = r.nextBoolean() ? 100 : r.nextInt(101);
        PolicyTerms policy = ClaimArithmeticTest.policy(lines, yen(r) * (1 + r.nextInt(3)), r.nextInt(3) == 0 ? 0
                : yen(r) / 4, percent);
        List<Claimed> claimed = new ArrayList<>();
        for (int i = r.nextInt(9); i > 0; i--) {
            claimed.add(new Claimed(CoverageLine.values()[r.nextInt(CoverageLine.values().length)], yen(r)));
        }
        Map<CoverageLine, Long> paid = new EnumMap<>(CoverageLine.class);
        long paidTotal = 0;
        for (CoverageLine line : CoverageLine.values()) {
            if (r.nextInt(3) == 0) {
                long p = yen(r) / 2;
                paid.put(line, p);
                paidTotal += p;
            }
        }
        return new Case(seed, policy, claimed, paid, paidTotal + (r.nextBoolean() ? 0 : yen(r)));
    }

    /** What the line's limits allow (step 2), computed the plain way, to check the later steps against. */
    static long coveredByLimits(Case c, LineResult l) {
        return c.policy().lines().stream().filter(t -> t.line() == l.line() && t.perClaimLimitYen() > 0)
                .mapToLong(t -> Math.min(l.claimedYen(), Math.min(t.perClaimLimitYen(),
                        Math.max(0, t.perYearLimitYen() - c.paid().getOrDefault(l.line(), 0L)))))
                .findFirst().orElse(0);
    }

    @Test
    void noRandomClaimBreaksTheLimitsTheDeductibleOrTheSums() {
        for (long seed = 1; seed <= CASES; seed++) {
            Case c = randomCase(seed);
            Result result = ClaimArithmetic.compute(c.policy(), c.claimed(), c.paid(), c.paidTotal());
            Supplier<String> as = () -> "seed " + c.seed() + ": " + c;

            long claimedTotal = c.claimed().stream().mapToLong(Claimed::yen).sum();
            assertThat(result.claimedYen()).as(as).isEqualTo(claimedTotal);
            assertThat(result.lines()).as(as).extracting(LineResult::line).isSorted().doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(c.claimed().stream().map(Claimed::line).distinct().toList());

            long coveredTotal = 0;
            long payableTotal = 0;
            long selfTotal = 0;
            for (LineResult l : result.lines()) {
                long claimedOfLine = c.claimed().stream().filter(x -> x.line() == l.line()).mapToLong(Claimed::yen).sum();
                long covered = coveredByLimits(c, l);
                assertThat(l.claimedYen()).as(as).isEqualTo(claimedOfLine);
                assertThat(l.payableYen()).as(as).isBetween(0L, covered);
                assertThat(l.selfBurdenYen()).as(as).isEqualTo(l.claimedYen() - l.payableYen());
                c.policy().lines().stream().filter(t -> t.line() == l.line()).findFirst().ifPresentOrElse(t -> {
                    assertThat(l.payableYen()).as(as).isLessThanOrEqualTo(t.perClaimLimitYen());
                    assertThat(l.payableYen()).as(as).isLessThanOrEqualTo(
                            Math.max(0, t.perYearLimitYen() - c.paid().getOrDefault(l.line(), 0L)));
                }, () -> assertThat(l.notes()).as(as).contains(Note.NOT_COVERED));
                if (l.notes().contains(Note.NOT_COVERED)) {
                    assertThat(l.payableYen()).as(as).isZero();
                }
                coveredTotal += covered;
                payableTotal += l.payableYen();
                selfTotal += l.selfBurdenYen();
            }
            assertThat(result.payableYen()).as(as).isEqualTo(payableTotal);
            assertThat(result.selfBurdenYen()).as(as).isEqualTo(selfTotal).isEqualTo(claimedTotal - payableTotal);
            long annualLeft = Math.max(0, c.policy().annualLimitYen() - c.paidTotal());
            assertThat(payableTotal).as(as).isLessThanOrEqualTo(annualLeft);

            // The deductible is taken in full once what the limits allow reaches it: never more is paid than
            // the covered total less the deductible, and exactly that when no share or annual limit applies.
            long deductibleTaken = Math.min(c.policy().deductibleYen(), coveredTotal);
            assertThat(payableTotal).as(as).isLessThanOrEqualTo(coveredTotal - deductibleTaken);
            boolean deductibleNoted = result.lines().stream().anyMatch(l -> l.notes().contains(Note.DEDUCTIBLE));
            assertThat(deductibleNoted).as(as).isEqualTo(deductibleTaken > 0);
            if (c.policy().coveragePercent() == 100 && coveredTotal - deductibleTaken <= annualLeft) {
                assertThat(payableTotal).as(as).isEqualTo(coveredTotal - deductibleTaken);
            }
            // The share is the floor of the percentage of what is left after the deductible, never more.
            assertThat(payableTotal * 100).as(as)
                    .isLessThanOrEqualTo((coveredTotal - deductibleTaken) * c.policy().coveragePercent());
        }
    }

    @Test
    void theOrderItemsAreListedInDoesNotChangeTheResult() {
        for (long seed = 1; seed <= CASES / 4; seed++) {
            Case c = randomCase(seed);
            List<Claimed> shuffled = new ArrayList<>(c.claimed());
            Collections.shuffle(shuffled, new Random(-seed));
            assertThat(ClaimArithmetic.compute(c.policy(), shuffled, c.paid(), c.paidTotal())).as("seed " + seed)
                    .isEqualTo(ClaimArithmetic.compute(c.policy(), c.claimed(), c.paid(), c.paidTotal()));
        }
    }

    @Test
    void theRandomCasesReachEveryRule() {
        // The properties above only mean something if the random cases really exercise each step.
        EnumMap<Note, Integer> seen = new EnumMap<>(Note.class);
        for (long seed = 1; seed <= CASES; seed++) {
            Case c = randomCase(seed);
            for (LineResult l : ClaimArithmetic.compute(c.policy(), c.claimed(), c.paid(), c.paidTotal()).lines()) {
                l.notes().forEach(n -> seen.merge(n, 1, Integer::sum));
            }
        }
        for (Note note : Note.values()) {
            assertThat(seen.getOrDefault(note, 0)).as(note.name()).isGreaterThan(100);
        }
    }
}
