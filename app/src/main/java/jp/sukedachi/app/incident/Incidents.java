package jp.sukedachi.app.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.incident.IncidentRecords.Entry;
import jp.sukedachi.app.incident.IncidentRecords.Evidence;
import jp.sukedachi.app.incident.IncidentRecords.Message;
import jp.sukedachi.app.incident.IncidentRecords.Task;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents: opened from alerts of one company, from a desk ticket, or by staff for a company; their playbook tasks,
 * the 5W1H record, status (open → contained → eradicated → recovered → closed, and reopened with a reason), owner,
 * timeline, evidence and messages. Everyone reads within their scope; company users read only what is marked for the
 * company and may write messages and check off their own tasks; everything else is provider staff's (admin,
 * analyst). Every change is audited and written to the timeline.
 */
@Service
public class Incidents {
    // Column sizes (V4, V23): longer input is refused with the field and limit, never cut.
    public static final int TITLE_MAX = 500;
    public static final int TEXT_MAX = 4000;
    public static final int WHERE_MAX = 2000;
    public static final int FOUND_BY_MAX = 200;
    public static final int TASK_MAX = 1000;
    public static final int HOSTS_MAX = 4000;
    public static final int FILE_NAME_MAX = 255;
    public static final int NOTE_MAX = 1000;
    /** Evidence files are refused above this size (the upload limit of spring.servlet.multipart). */
    public static final int EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
    public static final Set<String> SEVERITIES = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    private final IncidentRepository incidents;
    private final IncidentRecordRepository records;
    private final Playbooks playbooks;
    private final AlertService alerts;
    private final TenantRepository tenants;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    Incidents(IncidentRepository incidents, IncidentRecordRepository records, Playbooks playbooks,
            AlertService alerts, TenantRepository tenants, UserRepository users, AuditLog audit, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.incidents = incidents;
        this.records = records;
        this.playbooks = playbooks;
        this.alerts = alerts;
        this.tenants = tenants;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------ the contract's API

    /** An incident the actor may see. */
    public Optional<IncidentSummary> find(Actor actor, UUID id) {
        return incidents.find(actor, id).map(Incident::summary);
    }

    /** Any incident, unscoped: for capabilities that check the actor's scope themselves (dispatch). */
    public Optional<IncidentSummary> findForSystem(UUID id) {
        return incidents.findForSystem(id).map(Incident::summary);
    }

    /**
     * A timeline entry written by another capability; {@code kind} names the message {@code incident.timeline.<kind>}
     * that capability defines. Refused when the incident is not the tenant's.
     */
    @Transactional
    public void recordExternal(UUID tenantId, UUID incidentId, String kind, Instant at, String actorName,
            String detail, boolean visibleToCompany) {
        Incident i = incidents.findForSystem(incidentId).filter(x -> x.tenantId().equals(tenantId))
                .orElseThrow(() -> new NotFoundException("incident"));
        if (kind == null || kind.isBlank() || kind.length() > 60) {
            throw new IllegalArgumentException("a timeline kind of 1 to 60 characters is required");
        }
        records.addEntry(i.id(), i.tenantId(), at == null ? clock.instant() : at, kind, cut(actorName, 254),
                cut(detail, TEXT_MAX), visibleToCompany);
    }

    // ------------------------------------------------------------------------------------ reading

    public Incident get(Actor actor, UUID id) {
        return incidents.find(actor, id).orElseThrow(() -> new NotFoundException("incident"));
    }

    /** The staff queue (or a company's own list): open first, most serious and oldest first. */
    public List<Incident> list(Actor actor, IncidentStatus status, boolean openOnly, UUID tenantId, IncidentType type,
            int limit) {
        return incidents.list(actor, new IncidentRepository.Filter(status, openOnly, tenantId, type), limit);
    }

    /** The incidents not closed yet, most serious and oldest first (the staff home). */
    public List<Incident> open(Actor actor, int limit) {
        return incidents.list(actor, IncidentRepository.Filter.OPEN, limit);
    }

    /** A company's incidents over a period (the usage statement): opened and closed in it, open at its end. */
    public record PeriodCounts(long opened, long closed, long openAtEnd) {
    }

    /** The incidents of one company over {@code [from, to)}; an empty count when it is not the actor's to see. */
    public PeriodCounts countsBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        long[] c = incidents.countsBetween(actor, tenantId, from, to);
        return new PeriodCounts(c[0], c[1], c[2]);
    }

