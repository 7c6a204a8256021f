package jp.sukedachi.app.desk;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Desk tickets over the API, tenant-scoped like every other call: a company's users see their own company's
 * tickets and the public conversation only; provider staff see every company and the internal notes.
 */
@RestController
@Tag(name = "Desk tickets")
class TicketApiController {
    private final Tickets tickets;
    private final TenantRepository tenants;

    TicketApiController(Tickets tickets, TenantRepository tenants) {
        this.tickets = tickets;
        this.tenants = tenants;
    }

    /**
     * A new ticket. {@code category} QUESTION, SUSPICIOUS, VISIT_REQUEST, ACCOUNT or OTHER (default QUESTION);
     * {@code priority} LOW, MEDIUM, HIGH or CRITICAL (default MEDIUM); {@code channel} PORTAL, EMAIL, PHONE or API;
     * {@code receivedAt} an ISO-8601 time, honoured for provider staff only.
     */
    public record TicketDraft(String subject, String body, String category, String priority, String channel,
            String receivedAt, String requesterName, String requesterEmail) {
    }

    /** Staff changes; absent fields stay as they are. {@code assigneeId} "" unassigns. */
    public record TicketChange(String status, String priority, String category, String assigneeId) {
    }

    public record MessageDraft(String body, Boolean internal) {
    }

    /** A ticket as the API answers it; times are ISO-8601 UTC, the due times null when the desk set none. */
    public record TicketJson(UUID id, long number, String tenant, String subject, String body,
            TicketCategory category, TicketPriority priority, TicketStatus status, TicketChannel channel,
            Instant receivedAt, String requesterName, String requesterEmail, Instant firstResponseDue,
            Instant resolutionDue, Instant firstRespondedAt, Instant solvedAt, Instant closedAt, UUID assigneeId,
            Integer minutesSpent) {
        static TicketJson of(Ticket t, boolean staff) {
            TicketSummary s = t.summary();
            return new TicketJson(s.id(), s.number(), t.tenantSlug(), s.subject(), s.body(), s.category(),
                    s.priority(), s.status(), s.channel(), s.receivedAt(), s.requesterName(), s.requesterEmail(),
                    s.firstResponseDue(), s.resolutionDue(), s.firstRespondedAt(), t.solvedAt(), t.closedAt(),
                    staff ? t.assigneeUserId() : null, staff ? t.minutesSpent() : null);
        }
    }

    /** One message: kind PUBLIC (the desk's reply), CUSTOMER, or INTERNAL (staff only ever see these). */
    public record MessageJson(long id, TicketMessage.Kind kind, String author, String body, Instant at) {
    }

    public record FileJson(long id, String fileName, String contentType, long size, String sha256, boolean internal,
            Instant uploadedAt) {
    }

    public record TicketDetail(TicketJson ticket, List<MessageJson> messages, List<FileJson> files) {
    }

