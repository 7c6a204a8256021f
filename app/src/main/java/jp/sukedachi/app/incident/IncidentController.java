package jp.sukedachi.app.incident;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The staff's incident pages: the queue, opening an incident (from alerts, a ticket or for a company), and one
 * incident with its 5W1H, tasks, timeline, evidence, messages, status and owner, then every
 * {@link IncidentExtension}'s panel.
 */
@Controller
class IncidentController {
    private final Incidents incidents;
    private final IncidentViews views;
    private final TenantRepository tenants;
    private final UserRepository users;
    private final MessageSource messages;
    private final IncidentTickets tickets;

    IncidentController(Incidents incidents, IncidentViews views, TenantRepository tenants, UserRepository users,
            MessageSource messages, IncidentTickets tickets) {
        this.incidents = incidents;
        this.views = views;
        this.tenants = tenants;
        this.users = users;
        this.messages = messages;
        this.tickets = tickets;
    }

    static void requireStaff(Actor actor) {
        if (!Incidents.isStaff(actor)) {
            throw new AccessDeniedException("the incident pages are for provider staff");
        }
    }

    @GetMapping("/incidents")
    public String queue(Actor actor, @RequestParam(defaultValue = "OPEN") String status,
            @RequestParam(required = false) String tenant, @RequestParam(required = false) String type, Model model) {
        requireStaff(actor);
        IncidentStatus st = "OPEN_ALL".equals(status) || "ALL".equals(status) ? null
                : choice(status, IncidentStatus.class);
        boolean openOnly = "OPEN_ALL".equals(status);
        if ("OPEN".equals(status)) {
            st = null;
            openOnly = true;
        }
        Tenant t = tenant == null || tenant.isBlank() ? null
                : tenants.findBySlug(actor, tenant.strip()).orElseThrow(() -> new NotFoundException("tenant"));
        IncidentType ty = type == null || type.isBlank() ? null : choice(type, IncidentType.class);
        List<Tenant> visible = tenants.findVisible(actor);
        model.addAttribute("incidents", incidents.list(actor, st, openOnly, t == null ? null : t.id(), ty, 200));
        model.addAttribute("tenants", visible);
        model.addAttribute("tenantNames", visible.stream().collect(Collectors.toMap(Tenant::id, Tenant::name)));
        model.addAttribute("status", status);
        model.addAttribute("tenant", t == null ? null : t.slug());
        model.addAttribute("type", ty == null ? null : ty.name());
        model.addAttribute("statuses", IncidentStatus.values());
        model.addAttribute("types", IncidentType.values());
        return "incident/incidents";
    }

    @GetMapping("/incidents/new")
    public String newForm(Actor actor, @RequestParam(required = false) List<UUID> alerts,
            @RequestParam(required = false) UUID ticket, @RequestParam(required = false) String tenant, Model model) {
        requireStaff(actor);
        model.addAttribute("alerts", alerts == null ? List.of() : alerts);
        model.addAttribute("ticket", ticket == null ? null : tickets.find(actor, ticket)
                .orElseThrow(() -> new NotFoundException("ticket")));
        model.addAttribute("tenant", tenant);
        return form(actor, model);
    }

    private String form(Actor actor, Model model) {
        model.addAttribute("tenants", tenants.findVisible(actor));
        model.addAttribute("types", IncidentType.values());
        model.addAttribute("severities", List.of("LOW", "MEDIUM", "HIGH", "CRITICAL"));
        return "incident/incident-new";
    }

    /** Opens an incident from alerts (the alert page's button), a ticket, or for a company. */
    @PostMapping("/incidents")
    public String open(Actor actor, @RequestParam(required = false) List<UUID> alerts,
            @RequestParam(required = false) UUID ticket, @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String title, @RequestParam(required = false) String type,
            @RequestParam(required = false) String severity, Model model, Locale locale,
            HttpServletResponse response) {
        requireStaff(actor);
        try {
            Incidents.Opening o = new Incidents.Opening(blank(title) ? null : title.strip(),
                    blank(type) ? null : choice(type, IncidentType.class), blank(severity) ? null : severity);
            Incident i;
            if (alerts != null && !alerts.isEmpty()) {
                i = incidents.openFromAlerts(actor, alerts, o);
            } else if (ticket != null) {
                i = tickets.open(actor, ticket, o);
            } else {
                Tenant t = blank(tenant) ? null : tenants.findBySlug(actor, tenant.strip()).orElse(null);
                if (t == null) {
                    throw new InvalidInput("tenant", "incident.tenant.required", null, "choose a company");
                }
                i = incidents.openForCompany(actor, t.id(), o);
            }
            return "redirect:/incidents/" + i.id();
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", InvalidInput.describe(messages, e, locale));
            model.addAttribute("alerts", alerts == null ? List.of() : alerts);
            model.addAttribute("ticket", ticket == null ? null : tickets.find(actor, ticket).orElse(null));
            model.addAttribute("tenant", tenant);
            model.addAttribute("titleText", title);
            return form(actor, model);
        }
    }

