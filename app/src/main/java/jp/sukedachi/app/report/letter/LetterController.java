package jp.sukedachi.app.report.letter;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.app.pdf.PdfResponses;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The owner's letters ({@code /my/letters}: choose a period, make a letter, print it, revoke it) and the staff's
 * read-only list of a company's letters ({@code /tenants/{id}/letters}). The verification link is shown once, on
 * the page the owner lands on after making the letter; the PDF is printed from there.
 */
@Controller
class LetterController {
    private final Letters letters;
    private final LetterDocuments documents;
    private final SukedachiProperties properties;
    private final MessageSource messages;

    LetterController(Letters letters, LetterDocuments documents, SukedachiProperties properties,
            MessageSource messages) {
        this.letters = letters;
        this.documents = documents;
        this.properties = properties;
        this.messages = messages;
    }

    @GetMapping("/my/letters")
    String list(Actor actor, Model model) {
        Tenant tenant = letters.ownCompany(actor);
        model.addAttribute("tenant", tenant);
        model.addAttribute("periods", letters.periods(actor, tenant));
        model.addAttribute("letters", letters.own(actor));
        model.addAttribute("staffView", false);
        return "report/letter/letters";
    }

    @PostMapping("/my/letters")
    String create(Actor actor, @RequestParam(required = false) String months, RedirectAttributes redirect) {
        Letters.Created created = letters.create(actor, months);
        // Shown once on the next page (a flash attribute lives for one request), then only the letter holds it.
        redirect.addFlashAttribute("token", created.token());
        return "redirect:/my/letters/" + created.letter().id();
    }

    @GetMapping("/my/letters/{id}")
    String letter(Actor actor, @PathVariable UUID id, Locale locale, HttpServletRequest request, Model model) {
        ProofLetter letter = letters.ownLetter(actor, id);
        model.addAttribute("letter", letter);
        model.addAttribute("text", documents.text(letter.facts(), locale));
        Object token = model.getAttribute("token");
        if (token instanceof String t && !letter.revoked()) {
            model.addAttribute("verificationUrl", verificationUrl(request, t));
        }
        return "report/letter/letter";
    }

    /** The PDF in Japanese, or in English with {@code language=en}; a form post, so the token never sits in a URL. */
    @PostMapping("/my/letters/{id}/pdf")
    ResponseEntity<byte[]> pdf(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String token,
            @RequestParam(required = false) String language, HttpServletRequest request) {
        Locale locale = switch (language == null ? "ja" : language.strip()) {
            case "ja", "" -> Locale.JAPANESE;
            case "en" -> Locale.ENGLISH;
            default -> throw new InvalidInput("language", "letter.language.invalid", null,
                    "language must be ja or en");
        };
        ProofLetter letter = letters.forDownload(actor, id, token);
        return PdfResponses.attachment(documents.pdf(letter.facts(), verificationUrl(request, token), locale),
                "proof-of-check-" + letter.facts().from() + "-" + letter.facts().to() + "-" + locale.getLanguage()
                        + ".pdf");
    }

    @PostMapping("/my/letters/{id}/revoke")
    String revoke(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String confirm, Locale locale,
            RedirectAttributes redirect) {
        boolean revoked = letters.revoke(actor, id, "yes".equals(confirm));
        redirect.addFlashAttribute("notice", messages.getMessage(revoked ? "letter.revoked.done"
                : "letter.revoked.already", null, locale));
        return "redirect:/my/letters";
    }

    @GetMapping("/tenants/{id}/letters")
    String staffList(Actor actor, @PathVariable UUID id, Model model) {
        Tenant tenant = letters.companyForStaff(actor, id);
        model.addAttribute("tenant", tenant);
        model.addAttribute("letters", letters.ofCompany(actor, tenant));
        model.addAttribute("staffView", true);
        return "report/letter/letters";
    }

    /** The configured public URL, as invitation links use it, else the URL this request came in at. */
    private String verificationUrl(HttpServletRequest request, String token) {
        String base = properties.publicUrl();
        if (base == null || base.isBlank()) {
            base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        }
        return base.replaceAll("/+$", "") + "/v/" + token;
    }
}