    /** Whether the actor's company has had any incident (its menu links them then). */
    public boolean any(Actor actor) {
        return incidents.any(actor);
    }

    /** Staff read every task; company users only those marked for the company. */
    public List<Task> tasks(Actor actor, UUID id) {
        get(actor, id);
        boolean staff = isStaff(actor);
        return records.tasks(actor, id).stream().filter(t -> staff || t.forCompany()).toList();
    }

    /** Staff read the whole timeline; company users never an internal entry. */
    public List<Entry> timeline(Actor actor, UUID id) {
        get(actor, id);
        return records.timeline(actor, id, isStaff(actor));
    }

    /** Evidence files are the team's working material: staff only. */
    public List<Evidence> evidence(Actor actor, UUID id) {
        get(actor, id);
        return isStaff(actor) ? records.evidence(actor, id) : List.of();
    }

    public List<Message> messages(Actor actor, UUID id) {
        get(actor, id);
        return records.messages(actor, id);
    }

    /** One evidence file with its content, for its download (staff only). */
    public EvidenceFile evidenceFile(Actor actor, UUID id, long evidenceId) {
        Incident i = get(actor, id);
        requireStaff(actor, i.tenantId(), "incident:" + id);
        var f = records.evidenceFile(actor, id, evidenceId).orElseThrow(() -> new NotFoundException("evidence"));
        return new EvidenceFile(f.meta(), f.content());
    }

    public record EvidenceFile(Evidence meta, byte[] content) {
    }

    // ------------------------------------------------------------------------------------ opening

    /** What staff say when opening; null members take their defaults (title of the source, type from it). */
    public record Opening(String title, IncidentType type, String severity) {
        public static final Opening DEFAULT = new Opening(null, null, null);
    }

    /** Opens one incident from alerts of one company and links them to it. */
    @Transactional
    public Incident openFromAlerts(Actor actor, List<UUID> alertIds, Opening opening) {
        List<Alert> found = alerts.alertsForIncident(actor, alertIds);
        Alert first = found.getFirst();
        Severity highest = found.stream().map(Alert::severity).max(Enum::compareTo).orElseThrow();
        IncidentType type = opening.type() != null ? opening.type() : typeOf(found);
        List<String> hosts = found.stream().map(Alert::entity).filter(e -> e != null && !e.isBlank()
                && !"blocked".equals(e)).distinct().toList();
        Instant learned = found.stream().map(Alert::firstSeen).min(Instant::compareTo).orElse(null);
        Incident i = open(actor, first.tenantId(), orDefault(opening.title(), first.title()), type,
                opening.severity() != null ? opening.severity() : highest.name(), IncidentSource.ALERTS, null,
                hosts, learned);
        alerts.linkToIncident(actor, i.id(), found);
        records.addEntry(i.id(), i.tenantId(), i.openedAt(), "alerts_linked", actor.login(),
                found.size() + " " + String.join(", ", found.stream().map(Alert::title).toList()), false);
        return i;
    }

