package jp.sukedachi.app.statement;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import jp.sukedachi.app.pdf.PdfResponses;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A statement as a download, named after the company's short name and the month. */
final class StatementResponses {
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private StatementResponses() {
    }

    static String fileName(UsageStatement s, String extension) {
        String slug = s.tenant().slug() == null || s.tenant().slug().isBlank() ? "company"
                : s.tenant().slug().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return "usage-statement-" + slug + "-" + s.month() + "." + extension;
    }

    static ResponseEntity<byte[]> pdf(StatementDocuments documents, UsageStatement s, Locale locale) {
        return PdfResponses.attachment(documents.pdf(s, locale), fileName(s, "pdf"));
    }

    static ResponseEntity<byte[]> csv(StatementDocuments documents, UsageStatement s, Locale locale) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName(s, "csv"), StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(documents.csv(s, locale));
    }
}
