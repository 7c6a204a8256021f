package jp.sukedachi.app.triage.web;

import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.CategoryLabels;
import jp.sukedachi.app.triage.OwnerStory;
import jp.sukedachi.event.Category;
import org.springframework.context.MessageSource;

/**
 * One card told to an SME: what happened, whether it matters, what to do now and whom to call, in the user's
 * language. The texts are the story's keys ({@link OwnerStory}: the {@code plain.<category>.*} keys, or a mail
 * attachment's or an Office macro's card), chosen by the alert's category and evidence, never by its title. A
 * card may stand for several alerts about the same PC: it tells the most serious one's story and lists the other
 * kinds under "also seen" ({@code alsoSeen}, their labels), with {@code alerts} the number it stands for;
 * {@code kind} is the category id of the story told (an alert's own page tells its PC's most serious story).
 * {@code urgent} marks the categories where the first response must start now (handbook §2.1), and any other
 * alert at HIGH or CRITICAL.
 */
public record PlainAlert(Alert alert, String kind, String categoryLabel, String headline, String what, String matters,
        List<String> steps, String call, boolean urgent, String pc, List<String> alsoSeen, int alerts) {

    public static PlainAlert of(Alert a, OwnerStory story, MessageSource messages, Locale locale) {
        String title = a.title() == null ? "" : a.title();
        Object[] args = story.args(a.entity(), a.count(), title.substring(title.indexOf(": ") + 1).strip(), messages,
                locale);
        return new PlainAlert(a, Alert.categoryId(story.category()), CategoryLabels.of(story.category(), messages, locale),
                story.text("headline", args, messages, locale), story.text("what", args, messages, locale),
                story.text("matters", args, messages, locale), story.steps(args, messages, locale),
                story.text("call", args, messages, locale), a.urgent(), story.pc(), List.of(), 1);
    }

    /** This card standing also for {@code others} (alerts about the same PC), listed by their kinds' labels. */
    PlainAlert with(List<String> others, int count, boolean anyUrgent) {
        return new PlainAlert(alert, kind, categoryLabel, headline, what, matters, steps, call, urgent || anyUrgent, pc,
                List.copyOf(others), count);
    }

    public Category category() {
        return alert.category();
    }
}
