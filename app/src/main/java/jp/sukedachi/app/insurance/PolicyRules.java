package jp.sukedachi.app.insurance;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.shared.InvalidInput;

/** The checks a policy passes before it is stored; each refusal names the field and the reason. */
final class PolicyRules {
    /** The largest amount a form or the API accepts: 10 billion yen, far above any SME policy. */
    static final long MAX_YEN = 10_000_000_000L;
    static final int MAX_NUMBER = 50;
    /** A policy runs at most this many years; the limits are per policy year. */
    static final int MAX_YEARS = 5;

    private PolicyRules() {
    }

    /** The draft, checked, with its covered lines in {@link CoverageLine} order (lines with both limits 0 dropped). */
    static PolicyDraft check(PolicyDraft d) {
        String number = d.policyNumber() == null ? "" : d.policyNumber().strip();
        if (number.isEmpty()) {
            throw new InvalidInput("policyNumber", "policy.error.numberRequired", null, "the policy number is required");
        }
        InvalidInput.requireLength("policyNumber", "policy.number", number, MAX_NUMBER);
        if (number.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("policyNumber", "policy.error.numberChars", null,
                    "the policy number holds control characters");
        }
        if (d.insurerId() == null) {
            throw new InvalidInput("insurerId", "policy.error.insurerRequired", null, "choose the insurer");
        }
        LocalDate from = d.from();
        LocalDate to = d.to();
        if (from == null || to == null) {
            throw new InvalidInput(from == null ? "from" : "to", "policy.error.periodRequired", null,
                    "the period (from and to) is required");
        }
        if (to.isBefore(from)) {
            throw new PolicyRuleBroken("to", "policy.error.periodOrder", "the period ends before it starts");
        }
        if (!to.isBefore(from.plusYears(MAX_YEARS))) {
            throw new PolicyRuleBroken("to", "policy.error.periodLength", "a policy runs at most " + MAX_YEARS
                    + " years", MAX_YEARS);
        }
        yen("annualLimitYen", d.annualLimitYen());
        yen("deductibleYen", d.deductibleYen());
        if (d.coveragePercent() < 1 || d.coveragePercent() > 100) {
            throw new PolicyRuleBroken("coveragePercent", "policy.error.percent",
                    "the coverage percent is 1 to 100, got " + d.coveragePercent(), d.coveragePercent());
        }
        Map<CoverageLine, PolicyTerms.Line> lines = new EnumMap<>(CoverageLine.class);
        for (PolicyTerms.Line line : d.lines() == null ? List.<PolicyTerms.Line>of() : d.lines()) {
            if (line == null || line.line() == null) {
                throw new InvalidInput("lines", "policy.error.lineUnknown", null, "a line without its name");
            }
            String field = "lines." + line.line().name();
            yen(field + ".perClaimLimitYen", line.perClaimLimitYen());
            yen(field + ".perYearLimitYen", line.perYearLimitYen());
            if (lines.containsKey(line.line())) {
                throw new PolicyRuleBroken(field, "policy.error.lineTwice", "the line " + line.line() + " is given twice",
                        line.line().name());
            }
            if (line.perClaimLimitYen() == 0 && line.perYearLimitYen() == 0) {
                continue;
            }
            if (line.perClaimLimitYen() == 0 || line.perYearLimitYen() < line.perClaimLimitYen()) {
                throw new PolicyRuleBroken(field, "policy.error.lineOrder", "a covered line's per-year limit must be at "
                        + "least its per-claim limit, and both above 0", new LineName(line.line()));
            }
            if (line.perYearLimitYen() > d.annualLimitYen()) {
                throw new PolicyRuleBroken(field, "policy.error.lineAboveAnnual", "a line's per-year limit is above the "
                        + "policy's annual limit", new LineName(line.line()));
            }
            lines.put(line.line(), line);
        }
        if (lines.isEmpty()) {
            throw new PolicyRuleBroken("lines", "policy.error.noLine", "at least one line must be covered");
        }
        return new PolicyDraft(d.insurerId(), number, from, to, List.copyOf(lines.values()), d.annualLimitYen(),
                d.deductibleYen(), d.coveragePercent());
    }

    private static void yen(String field, long yen) {
        if (yen < 0) {
            throw new PolicyRuleBroken(field, "policy.error.negative", "amounts are 0 or more, got " + yen, yen);
        }
        if (yen > MAX_YEN) {
            throw new PolicyRuleBroken(field, "policy.error.tooLarge", "amounts are at most " + MAX_YEN + " yen",
                    MAX_YEN);
        }
    }

    /** A coverage line's name as a message argument (resolved in the reader's language). */
    record LineName(CoverageLine line) implements org.springframework.context.MessageSourceResolvable {
        @Override
        public String[] getCodes() {
            return new String[] {line.labelKey()};
        }

        @Override
        public String getDefaultMessage() {
            return line.name();
        }
    }
}
