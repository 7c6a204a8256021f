package jp.sukedachi.app.asset;

import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The devices of a company's LAN: the company's own page ({@code /my/hosts}) and the staff's
 * ({@code /tenants/{id}/hosts}), one page for both. The owner and staff mark a device "ours" / "not ours", give it a
 * label and link it to the asset ledger; a member only reads.
 */
@Controller
class HostController {
    private final HostService service;
    private final MessageSource messages;

    HostController(HostService service, MessageSource messages) {
        this.service = service;
        this.messages = messages;
    }

    @GetMapping("/my/hosts")
    String mine(Actor actor, Model model) {
        return page(actor, own(actor), false, model);
    }

    @GetMapping("/tenants/{id}/hosts")
    String staff(Actor actor, @PathVariable UUID id, Model model) {
        requireStaff(actor);
        return page(actor, id, true, model);
    }

    @PostMapping("/my/hosts/mark")
    String markMine(Actor actor, @RequestParam String key, @RequestParam String marking, Locale locale,
            RedirectAttributes redirect) {
        return mark(actor, own(actor), key, marking, "/my/hosts", locale, redirect);
    }

    @PostMapping("/tenants/{id}/hosts/mark")
    String markStaff(Actor actor, @PathVariable UUID id, @RequestParam String key, @RequestParam String marking,
            Locale locale, RedirectAttributes redirect) {
        requireStaff(actor);
        return mark(actor, id, key, marking, "/tenants/" + id + "/hosts", locale, redirect);
    }

    @PostMapping("/my/hosts/describe")
    String describeMine(Actor actor, @RequestParam String key, @RequestParam(required = false) String label,
            @RequestParam(required = false) String ledger, Locale locale, RedirectAttributes redirect) {
        return describe(actor, own(actor), key, label, ledger, "/my/hosts", locale, redirect);
    }

    @PostMapping("/tenants/{id}/hosts/describe")
    String describeStaff(Actor actor, @PathVariable UUID id, @RequestParam String key,
            @RequestParam(required = false) String label, @RequestParam(required = false) String ledger, Locale locale,
            RedirectAttributes redirect) {
        requireStaff(actor);
        return describe(actor, id, key, label, ledger, "/tenants/" + id + "/hosts", locale, redirect);
    }

    private String page(Actor actor, UUID tenantId, boolean staffView, Model model) {
        Tenant tenant = service.company(actor, tenantId);
        model.addAttribute("tenant", tenant);
        model.addAttribute("hosts", service.list(actor, tenant.id()));
        model.addAttribute("ledger", service.ledger(actor, tenant.id()));
        model.addAttribute("staffView", staffView);
        model.addAttribute("mayChange", HostService.mayChange(actor));
        model.addAttribute("base", staffView ? "/tenants/" + tenant.id() + "/hosts" : "/my/hosts");
        model.addAttribute("labelMax", HostService.LABEL_MAX);
        return "asset/hosts";
    }

    private String mark(Actor actor, UUID tenantId, String key, String marking, String back, Locale locale,
            RedirectAttributes redirect) {
        Host h = service.mark(actor, tenantId, key, marking);
        redirect.addFlashAttribute("notice", messages.getMessage("host.marked." + h.marking().code(),
                new Object[] {h.describe()}, locale));
        return "redirect:" + back + "#" + h.anchor();
    }

    private String describe(Actor actor, UUID tenantId, String key, String label, String ledger, String back,
            Locale locale, RedirectAttributes redirect) {
        Host h = service.describe(actor, tenantId, key, label, ledger);
        redirect.addFlashAttribute("notice", messages.getMessage("host.saved", new Object[] {h.describe()}, locale));
        return "redirect:" + back + "#" + h.anchor();
    }

    private static UUID own(Actor actor) {
        if (actor.tenantId() == null) {
            throw new NotFoundException("company");
        }
        return actor.tenantId();
    }

    private static void requireStaff(Actor actor) {
        if (!HostService.isStaff(actor)) {
            throw new NotFoundException("tenant");
        }
    }
}
