package jp.sukedachi.app.desk;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A reply text the desk uses often, in Japanese and (optionally) English, picked into the reply form. */
public record CannedAnswer(UUID id, String title, String bodyJa, String bodyEn, String updatedBy, Instant updatedAt) {

    /** The text for a reply in the given language (Japanese when no English text exists). */
    public String body(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) && bodyEn != null && !bodyEn.isBlank()
                ? bodyEn : bodyJa;
    }
}
