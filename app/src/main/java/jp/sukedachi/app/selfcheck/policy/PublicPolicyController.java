package jp.sukedachi.app.selfcheck.policy;

import jp.sukedachi.app.pdf.PdfResponses;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The published policy for anyone with the link (business partners, the company website): no login,
 * found by its random token only, and gone (404) once the company withdraws it.
 */
@Controller
class PublicPolicyController {
    private final PolicyService service;
    private final PolicyDocuments documents;

    public PublicPolicyController(PolicyService service, PolicyDocuments documents) {
        this.service = service;
        this.documents = documents;
    }

    @GetMapping("/p/{token}")
    public String page(@PathVariable String token, Model model) {
        Policy policy = service.findPublished(token).orElseThrow(() -> new NotFoundException("policy"));
        model.addAttribute("policy", policy);
        model.addAttribute("title", documents.title(policy));
        model.addAttribute("sections", documents.sectionsOf(policy));
        model.addAttribute("established", documents.established(policy));
        return "selfcheck/policy/public";
    }

    @GetMapping("/p/{token}/pdf")
    public ResponseEntity<byte[]> pdf(@PathVariable String token) {
        Policy policy = service.findPublished(token).orElseThrow(() -> new NotFoundException("policy"));
        return PdfResponses.attachment(documents.policyPdf(policy), "security-policy.pdf");
    }
}
