package jp.sukedachi.app.web;

import jp.sukedachi.app.tenant.Actor;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The first page after login. SME users get their company's page in plain words; provider staff get
 * the work queue of their role. Until the pipeline issues land, both show what will appear there.
 */
@Controller
public class HomeController {
    private final TenantRepository tenants;
    private final UserRepository users;

    public HomeController(TenantRepository tenants, UserRepository users) {
        this.tenants = tenants;
        this.users = users;
    }

    @GetMapping("/")
    public String home(Actor actor, Model model) {
        if (actor.role().isProviderSide()) {
            model.addAttribute("tenantCount", tenants.findVisible(actor).size());
            return "home-staff";
        }
        model.addAttribute("tenant", tenants.find(actor, actor.tenantId()).orElseThrow());
        model.addAttribute("userCount", users.findVisible(actor, null).size());
        return "home-sme";
    }
}