    /** Opens an incident for a company by staff (a phone call, a visit, a ticket read by a person). */
    @Transactional
    public Incident openForCompany(Actor actor, UUID tenantId, Opening opening) {
        Tenant t = tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("tenant"));
        if (opening.title() == null || opening.title().isBlank()) {
            throw new InvalidInput("title", "incident.title.empty", null, "a title is required");
        }
        return open(actor, t.id(), opening.title(), opening.type() == null ? IncidentType.OTHER : opening.type(),
                opening.severity() == null ? "MEDIUM" : opening.severity(), IncidentSource.STAFF, null, List.of(),
                null);
    }

    /** Opens an incident from a desk ticket the actor has read in scope (title and company from the ticket). */
    @Transactional
    public Incident openFromTicket(Actor actor, UUID ticketId, UUID tenantId, String ticketSubject,
            Instant receivedAt, Opening opening) {
        return open(actor, tenantId, orDefault(opening.title(), ticketSubject),
                opening.type() == null ? IncidentType.OTHER : opening.type(),
                opening.severity() == null ? "MEDIUM" : opening.severity(), IncidentSource.TICKET, ticketId,
                List.of(), receivedAt);
    }

    private Incident open(Actor actor, UUID tenantId, String title, IncidentType type, String severity,
            IncidentSource source, UUID ticketId, List<String> hosts, Instant learnedAt) {
        requireStaff(actor, tenantId, "incident");
        InvalidInput.requireLength("title", "input.field.incidentTitle", title.strip(), TITLE_MAX);
        requireSeverity(severity);
        Instant now = clock.instant();
        Incident i = new Incident(UUID.randomUUID(), tenantId, incidents.nextNumber(), title.strip(), type, severity,
                IncidentStatus.OPEN, actor.userId(), source, ticketId, Incident.FiveW1H.EMPTY, hosts,
                learnedAt == null ? now : learnedAt, now, actor.login(), null, now);
        incidents.insert(i);
        alerts.countIncident(tenantId, now);
        for (Playbooks.Template t : playbooks.of(type)) {
            records.addTask(i.id(), tenantId, t.key(), null, t.forCompany(), now, actor.login());
        }
        records.addEntry(i.id(), tenantId, now, "opened", actor.login(), null, true);
        audit.record(actor, tenantId, AuditAction.INCIDENT_CREATED, "incident:" + i.id(), Outcome.SUCCESS,
                source + " #" + i.number());
        events.publishEvent(new IncidentFactsChanged(actor, i.id()));
        return i;
    }

    /** The type an alert's category suggests; the analyst can change it. */
    static IncidentType typeOf(List<Alert> found) {
        Set<Category> cats = new LinkedHashSet<>(found.stream().map(Alert::category).toList());
        if (cats.contains(Category.RANSOMWARE)) {
            return IncidentType.RANSOMWARE;
        }
        if (cats.contains(Category.MALWARE_DOWNLOAD) || cats.contains(Category.C2)
                || cats.contains(Category.BEACONING)) {
            return IncidentType.MALWARE;
        }
        if (cats.contains(Category.PHISHING) || cats.contains(Category.MAIL_BURST)) {
            return IncidentType.PHISHING;
        }
        if (cats.contains(Category.PASSWORD_GUESSING)) {
            return IncidentType.UNAUTHORISED_ACCESS;
        }
        if (cats.contains(Category.UNKNOWN_DEVICE)) {
            return IncidentType.UNKNOWN_DEVICE;
        }
        return IncidentType.OTHER;
    }

    // ------------------------------------------------------------------------------------ changes

    /**
     * A change of the record (PATCH): null members stay as they are. Facts: blank clears. {@code hosts} replaces the
     * list of affected hosts (one per line).
     */
    public record Change(String title, IncidentType type, String severity, Incident.FiveW1H facts, List<String> hosts,
            Instant learnedAt) {
    }

    @Transactional
    public Incident update(Actor actor, UUID id, Change c) {
        Incident i = get(actor, id);
        requireStaff(actor, i.tenantId(), "incident:" + id);
        String title = c.title() == null ? i.title() : requireTitle(c.title());
        if (c.severity() != null) {
            requireSeverity(c.severity());
        }
        Incident.FiveW1H f = c.facts() == null ? i.facts() : checked(c.facts());
        List<String> hosts = c.hosts() == null ? i.hosts() : checkedHosts(c.hosts());
        Instant now = clock.instant();
        Incident next = new Incident(i.id(), i.tenantId(), i.number(), title, c.type() == null ? i.type() : c.type(),
                c.severity() == null ? i.severity() : c.severity(), i.status(), i.ownerId(), i.source(),
                i.sourceTicketId(), f, hosts, c.learnedAt() == null ? i.learnedAt() : c.learnedAt(), i.openedAt(),
                i.openedBy(), i.closedAt(), now);
        incidents.update(next);
        if (next.severity().equals(i.severity()) && next.type() == i.type()) {
            records.addEntry(id, i.tenantId(), now, "facts", actor.login(), null, false);
        } else {
            records.addEntry(id, i.tenantId(), now, "classified", actor.login(),
                    next.type().name() + " " + next.severity(), false);
        }
        audit.record(actor, i.tenantId(), AuditAction.INCIDENT_UPDATED, "incident:" + id, Outcome.SUCCESS, null);
        events.publishEvent(new IncidentFactsChanged(actor, id));
        return next;
    }

    /**
     * Moves the status. Forward only (open → contained → eradicated → recovered → closed, steps may be skipped);
     * back to OPEN from CLOSED only with a reason (reopening).
     */
    @Transactional
    public Incident changeStatus(Actor actor, UUID id, IncidentStatus status, String reason) {
        Incident i = get(actor, id);
        requireStaff(actor, i.tenantId(), "incident:" + id);
        if (status == null) {
            throw new InvalidInput("status", "incident.status.required", null, "status is required");
        }
        boolean reopen = i.status() == IncidentStatus.CLOSED && status == IncidentStatus.OPEN;
        if (!reopen && status.ordinal() <= i.status().ordinal()) {
            throw new InvalidInput("status", "incident.status.backwards", null,
                    "the status moves forward only; a closed incident can be reopened with a reason");
        }
        String why = reason == null ? null : reason.strip();
        if (reopen && (why == null || why.isEmpty())) {
            throw new InvalidInput("reason", "incident.reopen.reason", null, "reopening needs a reason");
        }
        InvalidInput.requireLength("reason", "incident.reason", why, NOTE_MAX);
        Instant now = clock.instant();
        Incident next = withStatus(i, status, status.isClosed() ? now : null, now);
        incidents.update(next);
        records.addEntry(id, i.tenantId(), now, reopen ? "reopened" : "status", actor.login(),
                reopen ? why : status.name(), true);
        audit.record(actor, i.tenantId(), AuditAction.INCIDENT_STATUS_CHANGED, "incident:" + id, Outcome.SUCCESS,
                i.status() + " → " + status);
        return next;
    }

    /** Gives the incident to a provider admin or analyst (null: nobody). */
    @Transactional
    public Incident changeOwner(Actor actor, UUID id, UUID ownerId) {
        Incident i = get(actor, id);
        requireStaff(actor, i.tenantId(), "incident:" + id);
        String name = null;
        if (ownerId != null) {
            AppUser u = users.findById(ownerId).filter(x -> x.status() == AppUser.Status.ACTIVE)
                    .filter(x -> x.role() == Role.PROVIDER_ADMIN || x.role() == Role.ANALYST)
                    .orElseThrow(() -> new InvalidInput("ownerId", "incident.owner.invalid", null,
                            "no active provider admin or analyst with this id"));
            name = u.displayName() == null || u.displayName().isBlank() ? u.login() : u.displayName();
        }
        Instant now = clock.instant();
        Incident next = new Incident(i.id(), i.tenantId(), i.number(), i.title(), i.type(), i.severity(), i.status(),
                ownerId, i.source(), i.sourceTicketId(), i.facts(), i.hosts(), i.learnedAt(), i.openedAt(),
                i.openedBy(), i.closedAt(), now);
        incidents.update(next);
        records.addEntry(id, i.tenantId(), now, "owner", actor.login(), name, false);
        audit.record(actor, i.tenantId(), AuditAction.INCIDENT_UPDATED, "incident:" + id, Outcome.SUCCESS,
                "owner " + (ownerId == null ? "-" : ownerId));
        return next;
    }

    /**
     * Checks a task off (or un-checks it) with who and when. Staff may check any task; the company's users the
     * tasks marked for the company.
     */
    @Transactional
    public Task setTaskDone(Actor actor, UUID id, long taskId, boolean done) {
        Incident i = get(actor, id);
        // A company user does not see the team's own tasks: for them those do not exist.
        Task t = records.task(actor, id, taskId).filter(x -> isStaff(actor) || x.forCompany())
                .orElseThrow(() -> new NotFoundException("task"));
        if (!isStaff(actor) && !isCompanyUser(actor)) {
            audit.record(actor, i.tenantId(), AuditAction.ACCESS_DENIED, "incident:" + id, Outcome.DENIED, "task");
            throw new AccessDeniedException("this task is the team's");
        }
        if (t.done() != done) {
            Instant now = clock.instant();
            records.setDone(taskId, done ? now : null, done ? actor.login() : null);
            records.addEntry(id, i.tenantId(), now, done ? "task_done" : "task_undone", actor.login(),
                    taskRef(t), t.forCompany());
            audit.record(actor, i.tenantId(), AuditAction.INCIDENT_TASK_CHANGED, "incident:" + id,
                    Outcome.SUCCESS, "task " + taskId + (done ? " done" : " not done"));
        }
        return records.task(actor, id, taskId).orElseThrow();
    }

    /** A task staff add to the playbook's. */
    @Transactional
    public long addTask(Actor actor, UUID id, String text, boolean forCompany) {
        Incident i = get(actor, id);
        requireStaff(actor, i.tenantId(), "incident:" + id);
        String t = requireText("text", "incident.task.text", text, TASK_MAX);
        Instant now = clock.instant();
        long taskId = records.addTask(id, i.tenantId(), null, t, forCompany, now, actor.login());
        records.addEntry(id, i.tenantId(), now, "task_added", actor.login(), t, forCompany);
        audit.record(actor, i.tenantId(), AuditAction.INCIDENT_TASK_CHANGED, "incident:" + id, Outcome.SUCCESS,
                "task " + taskId + " added");
        return taskId;
    }

    /** A manual timeline entry by staff, for the company to read or internal. */
    @Transactional
    public void addNote(Actor actor, UUID id, String text, boolean visibleToCompany) {
        Incident i = get(actor, id);
        requireStaff(actor, i.tenantId(), "incident:" + id);
        String t = requireText("text", "incident.note.text", text, TEXT_MAX);
        records.addEntry(id, i.tenantId(), clock.instant(), "note", actor.login(), t, visibleToCompany);
        audit.record(actor, i.tenantId(), AuditAction.INCIDENT_NOTE_ADDED, "incident:" + id, Outcome.SUCCESS,
                visibleToCompany ? "for the company" : "internal");
    }

    /** A message between the team and the company: staff and the company's own users may write. */
    @Transactional
    public void message(Actor actor, UUID id, String body) {
        Incident i = get(actor, id);
        if (!isStaff(actor) && !isCompanyUser(actor)) {
            throw new AccessDeniedException("only the team and the company write messages");
        }
        String t = requireText("body", "incident.message.body", body, TEXT_MAX);
        Instant now = clock.instant();
        records.addMessage(id, i.tenantId(), now, authorName(actor), !isStaff(actor), t);
        records.addEntry(id, i.tenantId(), now, isStaff(actor) ? "message_team" : "message_company",
                authorName(actor), null, true);
        audit.record(actor, i.tenantId(), AuditAction.INCIDENT_MESSAGE_SENT, "incident:" + id, Outcome.SUCCESS,
                null);
    }

    /** An evidence file: size-capped, its SHA-256 kept; staff only. */
    @Transactional
    public Evidence addEvidence(Actor actor, UUID id, String fileName, String contentType, byte[] content,
            String note) {
        Incident i = get(actor, id);
        requireStaff(actor, i.tenantId(), "incident:" + id);
        if (content == null || content.length == 0) {
            throw new InvalidInput("file", "incident.evidence.empty.file", null, "the file is empty");
        }
        if (content.length > EVIDENCE_MAX_BYTES) {
            throw new InvalidInput("file", "incident.evidence.tooLarge", EVIDENCE_MAX_BYTES / (1024 * 1024),
                    "at most " + EVIDENCE_MAX_BYTES + " bytes", EVIDENCE_MAX_BYTES / (1024 * 1024));
        }
        String name = requireText("file", "incident.evidence.name", fileName == null ? "evidence" : fileName
                .replaceAll("[\\\\/\\r\\n\\t\"]", "_"), FILE_NAME_MAX);
        String type = contentType == null || contentType.isBlank() || contentType.length() > 100
                ? "application/octet-stream" : contentType.strip();
        String n = note == null || note.isBlank() ? null
                : InvalidInput.requireLength("note", "incident.evidence.note", note.strip(), NOTE_MAX);
        String sha = Hashes.sha256(content);
        Instant now = clock.instant();
        long evidenceId = records.addEvidence(id, i.tenantId(), name, type, content, sha, n, now, actor.login());
        records.addEntry(id, i.tenantId(), now, "evidence", actor.login(), name + " (SHA-256 " + sha + ")", false);
        audit.record(actor, i.tenantId(), AuditAction.INCIDENT_EVIDENCE_ADDED, "incident:" + id, Outcome.SUCCESS,
                "evidence " + evidenceId + " " + sha);
        return records.evidence(actor, id).stream().filter(e -> e.id() == evidenceId).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------------------------ helpers

    public static boolean isStaff(Actor actor) {
        return actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST;
    }

    static boolean isCompanyUser(Actor actor) {
        return actor.role() == Role.TENANT_OWNER || actor.role() == Role.TENANT_MEMBER;
    }

    private void requireStaff(Actor actor, UUID tenantId, String target) {
        if (!isStaff(actor)) {
            audit.record(actor, tenantId, AuditAction.ACCESS_DENIED, target, Outcome.DENIED, "incident change");
            throw new AccessDeniedException("only provider staff change incidents");
        }
    }

    private String authorName(Actor actor) {
        return users.findById(actor.userId()).map(u -> u.displayName() == null || u.displayName().isBlank()
                ? u.login() : u.displayName()).orElse(actor.login());
    }

    /** How a task is named in the timeline: its template ({@code @key}, drawn in the reader's language) or text. */
    static String taskRef(Task t) {
        return t.templateKey() != null ? "@" + t.templateKey() : t.text();
    }

    private static Incident withStatus(Incident i, IncidentStatus status, Instant closedAt, Instant now) {
        return new Incident(i.id(), i.tenantId(), i.number(), i.title(), i.type(), i.severity(), status, i.ownerId(),
                i.source(), i.sourceTicketId(), i.facts(), i.hosts(), i.learnedAt(), i.openedAt(), i.openedBy(),
                closedAt, now);
    }

    private static String requireTitle(String title) {
        return requireText("title", "input.field.incidentTitle", title, TITLE_MAX);
    }

    private static String requireText(String field, String labelKey, String text, int max) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput(field, "incident.input.empty", null, "must not be empty");
        }
        return InvalidInput.requireLength(field, labelKey, text.strip(), max);
    }

    private static void requireSeverity(String severity) {
        if (!SEVERITIES.contains(severity)) {
            throw new InvalidInput("severity", "incident.severity.invalid", null,
                    "severity must be LOW, MEDIUM, HIGH or CRITICAL");
        }
    }

    private static Incident.FiveW1H checked(Incident.FiveW1H f) {
        return new Incident.FiveW1H(
                InvalidInput.requireLength("foundBy", "incident.facts.foundBy", blank(f.foundBy()), FOUND_BY_MAX),
                f.foundAt(),
                InvalidInput.requireLength("what", "incident.facts.what", blank(f.what()), TEXT_MAX),
                InvalidInput.requireLength("where", "incident.facts.where", blank(f.where()), WHERE_MAX),
                InvalidInput.requireLength("how", "incident.facts.how", blank(f.how()), TEXT_MAX),
                InvalidInput.requireLength("damage", "incident.facts.damage", blank(f.damage()), TEXT_MAX));
    }

    private static List<String> checkedHosts(List<String> hosts) {
        List<String> out = new ArrayList<>(new LinkedHashSet<>(hosts.stream().filter(h -> h != null && !h.isBlank())
                .map(String::strip).toList()));
        InvalidInput.requireLength("hosts", "incident.hosts", String.join("\n", out), HOSTS_MAX);
        return out;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String orDefault(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }


    /** A company's incidents open at some time in a period: how many in all, and how many of them are closed. */
    public record Overlap(long total, long closed) {
    }

    /**
     * Counted, never read from a capped list (the report and the letter list only the first ones and say how many
     * more): the incidents of one company open at some time in {@code [from, to)}, and of those the ones closed by
     * {@code closedBy}. An empty count when the company is not the actor's to see.
     */
    public Overlap overlapBetween(Actor actor, UUID tenantId, Instant from, Instant to, Instant closedBy) {
        long[] c = incidents.overlapBetween(actor, tenantId, from, to, closedBy);
        return new Overlap(c[0], c[1]);
    }

    /** The first {@code limit} of those incidents, oldest first. */
    public List<Incident> overlappingBetween(Actor actor, UUID tenantId, Instant from, Instant to, int limit) {
        return incidents.overlapping(actor, tenantId, from, to, limit);
    }
}
