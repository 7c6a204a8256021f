package jp.sukedachi.app.statement;

import java.time.YearMonth;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The statement pages: provider staff open a company's from its page ({@code /tenants/{id}/statements}), the
 * company's owner their own ({@code /my/statements}). Each picks a month, shows its figures and links the PDF and
 * the CSV. Without a month the last finished month is shown.
 */
@Controller
class StatementController {
    private final Statements statements;
    private final StatementDocuments documents;

    StatementController(Statements statements, StatementDocuments documents) {
        this.statements = statements;
        this.documents = documents;
    }

    @GetMapping("/tenants/{id}/statements")
    String staffPage(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String month, Locale locale,
            Model model) {
        Tenant tenant = statements.company(actor, id);
        return page(actor, tenant, month, "/tenants/" + tenant.id() + "/statements", locale, model);
    }

    @GetMapping("/tenants/{id}/statements/pdf")
    ResponseEntity<byte[]> staffPdf(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String month,
            Locale locale) {
        Tenant tenant = statements.company(actor, id);
        return StatementResponses.pdf(documents, statements.build(actor, tenant, statements.month(month)), locale);
    }

    @GetMapping("/tenants/{id}/statements/csv")
    ResponseEntity<byte[]> staffCsv(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String month,
            Locale locale) {
        Tenant tenant = statements.company(actor, id);
        return StatementResponses.csv(documents, statements.build(actor, tenant, statements.month(month)), locale);
    }

    @GetMapping("/my/statements")
    String ownerPage(Actor actor, @RequestParam(required = false) String month, Locale locale, Model model) {
        return page(actor, own(actor), month, "/my/statements", locale, model);
    }

    @GetMapping("/my/statements/pdf")
    ResponseEntity<byte[]> ownerPdf(Actor actor, @RequestParam(required = false) String month, Locale locale) {
        Tenant tenant = own(actor);
        return StatementResponses.pdf(documents, statements.build(actor, tenant, statements.month(month)), locale);
    }

    @GetMapping("/my/statements/csv")
    ResponseEntity<byte[]> ownerCsv(Actor actor, @RequestParam(required = false) String month, Locale locale) {
        Tenant tenant = own(actor);
        return StatementResponses.csv(documents, statements.build(actor, tenant, statements.month(month)), locale);
    }

    private Tenant own(Actor actor) {
        if (actor.tenantId() == null) {
            throw new AccessDeniedException("this page is for a company's owner; staff use /tenants/{id}/statements");
        }
        return statements.company(actor, actor.tenantId());
    }

    private String page(Actor actor, Tenant tenant, String month, String base, Locale locale, Model model) {
        YearMonth m = statements.month(month);
        UsageStatement s = statements.build(actor, tenant, m);
        model.addAttribute("tenant", tenant);
        model.addAttribute("statement", s);
        model.addAttribute("month", m.toString());
        model.addAttribute("monthName", documents.monthName(s, locale));
        model.addAttribute("period", documents.period(s, locale));
        model.addAttribute("months", statements.recentMonths().stream().map(YearMonth::toString).toList());
        model.addAttribute("facts", documents.facts(s, locale));
        model.addAttribute("base", base);
        return "statement/statements";
    }
}
