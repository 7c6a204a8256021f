package jp.sukedachi.app.insurance;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Reading the claim forms and API fields (lines, yen, days) and answering downloads and refusals. */
final class ClaimForms {
    private ClaimForms() {
    }

    /** A coverage line by name; null when blank; an unknown name is refused. */
    static CoverageLine line(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return CoverageLine.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("line", "claim.error.line", null, "unknown coverage line " + value.strip());
        }
    }

    /** Whole yen, as typed ("412000" or "412,000"); null when blank. */
    static Long yen(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip().replace(",", "").replace("円", "").strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, "claim.error.yen", null, "not a whole number of yen: " + value,
                    Claims.MAX_ITEM_YEN);
        }
    }

    /** A day YYYY-MM-DD; null when blank. */
    static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw new InvalidInput(field, "claim.error.day", null, "not a day (YYYY-MM-DD): " + value);
        }
    }

    static ResponseEntity<byte[]> zip(byte[] zip, String fileName) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType("application/zip")).body(zip);
    }

    /**
     * The refusal in the reader's language, and the page's status set to match: 400 for input, 409/422 for a
     * claim rule.
     */
    static String refusal(MessageSource messages, RuntimeException e, Locale locale) {
        int status = e instanceof ClaimRefused r ? r.status().value() : 400;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setStatus(status);
        }
        return e instanceof MessageSourceResolvable r ? messages.getMessage(r, locale)
                : messages.getMessage("input.invalidPlain", null, locale);
    }
}
