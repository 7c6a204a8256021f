package jp.sukedachi.app.triage.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.triage.CategoryLabels;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import org.springframework.context.MessageSource;

/**
 * One alert told to an SME: what happened, whether it matters, what to do now and whom to call, in the user's
 * language. The texts are the {@code plain.<category>.*} keys of the message bundles, chosen by the alert's
 * category (what its detector decided), never by its title. {@code urgent} marks the categories where the first
 * response must start now (handbook §2.1), and any other alert at HIGH or CRITICAL.
 */
public record PlainAlert(Alert alert, String categoryLabel, String headline, String what, String matters,
        String todo, String call, boolean urgent) {

    public static PlainAlert of(Alert a, MessageSource messages, Locale locale) {
        String p = "plain." + a.categoryId() + ".";
        String title = a.title() == null ? "" : a.title();
        Object[] args = {a.entity(), a.count(), title.substring(title.indexOf(": ") + 1).strip()};
        boolean urgent = switch (a.category()) {
            case BLOCKED -> false; // stopped by the customer's own device
            case RANSOMWARE, C2, MALWARE_DOWNLOAD -> true;
            default -> a.severity().compareTo(Severity.HIGH) >= 0;
        };
        return new PlainAlert(a, CategoryLabels.of(a.category(), messages, locale),
                messages.getMessage(p + "headline", args, locale), messages.getMessage(p + "what", args, locale),
                messages.getMessage(p + "matters", args, locale),
                messages.getMessage(p + "todo", args, locale), messages.getMessage(p + "call", args, locale), urgent);
    }

    public Category category() {
        return alert.category();
    }

    /** The paragraphs of the "what to do now" text, one step a line. */
    public List<String> steps() {
        return Arrays.stream(todo.split("\\s*\\|\\s*")).filter(s -> !s.isBlank()).toList();
    }
}
