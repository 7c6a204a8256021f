package jp.sukedachi.app.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The contract pages: staff see and set a company's contract ({@code /tenants/{id}/contract}), the company's owner
 * reads their own ({@code /my/contract}). Both show the contracted devices next to those actually sending.
 */
@Controller
class ContractPagesController {
    private final PlanService service;
    private final TenantRepository tenants;
    private final MessageSource messages;

    ContractPagesController(PlanService service, TenantRepository tenants, MessageSource messages) {
        this.service = service;
        this.tenants = tenants;
        this.messages = messages;
    }

    @GetMapping("/tenants/{id}/contract")
    String staffPage(Actor actor, @PathVariable UUID id, Model model) {
        return staffPage(actor, id, null, model);
    }

    @PostMapping("/tenants/{id}/contract")
    String set(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String planId,
            @RequestParam(defaultValue = "") String start, @RequestParam(defaultValue = "") String end,
            @RequestParam(defaultValue = "") String devices, @RequestParam(defaultValue = "") String endpoints,
            Model model, Locale locale) {
        requireStaff(actor);
        Tenant tenant = tenant(actor, id);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("planId", planId);
        form.put("start", start);
        form.put("end", end);
        form.put("devices", devices);
        form.put("endpoints", endpoints);
        try {
            UUID plan = PlanForms.blankToNull(planId) == null ? null : parsePlanId(planId);
            service.setContract(actor, tenant.id(), new ContractDraft(plan,
                    PlanForms.day("start", "contract.start", start), PlanForms.day("end", "contract.end", end),
                    PlanForms.count("devices", "contract.devices", devices),
                    PlanForms.count("endpoints", "contract.endpoints", endpoints)));
            return "redirect:/tenants/" + tenant.id() + "/contract?saved";
        } catch (CapExceeded | IllegalArgumentException e) {
            model.addAttribute("errors", PlanForms.reasons(messages, e, locale));
            return staffPage(actor, id, form, model);
        }
    }

    private String staffPage(Actor actor, UUID id, Map<String, String> form, Model model) {
        requireStaff(actor);
        Tenant tenant = tenant(actor, id);
        var current = service.contract(actor, tenant.id());
        model.addAttribute("tenant", tenant);
        model.addAttribute("contract", current.orElse(null));
        model.addAttribute("usage", service.usage(actor, tenant.id()));
        PlanService.History history = service.history(actor, tenant.id());
        model.addAttribute("history", history.contracts());
        model.addAttribute("historyCut", history.cut());
        // A new contract may use an offered plan; the running one keeps its plan even when it is retired.
        model.addAttribute("plans", service.plans(actor).plans().stream()
                .filter(p -> !p.retired() || current.map(c -> c.planId().equals(p.id())).orElse(false)).toList());
        if (form == null) {
            form = new LinkedHashMap<>();
            form.put("planId", current.map(c -> c.planId().toString()).orElse(""));
            form.put("start", service.today().toString());
            form.put("end", "");
            form.put("devices", current.map(c -> Integer.toString(c.devices())).orElse(""));
            form.put("endpoints", current.map(c -> Integer.toString(c.endpoints())).orElse(""));
        }
        model.addAttribute("form", form);
        return "plan/contract";
    }

    @GetMapping("/my/contract")
    String ownerPage(Actor actor, Model model) {
        if (actor.role() != Role.TENANT_OWNER) {
            throw new AccessDeniedException("the company's owner only");
        }
        model.addAttribute("tenant", tenant(actor, actor.tenantId()));
        model.addAttribute("contract", service.contract(actor, actor.tenantId()).orElse(null));
        model.addAttribute("usage", service.usage(actor, actor.tenantId()));
        return "plan/my-contract";
    }

    private Tenant tenant(Actor actor, UUID id) {
        return tenants.find(actor, id).orElseThrow(() -> new NotFoundException("tenant"));
    }

    private static UUID parsePlanId(String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new jp.sukedachi.app.shared.InvalidInput("planId", "contract.error.noPlan", null, "no such plan");
        }
    }

    private static void requireStaff(Actor actor) {
        if (!PlanService.isStaff(actor)) {
            throw new AccessDeniedException("provider staff only");
        }
    }
}
