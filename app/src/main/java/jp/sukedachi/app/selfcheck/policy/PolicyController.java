package jp.sukedachi.app.selfcheck.policy;

import jp.sukedachi.app.pdf.PdfResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The company's basic policy: edit form, publish/withdraw, PDF, and the internal rules built from it. */
@Controller
class PolicyController {
    private final PolicyService service;
    private final PolicyDocuments documents;
    private final SukedachiProperties properties;

    public PolicyController(PolicyService service, PolicyDocuments documents, SukedachiProperties properties) {
        this.service = service;
        this.documents = documents;
        this.properties = properties;
    }

    @GetMapping("/selfcheck/policy")
    public String form(Actor actor, Locale locale, HttpServletRequest request, Model model) {
        Policy policy = service.current(actor, locale);
        return page(actor, policy, service.find(actor).isPresent(), Map.of(), request, model);
    }

    private String page(Actor actor, Policy policy, boolean stored, Map<String, String> errors,
            HttpServletRequest request, Model model) {
        model.addAttribute("policy", policy);
        model.addAttribute("stored", stored);
        model.addAttribute("errors", errors);
        model.addAttribute("mayEdit", SelfHelp.mayEdit(actor));
        model.addAttribute("sections", PolicySection.values());
        model.addAttribute("roles", PolicyRole.values());
        model.addAttribute("publicUrl", policy.published() ? publicUrl(request, policy.publicToken()) : null);
        return "selfcheck/policy/form";
    }

    private String publicUrl(HttpServletRequest request, String token) {
        String base = properties.publicUrl();
        if (base == null || base.isBlank()) {
            base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        }
        return base.replaceAll("/+$", "") + "/p/" + token;
    }

    @PostMapping("/selfcheck/policy")
    public String save(Actor actor, @RequestParam Map<String, String> form, Locale locale, HttpServletRequest request,
            Model model, RedirectAttributes redirect) {
        PolicyService.Saved saved = service.save(actor, form, locale);
        if (!saved.ok()) {
            return page(actor, saved.policy(), service.find(actor).isPresent(), saved.errors(), request, model);
        }
        redirect.addFlashAttribute("notice", "policy.saved");
        return "redirect:/selfcheck/policy";
    }

    @PostMapping("/selfcheck/policy/publish")
    public String publish(Actor actor, RedirectAttributes redirect) {
        service.publish(actor);
        redirect.addFlashAttribute("notice", "policy.published");
        return "redirect:/selfcheck/policy";
    }

    @PostMapping("/selfcheck/policy/unpublish")
    public String unpublish(Actor actor, RedirectAttributes redirect) {
        service.unpublish(actor);
        redirect.addFlashAttribute("notice", "policy.unpublished");
        return "redirect:/selfcheck/policy";
    }

    @GetMapping("/selfcheck/policy/pdf")
    public ResponseEntity<byte[]> pdf(Actor actor) {
        Policy policy = service.find(actor).orElseThrow(() -> new NotFoundException("policy"));
        return PdfResponses.attachment(documents.policyPdf(policy), "security-policy.pdf");
    }

    @GetMapping("/selfcheck/policy/rules")
    public String rules(Actor actor, Model model) {
        Policy policy = service.find(actor).orElseThrow(() -> new NotFoundException("policy"));
        model.addAttribute("policy", policy);
        model.addAttribute("roleRows", documents.roleRows(policy, policy.locale()));
        model.addAttribute("ruleNumbers", IntStream.rangeClosed(1, PolicyDocuments.RULE_SECTIONS).boxed().toList());
        model.addAttribute("established", documents.established(policy));
        return "selfcheck/policy/rules";
    }

    @GetMapping("/selfcheck/policy/rules/pdf")
    public ResponseEntity<byte[]> rulesPdf(Actor actor) {
        Policy policy = service.find(actor).orElseThrow(() -> new NotFoundException("policy"));
        return PdfResponses.attachment(documents.rulesPdf(policy), "security-rules.pdf");
    }
}
