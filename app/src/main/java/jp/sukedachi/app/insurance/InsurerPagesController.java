package jp.sukedachi.app.insurance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The provider admin's insurers page: add and change insurers, and assign each insurer user to one. */
@Controller
class InsurerPagesController {
    private final InsurerService insurers;
    private final MessageSource messages;

    InsurerPagesController(InsurerService insurers, MessageSource messages) {
        this.insurers = insurers;
        this.messages = messages;
    }

    @GetMapping("/admin/insurers")
    String page(Actor actor, Model model) {
        return page(actor, Map.of(), null, model);
    }

    @PostMapping("/admin/insurers")
    String create(Actor actor, @RequestParam Map<String, String> form, Model model, Locale locale) {
        try {
            Insurer insurer = insurers.create(actor, draft(form));
            return "redirect:/admin/insurers#insurer-" + insurer.id();
        } catch (IllegalArgumentException | DuplicateException e) {
            model.addAttribute("errorText", PolicyForms.refusal(messages, e, locale));
            return page(actor, form, null, model);
        }
    }

    @PostMapping("/admin/insurers/{id}")
    String update(Actor actor, @PathVariable UUID id, @RequestParam Map<String, String> form, Model model,
            Locale locale) {
        try {
            insurers.update(actor, id, draft(form));
            return "redirect:/admin/insurers#insurer-" + id;
        } catch (IllegalArgumentException | DuplicateException e) {
            model.addAttribute("errorText", PolicyForms.refusal(messages, e, locale));
            model.addAttribute("errorFor", id);
            return page(actor, Map.of(), id, model);
        }
    }

    @PostMapping("/admin/insurers/members/{userId}")
    String assign(Actor actor, @PathVariable UUID userId, @RequestParam(defaultValue = "") String insurerId,
            Model model, Locale locale) {
        try {
            insurers.assign(actor, userId, insurerId.isBlank() ? null : UUID.fromString(insurerId.strip()));
            return "redirect:/admin/insurers#member-" + userId;
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", PolicyForms.refusal(messages, e, locale));
            model.addAttribute("errorFor", userId);
            return page(actor, Map.of(), null, model);
        }
    }

    private String page(Actor actor, Map<String, String> form, UUID failed, Model model) {
        List<Insurer> all = insurers.visible(actor);
        List<InsurerMember> members = insurers.members(actor);
        model.addAttribute("insurers", all.stream().limit(InsurerRepository.MAX_LIST).toList());
        model.addAttribute("insurersCut", all.size() > InsurerRepository.MAX_LIST);
        model.addAttribute("members", members.stream().limit(InsurerRepository.MAX_LIST).toList());
        model.addAttribute("membersCut", members.size() > InsurerRepository.MAX_LIST);
        model.addAttribute("form", new LinkedHashMap<>(form));
        model.addAttribute("maxList", InsurerRepository.MAX_LIST);
        return "insurance/insurers";
    }

    private static InsurerDraft draft(Map<String, String> form) {
        return new InsurerDraft(form.get("name"), form.get("contactName"), form.get("contactPhone"),
                form.get("contactEmail"));
    }
}
