package jp.sukedachi.app.triage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The alert queue, an alert's detail and lifecycle, suppressions and the detection funnel. */
@RestController
@Tag(name = "Alerts")
class AlertApiController {
    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private final TenantRepository tenants;
    private final AlertRepository alerts;
    private final FunnelRepository funnels;
    private final AlertService service;
    private final Clock clock;

    AlertApiController(TenantRepository tenants, AlertRepository alerts, FunnelRepository funnels,
            AlertService service, Clock clock) {
        this.tenants = tenants;
        this.alerts = alerts;
        this.funnels = funnels;
        this.service = service;
        this.clock = clock;
    }

    /**
     * One row of the queue. {@code category} is the lower-case id of what the alert is about ({@code c2},
     * {@code password_guessing} …), {@code entity} the local thing it is about (host, address, user, device).
     */
    /**
     * An alert in a list. {@code detector} and {@code ruleId} are its first detection's; {@code detectors} and
     * {@code ruleIds} every one that contributed (an IDS signature and intelligence on one connection are one alert);
     * {@code needsHuman} false only for alerts opened for blocked detections before they became a statistic.
     */
    public record AlertSummary(UUID id, String key, String detector, String ruleId, String category, String entity,
            String title, Severity severity, long count, Instant firstSeen, Instant lastSeen, Alert.Status status,
            Alert.Resolution resolution, UUID assigneeId, UUID incidentId, List<String> detectors, List<String> ruleIds,
            boolean needsHuman) {
        static AlertSummary of(Alert a) {
            return new AlertSummary(a.id(), a.key(), a.detector(), a.ruleId(), a.categoryId(), a.entity(), a.title(),
                    a.severity(), a.count(), a.firstSeen(), a.lastSeen(), a.status(), a.resolution(), a.assigneeId(),
                    a.incidentId(), a.detectors(), a.ruleIds(), a.needsHuman());
        }
    }

    public record AlertDetail(AlertSummary alert, List<Alert.Evidence> evidence, List<Alert.HistoryEntry> history) {
    }

    public record StatusChange(String status, String resolution) {
    }

    public record Assignment(UUID userId) {
    }

    /**
     * A comment. {@code visibleToCompany}: for provider staff, false or missing keeps the comment internal (社内メモ,
     * never shown to the company); true shows it to the company's owner and members. A company user's comment is
     * always visible to both sides and the field is ignored.
     */
    public record CommentDraft(
            @Schema(description = "The comment, at most 4,000 characters") String text,
            @Schema(description = "Staff only: true shows the comment to the company (お客様に表示); false or missing"
                    + " keeps it internal (社内メモ). Ignored for company users, whose comments are always visible.",
                    defaultValue = "false") Boolean visibleToCompany) {
    }

    public record SuppressionDraft(UUID tenantId, String key, String ruleId, String reason, Instant expiresAt) {
    }

