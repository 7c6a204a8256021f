package jp.sukedachi.app.incident;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reporting page of an incident (staff): the facts form, every party with its deadline and marking buttons, and
 * a draft per party to copy — never sent from here. The incident page's panel posts its buttons here too.
 */
@Controller
class ReportingController {
    private final IncidentReporting reporting;
    private final IncidentDrafts drafts;
    private final TenantRepository tenants;
    private final MessageSource messages;

    ReportingController(IncidentReporting reporting, IncidentDrafts drafts, TenantRepository tenants,
            MessageSource messages) {
        this.reporting = reporting;
        this.drafts = drafts;
        this.tenants = tenants;
        this.messages = messages;
    }

    /** A draft as the page shows it. */
    public record DraftView(String party, String partyKey, boolean police, String subject, String body, String url) {
        static DraftView of(ReportingDrafts.Draft d) {
            return new DraftView(d.party().path(), d.party().labelKey(), d.party() == ReportingParty.POLICE,
                    d.subject(), d.body(), d.url());
        }
    }

    @GetMapping("/incidents/{id}/reporting")
    public String page(Actor actor, @PathVariable UUID id, Locale locale, Model model) {
        IncidentReporting.Plan plan = reporting.plan(actor, id);
        if (!IncidentReporting.isStaff(actor)) {
            throw new AccessDeniedException("the reporting page is for provider staff");
        }
        Incident i = plan.incident();
        model.addAttribute("incident", i.summary());
        model.addAttribute("learnedAt", plan.facts().learnedAt());
        model.addAttribute("facts", ReportingApiController.FactsAnswer.of(plan.facts()));
        model.addAttribute("personalDataChoices", ReportingFacts.PersonalData.values());
        model.addAttribute("ext", ReportingExtension.staffData(plan));
        model.addAttribute("staff", true);
        model.addAttribute("onReportingPage", true);
        model.addAttribute("drafts", drafts.drafts(actor, plan, locale).stream().map(DraftView::of).toList());
        model.addAttribute("tenant", tenants.find(actor, i.tenantId()).orElse(null));
        return "incident/reporting";
    }

    @PostMapping("/incidents/{id}/reporting/facts")
    public String facts(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String personalData,
            @RequestParam(required = false) String people,
            @RequestParam(defaultValue = "false") boolean sensitiveData,
            @RequestParam(defaultValue = "false") boolean financialData,
            @RequestParam(defaultValue = "false") boolean encrypted,
            @RequestParam(defaultValue = "false") boolean partnersAffected,
            @RequestParam(defaultValue = "false") boolean moneyLost,
            @RequestParam(defaultValue = "false") boolean crimeSuspected, Locale locale, RedirectAttributes redirect) {
        reporting.staffIncident(actor, id); // 404 or 403 before any input is judged
        try {
            reporting.saveFacts(actor, id, new ReportingExtension.Answers(personalData, people(people), sensitiveData,
                    financialData, encrypted, partnersAffected, moneyLost, crimeSuspected));
            redirect.addFlashAttribute("saved", true);
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("error", InvalidInput.describe(messages, e, locale));
        }
        return "redirect:/incidents/" + id + "/reporting";
    }

    @PostMapping("/incidents/{id}/reporting/{party}/sent")
    public String sent(Actor actor, @PathVariable UUID id, @PathVariable String party,
            @RequestParam(required = false) String sentAt, @RequestParam(required = false) String note,
            @RequestParam(required = false) String back, Locale locale, RedirectAttributes redirect) {
        try {
            reporting.markSent(actor, id, party(party), localTime(sentAt), note);
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("error", InvalidInput.describe(messages, e, locale));
        }
        return back(id, back);
    }

    @PostMapping("/incidents/{id}/reporting/{party}/not-needed")
    public String notNeeded(Actor actor, @PathVariable UUID id, @PathVariable String party,
            @RequestParam(required = false) String note, @RequestParam(required = false) String back, Locale locale,
            RedirectAttributes redirect) {
        try {
            reporting.markNotNeeded(actor, id, party(party), note);
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("error", InvalidInput.describe(messages, e, locale));
        }
        return back(id, back);
    }

    /** Back to the incident's page (its panel) or to the reporting page: never anywhere else. */
    private static String back(UUID id, String back) {
        return "redirect:/incidents/" + id + ("incident".equals(back) ? "#ext-reporting" : "/reporting");
    }

    static ReportingParty party(String text) {
        ReportingParty p = ReportingParty.parse(text);
        if (p == null) {
            throw new NotFoundException("reporting party");
        }
        return p;
    }

    static Integer people(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip().replace(",", "").replace("，", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInput("people", "reporting.facts.peopleInvalid", null, "people must be a number");
        }
    }

    /** A time typed on the page (Japan time, {@code 2026-06-02T09:00}); empty: now. */
    static Instant localTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(Formats.TOKYO).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("sentAt", "reporting.sentAt.invalid", null, "sentAt must look like 2026-06-02T09:00");
        }
    }
}
