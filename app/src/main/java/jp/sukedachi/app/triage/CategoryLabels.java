package jp.sukedachi.app.triage;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.event.Category;
import org.springframework.context.MessageSource;

/** What each alert category is called in the reader's language ({@code alert.category.<id>}), never its enum name. */
public final class CategoryLabels {
    private CategoryLabels() {
    }

    public static String of(Category category, MessageSource messages, Locale locale) {
        return messages.getMessage("alert.category." + Alert.categoryId(category), null, locale);
    }

    /** Every category's id with its label, in the enum's order: for filters and tables. */
    public static Map<String, String> all(MessageSource messages, Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            labels.put(Alert.categoryId(c), of(c, messages, locale));
        }
        return labels;
    }
}
