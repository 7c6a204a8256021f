package jp.sukedachi.app.desk;

import java.util.Locale;

/**
 * The shelf a knowledge-base article stands on; the SME's article list is grouped by it, in this order. A person
 * reads the message {@code article.category.<id>}; the API and the address bar use the lower-case id.
 */
public enum ArticleCategory {
    /** Something has happened: a suspicious mail was opened, a ransom note is on the screen. */
    EMERGENCY,
    /** E-mail and fraud: spoofed senders, attachments, links. */
    MAIL,
    /** Passwords and sign-in. */
    ACCOUNTS,
    /** PCs, phones and the office network. */
    DEVICES,
    /** The provider's service itself: reading its notices and reports. */
    SERVICE,
    OTHER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String labelKey() {
        return "article.category." + id();
    }

    /** A category by its id, any case; otherwise 400 naming the field and the ids. */
    static ArticleCategory of(String id) {
        for (ArticleCategory c : values()) {
            if (c.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return c;
            }
        }
        throw new jp.sukedachi.app.shared.InvalidInput("category", "article.category.invalid", null, "one of "
                + java.util.Arrays.stream(values()).map(ArticleCategory::id).toList());
    }
}
