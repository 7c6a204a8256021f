package jp.sukedachi.app.report.letter;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public verification page a partner opens from the letter: no login, found by the token alone. It shows the
 * letter's facts while the letter is valid; for a revoked letter or an unknown token only that there is no valid
 * letter (404), nothing of any company. Not indexed, not cached, and no referrer leaves it (the token is in its URL).
 */
@Controller
class VerificationController {
    private final Letters letters;
    private final LetterDocuments documents;
    private final MessageSource messages;

    VerificationController(Letters letters, LetterDocuments documents, MessageSource messages) {
        this.letters = letters;
        this.documents = documents;
        this.messages = messages;
    }

    @GetMapping("/v/{token}")
    String verify(@PathVariable String token, Locale locale, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        Optional<ProofLetter> letter = letters.verify(token);
        if (letter.isEmpty()) {
            // Both languages and nothing else: not even the token is echoed.
            for (Locale l : new Locale[] {Locale.JAPANESE, Locale.ENGLISH}) {
                model.addAttribute(l.getLanguage(), new String[] {messages.getMessage("letter.invalid.title", null, l),
                        messages.getMessage("letter.invalid.text", null, l)});
            }
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "report/letter/invalid";
        }
        model.addAttribute("token", token);
        model.addAttribute("english", "en".equals(locale.getLanguage()));
        model.addAttribute("text", documents.text(letter.get().facts(), locale));
        return "report/letter/public";
    }
}
