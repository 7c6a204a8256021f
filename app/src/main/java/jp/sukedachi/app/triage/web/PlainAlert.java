package jp.sukedachi.app.triage.web;

import java.util.Locale;
import jp.sukedachi.app.triage.Alert;
import org.springframework.context.MessageSource;

/**
 * One alert told to an SME: what happened, whether it matters, what to do now and whom to call, in the
 * user's language. {@code urgent} marks the kinds where the first response must start now (handbook §2.1).
 */
public record PlainAlert(Alert alert, AlertKind kind, String headline, String what, String matters, String todo,
        String call, boolean urgent) {

    public static PlainAlert of(Alert a, MessageSource messages, Locale locale) {
        AlertKind kind = AlertKind.of(a);
        String p = "plain." + kind.key() + ".";
        String title = a.title() == null ? "" : a.title();
        Object[] args = {a.entity(), a.count(), title.substring(title.indexOf(": ") + 1).strip()};
        boolean urgent = switch (kind) {
            case BLOCKED -> false; // stopped by the customer's own device
            case RANSOMWARE, C2, MALWARE_DOWNLOAD -> true;
            default -> "CRITICAL".equals(a.severity()) || "HIGH".equals(a.severity());
        };
        return new PlainAlert(a, kind, messages.getMessage(p + "headline", args, locale),
                messages.getMessage(p + "what", args, locale), messages.getMessage(p + "matters", args, locale),
                messages.getMessage(p + "todo", args, locale), messages.getMessage(p + "call", args, locale), urgent);
    }

    /** The paragraphs of the "what to do now" text, one step a line. */
    public java.util.List<String> steps() {
        return java.util.Arrays.stream(todo.split("\\s*\\|\\s*")).filter(s -> !s.isBlank()).toList();
    }
}
