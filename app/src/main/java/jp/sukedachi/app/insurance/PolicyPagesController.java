package jp.sukedachi.app.insurance;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.app.plan.Plans;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The policy pages: provider staff record a company's policies ({@code /tenants/{id}/policy}), and the company's
 * people read theirs in plain words with a worked example of what they would pay themselves ({@code /my/insurance}).
 */
@Controller
class PolicyPagesController {
    private final PolicyRegistry policies;
    private final InsurerService insurers;
    private final TenantRepository tenants;
    private final ObjectProvider<Plans> plans;
    private final MessageSource messages;

    PolicyPagesController(PolicyRegistry policies, InsurerService insurers, TenantRepository tenants,
            ObjectProvider<Plans> plans, MessageSource messages) {
        this.policies = policies;
        this.insurers = insurers;
        this.tenants = tenants;
        this.plans = plans;
        this.messages = messages;
    }

    @GetMapping("/tenants/{id}/policy")
    String staffPage(Actor actor, @PathVariable UUID id, Model model) {
        Tenant tenant = staffTenant(actor, id);
        List<PolicyTerms> list = policies.ofCompany(actor, tenant.id());
        List<Insurer> known = insurers.visible(actor);
        // A new policy most often renews the latest one: it starts the day after and keeps its insurer.
        Map<String, String> form = list.isEmpty() ? PolicyForms.fresh(policies.today(),
                known.isEmpty() ? null : known.getFirst().id())
                : renewal(list.getFirst());
        return staffPage(actor, tenant, list, form, null, model);
    }

    @PostMapping("/tenants/{id}/policy")
    String create(Actor actor, @PathVariable UUID id, @RequestParam Map<String, String> form, Model model,
            Locale locale) {
        Tenant tenant = staffTenant(actor, id);
        try {
            policies.save(actor, tenant.id(), null, PolicyForms.draft(form));
            return "redirect:/tenants/" + tenant.id() + "/policy?saved";
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", PolicyForms.refusal(messages, e, locale));
            return staffPage(actor, tenant, policies.ofCompany(actor, tenant.id()), form, null, model);
        }
    }

    @GetMapping("/tenants/{id}/policy/{policyId}")
    String editPage(Actor actor, @PathVariable UUID id, @PathVariable UUID policyId, Model model) {
        Tenant tenant = staffTenant(actor, id);
        PolicyTerms policy = policies.find(actor, tenant.id(), policyId);
        return staffPage(actor, tenant, policies.ofCompany(actor, tenant.id()), PolicyForms.of(policy), policy, model);
    }

    @PostMapping("/tenants/{id}/policy/{policyId}")
    String update(Actor actor, @PathVariable UUID id, @PathVariable UUID policyId,
            @RequestParam Map<String, String> form, Model model, Locale locale) {
        Tenant tenant = staffTenant(actor, id);
        PolicyTerms policy = policies.find(actor, tenant.id(), policyId);
        try {
            policies.save(actor, tenant.id(), policyId, PolicyForms.draft(form));
            return "redirect:/tenants/" + tenant.id() + "/policy?saved";
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", PolicyForms.refusal(messages, e, locale));
            return staffPage(actor, tenant, policies.ofCompany(actor, tenant.id()), form, policy, model);
        }
    }

    private String staffPage(Actor actor, Tenant tenant, List<PolicyTerms> list, Map<String, String> form,
            PolicyTerms editing, Model model) {
        model.addAttribute("tenant", tenant);
        model.addAttribute("policies", list.stream().limit(PolicyTermsRepository.MAX_LIST).toList());
        model.addAttribute("policiesCut", list.size() > PolicyTermsRepository.MAX_LIST);
        model.addAttribute("insurers", insurers.visible(actor).stream().limit(InsurerRepository.MAX_LIST).toList());
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("lines", CoverageLine.values());
        model.addAttribute("today", policies.today());
        model.addAttribute("isAdmin", actor.isAdmin());
        return "insurance/policy-staff";
    }

    private static Map<String, String> renewal(PolicyTerms latest) {
        Map<String, String> form = PolicyForms.of(latest);
        form.put("policyNumber", "");
        form.put("from", latest.to().plusDays(1).toString());
        form.put("to", latest.to().plusYears(1).toString());
        return form;
    }

    private Tenant staffTenant(Actor actor, UUID id) {
        PolicyRegistry.requireStaff(actor);
        return tenants.find(actor, id).orElseThrow(() -> new NotFoundException("company"));
    }

    private static final Set<Role> COMPANY = EnumSet.of(Role.TENANT_OWNER, Role.TENANT_MEMBER);

    @GetMapping("/my/insurance")
    String mine(Actor actor, Model model) {
        if (!COMPANY.contains(actor.role())) {
            throw new AccessDeniedException("the company's own page");
        }
        List<PolicyTerms> list = policies.ofCompany(actor, actor.tenantId());
        var today = policies.today();
        PolicyTerms current = list.stream().filter(p -> p.activeOn(today)).findFirst().orElse(null);
        model.addAttribute("policy", current);
        model.addAttribute("others", list.stream().filter(p -> p != current).limit(PolicyTermsRepository.MAX_LIST).toList());
        model.addAttribute("today", today);
        if (current != null) {
            model.addAttribute("insurer", insurers.forPolicy(current.insurerId()));
            model.addAttribute("notCovered", EnumSet.complementOf(current.lines().stream().map(PolicyTerms.Line::line)
                    .collect(() -> EnumSet.noneOf(CoverageLine.class), Set::add, Set::addAll)));
            Plans plan = plans.getIfAvailable();
            model.addAttribute("example", PolicyExample.of(current, plan == null ? java.util.Optional.empty()
                    : plan.contractOf(actor.tenantId(), today)));
        }
        return "insurance/my-insurance";
    }
}
