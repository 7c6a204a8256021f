package jp.sukedachi.app.tenant;

import jakarta.validation.Valid;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Company directory for staff: list, detail with the company's users, create and edit (admins). */
@Controller
class TenantController {
    private final TenantRepository tenants;
    private final UserRepository users;
    private final TenantService service;

    public TenantController(TenantRepository tenants, UserRepository users, TenantService service) {
        this.tenants = tenants;
        this.users = users;
        this.service = service;
    }

    @GetMapping("/tenants")
    public String list(Actor actor, Model model) {
        model.addAttribute("tenants", tenants.findVisible(actor));
        return "tenants";
    }

    @GetMapping("/tenants/{id}")
    public String detail(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("tenant", tenants.find(actor, id).orElseThrow(() -> new NotFoundException("tenant")));
        model.addAttribute("users", users.findVisible(actor, id).stream().map(UserView::of).toList());
        model.addAttribute("roles", actor.role().mayInvite().stream().filter(r -> !r.isProviderSide()).toList());
        return "tenant";
    }

    @GetMapping("/admin/tenants/new")
    public String createForm(Model model) {
        return form(model, TenantDraft.empty(), null);
    }

    @PostMapping("/admin/tenants")
    public String create(Actor actor, @Valid @ModelAttribute("draft") TenantDraft draft, BindingResult errors,
            Model model) {
        if (errors.hasErrors()) {
            return form(model, draft, null);
        }
        try {
            return "redirect:/tenants/" + service.create(actor, draft).id();
        } catch (DuplicateException | IllegalArgumentException e) {
            rejectFrom(errors, e);
            return form(model, draft, null);
        }
    }

    @GetMapping("/admin/tenants/{id}/edit")
    public String editForm(Actor actor, @PathVariable UUID id, Model model) {
        Tenant t = tenants.find(actor, id).orElseThrow(() -> new NotFoundException("tenant"));
        return form(model, new TenantDraft(t.name(), t.slug(), t.nameKana(), t.industry() == null ? "" : t.industry().name(),
                t.employeeBand() == null ? "" : t.employeeBand().code(), t.prefecture(), t.contactName(),
                t.contactEmail(), t.contactPhone()), id);
    }

    @PostMapping("/admin/tenants/{id}")
    public String update(Actor actor, @PathVariable UUID id, @Valid @ModelAttribute("draft") TenantDraft draft,
            BindingResult errors, Model model) {
        if (errors.hasErrors()) {
            return form(model, draft, id);
        }
        try {
            service.update(actor, id, draft);
            return "redirect:/tenants/" + id;
        } catch (DuplicateException | IllegalArgumentException e) {
            rejectFrom(errors, e);
            return form(model, draft, id);
        }
    }

    private static void rejectFrom(BindingResult errors, RuntimeException e) {
        if (e instanceof DuplicateException d) {
            errors.rejectValue(d.messageKey().equals("tenant.slugTaken") ? "slug" : "name", d.messageKey());
        } else {
            // The service's English is for the API; the form says it in the reader's language.
            errors.reject("input.invalidPlain");
        }
    }

    private static String form(Model model, TenantDraft draft, UUID id) {
        model.addAttribute("draft", draft);
        model.addAttribute("tenantId", id);
        model.addAttribute("industries", Industry.values());
        model.addAttribute("bands", EmployeeBand.values());
        model.addAttribute("prefectures", Prefecture.CODES);
        return "tenant-form";
    }
}
