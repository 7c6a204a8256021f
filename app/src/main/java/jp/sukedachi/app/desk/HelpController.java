package jp.sukedachi.app.desk;

import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The company's 困ったときは: three plain choices (ask a question, report something strange, ask for a visit), a
 * short form each, the company's requests with their status in plain words and the public conversation, reply,
 * files and the rating after a request is solved; the desk's phone, e-mail and hours. Internal notes never reach
 * these pages: {@link Tickets#messages} leaves them out for the company's users. Owners and members only.
 */
@Controller
class HelpController {
    /** The three choices of the page, in order. */
    static final List<TicketCategory> CHOICES = List.of(TicketCategory.QUESTION, TicketCategory.SUSPICIOUS,
            TicketCategory.VISIT_REQUEST);
    private final Tickets tickets;
    private final DeskContact desk;

    HelpController(Tickets tickets, DeskContact desk) {
        this.tickets = tickets;
        this.desk = desk;
    }

    @GetMapping("/my/help")
    String help(Actor actor, Model model) {
        DeskWeb.requireCompany(actor);
        model.addAttribute("choices", CHOICES);
        Tickets.TicketList mine = tickets.ofTenant(actor, actor.tenantId());
        model.addAttribute("tickets", mine.items());
        model.addAttribute("more", mine.more());
        model.addAttribute("desk", desk);
        return "desk/help";
    }

    @GetMapping("/my/help/new")
    String form(Actor actor, @RequestParam(defaultValue = "QUESTION") String kind, Model model) {
        DeskWeb.requireCompany(actor);
        TicketCategory category = DeskWeb.choice("kind", kind, TicketCategory.class);
        if (!CHOICES.contains(category)) {
            throw new NotFoundException("help form");
        }
        model.addAttribute("kind", category);
        model.addAttribute("desk", desk);
        model.addAttribute("maxMb", Math.max(1, tickets.attachmentMaxBytes() / (1024 * 1024)));
        return "desk/help-new";
    }

    @PostMapping("/my/help/new")
    @Transactional
    String ask(Actor actor, @RequestParam(defaultValue = "QUESTION") String kind,
            @RequestParam(required = false) String subject, @RequestParam(required = false) String body,
            @RequestParam(required = false) MultipartFile file) {
        DeskWeb.requireCompany(actor);
        TicketCategory category = DeskWeb.choice("kind", kind, TicketCategory.class);
        if (!CHOICES.contains(category)) {
            category = TicketCategory.OTHER;
        }
        // Something strange and a visit are urgent for the company: the desk sees them first.
        TicketPriority priority = category == TicketCategory.QUESTION ? TicketPriority.MEDIUM : TicketPriority.HIGH;
        TicketSummary t = tickets.open(actor, actor.tenantId(), new Tickets.Draft(subject, body, category, priority,
                TicketChannel.PORTAL, null, null, null));
        if (file != null && !file.isEmpty()) {
            tickets.attach(actor, t.id(), file.getOriginalFilename(), file.getContentType(), DeskWeb.bytes(file),
                    false);
        }
        return "redirect:/my/help/tickets/" + t.id() + "?sent=1";
    }

    @GetMapping("/my/help/tickets/{id}")
    String ticket(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String sent, Model model) {
        DeskWeb.requireCompany(actor);
        Ticket t = tickets.get(actor, id);
        model.addAttribute("t", t);
        model.addAttribute("sent", sent != null);
        model.addAttribute("messages", tickets.messages(actor, id));
        model.addAttribute("attachments", tickets.attachments(actor, id));
        model.addAttribute("surveyOffered", tickets.surveyOffered(actor, t));
        model.addAttribute("survey", tickets.survey(actor, id).orElse(null));
        model.addAttribute("desk", desk);
        model.addAttribute("maxMb", Math.max(1, tickets.attachmentMaxBytes() / (1024 * 1024)));
        return "desk/help-ticket";
    }

    @PostMapping("/my/help/tickets/{id}/messages")
    String reply(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String body,
            RedirectAttributes redirect) {
        DeskWeb.requireCompany(actor);
        tickets.post(actor, id, body, false);
        redirect.addFlashAttribute("notice", "help.notice.replied");
        return "redirect:/my/help/tickets/" + id;
    }

    @PostMapping("/my/help/tickets/{id}/attachments")
    String attach(Actor actor, @PathVariable UUID id, @RequestParam(required = false) MultipartFile file,
            RedirectAttributes redirect) {
        DeskWeb.requireCompany(actor);
        tickets.attach(actor, id, file == null ? null : file.getOriginalFilename(),
                file == null ? null : file.getContentType(), DeskWeb.bytes(file), false);
        redirect.addFlashAttribute("notice", "help.notice.attached");
        return "redirect:/my/help/tickets/" + id;
    }

    @GetMapping("/my/help/tickets/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> file(Actor actor, @PathVariable UUID id, @PathVariable long attachmentId) {
        DeskWeb.requireCompany(actor);
        return DeskWeb.download(tickets.attachment(actor, id, attachmentId));
    }

    @PostMapping("/my/help/tickets/{id}/survey")
    String survey(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String score,
            @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        DeskWeb.requireCompany(actor);
        int s = DeskWeb.number(score);
        tickets.answerSurvey(actor, id, s, comment);
        redirect.addFlashAttribute("notice", "help.notice.rated");
        return "redirect:/my/help/tickets/" + id;
    }
}
