package jp.sukedachi.app.insurance;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The policy form: its fields as text (what the page shows again after a refusal), read into a {@link PolicyDraft};
 * amounts may carry thousands separators, a yen sign or 円.
 */
final class PolicyForms {
    static final int MAX_FIELD = 40;

    private PolicyForms() {
    }

    /** The form's fields for a stored policy. */
    static Map<String, String> of(PolicyTerms p) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("insurerId", p.insurerId().toString());
        form.put("policyNumber", p.policyNumber());
        form.put("from", p.from().toString());
        form.put("to", p.to().toString());
        form.put("annualLimitYen", Long.toString(p.annualLimitYen()));
        form.put("deductibleYen", Long.toString(p.deductibleYen()));
        form.put("coveragePercent", Integer.toString(p.coveragePercent()));
        for (PolicyTerms.Line line : p.lines()) {
            form.put("claim." + line.line().name(), Long.toString(line.perClaimLimitYen()));
            form.put("year." + line.line().name(), Long.toString(line.perYearLimitYen()));
        }
        return form;
    }

    /** An empty form for a new policy starting on the day: one year, the policy pays all of each line. */
    static Map<String, String> fresh(LocalDate from, UUID insurerId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("insurerId", insurerId == null ? "" : insurerId.toString());
        form.put("from", from.toString());
        form.put("to", from.plusYears(1).minusDays(1).toString());
        form.put("coveragePercent", "100");
        form.put("deductibleYen", "0");
        return form;
    }

    static PolicyDraft draft(Map<String, String> form) {
        List<PolicyTerms.Line> lines = new ArrayList<>();
        for (CoverageLine line : CoverageLine.values()) {
            lines.add(new PolicyTerms.Line(line, yen("claim." + line.name(), form.get("claim." + line.name())),
                    yen("year." + line.name(), form.get("year." + line.name()))));
        }
        String insurer = text(form, "insurerId");
        UUID insurerId;
        try {
            insurerId = insurer.isEmpty() ? null : UUID.fromString(insurer);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("insurerId", "policy.error.insurerUnknown", null, "no such insurer");
        }
        String percent = text(form, "coveragePercent");
        return new PolicyDraft(insurerId, form.get("policyNumber"), date("from", text(form, "from")),
                date("to", text(form, "to")), lines, yen("annualLimitYen", form.get("annualLimitYen")),
                yen("deductibleYen", form.get("deductibleYen")),
                percent.isEmpty() ? 100 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                        yen("coveragePercent", percent))));
    }

    private static String text(Map<String, String> form, String field) {
        String value = form.get(field);
        return value == null ? "" : value.strip();
    }

    /** Whole yen from a form field; blank is 0. */
    static long yen(String field, String value) {
        String v = value == null ? "" : value.strip().replace(",", "").replace("，", "").replace("円", "")
                .replace("¥", "").replace("￥", "").strip();
        if (v.isEmpty()) {
            return 0;
        }
        InvalidInput.requireLength(field, "policy.lines", v, MAX_FIELD);
        if (!v.matches("-?[0-9]+")) {
            throw new InvalidInput(field, "policy.error.notNumber", null, "not a whole number: " + value, value);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new PolicyRuleBroken(field, "policy.error.tooLarge", "amounts are at most " + PolicyRules.MAX_YEN
                    + " yen", PolicyRules.MAX_YEN);
        }
    }

    static LocalDate date(String field, String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            InvalidInput.requireLength(field, "policy.from", value, MAX_FIELD);
            throw new InvalidInput(field, "policy.error.notDate", null, "not a date: " + value, value);
        }
    }

    /**
     * The refusal in the reader's language, and the status of the page drawn again with it: 422 for a rule of the
     * insurance, 409 for a name taken, 400 for malformed input.
     */
    static String refusal(MessageSource messages, RuntimeException e, java.util.Locale locale) {
        int status = e instanceof PolicyRuleBroken ? 422 : e instanceof DuplicateException ? 409 : 400;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setStatus(status);
        }
        if (e instanceof DuplicateException d) {
            return messages.getMessage(d.messageKey(), null, locale);
        }
        return InvalidInput.describe(messages, (IllegalArgumentException) e, locale);
    }
}