    @GetMapping("/api/v1/tenants/{slug}/alerts")
    @Operation(summary = "Alerts of a tenant, latest activity first; filter by status, severity and category"
            + " (c2, malware_download, ransomware, phishing, password_guessing, unknown_device, outdated_os, scan,"
            + " beaconing, mail_burst, campaign, silent_device, blocked, other)")
    public List<AlertSummary> list(Actor actor, @PathVariable String slug, @RequestParam(required = false) String status,
            @RequestParam(required = false) String severity, @RequestParam(required = false) String category,
            @RequestParam(defaultValue = "200") int limit) {
        var tenant = tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("tenant"));
        Alert.Status s = blank(status) ? null : choice("status", status, Alert.Status.class);
        Severity sev = blank(severity) ? null : choice("severity", severity, Severity.class);
        Category cat = blank(category) ? null : category(category);
        return alerts.findByTenant(actor, tenant.id(), s, sev, cat, limit).stream().map(AlertSummary::of).toList();
    }

    @GetMapping("/api/v1/alerts/{id}")
    @Operation(summary = "An alert with its evidence events and history (comments, status changes)",
            description = "Each history entry says whether the company sees it (visibleToCompany). Company users get"
                    + " only the entries visible to them: staff's internal comments are left out.")
    public AlertDetail detail(Actor actor, @PathVariable UUID id) {
        Alert.Detail d = service.detail(actor, id);
        return new AlertDetail(AlertSummary.of(d.alert()), d.evidence(), d.history());
    }

    @PostMapping("/api/v1/alerts/{id}/status")
    @Operation(summary = "Acknowledge or close an alert (closing needs TRUE_POSITIVE, FALSE_POSITIVE or BENIGN)")
    public AlertSummary status(Actor actor, @PathVariable UUID id, @RequestBody StatusChange change) {
        service.get(actor, id); // 404 before anything else for alerts out of scope
        if (change == null || blank(change.status())) {
            throw new IllegalArgumentException("status is required");
        }
        Alert.Status s = choice("status", change.status(), Alert.Status.class);
        Alert.Resolution r = blank(change.resolution()) ? null
                : choice("resolution", change.resolution(), Alert.Resolution.class);
        return AlertSummary.of(service.changeStatus(actor, id, s, r));
    }

    @PostMapping("/api/v1/alerts/{id}/assign")
    @Operation(summary = "Assign an alert to a user (null userId unassigns)")
    public AlertSummary assign(Actor actor, @PathVariable UUID id, @RequestBody Assignment assignment) {
        return AlertSummary.of(service.assign(actor, id, assignment == null ? null : assignment.userId()));
    }

    @PostMapping("/api/v1/alerts/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Comment on an alert",
            description = "Provider staff: the comment is internal (社内メモ, staff only) unless visibleToCompany is"
                    + " true. Company users: the comment is always visible to the company and the staff."
                    + " Internal comments never appear in a company user's answers (GET /api/v1/alerts/{id}).")
    public void comment(Actor actor, @PathVariable UUID id, @RequestBody CommentDraft comment) {
        service.comment(actor, id, comment == null ? null : comment.text(),
                comment != null && Boolean.TRUE.equals(comment.visibleToCompany()));
    }

    @PostMapping("/api/v1/suppressions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Suppress alerts by key or rule id, for one tenant or provider-wide, with a reason and expiry")
    public Map<String, Long> suppress(Actor actor, @RequestBody SuppressionDraft draft) {
        if (draft == null) {
            throw new IllegalArgumentException("empty suppression");
        }
        return Map.of("id", service.suppress(actor, draft.tenantId(), draft.key(), draft.ruleId(),
                draft.reason(), draft.expiresAt()));
    }

    @GetMapping("/api/v1/suppressions")
    @Operation(summary = "Suppressions in force")
    public List<AlertRepository.Suppression> suppressions(Actor actor) {
        service.requireStaffRead(actor);
        return alerts.suppressions(actor, clock.instant());
    }

    @DeleteMapping("/api/v1/suppressions/{id}")
    @Operation(summary = "End a suppression now")
    public Map<String, String> endSuppression(Actor actor, @PathVariable long id) {
        service.endSuppression(actor, id);
        return Map.of("status", "ended");
    }

    @GetMapping("/api/v1/funnel")
    @Operation(summary = "Events received → detections → blocked → alerts (alertsNeedingHuman) → incidents for a tenant (slug) or"
            + " all visible ones;"
            + " from/to are ISO instants or dates (Asia/Tokyo), default the last 30 days")
    public Funnel funnel(Actor actor, @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        UUID tenantId = blank(tenant) ? null
                : tenants.findBySlug(actor, tenant.strip()).orElseThrow(() -> new NotFoundException("tenant")).id();
        Instant end = blank(to) ? clock.instant() : time(to, true);
        Instant start = blank(from) ? end.minus(30, ChronoUnit.DAYS) : time(from, false);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from must be before to");
        }
        return funnels.funnel(actor, tenantId, start, end);
    }

    /** An ISO instant, or a date: its start (from) or the start of the next day (to), in Japan time. */
    private static Instant time(String text, boolean endOfDay) {
        try {
            if (text.length() == 10) {
                LocalDate d = LocalDate.parse(text);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(JST).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date or instant: " + text);
        }
    }

    /** A named choice, any case; otherwise 400 naming the field and the choices (not a Java class name). */
    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "validation.invalid", null,
                    "one of " + Arrays.toString(type.getEnumConstants()), field);
        }
    }

    /** A category by its id ({@code c2}, {@code password_guessing}; any case); otherwise 400 listing the ids. */
    static Category category(String value) {
        try {
            return Category.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("category", "validation.invalid", null, "one of "
                    + Arrays.stream(Category.values()).map(Alert::categoryId).toList(), "category");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