    @GetMapping("/incidents/{id}")
    public String detail(Actor actor, @PathVariable UUID id, Locale locale, Model model) {
        requireStaff(actor);
        IncidentViews.View v = views.view(actor, id, locale);
        Incident i = v.incident();
        model.addAttribute("v", v);
        // The extensions' fragments read "incident" (the summary), "ext" and "staff".
        model.addAttribute("incident", i.summary());
        model.addAttribute("full", i);
        model.addAttribute("maxMegabytes", Incidents.EVIDENCE_MAX_BYTES / (1024 * 1024));
        model.addAttribute("tenant", tenants.find(actor, i.tenantId()).orElse(null));
        List<AppUser> staff = users.findVisible(actor, null).stream()
                .filter(u -> u.status() == AppUser.Status.ACTIVE)
                .filter(u -> u.role() == Role.PROVIDER_ADMIN || u.role() == Role.ANALYST).toList();
        model.addAttribute("staffUsers", staff);
        model.addAttribute("ownerName", i.ownerId() == null ? null : staff.stream()
                .filter(u -> u.id().equals(i.ownerId())).map(IncidentController::name).findFirst()
                .orElse(null));
        model.addAttribute("nextStatuses", Arrays.stream(IncidentStatus.values())
                .filter(s -> s.ordinal() > i.status().ordinal()).toList());
        model.addAttribute("types", IncidentType.values());
        model.addAttribute("severities", List.of("LOW", "MEDIUM", "HIGH", "CRITICAL"));
        model.addAttribute("foundAtLocal", i.facts().foundAt() == null ? null
                : LocalDateTime.ofInstant(i.facts().foundAt(), Formats.TOKYO).withSecond(0).withNano(0).toString());
        model.addAttribute("staff", true);
        return "incident/incident";
    }

    @PostMapping("/incidents/{id}/facts")
    public String facts(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String title,
            @RequestParam(required = false) String type, @RequestParam(required = false) String severity,
            @RequestParam(required = false) String foundBy, @RequestParam(required = false) String foundAt,
            @RequestParam(required = false) String what, @RequestParam(required = false) String where,
            @RequestParam(required = false) String how, @RequestParam(required = false) String damage,
            @RequestParam(required = false) String hosts) {
        requireStaff(actor);
        incidents.update(actor, id, new Incidents.Change(blank(title) ? null : title,
                blank(type) ? null : choice(type, IncidentType.class), blank(severity) ? null : severity,
                new Incident.FiveW1H(foundBy, localTime("foundAt", foundAt), what, where, how, damage),
                hosts == null ? null : Arrays.asList(hosts.split("\\R")), null));
        return "redirect:/incidents/" + id + "#facts";
    }

    @PostMapping("/incidents/{id}/status")
    public String status(Actor actor, @PathVariable UUID id, @RequestParam String status,
            @RequestParam(required = false) String reason) {
        requireStaff(actor);
        incidents.changeStatus(actor, id, choice(status, IncidentStatus.class), reason);
        return "redirect:/incidents/" + id;
    }

    @PostMapping("/incidents/{id}/owner")
    public String owner(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String owner) {
        requireStaff(actor);
        UUID to = switch (owner) {
            case "", "none" -> null;
            case "me" -> actor.userId();
            default -> uuid("owner", owner);
        };
        incidents.changeOwner(actor, id, to);
        return "redirect:/incidents/" + id;
    }

    @PostMapping("/incidents/{id}/tasks")
    public String addTask(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "false") boolean forCompany) {
        requireStaff(actor);
        incidents.addTask(actor, id, text, forCompany);
        return "redirect:/incidents/" + id + "#tasks";
    }

    @PostMapping("/incidents/{id}/tasks/{taskId}/done")
    public String taskDone(Actor actor, @PathVariable UUID id, @PathVariable long taskId,
            @RequestParam(defaultValue = "true") boolean done) {
        requireStaff(actor);
        incidents.setTaskDone(actor, id, taskId, done);
        return "redirect:/incidents/" + id + "#tasks";
    }

    @PostMapping("/incidents/{id}/timeline")
    public String note(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "false") boolean visible) {
        requireStaff(actor);
        incidents.addNote(actor, id, text, visible);
        return "redirect:/incidents/" + id + "#timeline";
    }

    @PostMapping("/incidents/{id}/messages")
    public String message(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String body) {
        requireStaff(actor);
        incidents.message(actor, id, body);
        return "redirect:/incidents/" + id + "#messages";
    }

    @PostMapping("/incidents/{id}/evidence")
    public String evidence(Actor actor, @PathVariable UUID id, @RequestParam(value = "file", required = false)
            MultipartFile file, @RequestParam(required = false) String note) throws IOException {
        requireStaff(actor);
        if (file == null || file.isEmpty()) {
            throw new InvalidInput("file", "incident.evidence.empty.file", null, "the file is empty");
        }
        incidents.addEvidence(actor, id, file.getOriginalFilename(), file.getContentType(), file.getBytes(), note);
        return "redirect:/incidents/" + id + "#evidence";
    }

    @GetMapping("/incidents/{id}/evidence/{evidenceId}")
    public ResponseEntity<byte[]> download(Actor actor, @PathVariable UUID id, @PathVariable long evidenceId) {
        requireStaff(actor);
        return attachment(incidents.evidenceFile(actor, id, evidenceId));
    }

    /** An evidence file as a download: attachment, its stored type never sniffed. */
    static ResponseEntity<byte[]> attachment(Incidents.EvidenceFile f) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(f.meta().contentType());
        } catch (IllegalArgumentException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(f.meta().fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Incident-Evidence-SHA256", f.meta().sha256())
                .body(f.content());
    }

    static String name(AppUser u) {
        return u.displayName() == null || u.displayName().isBlank() ? u.login() : u.displayName();
    }

    /** A Japan-time {@code datetime-local} value; blank = unknown. */
    static Instant localTime(String field, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(Formats.TOKYO).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "incident.time.invalid", null, "not a date and time");
        }
    }

    static UUID uuid(String field, String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "incident.owner.invalid", null, "not an id");
        }
    }

    /** A named choice, any case; otherwise a refusal naming the field. */
    static <E extends Enum<E>> E choice(String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(type.getSimpleName(), "incident.choice.invalid", null, "unknown choice " + value,
                    value);
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
