package jp.sukedachi.app.dispatch;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.context.MessageSource;

/** Reading the dispatch forms and API bodies: times typed in Japan time, numbers, and refusals in plain words. */
final class DispatchForms {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private DispatchForms() {
    }

    /** A {@code datetime-local} field (Japan time); null when blank. */
    static Instant localTime(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip().length() > 16 ? value.strip().substring(0, 16) : value.strip(),
                    LOCAL).atZone(Formats.TOKYO).toInstant();
        } catch (DateTimeException e) {
            throw badTime(field, value);
        }
    }

    /** The value of a {@code datetime-local} field for an instant, in Japan time. */
    static String local(Instant instant) {
        return instant == null ? "" : LOCAL.format(instant.atZone(Formats.TOKYO));
    }

    /** An ISO-8601 time of the API, with an offset ("2026-12-07T10:00:00+09:00" or "…Z"); null when absent. */
    static Instant isoTime(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeException e) {
            throw badTime(field, value);
        }
    }

    private static InvalidInput badTime(String field, String value) {
        return new InvalidInput(field, "visit.error.time", null, "not a time: " + value);
    }

    /** A whole number of minutes from a form; null when blank. */
    static Integer minutes(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, "visit.error.minutes", Visits.MAX_SITE_MINUTES, "not a number of minutes: "
                    + value, Visits.MAX_SITE_MINUTES);
        }
    }

    /** The refusal in the reader's language; the page drawn again with it answers 400. */
    static String refusal(MessageSource messages, IllegalArgumentException e, Locale locale) {
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setStatus(400);
        }
        return InvalidInput.describe(messages, e, locale);
    }
}
