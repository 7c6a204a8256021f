package jp.sukedachi.app.sigma;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.detect.sigma.SigmaException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Why an uploaded rule was refused, for a person (a message key naming the line or the rule's field, with what to
 * do) and for scripts and the audit log ({@link #english()}, the parser's own words). Never shows the YAML
 * reader's text to a person.
 */
public record UploadProblem(MessageSourceResolvable message, String english) {
    private static final Pattern MISSING = Pattern.compile("(?:no |detection has no )(\\w+).*");
    private static final Pattern MODIFIER = Pattern.compile(".*\\|(\\w+).*");

    static UploadProblem of(String key, String english, Object... args) {
        return new UploadProblem(new DefaultMessageSourceResolvable(new String[] {key}, args, english), english);
    }

    /** A rule the parser refused; {@code document} is 1-based and only named when the file holds several. */
    static UploadProblem of(SigmaException e, int document, boolean several) {
        String detail = e.getMessage() == null ? "" : e.getMessage();
        String english = (several ? "document " + document + ": " : "") + e.category() + ": " + detail;
        String key = "sigma.upload.error." + switch (e.category()) {
            case "yaml" -> e.line() > 0 ? "yaml" : "yamlNoLine";
            case "missing field", "structure", "modifier", "unknown modifier", "condition", "regex", "correlation",
                    "cidr", "empty", "too large" -> e.category().replace(' ', '-');
            default -> "other";
        };
        Object subject = "";
        if (e.category().equals("missing field")) {
            Matcher m = MISSING.matcher(detail);
            subject = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
        } else if (e.category().contains("modifier")) {
            Matcher m = MODIFIER.matcher(detail);
            subject = m.matches() ? m.group(1) : "";
        }
        return of(key, english, e.line(), e.column(), subject, document, several ? 1 : 0);
    }
}
