package jp.sukedachi.app.statement;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.shared.Accepts;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/tenants/{slug}/statements?month=YYYY-MM}: the statement as a PDF ({@code Accept:
 * application/pdf}, also for no Accept or a wildcard) or as CSV ({@code Accept: text/csv}); 406 for any other
 * type, 400 for a malformed or future month, 404 for a company that is not the caller's. The company is checked
 * first, so nothing about another company (not even whether its month is valid) is told. Errors are plain text: a
 * client asking for a PDF can always read them.
 */
@RestController
class StatementApiController {
    private final Statements statements;
    private final StatementDocuments documents;

    StatementApiController(Statements statements, StatementDocuments documents) {
        this.statements = statements;
        this.documents = documents;
    }

    @GetMapping("/api/v1/tenants/{slug}/statements")
    ResponseEntity<byte[]> statement(Actor actor, @PathVariable String slug,
            @RequestParam(required = false) String month,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, Locale locale) {
        Tenant tenant = statements.companyBySlug(actor, slug);
        MediaType type = chosen(accept);
        if (type == null) {
            return plain(HttpStatus.NOT_ACCEPTABLE, "this resource is available as application/pdf or text/csv; "
                    + "Accept was: " + (accept.length() > 200 ? accept.substring(0, 200) + "…" : accept));
        }
        UsageStatement s;
        try {
            s = statements.build(actor, tenant, statements.month(month));
        } catch (Statements.BadMonth e) {
            return plain(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return type.equals(MediaType.APPLICATION_PDF) ? StatementResponses.pdf(documents, s, locale)
                : StatementResponses.csv(documents, s, locale);
    }

    /**
     * PDF or CSV, whichever the Accept header gives the higher quality (the most specific matching entry counts, as
     * in RFC 9110); PDF on a tie; null when it takes neither.
     */
    static MediaType chosen(String accept) {
        return Accepts.best(accept, List.of(MediaType.APPLICATION_PDF, StatementResponses.CSV));
    }

    private static ResponseEntity<byte[]> plain(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
