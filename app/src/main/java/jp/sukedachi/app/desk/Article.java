package jp.sukedachi.app.desk;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A knowledge-base article: a title and a body in Japanese and in English (either language may be missing, never
 * both), a category, tags, and whether companies may read it. The body is plain text (see {@link ArticleText}).
 */
public record Article(UUID id, ArticleCategory category, String titleJa, String bodyJa, String titleEn,
        String bodyEn, List<String> tags, Status status, Instant createdAt, Instant updatedAt, String updatedBy) {

    /** DRAFT: provider staff only. PUBLISHED: every company of the provider reads it. */
    public enum Status {
        DRAFT, PUBLISHED;

        public String labelKey() {
            return "article.status." + name();
        }
    }

    public boolean published() {
        return status == Status.PUBLISHED;
    }

    public boolean hasJapanese() {
        return titleJa != null;
    }

    public boolean hasEnglish() {
        return titleEn != null;
    }

    /**
     * The article as a reader of this language sees it: their language when the article has it, otherwise the
     * other one, with {@code otherLanguage} true so the page can say so.
     */
    public Shown in(Locale locale) {
        boolean english = "en".equals(locale == null ? null : locale.getLanguage());
        if (english ? hasEnglish() : !hasJapanese()) {
            return new Shown(titleEn, bodyEn, "en", !english);
        }
        return new Shown(titleJa, bodyJa, "ja", english);
    }

    /** One language of an article: its title, body, language code, and whether it is not the reader's language. */
    public record Shown(String title, String body, String lang, boolean otherLanguage) {
    }
}