    @PostMapping("/api/v1/tenants/{slug}/tickets")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a desk ticket for a company. receivedAt (ISO-8601, not in the future) is honoured"
            + " only for provider staff (a phone call logged later); for the company's own users it is ignored and"
            + " the ticket is received now, with channel API or PORTAL. Answers 201 with id, number, status and the"
            + " firstResponseDue/resolutionDue times of the desk's business calendar; 400 names the refused field.")
    public TicketJson open(Actor actor, @PathVariable String slug, @RequestBody(required = false) TicketDraft draft) {
        var tenant = tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("tenant"));
        if (draft == null) {
            throw new jp.sukedachi.app.shared.InvalidInput("subject", "ticket.error.required", null,
                    "a JSON body with subject and body is required", "subject");
        }
        TicketChannel channel = DeskWeb.choice("channel", draft.channel(), TicketChannel.class);
        TicketSummary t = tickets.open(actor, tenant.id(), new Tickets.Draft(draft.subject(), draft.body(),
                DeskWeb.choice("category", draft.category(), TicketCategory.class),
                DeskWeb.choice("priority", draft.priority(), TicketPriority.class),
                channel == null ? TicketChannel.API : channel,
                Tickets.isStaff(actor) ? DeskWeb.isoInstant("receivedAt", draft.receivedAt()) : null,
                draft.requesterName(), draft.requesterEmail()));
        return TicketJson.of(tickets.get(actor, t.id()), Tickets.isStaff(actor));
    }

    @GetMapping("/api/v1/tenants/{slug}/tickets")
    @Operation(summary = "A company's desk tickets, newest first: at most 300; when there were more, the answer"
            + " carries the header X-Sukedachi-Truncated: 300")
    public List<TicketJson> list(Actor actor, @PathVariable String slug,
            jakarta.servlet.http.HttpServletResponse response) {
        var tenant = tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("tenant"));
        boolean staff = Tickets.isStaff(actor);
        Tickets.TicketList list = tickets.ofTenant(actor, tenant.id());
        if (list.more()) {
            // Never cut without saying so: the list is the newest LIST_MAX.
            response.setHeader("X-Sukedachi-Truncated", Integer.toString(Tickets.LIST_MAX));
        }
        return list.items().stream().map(t -> TicketJson.of(t, staff)).toList();
    }

    @GetMapping("/api/v1/tickets/{id}")
    @Operation(summary = "A desk ticket with its conversation and files; internal notes and internal files are"
            + " included for provider staff only")
    public TicketDetail detail(Actor actor, @PathVariable UUID id) {
        Ticket t = tickets.get(actor, id);
        return detailOf(actor, t);
    }

    @PatchMapping("/api/v1/tickets/{id}")
    @Operation(summary = "Change a ticket's status (OPEN, WAITING, SOLVED, CLOSED), priority, category or"
            + " assignee (provider staff only)")
    public TicketDetail change(Actor actor, @PathVariable UUID id, @RequestBody(required = false) TicketChange change) {
        Ticket t = tickets.get(actor, id);
        if (change != null) {
            TicketStatus status = DeskWeb.choice("status", change.status(), TicketStatus.class);
            TicketPriority priority = DeskWeb.choice("priority", change.priority(), TicketPriority.class);
            TicketCategory category = DeskWeb.choice("category", change.category(), TicketCategory.class);
            if (status != null) {
                tickets.changeStatus(actor, id, status);
            }
            if (priority != null) {
                tickets.changePriority(actor, id, priority);
            }
            if (category != null) {
                tickets.changeCategory(actor, id, category);
            }
            if (change.assigneeId() != null) {
                tickets.assign(actor, id, change.assigneeId().isBlank() ? null
                        : DeskController.parseId("assigneeId", change.assigneeId()));
            }
            t = tickets.get(actor, id);
        }
        return detailOf(actor, t);
    }

    @PostMapping("/api/v1/tickets/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a message: provider staff write a public reply or, with internal=true, an internal"
            + " note; the company's users write a message to the desk (internal=true is refused with 403)")
    public Map<String, Long> message(Actor actor, @PathVariable UUID id,
            @RequestBody(required = false) MessageDraft draft) {
        tickets.get(actor, id);
        return Map.of("id", tickets.post(actor, id, draft == null ? null : draft.body(),
                draft != null && Boolean.TRUE.equals(draft.internal())));
    }

    private TicketDetail detailOf(Actor actor, Ticket t) {
        List<MessageJson> messages = tickets.messages(actor, t.id()).stream()
                .map(m -> new MessageJson(m.id(), m.kind(), m.authorName(), m.body(), m.at())).toList();
        List<FileJson> files = tickets.attachments(actor, t.id()).stream()
                .map(a -> new FileJson(a.info().id(), a.info().fileName(), a.contentType(), a.info().size(),
                        a.info().sha256(), a.internal(), a.uploadedAt())).toList();
        return new TicketDetail(TicketJson.of(t, Tickets.isStaff(actor)), messages, files);
    }
}
