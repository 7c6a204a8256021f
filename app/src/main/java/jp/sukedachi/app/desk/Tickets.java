package jp.sukedachi.app.desk;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The desk's tickets: new → open → waiting for the customer → solved → closed. The desk's first public reply
 * sets {@code firstRespondedAt} and makes a NEW ticket OPEN; a customer message makes a WAITING or SOLVED (or
 * CLOSED) ticket OPEN again. Internal notes and internal files are written and read only by provider staff
 * (admin, analyst) and never reach the company: {@link TicketRepository} leaves them out of every read for anyone
 * else, and {@link TicketReplied} is published for public replies only. Everyone reads within their tenant scope
 * (what is out of scope is not found); staff change status, priority, category, assignee and log time; the
 * company's users open tickets, write messages, attach files and rate a solved ticket once. Every change is
 * audited.
 */
@Service
public class Tickets {
    public static final int SUBJECT_MAX = 200;
    public static final int BODY_MAX = 8000;
    public static final int NAME_MAX = 100;
    public static final int EMAIL_MAX = 254;
    public static final int FILE_NAME_MAX = 200;
    public static final int NOTE_MAX = 500;
    public static final int SURVEY_COMMENT_MAX = 1000;
    public static final int MINUTES_MAX = 1440;
    private static final String SYSTEM_AUTHOR = "mail";

    private final TicketRepository tickets;
    private final UserRepository users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final DeskCalendar calendar;
    private final long attachmentMaxBytes;

    Tickets(TicketRepository tickets, UserRepository users, AuditLog audit, ApplicationEventPublisher events,
            Clock clock, DeskCalendar calendar, @Value("${sukedachi.desk.attachment-max-bytes:5242880}") long attachmentMaxBytes) {
        this.tickets = tickets;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.calendar = calendar;
        this.attachmentMaxBytes = attachmentMaxBytes;
    }

    /** What a person or a script asks the desk, before it is a ticket. Null category/priority/channel default. */
    public record Draft(String subject, String body, TicketCategory category, TicketPriority priority,
            TicketChannel channel, Instant receivedAt, String requesterName, String requesterEmail) {
    }

    /** Staff: admin and analyst (responders and the insurer see no desk tickets). */
    public static boolean isStaff(Actor actor) {
        return actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST;
    }

    public long attachmentMaxBytes() {
        return attachmentMaxBytes;
    }

    // ------------------------------------------------------------------------------------ reads

    /** A ticket within the actor's scope. */
    public Optional<TicketSummary> find(Actor actor, UUID id) {
        return tickets.find(actor, id).map(Ticket::summary);
    }

    /** A ticket within the actor's scope, or 404. */
    public Ticket get(Actor actor, UUID id) {
        return tickets.find(actor, id).orElseThrow(() -> new NotFoundException("ticket"));
    }

    /** How many tickets a list shows at most; one more is read so that a longer list says it was cut. */
    public static final int LIST_MAX = 300;

    /** Up to {@link #LIST_MAX} tickets and whether there were more (a page or an API answer says so). */
    public record TicketList(List<Ticket> items, boolean more) {
        static TicketList of(List<Ticket> read) {
            return read.size() > LIST_MAX ? new TicketList(List.copyOf(read.subList(0, LIST_MAX)), true)
                    : new TicketList(read, false);
        }
    }

    /** The staff queue (staff only). */
    TicketList queue(Actor actor, TicketFilter filter) {
        requireStaff(actor, null, "tickets");
        return TicketList.of(tickets.list(actor, filter, LIST_MAX + 1));
    }

    /** A company's tickets, newest first (the company's own users and staff). */
    public TicketList ofTenant(Actor actor, UUID tenantId) {
        return TicketList.of(tickets.ofTenant(actor, tenantId, LIST_MAX + 1));
    }

    /**
     * A company's desk work over a period (the usage statement): tickets received and solved in it, and the
     * minutes staff logged in it on how many tickets.
     */
    public record PeriodFigures(long received, long solved, long minutes, long ticketsWithTime) {
    }

