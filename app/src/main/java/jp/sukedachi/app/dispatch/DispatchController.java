package jp.sukedachi.app.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.Prefecture;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff's dispatch pages: the queue of open visits (unassigned first, then by target arrival), one visit with
 * the responders to assign (those covering the company's prefecture and available first), the request form of an
 * incident's visit, and the responders' profiles.
 */
@Controller
class DispatchController {
    private final Visits visits;
    private final Responders responders;
    private final TenantRepository tenants;
    private final MessageSource messages;

    DispatchController(Visits visits, Responders responders, TenantRepository tenants, MessageSource messages) {
        this.visits = visits;
        this.responders = responders;
        this.tenants = tenants;
        this.messages = messages;
    }

    @GetMapping("/dispatch")
    String queue(Actor actor, Model model) {
        Visits.requireStaff(actor);
        model.addAttribute("queue", visits.openQueue(actor));
        model.addAttribute("tenantNames", tenantNames(actor));
        model.addAttribute("now", visits.now());
        return "dispatch/queue";
    }

    @GetMapping("/dispatch/visits/{id}")
    String visit(Actor actor, @PathVariable UUID id, Model model) {
        Visits.requireStaff(actor);
        Visit visit = visits.find(actor, id).orElseThrow(() -> new NotFoundException("visit"));
        model.addAttribute("visit", visit);
        model.addAttribute("tenant", tenants.find(actor, visit.tenantId()).orElse(null));
        model.addAttribute("suggestions", visits.suggestions(actor, visit));
        model.addAttribute("evidence", visits.evidence(actor, id));
        model.addAttribute("now", visits.now());
        return "dispatch/visit-staff";
    }

    @PostMapping("/dispatch/visits/{id}/assign")
    String assign(Actor actor, @PathVariable UUID id, @RequestParam(required = false) UUID responderId, Model model,
            Locale locale) {
        try {
            visits.assign(actor, id, responderId);
            return "redirect:/dispatch/visits/" + id;
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", DispatchForms.refusal(messages, e, locale));
            return visit(actor, id, model);
        }
    }

    @PostMapping("/dispatch/visits/{id}/cancel")
    String cancel(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason, Model model,
            Locale locale) {
        try {
            visits.cancel(actor, id, reason);
            return "redirect:/dispatch/visits/" + id;
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", DispatchForms.refusal(messages, e, locale));
            return visit(actor, id, model);
        }
    }

    @GetMapping("/dispatch/incidents/{incidentId}/visits/new")
    String requestForm(Actor actor, @PathVariable UUID incidentId, Model model) {
        VisitRequest defaults = visits.defaults(actor, incidentId);
        return requestPage(actor, incidentId, defaults.address(), defaults.contactName(), defaults.contactPhone(),
                DispatchForms.local(defaults.windowStart()), DispatchForms.local(defaults.windowEnd()), "", model);
    }

    @PostMapping("/dispatch/incidents/{incidentId}/visits")
    String request(Actor actor, @PathVariable UUID incidentId, @RequestParam(defaultValue = "") String address,
            @RequestParam(defaultValue = "") String contactName, @RequestParam(defaultValue = "") String contactPhone,
            @RequestParam(defaultValue = "") String windowStart, @RequestParam(defaultValue = "") String windowEnd,
            @RequestParam(defaultValue = "") String notes, Model model, Locale locale) {
        try {
            Visit visit = visits.request(actor, incidentId, new VisitRequest(
                    DispatchForms.localTime("windowStart", windowStart), DispatchForms.localTime("windowEnd", windowEnd),
                    address, contactName, contactPhone, notes));
            return "redirect:/dispatch/visits/" + visit.id();
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", DispatchForms.refusal(messages, e, locale));
            return requestPage(actor, incidentId, address, contactName, contactPhone, windowStart, windowEnd, notes,
                    model);
        }
    }

    private String requestPage(Actor actor, UUID incidentId, String address, String contactName, String contactPhone,
            String windowStart, String windowEnd, String notes, Model model) {
        var incident = visits.incidentForStaff(actor, incidentId);
        model.addAttribute("incident", incident);
        model.addAttribute("tenant", tenants.find(actor, incident.tenantId()).orElse(null));
        model.addAttribute("form", Map.of("address", address, "contactName", contactName, "contactPhone",
                contactPhone, "windowStart", windowStart, "windowEnd", windowEnd, "notes", notes));
        model.addAttribute("targetHours", visits.targetArrivalHours(incident.tenantId()));
        return "dispatch/request";
    }

    @GetMapping("/dispatch/responders")
    String responders(Actor actor, Model model) {
        model.addAttribute("responders", responders.all(actor));
        model.addAttribute("prefectures", Prefecture.CODES);
        model.addAttribute("availabilities", Availability.values());
        return "dispatch/responders";
    }

    @PostMapping("/dispatch/responders/{userId}")
    String saveResponder(Actor actor, @PathVariable UUID userId,
            @RequestParam(required = false) List<String> prefectures,
            @RequestParam(defaultValue = "AVAILABLE") String availability,
            @RequestParam(defaultValue = "") String availabilityNote,
            @RequestParam(defaultValue = "") String availableUntil, @RequestParam(defaultValue = "") String phone,
            Model model, Locale locale) {
        try {
            Instant until = DispatchForms.localTime("availableUntil", availableUntil);
            responders.save(actor, userId, prefectures, availability, availabilityNote, until, phone);
            return "redirect:/dispatch/responders#responder-" + userId;
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", DispatchForms.refusal(messages, e, locale));
            model.addAttribute("errorFor", userId);
            return responders(actor, model);
        }
    }

    private Map<UUID, String> tenantNames(Actor actor) {
        return tenants.findVisible(actor).stream().collect(Collectors.toMap(Tenant::id, Tenant::name, (a, b) -> a));
    }
}
