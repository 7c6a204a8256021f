package jp.sukedachi.app.triage.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.app.shared.Formats;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Suppressions for staff: what is silenced, why and until when; add one, end one. */
@Controller
class SuppressionController {
    private final AlertRepository alerts;
    private final AlertService service;
    private final TenantRepository tenants;
    private final Clock clock;
    private final MessageSource messages;

    SuppressionController(AlertRepository alerts, AlertService service, TenantRepository tenants, Clock clock,
            MessageSource messages) {
        this.alerts = alerts;
        this.service = service;
        this.tenants = tenants;
        this.clock = clock;
        this.messages = messages;
    }

    /** What was typed into the add form, shown again when it is refused. */
    public record Entered(UUID tenantId, String key, String ruleId, String reason, LocalDate until) {
    }

    @GetMapping("/suppressions")
    public String list(Actor actor, @RequestParam(required = false) String key, Model model) {
        service.requireStaffRead(actor);
        var visible = tenants.findVisible(actor);
        model.addAttribute("suppressions", alerts.suppressions(actor, clock.instant()));
        model.addAttribute("tenants", visible);
        model.addAttribute("tenantNames", visible.stream()
                .collect(Collectors.toMap(t -> t.id(), t -> t.name())));
        model.addAttribute("prefillKey", key);
        return "suppressions";
    }

    @PostMapping("/suppressions")
    public String add(Actor actor, @RequestParam(required = false) UUID tenantId,
            @RequestParam(defaultValue = "") String key, @RequestParam(defaultValue = "") String ruleId,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
            RedirectAttributes redirect, Model model, Locale locale, HttpServletResponse response) {
        try {
            // A date past year 9999 cannot even be moved to its next midnight: it is "too far", as the service says.
            service.suppress(actor, tenantId, key, ruleId, reason, until == null ? null
                    : until.getYear() > 9999 ? Instant.MAX : until.plusDays(1).atStartOfDay(Formats.TOKYO).toInstant());
        } catch (IllegalArgumentException e) {
            // Refused: the page again with the reason and everything typed, never a silent cut.
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("formError", InvalidInput.describe(messages, e, locale));
            model.addAttribute("entered", new Entered(tenantId, key, ruleId, reason, until));
            return list(actor, key, model);
        }
        redirect.addFlashAttribute("notice", "suppression.added");
        return "redirect:/suppressions";
    }

    @PostMapping("/suppressions/{id}/end")
    public String end(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        service.endSuppression(actor, id);
        redirect.addFlashAttribute("notice", "suppression.ended");
        return "redirect:/suppressions";
    }
}
