package jp.sukedachi.app.web;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The provider admin's settings hub: one menu entry instead of one per settings page, which keeps the admin's
 * menu on one line at 1,280 px while settings pages keep arriving (plans, insurers, retention …).
 */
@Controller
class AdminHubController {
    /** One settings area: where it is, its name and one sentence of what it is for. */
    record Area(String id, String path, String labelKey, String explainKey) {
    }

    static final List<Area> AREAS = List.of(
            new Area("admin-plans", "/admin/plans", "admin.hub.plans", "admin.hub.plans.explain"),
            new Area("admin-insurers", "/admin/insurers", "admin.hub.insurers", "admin.hub.insurers.explain"),
            new Area("admin-desk", "/admin/desk", "admin.hub.desk", "admin.hub.desk.explain"),
            new Area("admin-retention", "/admin/retention", "admin.hub.retention", "admin.hub.retention.explain"),
            new Area("admin-api-keys", "/admin/api-keys", "admin.hub.apiKeys", "admin.hub.apiKeys.explain"),
            new Area("admin-dispatch", "/dispatch/responders", "admin.hub.responders", "admin.hub.responders.explain"));

    @GetMapping("/admin")
    String hub(Model model) {
        model.addAttribute("areas", AREAS);
        return "admin-hub";
    }
}
