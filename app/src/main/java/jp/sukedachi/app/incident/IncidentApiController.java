package jp.sukedachi.app.incident;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.incident.IncidentRecords.Evidence;
import jp.sukedachi.app.incident.IncidentRecords.Message;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incidents over the API: open (from alerts, a desk ticket, or for a company), list, read with tasks, timeline,
 * evidence metadata, messages and every extension's part (company users get only what is for the company), change,
 * check tasks off, add timeline entries.
 */
@RestController
@Tag(name = "Incidents")
class IncidentApiController {
    private final Incidents incidents;
    private final IncidentViews views;
    private final IncidentTickets tickets;
    private final TenantRepository tenants;

    IncidentApiController(Incidents incidents, IncidentViews views, IncidentTickets tickets,
            TenantRepository tenants) {
        this.incidents = incidents;
        this.views = views;
        this.tickets = tickets;
        this.tenants = tenants;
    }

    /** Exactly one of {@code alertIds}, {@code ticketId}, {@code tenant} (slug) says what the incident is of. */
    public record IncidentDraft(List<UUID> alertIds, UUID ticketId, String tenant, String title, String type,
            String severity) {
    }

    /** One row of the list. */
    public record IncidentRow(UUID id, long number, String title, IncidentType type, String severity,
            IncidentStatus status, UUID tenantId, Instant openedAt, Instant closedAt) {
        static IncidentRow of(Incident i) {
            return new IncidentRow(i.id(), i.number(), i.title(), i.type(), i.severity(), i.status(), i.tenantId(),
                    i.openedAt(), i.closedAt());
        }
    }

    /** An incident as its reader may see it; {@code extensions} holds each extension's part under its name. */
    public record IncidentDetail(UUID id, long number, String title, IncidentType type, String severity,
            IncidentStatus status, UUID tenantId, UUID ownerId, IncidentSource source, UUID sourceTicketId,
            Incident.FiveW1H facts, List<String> hosts, Instant learnedAt, Instant openedAt, Instant closedAt,
            List<IncidentViews.TaskLine> tasks, List<IncidentViews.TimelineLine> timeline, List<Evidence> evidence,
            List<Message> messages, Map<String, Object> extensions) {
    }

    /** A PATCH: members left out (null) stay as they are. */
    public record IncidentPatch(String status, String reason, UUID ownerId, Boolean unassign, String title,
            String type, String severity, String foundBy, Instant foundAt, String what, String where, String how,
            String damage, List<String> hosts, Instant learnedAt) {
    }

    public record TaskDone(Boolean done) {
    }

    public record TimelineDraft(String text, Boolean visibleToCompany) {
    }

    public record TaskDraft(String text, Boolean forCompany) {
    }

    @PostMapping("/api/v1/incidents")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open an incident from alerts of one company {\"alertIds\":[…]}, from a desk ticket"
            + " {\"ticketId\":…}, or for a company {\"tenant\":slug,\"title\":…}; type and severity optional (staff)")
    public IncidentDetail open(Actor actor, @RequestBody IncidentDraft d, Locale locale) {
        if (d == null) {
            throw new InvalidInput("alertIds", "incident.alerts.empty", null, "alertIds, ticketId or tenant required");
        }
        Incidents.Opening o = new Incidents.Opening(d.title(),
                d.type() == null ? null : IncidentController.choice(d.type(), IncidentType.class),
                d.severity() == null ? null : d.severity().strip().toUpperCase(Locale.ROOT));
        Incident i;
        if (d.alertIds() != null) {
            i = incidents.openFromAlerts(actor, d.alertIds(), o);
        } else if (d.ticketId() != null) {
            i = tickets.open(actor, d.ticketId(), o);
        } else if (d.tenant() != null) {
            IncidentController.requireStaff(actor);
            var t = tenants.findBySlug(actor, d.tenant().strip()).orElseThrow(() -> new NotFoundException("tenant"));
            i = incidents.openForCompany(actor, t.id(), o);
        } else {
            throw new InvalidInput("alertIds", "incident.alerts.empty", null, "alertIds, ticketId or tenant required");
        }
        return detail(actor, i.id(), locale);
    }

