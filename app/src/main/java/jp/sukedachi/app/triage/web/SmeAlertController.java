package jp.sukedachi.app.triage.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.desk.DeskSettings;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.event.Category;
import org.springframework.context.MessageSource;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The company's own alerts for its owner and members, in plain words: what happened, whether it matters, what
 * to do now, whom to call. They may add a note ("that was us"); everything else is the provider's work.
 */
@Controller
@NamedInterface("sme-alerts")
public class SmeAlertController {
    private final AlertRepository alerts;
    private final AlertService service;
    private final MessageSource messages;
    private final DeskSettings desk;

    public SmeAlertController(AlertRepository alerts, AlertService service, MessageSource messages,
            DeskSettings desk) {
        this.alerts = alerts;
        this.service = service;
        this.messages = messages;
        this.desk = desk;
    }

    static void requireCompanyUser(Actor actor) {
        if (actor.role() != Role.TENANT_OWNER && actor.role() != Role.TENANT_MEMBER) {
            throw new AccessDeniedException("this page is for company users; staff use /alerts");
        }
    }

    /**
     * The company's open alerts told plainly, for this page and the SME home, read once: what needs them first
     * (urgent, then by severity, then newest), and the attacks their own UTM blocked summed up in one number
     * instead of listed.
     */
    public record SmeAlerts(List<PlainAlert> actions, long blockedAttacks) {
    }

    public SmeAlerts openAlerts(Actor actor, Locale locale, int limit) {
        List<PlainAlert> actions = new ArrayList<>();
        long blocked = 0;
        for (Alert a : alerts.openOfTenant(actor, actor.tenantId(), 200)) {
            if (a.category() == Category.BLOCKED) {
                blocked += a.count();
            } else {
                actions.add(PlainAlert.of(a, messages, locale));
            }
        }
        actions.sort(Comparator.comparing(PlainAlert::urgent).reversed()
                .thenComparing(p -> p.alert().severity(), Comparator.reverseOrder())
                .thenComparing(p -> p.alert().lastSeen(), Comparator.reverseOrder()));
        return new SmeAlerts(List.copyOf(actions.subList(0, Math.min(limit, actions.size()))), blocked);
    }

    @GetMapping("/my/alerts")
    public String list(Actor actor, Locale locale, Model model) {
        requireCompanyUser(actor);
        SmeAlerts open = openAlerts(actor, locale, 50);
        model.addAttribute("plainAlerts", open.actions());
        model.addAttribute("blockedAttacks", open.blockedAttacks());
        model.addAttribute("deskPhone", desk.hasPhone() ? desk.phone() : null);
        return "alerts-sme";
    }

    @GetMapping("/my/alerts/{id}")
    public String detail(Actor actor, @PathVariable UUID id, Locale locale, Model model) {
        requireCompanyUser(actor);
        Alert a = alerts.find(actor, id).orElseThrow(() -> new NotFoundException("alert"));
        model.addAttribute("plain", PlainAlert.of(a, messages, locale));
        model.addAttribute("history", alerts.history(actor, id).stream()
                .filter(h -> "COMMENT".equals(h.action())).toList());
        model.addAttribute("deskPhone", desk.hasPhone() ? desk.phone() : null);
        return "alert-sme";
    }

    @PostMapping("/my/alerts/{id}/comment")
    public String comment(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String text, Locale locale, Model model,
            HttpServletResponse response) {
        requireCompanyUser(actor);
        try {
            service.comment(actor, id, text);
        } catch (IllegalArgumentException e) {
            AlertConsoleController.refused(response, model, "commentError",
                    InvalidInput.describe(messages, e, locale));
            model.addAttribute("commentText", text);
            return detail(actor, id, locale, model);
        }
        return "redirect:/my/alerts/" + id;
    }
}
