package jp.sukedachi.app.plan;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/** Reading the plan and contract forms' text fields, and the refusals in the reader's language. */
final class PlanForms {
    /** Longest number text read: a yen amount above 100 million is refused by range anyway. */
    private static final int MAX_NUMBER = 15;

    private PlanForms() {
    }

    static Long yen(String field, String labelKey, String text) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        // People type "9,800" or "9800円"; the separators and the unit are dropped, anything else is refused.
        String digits = t.replace(",", "").replace("，", "").replace("円", "").replace("¥", "").strip();
        if (digits.length() > MAX_NUMBER || !digits.matches("[0-9]+")) {
            throw notANumber(field, labelKey);
        }
        return Long.parseLong(digits);
    }

    static Integer count(String field, String labelKey, String text) {
        Long n = yen(field, labelKey, text);
        if (n != null && n > Integer.MAX_VALUE) {
            throw notANumber(field, labelKey);
        }
        return n == null ? null : n.intValue();
    }

    static LocalDate day(String field, String labelKey, String text) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "contract.error.day", null, "not a day (YYYY-MM-DD)", label(labelKey, field));
        }
    }

    static PlanType type(String text) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        for (PlanType p : PlanType.values()) {
            if (p.name().equalsIgnoreCase(t)) {
                return p;
            }
        }
        throw new InvalidInput("type", "plan.error.type", null, "type must be network, endpoint or hybrid");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Every reason a plan or contract was refused, in the reader's language. */
    static List<String> reasons(MessageSource messages, RuntimeException e, Locale locale) {
        List<String> out = new ArrayList<>();
        if (e instanceof CapExceeded cap) {
            for (CapCheck.Breach b : cap.breaches()) {
                out.add(messages.getMessage(b, locale));
            }
            out.add(messages.getMessage("plan.cap.notSaved", null, locale));
        } else if (e instanceof IllegalArgumentException bad) {
            out.add(InvalidInput.describe(messages, bad, locale));
        } else {
            throw e;
        }
        return out;
    }

    private static InvalidInput notANumber(String field, String labelKey) {
        return new InvalidInput(field, "plan.error.number", null, "not a whole number", label(labelKey, field));
    }

    private static DefaultMessageSourceResolvable label(String labelKey, String field) {
        return new DefaultMessageSourceResolvable(new String[] {labelKey}, field);
    }
}
