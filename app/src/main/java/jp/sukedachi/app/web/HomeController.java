package jp.sukedachi.app.web;

import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.DetectionRepository;
import jp.sukedachi.app.triage.web.SmeAlertController;
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
    private final DetectionRepository detections;
    private final AlertRepository alerts;
    private final SmeAlertController smeAlerts;
    private final jp.sukedachi.app.selfcheck.SecurityActionService securityAction;

    public HomeController(TenantRepository tenants, UserRepository users, DetectionRepository detections,
            AlertRepository alerts, SmeAlertController smeAlerts,
            jp.sukedachi.app.selfcheck.SecurityActionService securityAction) {
        this.tenants = tenants;
        this.users = users;
        this.detections = detections;
        this.alerts = alerts;
        this.smeAlerts = smeAlerts;
        this.securityAction = securityAction;
    }

    @GetMapping("/")
    public String home(Actor actor, java.util.Locale locale, Model model) {
        if (actor.role().isProviderSide()) {
            var visible = tenants.findVisible(actor);
            model.addAttribute("tenantCount", visible.size());
            model.addAttribute("tenantNames", visible.stream()
                    .collect(java.util.stream.Collectors.toMap(t -> t.id(), t -> t.name())));
            model.addAttribute("detections", detections.findVisible(actor, 20));
            model.addAttribute("detectionCount", detections.countVisible(actor));
            model.addAttribute("openAlerts", alerts.queue(actor,
                    new AlertRepository.QueueFilter("OPEN", null, null, null, false), 0, 10));
            return "home-staff";
        }
        model.addAttribute("tenant", tenants.find(actor, actor.tenantId()).orElseThrow());
        model.addAttribute("userCount", users.findVisible(actor, null).size());
        if (actor.role() == jp.sukedachi.app.shared.Role.TENANT_OWNER
                || actor.role() == jp.sukedachi.app.shared.Role.TENANT_MEMBER) {
            var open = smeAlerts.openAlerts(actor, locale, 5);
            model.addAttribute("plainAlerts", open.actions());
            model.addAttribute("blockedAttacks", open.blockedAttacks());
            model.addAttribute("securityAction", securityAction.status(actor, actor.tenantId()));
        }
        return "home-sme";
    }
}
