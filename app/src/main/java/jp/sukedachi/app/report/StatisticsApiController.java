package jp.sukedachi.app.report;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.app.pdf.PdfResponses;
import jp.sukedachi.app.report.ProgramStatistics.Figures;
import jp.sukedachi.app.report.ProgramStatistics.Statistics;
import jp.sukedachi.app.shared.Accepts;
import jp.sukedachi.app.shared.Actor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/statistics?from=YYYY-MM-DD&to=YYYY-MM-DD&groupBy=industry|size|prefecture|month|none}: the
 * program statistics as JSON (the default, also for no Accept or a wildcard), CSV ({@code Accept: text/csv}) or the
 * one-page PDF fact sheet ({@code Accept: application/pdf}). 403 for anyone but the provider's admins and analysts
 * (checked first), 406 for any other type, 400 naming the parameter for a malformed date, from after to, a period
 * over five years or an unknown groupBy.
 */
@RestController
class StatisticsApiController {
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final List<MediaType> OFFERED = List.of(MediaType.APPLICATION_JSON, CSV, MediaType.APPLICATION_PDF);

    private final ProgramStatistics statistics;
    private final StatisticsDocuments documents;

    StatisticsApiController(ProgramStatistics statistics, StatisticsDocuments documents) {
        this.statistics = statistics;
        this.documents = documents;
    }

    @GetMapping("/api/v1/statistics")
    ResponseEntity<?> statistics(Actor actor, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String groupBy,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, Locale locale) {
        ProgramStatistics.requireStaff(actor);
        MediaType type = chosen(accept);
        if (type == null) {
            return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
                    .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                    .body(("the statistics are available as application/json, text/csv or application/pdf; Accept was: "
                            + (accept.length() > 200 ? accept.substring(0, 200) + "…" : accept) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
        Statistics s = statistics.compute(actor, statistics.period(from, to), ProgramStatistics.GroupBy.parse(groupBy),
                locale);
        if (type.equals(CSV)) {
            return csv(documents, s, locale);
        }
        if (type.equals(MediaType.APPLICATION_PDF)) {
            return PdfResponses.attachment(documents.pdf(s, locale), documents.fileName(s, "pdf"));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store").body(json(s));
    }

    static ResponseEntity<byte[]> csv(StatisticsDocuments documents, Statistics s, Locale locale) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(documents.fileName(s, "csv"), StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(documents.csv(s, locale));
    }

    /** JSON, CSV or PDF, whichever the Accept header rates highest; JSON for none or a tie; null for none. */
    static MediaType chosen(String accept) {
        return Accepts.best(accept, OFFERED);
    }

    static Map<String, Object> json(Statistics s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", s.period().from().toString());
        out.put("to", s.period().to().toString());
        out.put("groupBy", s.groupBy().code());
        out.putAll(figures(s.totals()));
        out.put("funnel", s.funnel().stream().map(step -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", step.key());
            m.put("label", step.label());
            m.put("count", step.count());
            return m;
        }).toList());
        out.put("months", s.months().stream().map(m -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("month", m.month().toString());
            row.putAll(figures(m.figures()));
            return row;
        }).toList());
        out.put("groups", s.groups().stream().map(g -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", g.key());
            row.put("label", g.label());
            row.putAll(figures(g.figures()));
            return row;
        }).toList());
        return out;
    }

    private static Map<String, Object> figures(Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("companies", f.companies());
        m.put("devices", f.devices());
        m.put("events", f.events());
        m.put("suspiciousAccesses", f.suspiciousAccesses());
        m.put("blocked", f.blocked());
        m.put("malware", f.malware());
        m.put("alerts", f.alerts());
        m.put("alertsNeedingHuman", f.alertsNeedingHuman());
        m.put("incidents", f.incidents());
        m.put("visits", f.visits());
        m.put("claims", f.claims());
        return m;
    }
}
