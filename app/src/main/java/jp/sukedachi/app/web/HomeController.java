package jp.sukedachi.app.web;

import java.util.Locale;
import java.util.stream.Collectors;
import jp.sukedachi.app.desk.DeskQueue;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.incident.ReportingExtension;
import jp.sukedachi.app.selfcheck.SecurityActionService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.CategoryLabels;
import jp.sukedachi.app.triage.web.SmeAlertController;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The first page after login. SME users get their company's page in plain words; provider staff get
 * the work queue of their role.
 */
@Controller
class HomeController {
    private final TenantRepository tenants;
    private final UserRepository users;
    private final AlertQueries triage;
    private final SmeAlertController smeAlerts;
    private final SecurityActionService securityAction;
    private final MessageSource messages;
    private final SmeStatus smeStatus;
    private final Incidents incidents;
    private final DeskQueue desk;
    private final Visits visits;
    private final ReportingExtension reporting;
    private final jp.sukedachi.app.insurance.Claims claims;

    HomeController(TenantRepository tenants, UserRepository users, AlertQueries triage,
            SmeAlertController smeAlerts, SecurityActionService securityAction, MessageSource messages,
            SmeStatus smeStatus, Incidents incidents, DeskQueue desk, Visits visits, ReportingExtension reporting,
            jp.sukedachi.app.insurance.Claims claims) {
        this.claims = claims;
        this.incidents = incidents;
        this.desk = desk;
        this.visits = visits;
        this.reporting = reporting;
        this.messages = messages;
        this.smeStatus = smeStatus;
        this.tenants = tenants;
        this.users = users;
        this.triage = triage;
        this.smeAlerts = smeAlerts;
        this.securityAction = securityAction;
    }

    @GetMapping("/")
    public String home(Actor actor, Locale locale, Model model) {
        if (actor.role().isProviderSide()) {
            var visible = tenants.findVisible(actor);
            model.addAttribute("tenantCount", visible.size());
            model.addAttribute("tenantNames", visible.stream()
                    .collect(Collectors.toMap(t -> t.id(), t -> t.name())));
            model.addAttribute("detections", triage.recentDetections(actor, 20));
            // The same counts as the queue and the funnel show, from the same queries.
            model.addAttribute("counts", triage.staffCounts(actor));
            model.addAttribute("openAlerts", triage.openAlerts(actor, 10));
            model.addAttribute("openIncidents", incidents.open(actor, 10));
            if (actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST) {
                // The human half of the service in numbers, by the same rules as the desk, incident and dispatch queues.
                model.addAttribute("deskCounts", desk.counts(actor));
                model.addAttribute("visitCounts", visits.counts(actor));
                model.addAttribute("reportingOverdue", reporting.overdueDuties(actor));
            }
            if (actor.role() == Role.INSURER) {
                model.addAttribute("claimQueue", claims.queue(actor, 5));
            }
            model.addAttribute("categories", CategoryLabels.all(messages, locale));
            return "home-staff";
        }
        model.addAttribute("tenant", tenants.find(actor, actor.tenantId()).orElseThrow());
        model.addAttribute("userCount", users.findVisible(actor, null).size());
        model.addAttribute("status", smeStatus.of(actor));
        if (actor.role() == Role.TENANT_OWNER || actor.role() == Role.TENANT_MEMBER) {
            var open = smeAlerts.openAlerts(actor, locale, 5);
            model.addAttribute("plainAlerts", open.actions());
            model.addAttribute("blockedAttacks", open.blockedAttacks());
            model.addAttribute("securityAction", securityAction.status(actor, actor.tenantId()));
            model.addAttribute("myIncidents", incidents.open(actor, 5));
        }
        return "home-sme";
    }
}
