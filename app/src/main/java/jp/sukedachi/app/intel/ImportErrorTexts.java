package jp.sukedachi.app.intel;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.config.RequestBodies;
import jp.sukedachi.intel.feed.ImportError;
import org.springframework.context.MessageSource;

/**
 * What the intel screen says about a feed it could not (fully) read, in the reader's language: the line, what
 * is wrong in plain words, and what to do. The feed readers give their reasons in English for scripts and logs;
 * the screen maps them to a message key by their stable opening words and never shows them.
 */
final class ImportErrorTexts {
    private static final Pattern COLUMNS = Pattern.compile("expected (\\d+) columns, found (\\d+)");
    private static final Pattern HTTP = Pattern.compile("HTTP (\\d{3})");
    private static final Pattern LINE = Pattern.compile("line (\\d+)");
    /** How a source's last error is stored: {@code line N: reason} (older rows: the record's own text). */
    private static final Pattern STORED = Pattern.compile("(?:line |ImportError\\[line=)(\\d+)(?::|, reason=) ?(.*?)(?:, text=.*)?\\]?");

    private ImportErrorTexts() {
    }

    /** One rejected line as shown: the sentence, and the line's own text (the user's data) apart from it. */
    record LineError(String text, String excerpt) {
    }

    static LineError line(ImportError e, MessageSource messages, Locale locale) {
        return new LineError(sentence(e.line(), e.reason(), messages, locale), e.text() == null || e.text().isBlank()
                ? null : e.text());
    }

    /** The form stored as a source's last error; {@link #stored} reads it back. */
    static String storedForm(ImportError e) {
        return "line " + e.line() + ": " + e.reason();
    }

    /** A source's stored last error as a sentence; null stays null. */
    static String stored(String lastError, MessageSource messages, Locale locale) {
        if (lastError == null || lastError.isBlank()) {
            return null;
        }
        Matcher m = STORED.matcher(lastError);
        if (m.matches()) {
            return sentence(Integer.parseInt(m.group(1)), m.group(2), messages, locale);
        }
        Matcher http = HTTP.matcher(lastError);
        if (http.matches()) {
            return messages.getMessage("intel.error.http", new Object[] {http.group(1)}, locale);
        }
        return messages.getMessage("intel.error.lastFailed", null, locale);
    }

    static String sentence(int line, String reason, MessageSource messages, Locale locale) {
        String r = reason == null ? "" : reason;
        Matcher columns = COLUMNS.matcher(r);
        if (columns.find()) {
            return messages.getMessage("intel.line.columns", new Object[] {line, columns.group(1), columns.group(2)}, locale);
        }
        String key;
        if (r.startsWith("line longer than")) {
            key = "intel.line.tooLong";
        } else if (r.startsWith("bad CSV")) {
            key = "intel.line.badCsv";
        } else if (r.startsWith("not an IP")) {
            key = "intel.line.notIndicator";
        } else if (r.startsWith("malformed JSON")) {
            key = "intel.line.badJson";
        } else if (r.startsWith("empty input")) {
            key = "intel.line.empty";
        } else if (r.startsWith("no MISP Event") || r.startsWith("not a MISP event")) {
            key = "intel.line.notMisp";
        } else if (r.startsWith("not a STIX object")) {
            key = "intel.line.notStix";
        } else if (r.startsWith("unsupported")) {
            key = "intel.line.unsupported";
        } else if (r.contains("without")) {
            key = "intel.line.missingValue";
        } else if (r.startsWith("bad ")) {
            key = "intel.line.badValue";
        } else {
            key = "intel.line.unreadable";
        }
        return messages.getMessage(key, new Object[] {line}, locale);
    }

    /** A whole feed refused (nothing imported) or a form value refused, as a sentence. */
    static String refusal(RuntimeException e, MessageSource messages, Locale locale) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        Matcher line = LINE.matcher(text);
        Object at = line.find() ? line.group(1) : "?";
        String key;
        if (e instanceof RequestBodies.Refused refused) {
            key = switch (refused.error()) {
                case "feed_too_large", "body_too_large" -> "intel.import.tooLarge";
                case "bad_charset", "unsupported_charset" -> "intel.import.badCharset";
                case "line_too_long" -> "intel.import.lineTooLong";
                case "bad_gzip", "bad_compression", "unsupported_content_encoding" -> "intel.import.badCompression";
                default -> "intel.import.unreadable";
            };
        } else if (text.startsWith("feed format not recognised") || text.startsWith("unknown feed format")) {
            key = "intel.import.unknownFormat";
        } else if (text.startsWith("source name") || text.startsWith("name is required")) {
            key = "intel.import.badName";
        } else if (text.startsWith("format is required")) {
            key = "intel.import.unknownFormat";
        } else if (text.startsWith("url") || text.startsWith("feed URL")) {
            key = "intel.feed.badUrl";
        } else if (text.startsWith("this indicator already")) {
            key = "intel.share.already";
        } else {
            key = "intel.import.unreadable";
        }
        return messages.getMessage(key, new Object[] {at}, locale);
    }
}