    @GetMapping("/api/v1/incidents")
    @Operation(summary = "Incidents the caller may see, open first, most serious and oldest first; status=OPEN"
            + " (not closed, default), ALL, or one status; tenant=slug; type")
    public List<IncidentRow> list(Actor actor, @RequestParam(defaultValue = "OPEN") String status,
            @RequestParam(required = false) String tenant, @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "200") int limit) {
        boolean openOnly = "OPEN".equalsIgnoreCase(status);
        IncidentStatus st = openOnly || "ALL".equalsIgnoreCase(status) ? null
                : IncidentController.choice(status, IncidentStatus.class);
        UUID tenantId = tenant == null || tenant.isBlank() ? null
                : tenants.findBySlug(actor, tenant.strip()).orElseThrow(() -> new NotFoundException("tenant")).id();
        IncidentType ty = type == null || type.isBlank() ? null : IncidentController.choice(type, IncidentType.class);
        return incidents.list(actor, st, openOnly, tenantId, ty, limit).stream().map(IncidentRow::of).toList();
    }

    @GetMapping("/api/v1/incidents/{id}")
    @Operation(summary = "An incident with its tasks, timeline, evidence metadata, messages and extensions (visits,"
            + " reporting); company users get only what is for the company")
    public IncidentDetail detail(Actor actor, @PathVariable UUID id, Locale locale) {
        IncidentViews.View v = views.view(actor, id, locale);
        Incident i = v.incident();
        return new IncidentDetail(i.id(), i.number(), i.title(), i.type(), i.severity(), i.status(), i.tenantId(),
                i.ownerId(), i.source(), i.sourceTicketId(), i.facts(), i.hosts(), i.learnedAt(), i.openedAt(),
                i.closedAt(), v.tasks(), v.timeline(), v.evidence(), v.messages(), IncidentViews.byName(v.panels()));
    }

    @PatchMapping("/api/v1/incidents/{id}")
    @Operation(summary = "Change status (forward; OPEN from CLOSED with a reason), owner, title, type, severity, the"
            + " 5W1H and the affected hosts (staff)")
    public IncidentDetail patch(Actor actor, @PathVariable UUID id, @RequestBody IncidentPatch p, Locale locale) {
        IncidentController.requireStaff(actor);
        Incident i = incidents.get(actor, id);
        if (p == null) {
            return detail(actor, id, locale);
        }
        boolean facts = p.foundBy() != null || p.foundAt() != null || p.what() != null || p.where() != null
                || p.how() != null || p.damage() != null;
        if (facts || p.title() != null || p.type() != null || p.severity() != null || p.hosts() != null
                || p.learnedAt() != null) {
            Incident.FiveW1H f = i.facts();
            incidents.update(actor, id, new Incidents.Change(p.title(),
                    p.type() == null ? null : IncidentController.choice(p.type(), IncidentType.class),
                    p.severity() == null ? null : p.severity().strip().toUpperCase(Locale.ROOT),
                    facts ? new Incident.FiveW1H(p.foundBy() != null ? p.foundBy() : f.foundBy(),
                            p.foundAt() != null ? p.foundAt() : f.foundAt(), p.what() != null ? p.what() : f.what(),
                            p.where() != null ? p.where() : f.where(), p.how() != null ? p.how() : f.how(),
                            p.damage() != null ? p.damage() : f.damage()) : null,
                    p.hosts(), p.learnedAt()));
        }
        if (p.ownerId() != null || Boolean.TRUE.equals(p.unassign())) {
            incidents.changeOwner(actor, id, Boolean.TRUE.equals(p.unassign()) ? null : p.ownerId());
        }
        if (p.status() != null) {
            incidents.changeStatus(actor, id, IncidentController.choice(p.status(), IncidentStatus.class), p.reason());
        }
        return detail(actor, id, locale);
    }

    @PostMapping("/api/v1/incidents/{id}/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a task to the incident's playbook tasks (staff); forCompany shows it to the company")
    public Map<String, Long> addTask(Actor actor, @PathVariable UUID id, @RequestBody TaskDraft d) {
        return Map.of("id", incidents.addTask(actor, id, d == null ? null : d.text(),
                d != null && Boolean.TRUE.equals(d.forCompany())));
    }

    @PostMapping("/api/v1/incidents/{id}/tasks/{taskId}/done")
    @Operation(summary = "Check a task off (body {\"done\":false} un-checks it), with who and when; company users"
            + " may check their own tasks")
    public IncidentViews.TaskLine taskDone(Actor actor, @PathVariable UUID id, @PathVariable long taskId,
            @RequestBody(required = false) TaskDone d, Locale locale) {
        boolean done = d == null || d.done() == null || d.done();
        return views.taskLine(incidents.setTaskDone(actor, id, taskId, done), locale);
    }

    @PostMapping("/api/v1/incidents/{id}/timeline")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A manual timeline entry (staff); internal unless visibleToCompany is true")
    public void timeline(Actor actor, @PathVariable UUID id, @RequestBody TimelineDraft d) {
        incidents.addNote(actor, id, d == null ? null : d.text(), d != null && Boolean.TRUE.equals(d.visibleToCompany()));
    }

    @GetMapping("/api/v1/incidents/{id}/evidence/{evidenceId}")
    @Operation(summary = "Download one evidence file (staff); the SHA-256 is in X-Incident-Evidence-SHA256")
    public ResponseEntity<byte[]> evidence(Actor actor, @PathVariable UUID id, @PathVariable long evidenceId) {
        IncidentController.requireStaff(actor);
        return IncidentController.attachment(incidents.evidenceFile(actor, id, evidenceId));
    }
}
