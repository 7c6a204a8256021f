package jp.sukedachi.app.selfcheck;

import java.util.List;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * For the provider: how far customers use the self-help tools (self-check done, mean scores by part, ★/★★
 * declared) and which companies scored lower than last time, so the desk can call them.
 */
@Controller
class SelfCheckOverviewController {
    private final SelfCheckRepository attempts;
    private final SecurityActionRepository declarations;
    private final TenantRepository tenants;

    public SelfCheckOverviewController(SelfCheckRepository attempts, SecurityActionRepository declarations,
            TenantRepository tenants) {
        this.attempts = attempts;
        this.declarations = declarations;
        this.tenants = tenants;
    }

    @GetMapping("/selfcheck/overview")
    public String overview(Actor actor, Model model) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("the adoption overview is for the provider's admins and analysts");
        }
        model.addAttribute("companies", tenants.findVisible(actor).size());
        model.addAttribute("adoption", attempts.adoption(actor));
        model.addAttribute("stars", declarations.countsByLevel(actor));
        model.addAttribute("drops", attempts.drops(actor));
        model.addAttribute("parts", List.of(Part.values()));
        return "selfcheck/overview";
    }
}
