package jp.sukedachi.app.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.app.security.ActorArgumentResolver;
import jp.sukedachi.app.security.SukedachiPrincipal;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the navigation of the user's role and their name into every page model. */
@ControllerAdvice(annotations = Controller.class)
class ShellModelAdvice {

    /** One entry of the top navigation: a path and the message key of its label. */
    public record NavItem(String path, String labelKey) {
    }

    @ModelAttribute("nav")
    public List<NavItem> nav() {
        Actor actor = ActorArgumentResolver.actorOf(SecurityContextHolder.getContext().getAuthentication());
        return actor == null ? List.of() : navFor(actor);
    }

    @ModelAttribute("currentUserName")
    public String currentUserName() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return ActorArgumentResolver.actorOf(authentication) != null
                && authentication.getPrincipal() instanceof SukedachiPrincipal user ? user.displayName() : null;
    }

    @ModelAttribute("currentPath")
    public String currentPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @ModelAttribute("currentRole")
    public Role currentRole() {
        Actor actor = ActorArgumentResolver.actorOf(SecurityContextHolder.getContext().getAuthentication());
        return actor == null ? null : actor.role();
    }

    static List<NavItem> navFor(Actor actor) {
        Role role = actor.role();
        List<NavItem> items = new ArrayList<>();
        items.add(new NavItem("/", "nav.home"));
        switch (role) {
            case PROVIDER_ADMIN -> {
                items.add(new NavItem("/alerts", "nav.alerts"));
                // Today's funnel, the program statistics and the monthly reports (issue 18) share one item and a tab strip.
                items.add(new NavItem("/statistics", "nav.reports"));
                items.add(new NavItem("/tenants", "nav.tenants"));
                items.add(new NavItem("/intel", "nav.intel"));
                items.add(new NavItem("/sigma/rules", "nav.sigma"));
                items.add(new NavItem("/users", "nav.users"));
                items.add(new NavItem("/audit", "nav.audit"));
                // Settings pages (plans, insurers, desk, retention, API keys) hang off one hub (issue 17).
                items.add(new NavItem("/admin", "nav.admin"));
            }
            case ANALYST -> {
                items.add(new NavItem("/alerts", "nav.alerts"));
                // Today's funnel, the program statistics and the monthly reports (issue 18) share one item and a tab strip.
                items.add(new NavItem("/statistics", "nav.reports"));
                items.add(new NavItem("/tenants", "nav.tenants"));
                items.add(new NavItem("/intel", "nav.intel"));
                items.add(new NavItem("/sigma/rules", "nav.sigma"));
            }
            case TENANT_OWNER -> {
                items.add(new NavItem("/my/alerts", "nav.myAlerts"));
                items.add(new NavItem("/tenants/" + actor.tenantId() + "/devices", "nav.devices"));
                // The computers and phones seen on the company's network (issue 19's inventory).
                items.add(new NavItem("/my/hosts", "nav.myHosts"));
                items.add(new NavItem("/users", "nav.companyUsers"));
                items.add(new NavItem("/audit", "nav.audit"));
                // Plan, insurance, claims, statements and the data export (issue 17) hang off one page.
                items.add(new NavItem("/my/contract", "nav.contract"));
                // The monthly report (issue 18); the proof-of-check letters are reached from it and from the contract page.
                items.add(new NavItem("/my/reports", "nav.myReports"));
            }
            case TENANT_MEMBER -> {
                items.add(new NavItem("/my/alerts", "nav.myAlerts"));
                items.add(new NavItem("/tenants/" + actor.tenantId() + "/devices", "nav.devices"));
                // The computers and phones seen on the company's network (issue 19's inventory).
                items.add(new NavItem("/my/hosts", "nav.myHosts"));
            }
            // On-site dispatch (issue 16): the responder's visits, made for a phone.
            case RESPONDER -> items.add(new NavItem("/visits", "nav.visits"));
            // The insurer's claim queue (issue 17): claims are all an insurer ever sees.
            case INSURER -> items.add(new NavItem("/claims", "nav.claims"));
        }
        // Self-help (issue 8): the company's hub for owners and members, the adoption overview for provider staff.
        switch (role) {
            case TENANT_OWNER, TENANT_MEMBER -> items.add(new NavItem("/selfcheck", "nav.selfcheck"));
            case PROVIDER_ADMIN, ANALYST -> items.add(new NavItem("/selfcheck/overview", "nav.selfcheckOverview"));
            default -> {
            }
        }
        // The desk (issue 16): the staff queue of tickets; the company's 困ったときは.
        switch (role) {
            case PROVIDER_ADMIN -> items.add(new NavItem("/desk", "nav.desk"));
            // The analyst works the cases and visits; the admin's longer menu reaches them from the staff home.
            case ANALYST -> {
                items.add(new NavItem("/desk", "nav.desk"));
                items.add(new NavItem("/incidents", "nav.incidents"));
                items.add(new NavItem("/dispatch", "nav.dispatch"));
                items.add(new NavItem("/claims", "nav.claims"));
            }
            case TENANT_OWNER, TENANT_MEMBER -> items.add(new NavItem("/my/help", "nav.help"));
            default -> {
            }
        }
        // Every company's devices; the syslog addresses waiting for staff to confirm them (issue 12) are linked from
        // there, which keeps the staff menu on one line at 1,280 px in English.
        if (role == Role.PROVIDER_ADMIN || role == Role.ANALYST) {
            items.add(new NavItem("/devices", "nav.allDevices"));
        }
        // The account page is reached from the user's name beside the menu (layout.html), which keeps the
        // menu on one line at 1,280 px for every role.
        return items;
    }
}
