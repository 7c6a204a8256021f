package jp.sukedachi.app.sigma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Sigma rules page: counts, switches, the provider's own rules, search, and rules that did not load. */
@Controller
class SigmaRulesController {
    private final SigmaRules rules;
    private final SigmaRuleService service;
    private final SigmaRuleRepository repository;

    private final MessageSource messages;

    SigmaRulesController(SigmaRules rules, SigmaRuleService service, SigmaRuleRepository repository,
            MessageSource messages) {
        this.messages = messages;
        this.rules = rules;
        this.service = service;
        this.repository = repository;
    }

    @GetMapping("/sigma/rules")
    public String page(Actor actor, @RequestParam(required = false) String q, Model model) {
        SigmaRuleService.requireStaff(actor);
        model.addAttribute("summary", rules.summary());
        // Whether a rules folder is set, never where it is: the server's file system is no business of the page.
        model.addAttribute("rulesDirSet", rules.rulesDir() != null);
        model.addAttribute("toggles", repository.toggles());
        model.addAttribute("uploaded", repository.uploaded());
        model.addAttribute("refused", service.refused(actor, 100));
        model.addAttribute("q", q);
        model.addAttribute("found", service.search(actor, q, 100));
        model.addAttribute("sigma", rules);
        model.addAttribute("canEdit", actor.isAdmin());
        return "sigma-rules";
    }

    @PostMapping("/sigma/rules/toggle")
    public String toggle(Actor actor, @RequestParam String kind, @RequestParam String value, @RequestParam boolean enabled,
            RedirectAttributes redirect, Locale locale) {
        try {
            service.toggle(actor, kind, value, enabled);
            redirect.addFlashAttribute("saved", true);
        } catch (InvalidInput e) {
            // An unknown level or a folder that holds no rules: said in the reader's language, nothing stored.
            redirect.addFlashAttribute("errors", List.of(messages.getMessage(e, locale)));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("errors", List.of(messages.getMessage("sigma.toggle.invalid", null, locale)));
        }
        return "redirect:/sigma/rules";
    }

    @PostMapping("/sigma/rules/toggle/clear")
    public String clear(Actor actor, @RequestParam String kind, @RequestParam String value) {
        service.clearToggle(actor, kind, value);
        return "redirect:/sigma/rules";
    }

    @PostMapping("/sigma/rules/upload")
    public String upload(Actor actor, @RequestParam(defaultValue = "") String yaml,
            @RequestParam(value = "file", required = false) MultipartFile file, RedirectAttributes redirect, Locale locale)
            throws IOException {
        SigmaRuleService.requireStaff(actor);
        String text = yaml;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > SigmaRuleService.MAX_UPLOAD_CHARS * 4L) {
                redirect.addFlashAttribute("errors", List.of(messages.getMessage("sigma.upload.error.tooLarge",
                        new Object[] {SigmaRuleService.MAX_UPLOAD_CHARS / 1024}, locale)));
                return "redirect:/sigma/rules";
            }
            text = new String(file.getBytes(), StandardCharsets.UTF_8);
        }
        SigmaRuleService.UploadResult r = service.upload(actor, text);
        if (r.ok()) {
            redirect.addFlashAttribute("uploadedId", r.ruleId());
        } else {
            redirect.addFlashAttribute("errors", r.problems().stream().map(p -> messages.getMessage(p.message(), locale)).toList());
        }
        return "redirect:/sigma/rules";
    }

    @PostMapping("/sigma/rules/uploaded/delete")
    public String delete(Actor actor, @RequestParam String ruleId) {
        service.deleteUpload(actor, ruleId);
        return "redirect:/sigma/rules";
    }
}
