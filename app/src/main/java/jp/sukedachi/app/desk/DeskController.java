package jp.sukedachi.app.desk;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff desk: the queue (filters by status, company, assignee, priority; the most urgent due time first, with
 * breach warnings), a phone call logged with the time it came in, and a ticket's page (the conversation with
 * internal notes marked, the reply or note form with canned answers, status/priority/category/assignee, time,
 * files, and the way to open an incident from it). Provider staff only.
 */
@Controller
class DeskController {
    private final Tickets tickets;
    private final CannedAnswers canned;
    private final TicketSla sla;
    private final TenantRepository tenants;
    private final java.time.Clock clock;

    DeskController(Tickets tickets, CannedAnswers canned, TicketSla sla, TenantRepository tenants,
            java.time.Clock clock) {
        this.tickets = tickets;
        this.canned = canned;
        this.sla = sla;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** A queue row: the ticket and the due time that counts now. */
    public record Row(Ticket ticket, TicketSla.Due due) {
    }

    @GetMapping("/desk")
    String queue(Actor actor, @RequestParam(required = false) String status,
            @RequestParam(required = false) String company, @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String priority, Model model) {
        DeskWeb.requireStaff(actor);
        TicketStatus s = "ALL".equalsIgnoreCase(status) ? null : DeskWeb.choice("status", status, TicketStatus.class);
        TicketPriority p = DeskWeb.choice("priority", priority, TicketPriority.class);
        UUID tenant = company == null || company.isBlank() ? null
                : tenants.findBySlug(actor, company.strip()).orElseThrow(() -> new NotFoundException("tenant")).id();
        boolean unassigned = "none".equals(assignee);
        UUID assigneeId = null;
        if ("me".equals(assignee)) {
            assigneeId = actor.userId();
        } else if (assignee != null && !assignee.isBlank() && !unassigned) {
            assigneeId = parseId("assignee", assignee);
        }
        Tickets.TicketList list = tickets.queue(actor, new TicketFilter(s, tenant, assigneeId, unassigned, p,
                !"ALL".equalsIgnoreCase(status)));
        model.addAttribute("rows", list.items().stream().map(t -> new Row(t, sla.of(t))).toList());
        model.addAttribute("more", list.more());
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("companies", tenants.findVisible(actor));
        model.addAttribute("staff", tickets.assignableStaff(actor));
        model.addAttribute("fStatus", status == null ? "" : status.toUpperCase(Locale.ROOT));
        model.addAttribute("fPriority", p == null ? "" : p.name());
        model.addAttribute("fCompany", company == null ? "" : company.strip());
        model.addAttribute("fAssignee", assignee == null ? "" : assignee);
        return "desk/queue";
    }

    @GetMapping("/desk/new")
    String newCall(Actor actor, @RequestParam(required = false) String company, Model model) {
        DeskWeb.requireStaff(actor);
        model.addAttribute("companies", tenants.findVisible(actor));
        model.addAttribute("fCompany", company == null ? "" : company);
        model.addAttribute("categories", TicketCategory.values());
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("channels", List.of(TicketChannel.PHONE, TicketChannel.EMAIL, TicketChannel.PORTAL));
        model.addAttribute("now", DeskWeb.localJapanText(clock.instant()));
        return "desk/new";
    }

    @PostMapping("/desk/new")
    String logCall(Actor actor, @RequestParam Map<String, String> form) {
        DeskWeb.requireStaff(actor);
        Tenant tenant = tenants.findBySlug(actor, form.getOrDefault("company", "").strip())
                .orElseThrow(() -> new NotFoundException("tenant"));
        TicketSummary t = tickets.open(actor, tenant.id(), new Tickets.Draft(form.get("subject"), form.get("body"),
                DeskWeb.choice("category", form.get("category"), TicketCategory.class),
                DeskWeb.choice("priority", form.get("priority"), TicketPriority.class),
                DeskWeb.choice("channel", form.getOrDefault("channel", "PHONE"), TicketChannel.class),
                DeskWeb.localJapanTime("receivedAt", form.get("receivedAt")), form.get("requesterName"),
                form.get("requesterEmail")));
        return "redirect:/desk/tickets/" + t.id();
    }

    @GetMapping("/desk/tickets/{id}")
    String ticket(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String canned,
            Model model, Locale locale) {
        DeskWeb.requireStaff(actor);
        Ticket t = tickets.get(actor, id);
        model.addAttribute("t", t);
        model.addAttribute("due", sla.of(t));
        model.addAttribute("messages", tickets.messages(actor, id));
        model.addAttribute("attachments", tickets.attachments(actor, id));
        model.addAttribute("times", tickets.times(actor, id));
        model.addAttribute("survey", tickets.survey(actor, id).orElse(null));
        model.addAttribute("cannedAnswers", this.canned.all(actor));
        model.addAttribute("staff", tickets.assignableStaff(actor));
        model.addAttribute("statuses", List.of(TicketStatus.OPEN, TicketStatus.WAITING, TicketStatus.SOLVED,
                TicketStatus.CLOSED));
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("categories", TicketCategory.values());
        model.addAttribute("maxMb", Math.max(1, tickets.attachmentMaxBytes() / (1024 * 1024)));
        String draft = "";
        if (canned != null && !canned.isBlank()) {
            draft = this.canned.find(actor, parseId("canned", canned)).map(c -> c.body(locale)).orElse("");
        }
        model.addAttribute("draft", draft);
        return "desk/ticket";
    }

    @PostMapping("/desk/tickets/{id}/messages")
    String reply(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String body,
            @RequestParam(defaultValue = "public") String kind, @RequestParam(required = false) String then,
            RedirectAttributes redirect) {
        DeskWeb.requireStaff(actor);
        boolean internal = "internal".equals(kind);
        tickets.post(actor, id, body, internal);
        TicketStatus next = DeskWeb.choice("then", then, TicketStatus.class);
        if (next != null && !internal) {
            tickets.changeStatus(actor, id, next);
        }
        redirect.addFlashAttribute("notice", internal ? "desk.notice.noted" : "desk.notice.replied");
        return "redirect:/desk/tickets/" + id;
    }

    @PostMapping("/desk/tickets/{id}")
    String update(Actor actor, @PathVariable UUID id, @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        DeskWeb.requireStaff(actor);
        TicketStatus status = DeskWeb.choice("status", form.get("status"), TicketStatus.class);
        if (status != null) {
            tickets.changeStatus(actor, id, status);
        }
        TicketPriority priority = DeskWeb.choice("priority", form.get("priority"), TicketPriority.class);
        if (priority != null) {
            tickets.changePriority(actor, id, priority);
        }
        TicketCategory category = DeskWeb.choice("category", form.get("category"), TicketCategory.class);
        if (category != null) {
            tickets.changeCategory(actor, id, category);
        }
        if (form.containsKey("assignee")) {
            String a = form.get("assignee");
            tickets.assign(actor, id, a == null || a.isBlank() ? null : parseId("assignee", a));
        }
        redirect.addFlashAttribute("notice", "desk.notice.saved");
        return "redirect:/desk/tickets/" + id;
    }

    @PostMapping("/desk/tickets/{id}/time")
    String time(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String minutes,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        DeskWeb.requireStaff(actor);
        int m = DeskWeb.number(minutes);
        tickets.logTime(actor, id, m, note);
        redirect.addFlashAttribute("notice", "desk.notice.timeLogged");
        return "redirect:/desk/tickets/" + id;
    }

    @PostMapping("/desk/tickets/{id}/attachments")
    String attach(Actor actor, @PathVariable UUID id, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String internal, RedirectAttributes redirect) {
        DeskWeb.requireStaff(actor);
        tickets.attach(actor, id, file == null ? null : file.getOriginalFilename(),
                file == null ? null : file.getContentType(), DeskWeb.bytes(file), "on".equals(internal)
                        || "true".equals(internal));
        redirect.addFlashAttribute("notice", "desk.notice.attached");
        return "redirect:/desk/tickets/" + id;
    }

    @GetMapping("/desk/tickets/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> file(Actor actor, @PathVariable UUID id, @PathVariable long attachmentId) {
        DeskWeb.requireStaff(actor);
        return DeskWeb.download(tickets.attachment(actor, id, attachmentId));
    }

    static UUID parseId(String field, String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new jp.sukedachi.app.shared.InvalidInput(field, "desk.error.choice", null, field + " is not an id",
                    "");
        }
    }
}