    /** The desk work of one company over {@code [from, to)}; zeros when it is not the actor's to see. */
    public PeriodFigures figuresBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        long[] f = tickets.figuresBetween(actor, tenantId, from, to);
        return new PeriodFigures(f[0], f[1], f[2], f[3]);
    }

    /** The conversation: staff read internal notes, the company never does. */
    public List<TicketMessage> messages(Actor actor, UUID ticketId) {
        get(actor, ticketId);
        return tickets.messages(actor, ticketId);
    }

    List<TicketRepository.Attachment> attachments(Actor actor, UUID ticketId) {
        get(actor, ticketId);
        return tickets.attachments(actor, ticketId);
    }

    TicketRepository.AttachmentContent attachment(Actor actor, UUID ticketId, long attachmentId) {
        return tickets.attachment(actor, ticketId, attachmentId)
                .orElseThrow(() -> new NotFoundException("attachment"));
    }

    /** The time staff logged on a ticket (staff only; a company reads none): the claims price it. */
    public List<TicketTime> times(Actor actor, UUID ticketId) {
        get(actor, ticketId);
        return isStaff(actor) ? tickets.times(actor, ticketId) : List.of();
    }

    Optional<TicketRepository.Survey> survey(Actor actor, UUID ticketId) {
        get(actor, ticketId);
        return tickets.survey(actor, ticketId);
    }

    /** The company may rate a solved (or closed after solving) ticket once. */
    boolean surveyOffered(Actor actor, Ticket ticket) {
        return !actor.role().isProviderSide() && ticket.solvedAt() != null
                && (ticket.status() == TicketStatus.SOLVED || ticket.status() == TicketStatus.CLOSED)
                && tickets.survey(actor, ticket.id()).isEmpty();
    }

    // ------------------------------------------------------------------------------------ opening

    /**
     * Opens a ticket for a company. Staff give the channel (a phone call, the API) and when it came in
     * ({@code receivedAt}, not in the future; default now); the company's own users always open PORTAL (or API)
     * tickets received now, with themselves as the requester.
     */
    @Transactional
    public TicketSummary open(Actor actor, UUID tenantId, Draft draft) {
        if (!actor.tenantScope().includes(tenantId) || actor.role() == Role.RESPONDER
                || actor.role() == Role.INSURER) {
            throw new NotFoundException("tenant");
        }
        Instant now = clock.instant();
        boolean staff = isStaff(actor);
        Instant received = now;
        TicketChannel channel = draft.channel() == null ? (staff ? TicketChannel.PHONE : TicketChannel.PORTAL)
                : draft.channel();
        String requesterName = draft.requesterName();
        String requesterEmail = draft.requesterEmail();
        UUID requesterUser = null;
        if (staff) {
            if (draft.receivedAt() != null) {
                if (draft.receivedAt().isAfter(now)) {
                    throw new InvalidInput("receivedAt", "ticket.error.future", null,
                            "receivedAt must not be in the future");
                }
                received = draft.receivedAt();
            }
        } else {
            if (channel != TicketChannel.PORTAL && channel != TicketChannel.API) {
                channel = TicketChannel.PORTAL;
            }
            AppUser me = users.findById(actor.userId()).orElse(null);
            requesterUser = actor.userId();
            requesterName = me == null ? actor.login() : me.displayName();
            requesterEmail = me == null ? null : me.email();
        }
        TicketPriority priority = draft.priority() == null ? TicketPriority.MEDIUM : draft.priority();
        TicketCategory category = draft.category() == null ? TicketCategory.QUESTION : draft.category();
        TicketSummary t = create(tenantId, draft.subject(), draft.body(), category, priority, channel, received,
                requesterName, requesterEmail, requesterUser, now);
        audit.record(actor, tenantId, AuditAction.TICKET_CREATED, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number() + " " + channel.name());
        return t;
    }

    /** A ticket from an e-mail (the mail capability, no person acting): channel EMAIL, priority MEDIUM. */
    @Transactional
    public TicketSummary openFromMail(UUID tenantId, String fromEmail, String fromName, String subject, String body,
            Instant receivedAt) {
        Instant now = clock.instant();
        Instant received = receivedAt == null || receivedAt.isAfter(now) ? now : receivedAt;
        TicketSummary t = create(tenantId, cut(subject, SUBJECT_MAX), cut(body, BODY_MAX), TicketCategory.QUESTION,
                TicketPriority.MEDIUM, TicketChannel.EMAIL, received, cut(fromName, NAME_MAX),
                cut(fromEmail, EMAIL_MAX), null, now);
        audit.record(null, tenantId, AuditAction.TICKET_CREATED, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number() + " EMAIL");
        return t;
    }

    private TicketSummary create(UUID tenantId, String subject, String body, TicketCategory category,
            TicketPriority priority, TicketChannel channel, Instant received, String requesterName,
            String requesterEmail, UUID requesterUser, Instant now) {
        String s = required("subject", "ticket.field.subject", subject, SUBJECT_MAX);
        String b = required("body", "ticket.field.body", body, BODY_MAX);
        InvalidInput.requireLength("requesterName", "ticket.field.requesterName", requesterName, NAME_MAX);
        InvalidInput.requireLength("requesterEmail", "ticket.field.requesterEmail", requesterEmail, EMAIL_MAX);
        UUID id = UUID.randomUUID();
        Instant[] due = due(priority, received);
        long number = tickets.insert(id, tenantId, s, b, category, priority, channel, received, blankToNull(
                requesterName), blankToNull(requesterEmail), requesterUser, due[0], due[1], now);
        return new TicketSummary(id, tenantId, number, s, b, category, priority, TicketStatus.NEW, channel,
                received, blankToNull(requesterName), blankToNull(requesterEmail), due[0], due[1], null);
    }

    /** First-response and resolution due times in the desk's business time (desk hours, holidays, closed days). */
    private Instant[] due(TicketPriority priority, Instant received) {
        return new Instant[] {calendar.firstResponseDue(priority, received), calendar.resolutionDue(priority, received)};
    }

    // ------------------------------------------------------------------------------------ conversation

    /**
     * A message on a ticket. Staff write a public reply (the company reads it; the first one sets the first
     * response and makes a NEW ticket OPEN) or an internal note; the company's users write a customer message,
     * which reopens a WAITING or SOLVED ticket. Answers the message id.
     */
    @Transactional
    public long post(Actor actor, UUID ticketId, String body, boolean internal) {
        Ticket t = get(actor, ticketId);
        String text = required("body", "ticket.field.body", body, BODY_MAX);
        Instant now = clock.instant();
        if (isStaff(actor)) {
            String author = nameOf(actor);
            TicketMessage.Kind kind = internal ? TicketMessage.Kind.INTERNAL : TicketMessage.Kind.PUBLIC;
            long id = tickets.insertMessage(t.id(), t.tenantId(), kind, actor.userId(), author, text, now);
            if (!internal) {
                Instant first = t.summary().firstRespondedAt() == null ? now : t.summary().firstRespondedAt();
                TicketStatus status = t.status() == TicketStatus.NEW ? TicketStatus.OPEN : t.status();
                tickets.updateState(t.id(), status, first, t.solvedAt(), t.closedAt(), now);
                events.publishEvent(new TicketReplied(t.id(), t.tenantId(), id, text, author, now));
            }
            audit.record(actor, t.tenantId(), internal ? AuditAction.TICKET_NOTE_ADDED : AuditAction.TICKET_REPLIED,
                    "ticket:" + t.id(), Outcome.SUCCESS, "#" + t.number());
            return id;
        }
        if (internal) {
            audit.record(actor, t.tenantId(), AuditAction.ACCESS_DENIED, "ticket:" + t.id(), Outcome.DENIED,
                    "internal note");
            throw new AccessDeniedException("only provider staff write internal notes");
        }
        long id = tickets.insertMessage(t.id(), t.tenantId(), TicketMessage.Kind.CUSTOMER, actor.userId(),
                nameOf(actor), text, now);
        reopenOnCustomerMessage(t, now);
        audit.record(actor, t.tenantId(), AuditAction.TICKET_CUSTOMER_MESSAGE, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number());
        return id;
    }

    /** The customer's reply by e-mail (the mail capability): a public customer message; WAITING/SOLVED → OPEN. */
    @Transactional
    public void addCustomerReply(UUID ticketId, String fromEmail, String body, Instant at) {
        Ticket t = tickets.findForSystem(ticketId).orElseThrow(() -> new NotFoundException("ticket"));
        Instant now = clock.instant();
        Instant when = at == null || at.isAfter(now) ? now : at;
        tickets.insertMessage(t.id(), t.tenantId(), TicketMessage.Kind.CUSTOMER, null,
                blankToNull(cut(fromEmail, EMAIL_MAX)) == null ? SYSTEM_AUTHOR : cut(fromEmail, EMAIL_MAX),
                required("body", "ticket.field.body", cut(body, BODY_MAX), BODY_MAX), when);
        reopenOnCustomerMessage(t, now);
        audit.record(null, t.tenantId(), AuditAction.TICKET_CUSTOMER_MESSAGE, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number() + " EMAIL");
    }

    private void reopenOnCustomerMessage(Ticket t, Instant now) {
        if (t.status() == TicketStatus.WAITING || t.status() == TicketStatus.SOLVED
                || t.status() == TicketStatus.CLOSED) {
            tickets.updateState(t.id(), TicketStatus.OPEN, t.summary().firstRespondedAt(), null, null, now);
        } else {
            tickets.updateState(t.id(), t.status(), t.summary().firstRespondedAt(), t.solvedAt(), t.closedAt(), now);
        }
    }

    // ------------------------------------------------------------------------------------ staff changes

    /** Staff change the status (not back to NEW). SOLVED stamps solved_at, CLOSED closed_at; reopening clears them. */
    @Transactional
    public Ticket changeStatus(Actor actor, UUID ticketId, TicketStatus status) {
        Ticket t = get(actor, ticketId);
        requireStaff(actor, t.tenantId(), "ticket:" + t.id());
        if (status == null || status == TicketStatus.NEW) {
            throw new InvalidInput("status", "ticket.error.status", null, "status must be OPEN, WAITING, SOLVED or"
                    + " CLOSED");
        }
        if (status == t.status()) {
            return t;
        }
        setStatus(t, status, clock.instant());
        audit.record(actor, t.tenantId(), AuditAction.TICKET_STATUS_CHANGED, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number() + " " + t.status().name() + " -> " + status.name());
        return get(actor, ticketId);
    }

    private void setStatus(Ticket t, TicketStatus status, Instant now) {
        Instant solved = switch (status) {
            case SOLVED -> now;
            case CLOSED -> t.solvedAt();
            default -> null;
        };
        Instant closed = status == TicketStatus.CLOSED ? now : null;
        tickets.updateState(t.id(), status, t.summary().firstRespondedAt(), solved, closed, now);
    }

    /** Staff change the priority; the due times follow it from the time the ticket was received. */
    @Transactional
    public Ticket changePriority(Actor actor, UUID ticketId, TicketPriority priority) {
        Ticket t = get(actor, ticketId);
        requireStaff(actor, t.tenantId(), "ticket:" + t.id());
        if (priority == null || priority == t.priority()) {
            return t;
        }
        Instant[] due = due(priority, t.summary().receivedAt());
        tickets.updatePriority(t.id(), priority, due[0], due[1], clock.instant());
        audit.record(actor, t.tenantId(), AuditAction.TICKET_PRIORITY_CHANGED, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number() + " " + t.priority().name() + " -> " + priority.name());
        return get(actor, ticketId);
    }

    @Transactional
    public Ticket changeCategory(Actor actor, UUID ticketId, TicketCategory category) {
        Ticket t = get(actor, ticketId);
        requireStaff(actor, t.tenantId(), "ticket:" + t.id());
        if (category == null || category == t.category()) {
            return t;
        }
        tickets.updateCategory(t.id(), category, clock.instant());
        audit.record(actor, t.tenantId(), AuditAction.TICKET_CATEGORY_CHANGED, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number() + " " + category.name());
        return get(actor, ticketId);
    }

    /** Staff assign the ticket to a staff member (admin or analyst), or to nobody (null). */
    @Transactional
    public Ticket assign(Actor actor, UUID ticketId, UUID assigneeId) {
        Ticket t = get(actor, ticketId);
        requireStaff(actor, t.tenantId(), "ticket:" + t.id());
        if (assigneeId != null) {
            AppUser u = users.findById(assigneeId).orElse(null);
            if (u == null || (u.role() != Role.PROVIDER_ADMIN && u.role() != Role.ANALYST)
                    || u.status() != AppUser.Status.ACTIVE) {
                throw new InvalidInput("assignee", "ticket.error.assignee", null,
                        "the assignee must be an active admin or analyst");
            }
        }
        if (java.util.Objects.equals(assigneeId, t.assigneeUserId())) {
            return t;
        }
        tickets.updateAssignee(t.id(), assigneeId, clock.instant());
        audit.record(actor, t.tenantId(), AuditAction.TICKET_ASSIGNED, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number() + " " + (assigneeId == null ? "-" : assigneeId));
        return get(actor, ticketId);
    }

    /** The active staff members a ticket can be assigned to. */
    List<AppUser> assignableStaff(Actor actor) {
        return users.findVisible(actor, null).stream()
                .filter(u -> u.role() == Role.PROVIDER_ADMIN || u.role() == Role.ANALYST)
                .filter(u -> u.status() == AppUser.Status.ACTIVE).toList();
    }

    /** Staff log minutes spent on the ticket (1–1440 per entry) with an optional note. */
    @Transactional
    public void logTime(Actor actor, UUID ticketId, int minutes, String note) {
        Ticket t = get(actor, ticketId);
        requireStaff(actor, t.tenantId(), "ticket:" + t.id());
        if (minutes < 1 || minutes > MINUTES_MAX) {
            throw new InvalidInput("minutes", "ticket.error.minutes", MINUTES_MAX,
                    "minutes must be between 1 and " + MINUTES_MAX, MINUTES_MAX);
        }
        InvalidInput.requireLength("note", "ticket.field.timeNote", note, NOTE_MAX);
        tickets.insertTime(t.id(), t.tenantId(), minutes, blankToNull(note), actor.userId(), nameOf(actor),
                clock.instant());
        audit.record(actor, t.tenantId(), AuditAction.TICKET_TIME_LOGGED, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number() + " " + minutes + " min");
    }

    /** The company rates a solved ticket once (1–5, optional comment). */
    @Transactional
    public void answerSurvey(Actor actor, UUID ticketId, int score, String comment) {
        Ticket t = get(actor, ticketId);
        if (actor.role().isProviderSide()) {
            throw new AccessDeniedException("the company answers the survey");
        }
        if (t.solvedAt() == null || !(t.status() == TicketStatus.SOLVED || t.status() == TicketStatus.CLOSED)) {
            throw new InvalidInput("score", "ticket.error.surveyNotSolved", null, "the ticket is not solved");
        }
        if (score < 1 || score > 5) {
            throw new InvalidInput("score", "ticket.error.score", 5, "score must be between 1 and 5");
        }
        InvalidInput.requireLength("comment", "ticket.field.surveyComment", comment, SURVEY_COMMENT_MAX);
        if (!tickets.insertSurvey(t.id(), t.tenantId(), score, blankToNull(comment), actor.userId(),
                clock.instant())) {
            throw new InvalidInput("score", "ticket.error.surveyDone", null, "the survey was already answered");
        }
        audit.record(actor, t.tenantId(), AuditAction.TICKET_SURVEY_ANSWERED, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number() + " " + score);
    }

    // ------------------------------------------------------------------------------------ files

    /** A file from the mail capability (no person acting): kept with its SHA-256, refused over the size cap. */
    @Transactional
    public TicketAttachmentInfo attach(UUID ticketId, String fileName, String contentType, byte[] content) {
        Ticket t = tickets.findForSystem(ticketId).orElseThrow(() -> new NotFoundException("ticket"));
        TicketAttachmentInfo info = store(t, fileName, contentType, content, false, SYSTEM_AUTHOR);
        audit.record(null, t.tenantId(), AuditAction.TICKET_ATTACHMENT_ADDED, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number() + " " + info.fileName() + " " + info.sha256());
        return info;
    }

    /** A file a person attaches; only staff may mark it internal. */
    @Transactional
    public TicketAttachmentInfo attach(Actor actor, UUID ticketId, String fileName, String contentType,
            byte[] content, boolean internal) {
        Ticket t = get(actor, ticketId);
        if (internal && !isStaff(actor)) {
            throw new AccessDeniedException("only provider staff attach internal files");
        }
        if (!isStaff(actor) && !t.status().isActive() && t.status() != TicketStatus.SOLVED) {
            throw new InvalidInput("file", "ticket.error.closed", null, "the ticket is closed");
        }
        TicketAttachmentInfo info = store(t, fileName, contentType, content, internal, nameOf(actor));
        // The company reads its audit log: an internal file is named there by its hash only, never its file name.
        audit.record(actor, t.tenantId(), AuditAction.TICKET_ATTACHMENT_ADDED, "ticket:" + t.id(), Outcome.SUCCESS,
                "#" + t.number() + " " + (internal ? "internal file" : info.fileName()) + " " + info.sha256());
        return info;
    }

    private TicketAttachmentInfo store(Ticket t, String fileName, String contentType, byte[] content,
            boolean internal, String by) {
        if (content == null || content.length == 0) {
            throw new InvalidInput("file", "ticket.error.fileEmpty", null, "the file is empty");
        }
        if (content.length > attachmentMaxBytes) {
            long mb = Math.max(1, attachmentMaxBytes / (1024 * 1024));
            throw new InvalidInput("file", "ticket.error.fileTooLarge", (int) mb,
                    "files up to " + mb + " MB are accepted", mb);
        }
        String name = fileName(fileName);
        String type = contentType == null || contentType.isBlank() || contentType.length() > 100
                || !contentType.matches("[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+")
                ? "application/octet-stream" : contentType.toLowerCase(Locale.ROOT);
        String sha = Hashes.sha256(content);
        long id = tickets.insertAttachment(t.id(), t.tenantId(), name, type, content, sha, internal, by,
                clock.instant());
        return new TicketAttachmentInfo(id, name, content.length, sha);
    }

    /** The file's own name without any folder, at most {@link #FILE_NAME_MAX} characters, never empty. */
    static String fileName(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty()) {
            name = "file";
        }
        return InvalidInput.requireLength("file", "ticket.field.fileName", name, FILE_NAME_MAX);
    }


    // ------------------------------------------------------------------------------------ helpers

    private void requireStaff(Actor actor, UUID tenantId, String target) {
        if (!isStaff(actor)) {
            audit.record(actor, tenantId, AuditAction.ACCESS_DENIED, target, Outcome.DENIED, "ticket change");
            throw new AccessDeniedException("only provider staff change tickets");
        }
    }

    private String nameOf(Actor actor) {
        return users.findById(actor.userId()).map(AppUser::displayName).orElse(actor.login());
    }

    /** Text that must be given, stripped, at most {@code max} characters. */
    static String required(String field, String labelKey, String text, int max) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput(field, "ticket.error.required", null, "required",
                    new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {labelKey},
                            field));
        }
        return InvalidInput.requireLength(field, labelKey, text.strip(), max);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
