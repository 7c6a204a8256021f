package jp.sukedachi.app.plan;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The provider admin's plan pages ({@code /admin/plans}, provider admin only by the security rules): the list with a
 * form to add a plan, and a plan's page to change, retire or offer it again. A plan above a price cap is refused
 * with the reason, the typed values kept.
 */
@Controller
class PlanPagesController {
    static final String[] FIELDS = {"name", "type", "tier", "monthlyYen", "perDeviceYen", "deskHoursPerMonth",
        "visitsPerYear", "targetArrivalHours", "onsiteYenPerHour", "travelYenPerHour", "deskYenPerHour"};

    private final PlanService service;
    private final PlanSettings settings;
    private final MessageSource messages;

    PlanPagesController(PlanService service, PlanSettings settings, MessageSource messages) {
        this.service = service;
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping("/admin/plans")
    String list(Actor actor, Model model) {
        return listPage(actor, defaults(), model);
    }

    @PostMapping("/admin/plans")
    String create(Actor actor, @RequestParam Map<String, String> params, Model model, Locale locale) {
        Map<String, String> form = form(params);
        try {
            Plan plan = service.create(actor, draft(form));
            return "redirect:/admin/plans/" + plan.id() + "?saved";
        } catch (CapExceeded | IllegalArgumentException e) {
            model.addAttribute("errors", PlanForms.reasons(messages, e, locale));
            return listPage(actor, form, model);
        }
    }

    @GetMapping("/admin/plans/{id}")
    String page(Actor actor, @PathVariable UUID id, Model model) {
        Plan plan = service.plan(actor, id);
        return planPage(actor, plan, form(plan), model);
    }

    @PostMapping("/admin/plans/{id}")
    String update(Actor actor, @PathVariable UUID id, @RequestParam Map<String, String> params, Model model,
            Locale locale) {
        Plan plan = service.plan(actor, id);
        Map<String, String> form = form(params);
        try {
            service.update(actor, id, draft(form), plan.retired());
            return "redirect:/admin/plans/" + id + "?saved";
        } catch (CapExceeded | IllegalArgumentException e) {
            model.addAttribute("errors", PlanForms.reasons(messages, e, locale));
            return planPage(actor, plan, form, model);
        }
    }

    @PostMapping("/admin/plans/{id}/retired")
    String retired(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "true") boolean retired,
            Model model, Locale locale) {
        Plan plan = service.plan(actor, id);
        try {
            service.setRetired(actor, id, retired);
            return "redirect:/admin/plans/" + id + "?saved";
        } catch (CapExceeded | IllegalArgumentException e) {
            // Offering an old plan again re-checks it against today's caps.
            model.addAttribute("errors", PlanForms.reasons(messages, e, locale));
            return planPage(actor, plan, form(plan), model);
        }
    }

    private String listPage(Actor actor, Map<String, String> form, Model model) {
        PlanService.Listing listing = service.plans(actor);
        model.addAttribute("plans", listing.plans());
        model.addAttribute("cut", listing.cut());
        model.addAttribute("types", PlanType.values());
        model.addAttribute("form", form);
        model.addAttribute("tier2Network", Yen.format(settings.caps().networkMonthlyYen()));
        model.addAttribute("tier2PerDevice", Yen.format(settings.caps().perDeviceYen()));
        return "plan/plans";
    }

    private String planPage(Actor actor, Plan plan, Map<String, String> form, Model model) {
        model.addAttribute("plan", plan);
        model.addAttribute("inUse", service.inUse(plan.id()));
        model.addAttribute("types", PlanType.values());
        model.addAttribute("form", form);
        return "plan/plan";
    }

    static PlanDraft draft(Map<String, String> f) {
        Integer tier = PlanForms.count("tier", "plan.tier", f.get("tier"));
        return new PlanDraft(f.get("name"), PlanForms.type(f.get("type")), tier,
                PlanForms.yen("monthlyYen", "plan.monthlyYen", f.get("monthlyYen")),
                PlanForms.yen("perDeviceYen", "plan.perDeviceYen", f.get("perDeviceYen")),
                PlanForms.count("deskHoursPerMonth", "plan.deskHoursPerMonth", f.get("deskHoursPerMonth")),
                PlanForms.count("visitsPerYear", "plan.visitsPerYear", f.get("visitsPerYear")),
                PlanForms.count("targetArrivalHours", "plan.targetArrivalHours", f.get("targetArrivalHours")),
                PlanForms.yen("onsiteYenPerHour", "plan.onsiteYenPerHour", f.get("onsiteYenPerHour")),
                PlanForms.yen("travelYenPerHour", "plan.travelYenPerHour", f.get("travelYenPerHour")),
                PlanForms.yen("deskYenPerHour", "plan.deskYenPerHour", f.get("deskYenPerHour")));
    }

    /** Only the plan's fields are kept (and each cut for showing back; the service refuses what is too long). */
    private static Map<String, String> form(Map<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String value = params.getOrDefault(field, "");
            form.put(field, value.length() > 200 ? value.substring(0, 200) : value);
        }
        return form;
    }

    private static Map<String, String> defaults() {
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : FIELDS) {
            form.put(field, "");
        }
        form.put("type", PlanType.NETWORK.name());
        form.put("tier", "1");
        form.put("perDeviceYen", "0");
        form.put("deskHoursPerMonth", Integer.toString(PlanService.DEFAULT_DESK_HOURS));
        form.put("visitsPerYear", Integer.toString(PlanService.DEFAULT_VISITS));
        form.put("targetArrivalHours", Integer.toString(PlanService.DEFAULT_ARRIVAL_HOURS));
        form.put("onsiteYenPerHour", Long.toString(PlanService.DEFAULT_ONSITE_YEN));
        form.put("travelYenPerHour", Long.toString(PlanService.DEFAULT_TRAVEL_YEN));
        form.put("deskYenPerHour", Long.toString(PlanService.DEFAULT_DESK_YEN));
        return form;
    }

    private static Map<String, String> form(Plan p) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", p.name());
        form.put("type", p.type().name());
        form.put("tier", Integer.toString(p.tier()));
        form.put("monthlyYen", Long.toString(p.monthlyYen()));
        form.put("perDeviceYen", Long.toString(p.perDeviceYen()));
        form.put("deskHoursPerMonth", Integer.toString(p.deskHoursPerMonth()));
        form.put("visitsPerYear", Integer.toString(p.visitsPerYear()));
        form.put("targetArrivalHours", Integer.toString(p.targetArrivalHours()));
        form.put("onsiteYenPerHour", Long.toString(p.onsiteYenPerHour()));
        form.put("travelYenPerHour", Long.toString(p.travelYenPerHour()));
        form.put("deskYenPerHour", Long.toString(p.deskYenPerHour()));
        return form;
    }
}
