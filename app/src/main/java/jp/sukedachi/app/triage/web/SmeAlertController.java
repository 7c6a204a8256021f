package jp.sukedachi.app.triage.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.desk.DeskContact;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.app.triage.CategoryLabels;
import jp.sukedachi.app.triage.OwnerStories;
import jp.sukedachi.app.triage.OwnerStory;
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
    private final DeskContact desk;
    private final OwnerStories stories;

    public SmeAlertController(AlertRepository alerts, AlertService service, MessageSource messages,
            DeskContact desk, OwnerStories stories) {
        this.stories = stories;
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
     * The company's open alerts told plainly, for this page and the SME home, read once: one card per PC (or per
     * mail attachment, or per incident) telling the most serious story and listing the other kinds as "also seen",
     * what needs them first (urgent, then by severity, then newest), and the attacks their own UTM blocked that
     * were alerted before blocks became a statistic (V37) summed up in one number instead of listed. A block that
     * escalated (from a PC of the office, aimed at a PC already calling out, an unusual burst) is a card.
     */
    public record SmeAlerts(List<PlainAlert> actions, long blockedAttacks) {
    }

    public SmeAlerts openAlerts(Actor actor, Locale locale, int limit) {
        List<Alert> open = new ArrayList<>();
        long blocked = 0;
        for (Alert a : alerts.openOfTenant(actor, actor.tenantId(), 200)) {
            if (!a.needsHuman()) { // an old blocked alert: a statistic now (V37)
                blocked += a.count();
            } else {
                open.add(a);
            }
        }
        Map<UUID, OwnerStory> storyOf = stories.of(actor.tenantId(), open);
        Map<String, List<Alert>> groups = new LinkedHashMap<>();
        for (Alert a : open) {
            groups.computeIfAbsent(storyOf.get(a.id()).group(a.id(), a.incidentId()), k -> new ArrayList<>()).add(a);
        }
        List<PlainAlert> actions = new ArrayList<>();
        for (List<Alert> group : groups.values()) {
            actions.add(card(group, storyOf, locale));
        }
        actions.sort(Comparator.comparing(PlainAlert::urgent).reversed()
                .thenComparing(p -> p.alert().severity(), Comparator.reverseOrder())
                .thenComparing(p -> p.alert().lastSeen(), Comparator.reverseOrder()));
        return new SmeAlerts(List.copyOf(actions.subList(0, Math.min(limit, actions.size()))), blocked);
    }

    /** The group's most serious alert tells the story (then the most severe, then the newest); the rest are listed. */
    private PlainAlert card(List<Alert> group, Map<UUID, OwnerStory> storyOf, Locale locale) {
        Alert lead = group.getFirst();
        for (Alert a : group) {
            Category worse = OwnerStory.moreSerious(lead.category(), a.category());
            if (worse != lead.category() || (a.category() == lead.category()
                    && (a.severity().compareTo(lead.severity()) > 0 || (a.severity() == lead.severity()
                            && a.lastSeen().isAfter(lead.lastSeen()))))) {
                lead = a;
            }
        }
        PlainAlert card = PlainAlert.of(lead, storyOf.get(lead.id()), messages, locale);
        if (group.size() == 1) {
            return card;
        }
        Set<String> also = new LinkedHashSet<>();
        boolean urgent = false;
        for (Alert a : group) {
            urgent |= a.urgent();
            if (a.category() != lead.category()) {
                also.add(CategoryLabels.of(a.category(), messages, locale));
            }
        }
        return card.with(List.copyOf(also), group.size(), urgent);
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
        model.addAttribute("plain", PlainAlert.of(a, stories.told(actor.tenantId(), a.id(), a.category(), a.entity()),
                messages, locale));
        // The repository leaves out the staff's internal comments for a company user.
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
            service.comment(actor, id, text, true); // a company's own note: always visible to both sides
        } catch (IllegalArgumentException e) {
            AlertConsoleController.refused(response, model, "commentError",
                    InvalidInput.describe(messages, e, locale));
            model.addAttribute("commentText", text);
            return detail(actor, id, locale, model);
        }
        return "redirect:/my/alerts/" + id;
    }
}
