package jp.sukedachi.app.security;

import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin screen for API keys: create (the key is shown this once), list, revoke. */
@Controller
class ApiKeyController {
    private final ApiKeyService keys;

    public ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping("/admin/api-keys")
    public String list(Actor actor, Model model) {
        model.addAttribute("keys", keys.list(actor));
        return "api-keys";
    }

    @PostMapping("/admin/api-keys")
    public String create(Actor actor, @RequestParam(defaultValue = "") String name, Model model) {
        var created = keys.create(actor, name);
        model.addAttribute("createdSecret", created.secret());
        model.addAttribute("createdKey", created.key());
        model.addAttribute("keys", keys.list(actor));
        return "api-keys";
    }

    @PostMapping("/admin/api-keys/{id}/revoke")
    public String revoke(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", keys.revoke(actor, id) ? "apikey.revoked" : "apikey.notFound");
        return "redirect:/admin/api-keys";
    }
}
