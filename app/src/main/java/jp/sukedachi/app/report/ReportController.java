package jp.sukedachi.app.report;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.pdf.PdfResponses;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The monthly report pages: a company's reports for staff ({@code /tenants/{id}/reports}: download, comment, send
 * now, generate or regenerate), one month across companies for staff ({@code /reports}) and the owner's own
 * ({@code /my/reports}: list and download in Japanese or English). Members and other roles are refused (403).
 */
@Controller
class ReportController {
    private final ReportArchive archive;
    private final ReportJob job;
    private final TenantRepository tenants;
    private final MessageSource messages;
    private final Clock clock;

    ReportController(ReportArchive archive, ReportJob job, TenantRepository tenants, MessageSource messages,
            Clock clock) {
        this.archive = archive;
        this.job = job;
        this.tenants = tenants;
        this.messages = messages;
        this.clock = clock;
    }

    /** A row of a page: a month's Japanese report and its mails (staff only). */
    record Row(YearMonth month, ArchivedReport report, List<ArchivedReport.Delivery> deliveries) {
    }

    @GetMapping("/tenants/{id}/reports")
    String staffPage(Actor actor, @PathVariable UUID id, Model model) {
        Tenant tenant = archive.company(actor, id);
        staffOnly(actor);
        model.addAttribute("tenant", tenant);
        model.addAttribute("rows", rows(actor, tenant, true));
        model.addAttribute("months", ReportMonths.recent(clock).stream().map(YearMonth::toString).toList());
        model.addAttribute("lastMonth", ReportMonths.current(clock).minusMonths(1).toString());
        model.addAttribute("mailConfigured", job.mailConfigured());
        model.addAttribute("recipients", archive.recipients(tenant.id()));
        model.addAttribute("maxComment", ReportArchive.MAX_COMMENT);
        return "report/tenant-reports";
    }

    @PostMapping("/tenants/{id}/reports/generate")
    String generate(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String month,
            @RequestParam(defaultValue = "false") boolean regenerate, Locale locale, RedirectAttributes redirect) {
        Tenant tenant = archive.company(actor, id);
        staffOnly(actor);
        YearMonth m = ReportMonths.parse(month, null, clock);
        try {
            archive.generate(actor, tenant, m, ReportArchive.JAPANESE, regenerate);
            redirect.addFlashAttribute("notice", messages.getMessage(regenerate ? "reportArchive.notice.regenerated"
                    : "reportArchive.notice.generated", new Object[] {m.toString()}, locale));
        } catch (ReportArchive.AlreadyGenerated e) {
            redirect.addFlashAttribute("errorText", messages.getMessage("reportArchive.error.exists",
                    new Object[] {m.toString()}, locale));
        } catch (ReportArchive.AlreadyMailed e) {
            redirect.addFlashAttribute("errorText", messages.getMessage("reportArchive.error.mailed",
                    new Object[] {m.toString()}, locale));
        }
        return "redirect:/tenants/" + id + "/reports";
    }

    @PostMapping("/tenants/{id}/reports/{reportId}/comment")
    String comment(Actor actor, @PathVariable UUID id, @PathVariable UUID reportId,
            @RequestParam(defaultValue = "") String comment, Locale locale, RedirectAttributes redirect) {
        ArchivedReport r = ofCompany(actor, id, reportId);
        archive.comment(actor, r, comment);
        redirect.addFlashAttribute("notice", messages.getMessage("reportArchive.notice.commented",
                new Object[] {r.month().toString()}, locale));
        return "redirect:/tenants/" + id + "/reports";
    }

    @PostMapping("/tenants/{id}/reports/{reportId}/send")
    String send(Actor actor, @PathVariable UUID id, @PathVariable UUID reportId, Locale locale,
            RedirectAttributes redirect) {
        ArchivedReport r = archive.sendNow(actor, ofCompany(actor, id, reportId));
        redirect.addFlashAttribute("notice", messages.getMessage(r.status() == ArchivedReport.Status.NO_RECIPIENTS
                ? "reportArchive.notice.noRecipients" : "reportArchive.notice.queued",
                new Object[] {r.month().toString()}, locale));
        return "redirect:/tenants/" + id + "/reports";
    }

    @GetMapping("/tenants/{id}/reports/pdf")
    ResponseEntity<byte[]> staffPdf(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String month,
            @RequestParam(defaultValue = "ja") String lang) {
        Tenant tenant = archive.company(actor, id);
        return pdf(actor, tenant, month, lang);
    }

    @GetMapping("/reports")
    String overview(Actor actor, @RequestParam(required = false) String month, Model model) {
        staffOnly(actor);
        YearMonth m = ReportMonths.parse(month, ReportMonths.current(clock).minusMonths(1), clock);
        Map<UUID, ArchivedReport> reports = archive.overview(actor, m);
        Map<Tenant, ArchivedReport> rows = new LinkedHashMap<>();
        for (Tenant t : tenants.findVisible(actor)) {
            if (t.createdAt().isBefore(ReportArchive.monthEnd(m)) || reports.containsKey(t.id())) {
                rows.put(t, reports.get(t.id()));
            }
        }
        model.addAttribute("month", m.toString());
        model.addAttribute("months", ReportMonths.recent(clock).stream().map(YearMonth::toString).toList());
        model.addAttribute("rows", rows);
        model.addAttribute("mailConfigured", job.mailConfigured());
        return "report/reports";
    }

    @GetMapping("/my/reports")
    String ownerPage(Actor actor, Model model) {
        Tenant tenant = archive.own(actor);
        model.addAttribute("tenant", tenant);
        model.addAttribute("rows", rows(actor, tenant, false));
        return "report/my-reports";
    }

    @GetMapping("/my/reports/pdf")
    ResponseEntity<byte[]> ownerPdf(Actor actor, @RequestParam(required = false) String month,
            @RequestParam(defaultValue = "ja") String lang) {
        return pdf(actor, archive.own(actor), month, lang);
    }

    private ResponseEntity<byte[]> pdf(Actor actor, Tenant tenant, String month, String lang) {
        YearMonth m = ReportMonths.parse(month, ReportMonths.current(clock).minusMonths(1), clock);
        String language = ReportArchive.ENGLISH.equals(lang) ? ReportArchive.ENGLISH : ReportArchive.JAPANESE;
        ArchivedReport r = archive.inLanguage(actor, tenant, m, language)
                .orElseThrow(() -> new NotFoundException("report"));
        return PdfResponses.attachment(archive.download(actor, r), ReportJob.fileName(tenant, r));
    }

    private List<Row> rows(Actor actor, Tenant tenant, boolean withMails) {
        List<Row> out = new ArrayList<>();
        for (ArchivedReport r : archive.list(actor, tenant, null)) {
            if (ReportArchive.JAPANESE.equals(r.language())) {
                out.add(new Row(r.month(), r, withMails ? archive.deliveries(actor, r) : List.of()));
            }
        }
        return out;
    }

    private ArchivedReport ofCompany(Actor actor, UUID tenantId, UUID reportId) {
        staffOnly(actor);
        ArchivedReport r = archive.report(actor, reportId);
        if (!r.tenantId().equals(tenantId) || !ReportArchive.JAPANESE.equals(r.language())) {
            throw new NotFoundException("report");
        }
        return r;
    }

    private static void staffOnly(Actor actor) {
        if (actor.tenantId() != null || !(actor.isAdmin() || actor.role() == jp.sukedachi.app.shared.Role.ANALYST)) {
            throw new AccessDeniedException("this page is for provider staff; a company's owner uses /my/reports");
        }
    }
}
