package jp.sukedachi.app.desk;

import jakarta.mail.MessagingException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.sukedachi.app.desk.DeskMailRepository.Unmatched;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff pages of the mail no company was found for: the list, one mail, assign it or discard it. */
@Controller
class DeskMailController {
    private final DeskMailUnmatched unmatched;
    private final TenantRepository tenants;
    private final MessageSource messages;

    DeskMailController(DeskMailUnmatched unmatched, TenantRepository tenants, MessageSource messages) {
        this.unmatched = unmatched;
        this.tenants = tenants;
        this.messages = messages;
    }

    /** A mail's attachment as the page lists it. */
    public record AttachmentLine(String fileName, String size) {
    }

    @GetMapping("/desk/mail")
    public String list(Actor actor, Model model) {
        List<Unmatched> waiting = unmatched.waiting(actor);
        model.addAttribute("waiting", waiting);
        model.addAttribute("sizes", waiting.stream()
                .collect(Collectors.toMap(Unmatched::id, m -> DeskMailIntake.size(m.rawSize()))));
        model.addAttribute("decided", unmatched.decided(actor));
        model.addAttribute("tenantNames", tenants.findVisible(actor).stream()
                .collect(Collectors.toMap(Tenant::id, Tenant::name)));
        return "desk-mail";
    }

    @GetMapping("/desk/mail/{id}")
    public String show(Actor actor, @PathVariable UUID id, Model model) throws MessagingException, IOException {
        Unmatched mail = unmatched.get(actor, id);
        DeskMailParser.Parsed parsed = DeskMailParser.parse(mail.raw());
        model.addAttribute("mail", mail);
        model.addAttribute("body", parsed.body());
        model.addAttribute("attachments", parsed.attachments().stream()
                .map(a -> new AttachmentLine(a.fileName(), DeskMailIntake.size(a.content().length))).toList());
        model.addAttribute("size", DeskMailIntake.size(mail.rawSize()));
        List<Tenant> visible = tenants.findVisible(actor);
        model.addAttribute("tenants", visible);
        model.addAttribute("tenantNames", visible.stream().collect(Collectors.toMap(Tenant::id, Tenant::name)));
        model.addAttribute("suggested", suggested(mail, visible));
        return "desk-mail-detail";
    }

    @PostMapping("/desk/mail/{id}/assign")
    public String assign(Actor actor, @PathVariable UUID id, @RequestParam(required = false) UUID tenantId,
            RedirectAttributes redirect, Model model, Locale locale, HttpServletResponse response)
            throws MessagingException, IOException {
        try {
            UUID ticket = unmatched.assign(actor, id, tenantId);
            redirect.addFlashAttribute("notice", "deskMail.assigned");
            redirect.addFlashAttribute("ticketId", ticket);
        } catch (IllegalArgumentException e) {
            return refused(actor, id, e, model, locale, response);
        }
        return "redirect:/desk/mail";
    }

    @PostMapping("/desk/mail/{id}/discard")
    public String discard(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect, Model model, Locale locale, HttpServletResponse response)
            throws MessagingException, IOException {
        try {
            unmatched.discard(actor, id, reason);
            redirect.addFlashAttribute("notice", "deskMail.discarded");
        } catch (IllegalArgumentException e) {
            model.addAttribute("reason", reason);
            return refused(actor, id, e, model, locale, response);
        }
        return "redirect:/desk/mail";
    }

    /** The mail's page again with the reason it was refused, and what was typed. */
    private String refused(Actor actor, UUID id, IllegalArgumentException e, Model model, Locale locale,
            HttpServletResponse response) throws MessagingException, IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("formError", InvalidInput.describe(messages, e, locale));
        return show(actor, id, model);
    }

    /** The company whose domain the sender's address shares (a new colleague not yet a user), if exactly one. */
    private static UUID suggested(Unmatched mail, List<Tenant> visible) {
        String from = mail.fromEmail();
        int at = from == null ? -1 : from.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        String domain = from.substring(at).toLowerCase(Locale.ROOT);
        Map<UUID, Tenant> matches = visible.stream()
                .filter(t -> t.contactEmail() != null && t.contactEmail().toLowerCase(Locale.ROOT).endsWith(domain))
                .collect(Collectors.toMap(Tenant::id, Function.identity()));
        return matches.size() == 1 ? matches.keySet().iterator().next() : null;
    }
}
