package jp.sukedachi.app.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.pdf.PdfResponses;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monthly reports over the API: {@code GET /api/v1/tenants/{slug}/reports?month=YYYY-MM} lists a company's
 * reports (every month without {@code month}); {@code POST} the same path with {@code month} generates one now
 * (201 with its metadata; an existing one only with {@code regenerate=true}, else 409 naming it; 409 too for
 * one being or already mailed, which is never replaced); {@code GET
 * /api/v1/reports/{id}} is the PDF. 400 for a malformed, future or pre-2020 month; 404 for another company's.
 */
@RestController
class ReportApiController {
    private final ReportArchive archive;
    private final Clock clock;

    ReportApiController(ReportArchive archive, Clock clock) {
        this.archive = archive;
        this.clock = clock;
    }

    /** A report as the API shows it; a field without a value (not sent yet, no comment) is null, never left out. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ReportJson(UUID id, String company, String month, String language, String status, Instant generatedAt,
            String generatedBy, Instant sentAt, Instant sendAfter, int pages, String headline, ReportFigures figures,
            String sha256, String comment, String pdf) {
        static ReportJson of(Tenant tenant, ArchivedReport r) {
            return new ReportJson(r.id(), tenant.slug(), r.month().toString(), r.language(),
                    r.status().name().toLowerCase(Locale.ROOT).replace('_', '-'), r.generatedAt(), r.generatedBy(),
                    r.sentAt(), r.sendAfter(), r.pages(), r.headline(), r.figures(), r.sha256(), r.comment(),
                    "/api/v1/reports/" + r.id());
        }
    }

    @GetMapping("/api/v1/tenants/{slug}/reports")
    List<ReportJson> list(Actor actor, @PathVariable String slug, @RequestParam(required = false) String month) {
        Tenant tenant = archive.companyBySlug(actor, slug);
        YearMonth m = month == null ? null : ReportMonths.parse(month, null, clock);
        return archive.list(actor, tenant, m).stream().map(r -> ReportJson.of(tenant, r)).toList();
    }

    @PostMapping("/api/v1/tenants/{slug}/reports")
    ResponseEntity<?> generate(Actor actor, @PathVariable String slug, @RequestParam(required = false) String month,
            @RequestParam(defaultValue = "ja") String language,
            @RequestParam(defaultValue = "false") boolean regenerate) {
        Tenant tenant = archive.companyBySlug(actor, slug);
        YearMonth m = ReportMonths.parse(month, null, clock);
        if (!language.equals(ReportArchive.JAPANESE) && !language.equals(ReportArchive.ENGLISH)) {
            throw new IllegalArgumentException("language must be ja or en, got "
                    + (language.length() > 20 ? language.substring(0, 20) + "…" : language));
        }
        try {
            ArchivedReport r = archive.generate(actor, tenant, m, language, regenerate);
            return ResponseEntity.created(URI.create("/api/v1/reports/" + r.id())).body(ReportJson.of(tenant, r));
        } catch (ReportArchive.AlreadyGenerated e) {
            return conflict(tenant, e.getMessage(), e.existing);
        } catch (ReportArchive.AlreadyMailed e) {
            return conflict(tenant, e.getMessage(), e.existing);
        }
    }

    private static ResponseEntity<ProblemDetail> conflict(Tenant tenant, String detail, ArchivedReport existing) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setProperty("existing", ReportJson.of(tenant, existing));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @GetMapping("/api/v1/reports/{id}")
    ResponseEntity<byte[]> pdf(Actor actor, @PathVariable UUID id) {
        ArchivedReport r = archive.report(actor, id);
        Tenant tenant = archive.company(actor, r.tenantId());
        return PdfResponses.attachment(archive.download(actor, r), ReportJob.fileName(tenant, r));
    }
}
