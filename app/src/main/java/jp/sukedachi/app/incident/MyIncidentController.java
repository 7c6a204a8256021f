package jp.sukedachi.app.incident;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The company's own incidents in plain words: what happened, what the team is doing (the status in words), what
 * the company must do now (its open tasks), the messages with the team (they can write), and the extensions' panels
 * (the next visit). Internal timeline entries, staff-only tasks and evidence files never reach these pages.
 */
@Controller
class MyIncidentController {
    private final Incidents incidents;
    private final IncidentViews views;

    MyIncidentController(Incidents incidents, IncidentViews views) {
        this.incidents = incidents;
        this.views = views;
    }

    static void requireCompanyUser(Actor actor) {
        if (!Incidents.isCompanyUser(actor)) {
            throw new AccessDeniedException("these pages are for the company's users; staff use /incidents");
        }
    }

    @GetMapping("/my/incidents")
    public String list(Actor actor, Model model) {
        requireCompanyUser(actor);
        List<Incident> all = incidents.list(actor, null, false, actor.tenantId(), null, 100);
        model.addAttribute("open", all.stream().filter(i -> !i.status().isClosed()).toList());
        model.addAttribute("closed", all.stream().filter(i -> i.status().isClosed()).toList());
        return "incident/my-incidents";
    }

    @GetMapping("/my/incidents/{id}")
    public String detail(Actor actor, @PathVariable UUID id, Locale locale, Model model) {
        requireCompanyUser(actor);
        IncidentViews.View v = views.view(actor, id, locale);
        model.addAttribute("v", v);
        model.addAttribute("full", v.incident());
        // The extensions' fragments read "incident" (the summary), "ext" and "staff".
        model.addAttribute("incident", v.incident().summary());
        model.addAttribute("staff", false);
        model.addAttribute("todo", v.tasks().stream().filter(t -> !t.done()).toList());
        model.addAttribute("doneTasks", v.tasks().stream().filter(IncidentViews.TaskLine::done).toList());
        return "incident/my-incident";
    }

    @PostMapping("/my/incidents/{id}/messages")
    public String message(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String body) {
        requireCompanyUser(actor);
        incidents.message(actor, id, body);
        return "redirect:/my/incidents/" + id + "#messages";
    }

    @PostMapping("/my/incidents/{id}/tasks/{taskId}/done")
    public String taskDone(Actor actor, @PathVariable UUID id, @PathVariable long taskId,
            @RequestParam(defaultValue = "true") boolean done) {
        requireCompanyUser(actor);
        incidents.setTaskDone(actor, id, taskId, done);
        return "redirect:/my/incidents/" + id + "#todo";
    }
}
