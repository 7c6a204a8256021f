package jp.sukedachi.app.shared;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Input refused with a reason a person can act on: the field it concerns, a message key (ja/en bundles) and
 * its arguments. It is an {@link IllegalArgumentException}, so every existing 400 path still applies; the API
 * answers it as a problem with {@code field} (see {@code config.InputErrors}), pages resolve it with their
 * MessageSource. The English text is for scripts and logs.
 */
public class InvalidInput extends IllegalArgumentException implements MessageSourceResolvable {
    private final String field;
    private final String key;
    private final Object[] args;
    private final Integer limit;

    public InvalidInput(String field, String key, Integer limit, String english, Object... args) {
        super(field + ": " + english);
        this.field = field;
        this.key = key;
        this.limit = limit;
        this.args = args;
    }

    /**
     * Refuses text longer than a column holds instead of cutting it. {@code labelKey} names the field for
     * people (a message key); null and blank pass (required-ness is the caller's rule).
     */
    public static String requireLength(String field, String labelKey, String text, int max) {
        if (text != null && text.length() > max) {
            throw new InvalidInput(field, "input.tooLong", max,
                    "at most " + max + " characters allowed, got " + text.length(),
                    new DefaultMessageSourceResolvable(new String[] {labelKey}, field), max, text.length());
        }
        return text;
    }

    /** The refusal in the reader's language: field and limit for this class, the generic text for others. */
    public static String describe(MessageSource messages, IllegalArgumentException e,
            Locale locale) {
        return e instanceof MessageSourceResolvable r ? messages.getMessage(r, locale)
                : messages.getMessage("input.invalidPlain", null, locale);
    }

    public String field() {
        return field;
    }

    /** The limit the value broke, when there is one (characters, days …). */
    public Integer limit() {
        return limit;
    }

    @Override
    public String[] getCodes() {
        return new String[] {key};
    }

    @Override
    public Object[] getArguments() {
        return args;
    }

    @Override
    public String getDefaultMessage() {
        return getMessage();
    }
}
