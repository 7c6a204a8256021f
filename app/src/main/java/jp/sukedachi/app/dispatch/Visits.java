package jp.sukedachi.app.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.incident.IncidentSummary;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.plan.ContractTerms;
import jp.sukedachi.app.plan.Plans;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * On-site visits: requested from an incident by provider staff, assigned to a responder (those covering the
 * company's prefecture and available first), checked in and out by the responder with the record of the work.
 * Every step goes into the incident's timeline (visible to the company) and the audit log; a check-out publishes
 * {@link VisitCompleted}. Reads are scoped: staff see all, a company its own (without internal findings), a
 * responder only the visits assigned to them.
 */
@Service
public class Visits {
    static final int MAX_ADDRESS = 300;
    static final int MAX_NAME = 100;
    static final int MAX_PHONE = 30;
    static final int MAX_TEXT = 4000;
    static final int MAX_NOTES = 2000;
    static final int MAX_REASON = 500;
    /** A day's minutes: travel of more than that is a typing error. */
    static final int MAX_TRAVEL_MINUTES = 24 * 60;
    /** A week of minutes on site at most. */
    static final int MAX_SITE_MINUTES = 7 * 24 * 60;

    private final VisitRepository visits;
    private final ResponderRepository responders;
    private final Incidents incidents;
    private final TenantRepository tenants;
    private final UserRepository users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final DispatchSettings settings;
    private final Plans plans;
    private final Clock clock;

    Visits(VisitRepository visits, ResponderRepository responders, Incidents incidents, TenantRepository tenants,
            UserRepository users, AuditLog audit, ApplicationEventPublisher events, DispatchSettings settings,
            Plans plans, Clock clock) {
        this.visits = visits;
        this.responders = responders;
        this.incidents = incidents;
        this.tenants = tenants;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.plans = plans;
        this.clock = clock;
    }

    // --- the query API (other capabilities, the incident page) ---

    /** The visits of one incident the actor may see, in window order; a company reads no internal findings. */
    public List<Visit> forIncident(Actor actor, UUID incidentId) {
        return visits.findByIncident(actor, incidentId).stream().map(v -> asSeenBy(actor, v)).toList();
    }

    /**
     * The visits of an incident for the API: 404 unless the actor may see the incident, or (a responder, who sees no
     * incident) has a visit of it assigned to them.
     */
    List<Visit> ofVisibleIncident(Actor actor, UUID incidentId) {
        List<Visit> list = forIncident(actor, incidentId);
        if (incidents.find(actor, incidentId).isEmpty() && list.isEmpty()) {
            throw new NotFoundException("incident");
        }
        return list;
    }

    /** One visit the actor may see (a responder: only one assigned to them). */
    public Optional<Visit> find(Actor actor, UUID id) {
        return visits.find(actor, id).map(v -> asSeenBy(actor, v));
    }

    /** Today's visits (Japan time) and the upcoming ones, in window order; done ones of today stay listed. */
    public List<Visit> fromToday(Actor actor) {
        return visits.fromTime(actor, startOfToday(), 200).stream().map(v -> asSeenBy(actor, v)).toList();
    }

    /** Only today's (Japan time) visits of the actor: the responder's home. */
    public List<Visit> today(Actor actor) {
        Instant tomorrow = startOfToday().plus(Duration.ofDays(1));
        return fromToday(actor).stream().filter(v -> v.windowStart().isBefore(tomorrow)).toList();
    }

    /** Every visit the actor may see (the API list), newest window first. */
    public List<Visit> all(Actor actor) {
        return visits.all(actor, 1000).stream().map(v -> asSeenBy(actor, v)).toList();
    }

    /**
     * The dispatch work in numbers for the staff home.
     *
     * @param open requested, assigned or on site
     * @param unassigned requested and nobody assigned yet
     * @param overdue not on site yet although the target arrival time has passed ({@link Visit#overdue})
     * @param today windows starting today (Japan time), not cancelled
     */
    public record Counts(long open, long unassigned, long overdue, long today) {
    }

    /** A company's on-site visits over a period (the usage statement): finished visits, minutes on site and travel. */
    public record PeriodFigures(long visits, long minutesOnSite, long travelMinutes) {
    }

    /** The finished visits of one company whose engineer arrived in {@code [from, to)}; zeros when not the actor's. */
    public PeriodFigures doneBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        long[] f = visits.doneBetween(actor, tenantId, from, to);
        return new PeriodFigures(f[0], f[1], f[2]);
    }

    /** Staff only; counted by the database, so a long queue is never cut short. */
    public Counts counts(Actor actor) {
        requireStaff(actor);
        Instant start = startOfToday();
        long[] c = visits.count(actor, clock.instant(), start, start.plus(Duration.ofDays(1)));
        return new Counts(c[0], c[1], c[2], c[3]);
    }

    /** The staff queue: open visits, unassigned first, then by target arrival. */
    List<Visit> openQueue(Actor actor) {
        requireStaff(actor);
        return visits.openQueue(actor, 500);
    }

    int maxEvidenceMb() {
        return settings.maxEvidenceMb();
    }

    /**
     * The promised time from request to arrival for the company: its contract's plan in force today (Japan time), or
     * the setting sukedachi.dispatch.target-arrival-hours for a company without a contract.
     */
    int targetArrivalHours(UUID tenantId) {
        return plans.contractOf(tenantId, LocalDate.now(clock.withZone(Formats.TOKYO)))
                .map(ContractTerms::targetArrivalHours).orElse(settings.targetArrivalHours());
    }

    Instant startOfToday() {
        return LocalDate.now(clock.withZone(Formats.TOKYO)).atStartOfDay(Formats.TOKYO).toInstant();
    }

    /** Now, in the microseconds the database keeps (so an event and the stored visit tell the same time). */
    Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static boolean isStaff(Actor actor) {
        return actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST;
    }

    private static Visit asSeenBy(Actor actor, Visit v) {
        return actor.role().isProviderSide() ? v : v.forCompany();
    }

    // --- requests and assignment (provider staff) ---

    /** The request form's defaults: the company's contact person and phone; the address is typed by staff. */
    VisitRequest defaults(Actor actor, UUID incidentId) {
        IncidentSummary incident = staffIncident(actor, incidentId);
        Tenant tenant = tenants.find(actor, incident.tenantId()).orElseThrow(() -> new NotFoundException("tenant"));
        Instant start = now().plus(Duration.ofHours(targetArrivalHours(incident.tenantId())));
        return new VisitRequest(start, start.plus(Duration.ofHours(2)), "", nullToEmpty(tenant.contactName()),
                nullToEmpty(tenant.contactPhone()), "");
    }

    @Transactional
    public Visit request(Actor actor, UUID incidentId, VisitRequest request) {
        IncidentSummary incident = staffIncident(actor, incidentId);
        Tenant tenant = tenants.find(actor, incident.tenantId()).orElseThrow(() -> new NotFoundException("tenant"));
        if (request.windowStart() == null) {
            throw new InvalidInput("windowStart", "visit.error.windowMissing", null, "the time window's start is required");
        }
        if (request.windowEnd() == null) {
            throw new InvalidInput("windowEnd", "visit.error.windowMissing", null, "the time window's end is required");
        }
        if (!request.windowEnd().isAfter(request.windowStart())) {
            throw new InvalidInput("windowEnd", "visit.error.windowOrder", null,
                    "the time window must end after it starts");
        }
        String address = required("address", "visit.address", request.address(), MAX_ADDRESS);
        String contactName = required("contactName", "visit.contactName",
                orElse(request.contactName(), tenant.contactName()), MAX_NAME);
        String contactPhone = required("contactPhone", "visit.contactPhone",
                orElse(request.contactPhone(), tenant.contactPhone()), MAX_PHONE);
        String notes = InvalidInput.requireLength("notes", "visit.notes", blankToNull(request.notes()), MAX_NOTES);
        Instant now = now();
        // The company's plan promises the arrival time (the provider's setting without a contract).
        Instant target = now.plus(Duration.ofHours(targetArrivalHours(incident.tenantId())));
        Visit visit = new Visit(UUID.randomUUID(), incident.tenantId(), tenant.name(), incident.id(), incident.number(),
                incident.title(), incident.type(), VisitStatus.REQUESTED, address, tenant.prefecture(), contactName,
                contactPhone, request.windowStart(), request.windowEnd(), notes, now, nameOf(actor), target, null,
                null, null, null, null, null, null, false, null, null, null, null, null, null);
        visits.insert(visit, now);
        timeline(visit, "visit.requested", now, actor, window(visit));
        audit.record(actor, visit.tenantId(), AuditAction.VISIT_REQUESTED, "visit " + visit.id(), Outcome.SUCCESS,
                "incident " + incident.id());
        return visit;
    }

    /** The responders for a visit: available ones covering the company's prefecture first, then the others. */
    List<ResponderProfile> suggestions(Actor actor, Visit visit) {
        requireStaff(actor);
        Instant now = now();
        return responders.all().stream().sorted(Comparator.comparingInt((ResponderProfile r) -> {
            boolean available = effective(r, now) == Availability.AVAILABLE;
            boolean covers = r.covers(visit.prefecture());
            return available && covers ? 0 : available ? 1 : covers ? 2 : 3;
        })).toList();
    }

    /** BUSY or OFF end at their "until" time; then the responder counts as available again. */
    static Availability effective(ResponderProfile r, Instant now) {
        return r.availableUntil() != null && r.availability() != Availability.AVAILABLE
                && now.isAfter(r.availableUntil()) ? Availability.AVAILABLE : r.availability();
    }

    @Transactional
    public Visit assign(Actor actor, UUID visitId, UUID responderId) {
        requireStaff(actor);
        Visit visit = visits.find(actor, visitId).orElseThrow(() -> new NotFoundException("visit"));
        if (responderId == null) {
            throw new InvalidInput("responderId", "visit.error.responder", null, "choose a responder");
        }
        ResponderProfile responder = responders.find(responderId).orElseThrow(() -> new InvalidInput("responderId",
                "visit.error.responder", null, "not an active responder: " + responderId));
        Instant now = now();
        if (!visits.assign(visitId, responderId, responder.name(), now)) {
            throw new InvalidInput("status", "visit.error.status", null, "only a requested or assigned visit can be"
                    + " assigned; this one is " + visit.status());
        }
        timeline(visit, "visit.assigned", now, actor, responder.name() + ", " + window(visit));
        audit.record(actor, visit.tenantId(), AuditAction.VISIT_ASSIGNED, "visit " + visitId, Outcome.SUCCESS,
                "responder " + responder.login());
        return reload(actor, visitId);
    }

    @Transactional
    public Visit cancel(Actor actor, UUID visitId, String reason) {
        requireStaff(actor);
        Visit visit = visits.find(actor, visitId).orElseThrow(() -> new NotFoundException("visit"));
        String why = required("reason", "visit.cancelReason", reason, MAX_REASON);
        Instant now = now();
        if (!visits.cancel(visitId, why, now)) {
            throw new InvalidInput("status", "visit.error.status", null, "a done or cancelled visit cannot be cancelled");
        }
        timeline(visit, "visit.cancelled", now, actor, why);
        audit.record(actor, visit.tenantId(), AuditAction.VISIT_CANCELLED, "visit " + visitId, Outcome.SUCCESS, why);
        return reload(actor, visitId);
    }

    // --- on site (the assigned responder, or staff on their behalf) ---

    @Transactional
    public Visit checkIn(Actor actor, UUID visitId) {
        Visit visit = onSiteVisit(actor, visitId);
        Instant now = now();
        if (!visits.checkIn(visitId, now)) {
            throw new InvalidInput("status", "visit.error.checkIn", null, "only an assigned visit can be checked in;"
                    + " this one is " + visit.status());
        }
        timeline(visit, "visit.checked_in", now, actor, visit.responderName());
        audit.record(actor, visit.tenantId(), AuditAction.VISIT_CHECKED_IN, "visit " + visitId, Outcome.SUCCESS, null);
        return reload(actor, visitId);
    }

    /** Saves the record while on site, without checking out. */
    @Transactional
    public Visit saveRecord(Actor actor, UUID visitId, VisitRecord record) {
        Visit visit = onSiteVisit(actor, visitId);
        requireOnSite(visit);
        VisitRecord r = checked(record, false);
        Integer minutes = r.minutesOnSite();
        visits.record(visitId, r, null, minutes, now());
        audit.record(actor, visit.tenantId(), AuditAction.VISIT_RECORDED, "visit " + visitId, Outcome.SUCCESS, null);
        return reload(actor, visitId);
    }

    /** Checks out with the record: the hours on site are check-in to now unless corrected with a reason. */
    @Transactional
    public Visit checkOut(Actor actor, UUID visitId, VisitRecord record) {
        Visit visit = onSiteVisit(actor, visitId);
        requireOnSite(visit);
        VisitRecord r = checked(record, true);
        Instant now = now();
        long seconds = Duration.between(visit.checkedInAt(), now).toSeconds();
        int measured = (int) Math.max(0, (seconds + 59) / 60);
        int minutes = r.minutesOnSite() == null ? measured : r.minutesOnSite();
        if (minutes != measured && r.minutesReason() == null) {
            throw new InvalidInput("minutesReason", "visit.error.minutesReason", null,
                    "say why the minutes on site differ from check-in to check-out (" + measured + ")");
        }
        visits.record(visitId, r, now, minutes, now);
        timeline(visit, "visit.checked_out", now, actor, visit.responderName());
        audit.record(actor, visit.tenantId(), AuditAction.VISIT_CHECKED_OUT, "visit " + visitId, Outcome.SUCCESS,
                minutes + " min on site");
        int travel = r.travelMinutes() == null ? 0 : r.travelMinutes();
        events.publishEvent(new VisitCompleted(visit.id(), visit.tenantId(), visit.incidentId(), visit.responderId(),
                visit.responderName(), visit.checkedInAt(), now, minutes, travel, visit.targetArrival(),
                r.signedOffBy()));
        return reload(actor, visitId);
    }

    private static void requireOnSite(Visit visit) {
        if (visit.status() != VisitStatus.ON_SITE) {
            throw new InvalidInput("status", "visit.error.notOnSite", null,
                    "check in first: only a visit on site can be recorded or checked out; this one is " + visit.status());
        }
    }

    private static VisitRecord checked(VisitRecord r, boolean checkOut) {
        String work = InvalidInput.requireLength("workDone", "visit.workDone", blankToNull(r.workDone()), MAX_TEXT);
        if (checkOut && work == null) {
            throw new InvalidInput("workDone", "visit.error.workDone", null, "say what was done before checking out");
        }
        String findings = InvalidInput.requireLength("findings", "visit.findings", blankToNull(r.findings()), MAX_TEXT);
        String signed = InvalidInput.requireLength("signedOffBy", "visit.signedOffBy", blankToNull(r.signedOffBy()),
                MAX_NAME);
        String reason = InvalidInput.requireLength("minutesReason", "visit.minutesReason",
                blankToNull(r.minutesReason()), MAX_REASON);
        return new VisitRecord(work, findings, r.findingsInternal(), signed,
                range("travelMinutes", r.travelMinutes(), MAX_TRAVEL_MINUTES),
                range("minutesOnSite", r.minutesOnSite(), MAX_SITE_MINUTES), reason);
    }

    private static Integer range(String field, Integer value, int max) {
        if (value != null && (value < 0 || value > max)) {
            throw new InvalidInput(field, "visit.error.minutes", max, "minutes must be between 0 and " + max, max);
        }
        return value;
    }

    // --- evidence ---

    @Transactional
    public VisitEvidence attach(Actor actor, UUID visitId, String fileName, String contentType, byte[] content) {
        Visit visit = onSiteVisit(actor, visitId);
        if (visit.status() != VisitStatus.ON_SITE && visit.status() != VisitStatus.DONE) {
            throw new InvalidInput("file", "visit.error.evidenceStatus", null, "check in before adding evidence");
        }
        if (content == null || content.length == 0) {
            throw new InvalidInput("file", "visit.error.fileEmpty", null, "choose a photo or a PDF file");
        }
        if (content.length > settings.maxEvidenceBytes()) {
            throw new InvalidInput("file", "visit.error.fileTooLarge", settings.maxEvidenceMb(),
                    "at most " + settings.maxEvidenceMb() + " MB per file", settings.maxEvidenceMb());
        }
        String type = EvidenceTypes.check(contentType, content);
        String name = fileName == null || fileName.isBlank() ? "evidence" : fileName.strip();
        name = name.replaceAll("[\\\\/\\p{Cntrl}\"]", "_");
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        VisitEvidence evidence = visits.insertEvidence(visit, name, type, content, Hashes.sha256(content), nameOf(actor),
                now());
        audit.record(actor, visit.tenantId(), AuditAction.VISIT_EVIDENCE_ADDED, "visit " + visitId, Outcome.SUCCESS,
                name + " sha256 " + evidence.sha256());
        return evidence;
    }

    /** The evidence of a visit the actor may work on (staff, its responder); a company reads none. */
    List<VisitEvidence> evidence(Actor actor, UUID visitId) {
        Visit visit = visits.find(actor, visitId).orElseThrow(() -> new NotFoundException("visit"));
        return actor.role().isProviderSide() ? visits.evidence(visit.id()) : List.of();
    }

    Optional<byte[]> evidenceContent(Actor actor, UUID visitId, long evidenceId) {
        Visit visit = onSiteVisit(actor, visitId);
        return visits.evidenceContent(visit.id(), evidenceId);
    }


    // --- helpers ---

    /** A visit the actor may work on: staff, or the responder it is assigned to. Others: 404 or 403. */
    private Visit onSiteVisit(Actor actor, UUID visitId) {
        Visit visit = visits.find(actor, visitId).orElseThrow(() -> new NotFoundException("visit"));
        boolean assignee = actor.role() == Role.RESPONDER && actor.userId().equals(visit.responderId());
        if (!assignee && !isStaff(actor)) {
            throw new AccessDeniedException("only the assigned responder or provider staff");
        }
        return visit;
    }

    IncidentSummary incidentForStaff(Actor actor, UUID incidentId) {
        return staffIncident(actor, incidentId);
    }

    private IncidentSummary staffIncident(Actor actor, UUID incidentId) {
        requireStaff(actor);
        return incidents.find(actor, incidentId).orElseThrow(() -> new NotFoundException("incident"));
    }

    static void requireStaff(Actor actor) {
        if (!isStaff(actor)) {
            throw new AccessDeniedException("provider staff only");
        }
    }

    private Visit reload(Actor actor, UUID id) {
        return visits.find(actor, id).map(v -> asSeenBy(actor, v)).orElseThrow(() -> new NotFoundException("visit"));
    }

    private void timeline(Visit visit, String kind, Instant at, Actor actor, String detail) {
        incidents.recordExternal(visit.tenantId(), visit.incidentId(), kind, at, nameOf(actor), detail, true);
    }

    String nameOf(Actor actor) {
        return users.findById(actor.userId()).map(AppUser::displayName).orElse(actor.login());
    }

    /** The window in Japan time, e.g. "2026-12-07 10:00–12:00" (the end's date only when it differs). */
    static String window(Visit visit) {
        var start = visit.windowStart().atZone(Formats.TOKYO);
        var end = visit.windowEnd().atZone(Formats.TOKYO);
        String endText = start.toLocalDate().equals(end.toLocalDate())
                ? String.format("%02d:%02d", end.getHour(), end.getMinute())
                : end.toLocalDate() + " " + String.format("%02d:%02d", end.getHour(), end.getMinute());
        return start.toLocalDate() + " " + String.format("%02d:%02d", start.getHour(), start.getMinute()) + "–"
                + endText;
    }

    private static String required(String field, String labelKey, String value, int max) {
        String v = blankToNull(value);
        if (v == null) {
            throw new InvalidInput(field, "visit.error.required", null, field + " is required",
                    new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {labelKey},
                            field));
        }
        return InvalidInput.requireLength(field, labelKey, v, max);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * The finished visits whose engineer arrived in {@code [from, to)}, counted per company and Japan month (the
     * program statistics); the actor's tenant scope.
     */
    public java.util.Map<UUID, java.util.Map<java.time.YearMonth, Long>> doneByCompanyAndMonth(Actor actor,
            Instant from, Instant to) {
        java.util.Map<UUID, java.util.Map<java.time.YearMonth, Long>> counts = new java.util.HashMap<>();
        for (Object[] row : visits.doneArrivals(actor, from, to)) {
            counts.computeIfAbsent((UUID) row[0], t -> new java.util.TreeMap<>())
                    .merge(java.time.YearMonth.from(((Instant) row[1]).atZone(Formats.TOKYO)), 1L, Long::sum);
        }
        return counts;
    }
}
