package jp.sukedachi.app.insurance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.desk.TicketTime;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.dispatch.Visit;
import jp.sukedachi.app.dispatch.VisitStatus;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.Incident;
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
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Insurance claims: opened from an incident by provider staff under the company's policy of the incident's day,
 * priced from the incident's completed visits (hours × the plan's rates), the desk time on its ticket and uploaded
 * invoices, with the lines computed by {@link ClaimArithmetic}. The workflow: DRAFT → SUBMITTED (staff) →
 * INFO_REQUESTED (insurer asks) → SUBMITTED (staff answer) → APPROVED / PARTIALLY_APPROVED / REJECTED (insurer) →
 * PAID. Every step is on the claim's history and in the audit log. Reads are scoped in the repository: staff all,
 * a company its own, an insurer's staff only its insurer's claims past DRAFT.
 */
@Service
public class Claims {
    static final int MAX_TEXT = 2000;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_ISSUER = 200;
    static final int MAX_FILE_NAME = 200;
    /** Ten billion yen: a larger amount on one item is a typing error. */
    static final long MAX_ITEM_YEN = 10_000_000_000L;
    static final int LIST_MAX = 300;

    private static final Set<ClaimStatus> DECIDED_WITH_MONEY = EnumSet.of(ClaimStatus.APPROVED,
            ClaimStatus.PARTIALLY_APPROVED);

    private final ClaimRepository claims;
    private final Policies policies;
    private final Plans plans;
    private final Incidents incidents;
    private final Visits visits;
    private final Tickets tickets;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;
    private final long maxFileBytes;

    Claims(ClaimRepository claims, Policies policies, Plans plans, Incidents incidents, Visits visits, Tickets tickets,
            UserRepository users, AuditLog audit, Clock clock,
            @Value("${sukedachi.claims.max-file-mb:10}") int maxFileMb) {
        this.claims = claims;
        this.policies = policies;
        this.plans = plans;
        this.incidents = incidents;
        this.visits = visits;
        this.tickets = tickets;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.maxFileBytes = maxFileMb * 1024L * 1024L;
    }

    // ------------------------------------------------------------------------------------ reading

    /** One claim the actor may see (404 otherwise). */
    public Claim get(Actor actor, UUID id) {
        return claims.find(scope(actor), id).map(this::full).orElseThrow(() -> new NotFoundException("claim"));
    }

    public Optional<Claim> find(Actor actor, UUID id) {
        return claims.find(scope(actor), id).map(this::full);
    }

    /** Up to {@link #LIST_MAX} claims the actor may see, newest first, and whether there were more. */
    public record ClaimList(List<Claim> items, boolean more) {
    }

    public ClaimList list(Actor actor, Set<ClaimStatus> statuses) {
        requireReader(actor);
        return cut(claims.list(scope(actor), statuses, null, null, LIST_MAX + 1));
    }

    /** A company's claims (its owner's page), newest first. */
    public ClaimList ofCompany(Actor actor) {
        if (actor.tenantId() == null) {
            throw new AccessDeniedException("company users only");
        }
        return cut(claims.list(scope(actor), Set.of(), null, actor.tenantId(), LIST_MAX + 1));
    }

    /** The claims of one incident (the incident page's panel; staff). */
    public List<Claim> forIncident(Actor actor, UUID incidentId) {
        requireStaff(actor);
        return claims.list(scope(actor), Set.of(), incidentId, null, LIST_MAX).stream().map(this::full).toList();
    }

    private ClaimList cut(List<ClaimRepository.Row> rows) {
        boolean more = rows.size() > LIST_MAX;
        return new ClaimList((more ? rows.subList(0, LIST_MAX) : rows).stream().map(this::full).toList(), more);
    }

    /** Claims per status, and the oldest ones waiting for the insurer (the insurer's home). */
    public record Queue(Map<ClaimStatus, Long> counts, List<Claim> oldestWaiting) {
    }

    public Queue queue(Actor actor, int oldest) {
        requireReader(actor);
        var scope = scope(actor);
        return new Queue(claims.counts(scope), claims.oldestWaiting(scope, Math.max(1, Math.min(oldest, 50)))
                .stream().map(this::full).toList());
    }

    /** An invoice's bytes, of a claim the actor may see (staff, the claim's insurer). */
    Optional<byte[]> fileContent(Actor actor, UUID claimId, long fileId) {
        Claim c = get(actor, claimId);
        if (!isStaff(actor) && actor.role() != Role.INSURER) {
            throw new AccessDeniedException("provider staff and the claim's insurer");
        }
        return claims.fileContent(c.id(), fileId);
    }

    long maxFileBytes() {
        return maxFileBytes;
    }

    private Claim full(ClaimRepository.Row r) {
        return new Claim(r.id(), r.number(), r.tenantId(), r.companyName(), r.incidentId(), r.incidentNumber(),
                r.incidentDay(), r.policyId(), r.policyNumber(), r.insurerId(), r.insurerName(), r.policyYearStart(),
                r.status(), r.question(), r.decisionReason(), r.approvedYen(), r.paidOn(), r.createdAt(),
                r.createdBy(), r.submittedAt(), r.decidedAt(), claims.items(r.id()), claims.lines(r.id()),
                claims.files(r.id()), claims.history(r.id()));
    }

    // ------------------------------------------------------------------------------------ opening and items

    /**
     * Opens a claim for an incident under the company's policy of the incident's day (when the company learned of
     * it), and fills its items from the incident's completed visits and the desk time on its ticket.
     */
    @Transactional
    public Claim open(Actor actor, UUID incidentId) {
        requireStaff(actor);
        Incident incident = incidents.get(actor, incidentId);
        LocalDate day = (incident.learnedAt() != null ? incident.learnedAt() : incident.openedAt())
                .atZone(Formats.TOKYO).toLocalDate();
        PolicyTerms policy = policies.activeFor(incident.tenantId(), day).orElseThrow(() -> ClaimRefused.rule(
                "claim.error.noPolicy", "the company had no insurance policy in force on " + day, day.toString()));
        boolean open = claims.list(scope(actor), Set.of(), incidentId, null, LIST_MAX).stream()
                .anyMatch(c -> c.status() != ClaimStatus.REJECTED);
        if (open) {
            throw ClaimRefused.conflict("claim.error.exists",
                    "this incident already has a claim; add the costs to it (a rejected one may be opened again)");
        }
        Instant now = now();
        ClaimRepository.Row row = new ClaimRepository.Row(UUID.randomUUID(), claims.nextNumber(), incident.tenantId(),
                null, incident.id(), incident.number(), day, policy.policyId(), policy.policyNumber(),
                policy.insurerId(), policy.insurerName(), policyYearStart(policy.from(), day), ClaimStatus.DRAFT, null,
                null, null, null, now, nameOf(actor), null, null);
        claims.insert(row, now);
        claims.addHistory(row.id(), row.tenantId(), now, "opened", ClaimStatus.DRAFT, nameOf(actor),
                "#" + incident.number());
        audit.record(actor, row.tenantId(), AuditAction.CLAIM_OPENED, "claim " + row.id(), Outcome.SUCCESS,
                "incident " + incident.id() + ", policy " + policy.policyNumber());
        fill(actor, row.id());
        return get(actor, row.id());
    }

    /** The policy year the day falls in: the policy's start, moved on by whole years. */
    static LocalDate policyYearStart(LocalDate policyFrom, LocalDate day) {
        long years = Math.max(0, ChronoUnit.YEARS.between(policyFrom, day));
        return policyFrom.plusYears(years);
    }

    /**
     * Adds what the records hold and the claim does not yet: each completed visit's time on site and travel
     * (ONSITE_VISIT) and each desk-time entry of the incident's ticket (FIRST_RESPONSE), priced with the contract's
     * rates of the incident's day. Returns how many items were added.
     */
    @Transactional
    public int fill(Actor actor, UUID claimId) {
        requireStaff(actor);
        Claim c = editableClaim(actor, claimId);
        Set<String> have = claims.sourceRefs(c.id());
        List<ClaimRepository.NewItem> added = new ArrayList<>();
        List<Visit> done = visits.forIncident(actor, c.incidentId()).stream()
                .filter(v -> v.status() == VisitStatus.DONE).toList();
        Incident incident = incidents.get(actor, c.incidentId());
        List<TicketTime> desk = incident.sourceTicketId() == null ? List.of()
                : tickets.times(actor, incident.sourceTicketId());
        if (done.isEmpty() && desk.isEmpty()) {
            return 0;
        }
        ContractTerms contract = plans.contractOf(c.tenantId(), c.incidentDay()).orElseThrow(() -> ClaimRefused.rule(
                "claim.error.noContract", "the company had no contract on " + c.incidentDay()
                        + ": the visits and desk time have no rate", c.incidentDay().toString()));
        for (Visit v : done) {
            LocalDate on = v.checkedInAt().atZone(Formats.TOKYO).toLocalDate();
            int site = v.minutesOnSite() == null ? 0 : v.minutesOnSite();
            if (!have.contains("VISIT_ONSITE:" + v.id())) {
                added.add(new ClaimRepository.NewItem(CoverageLine.ONSITE_VISIT, "VISIT_ONSITE", v.id().toString(),
                        v.responderName(), site, contract.onsiteYenPerHour(),
                        ClaimArithmetic.yenForMinutes(site, contract.onsiteYenPerHour()), on, null));
            }
            int travel = v.travelMinutes() == null ? 0 : v.travelMinutes();
            if (travel > 0 && !have.contains("VISIT_TRAVEL:" + v.id())) {
                added.add(new ClaimRepository.NewItem(CoverageLine.ONSITE_VISIT, "VISIT_TRAVEL", v.id().toString(),
                        v.responderName(), travel, contract.travelYenPerHour(),
                        ClaimArithmetic.yenForMinutes(travel, contract.travelYenPerHour()), on, null));
            }
        }
        for (TicketTime t : desk) {
            if (!have.contains("DESK:" + t.id())) {
                added.add(new ClaimRepository.NewItem(CoverageLine.FIRST_RESPONSE, "DESK", Long.toString(t.id()),
                        t.userName() + (t.note() == null ? "" : "：" + t.note()), t.minutes(),
                        contract.deskYenPerHour(), ClaimArithmetic.yenForMinutes(t.minutes(), contract.deskYenPerHour()),
                        t.at().atZone(Formats.TOKYO).toLocalDate(), null));
            }
        }
        Instant now = now();
        for (ClaimRepository.NewItem i : added) {
            claims.insertItem(c.id(), c.tenantId(), i, nameOf(actor), now);
        }
        if (!added.isEmpty()) {
            claims.addHistory(c.id(), c.tenantId(), now, "filled", c.status(), nameOf(actor),
                    Integer.toString(added.size()));
            audit.record(actor, c.tenantId(), AuditAction.CLAIM_ITEMS_FILLED, "claim " + c.id(), Outcome.SUCCESS,
                    added.size() + " items from visits and desk time");
            recompute(c.id());
        }
        return added.size();
    }

    /** A cost typed by staff: the line it belongs to, what it was, and the yen. */
    @Transactional
    public Claim addItem(Actor actor, UUID claimId, CoverageLine line, String description, Long yen) {
        requireStaff(actor);
        Claim c = editableClaim(actor, claimId);
        String what = required("description", "claim.item.description", description, MAX_DESCRIPTION);
        ClaimRepository.NewItem item = new ClaimRepository.NewItem(requireLine(line), "MANUAL", null, what, null,
                null, requireYen("yen", yen), today(), null);
        Instant now = now();
        long id = claims.insertItem(c.id(), c.tenantId(), item, nameOf(actor), now);
        claims.addHistory(c.id(), c.tenantId(), now, "item_added", c.status(), nameOf(actor),
                what + " " + item.yen());
        audit.record(actor, c.tenantId(), AuditAction.CLAIM_ITEM_ADDED, "claim " + c.id(), Outcome.SUCCESS,
                "item " + id + " " + line + " " + item.yen() + " yen");
        recompute(c.id());
        return get(actor, c.id());
    }

    /** Takes out an item staff typed or an uploaded invoice (with its file); visits and desk time stay. */
    @Transactional
    public Claim removeItem(Actor actor, UUID claimId, long itemId) {
        requireStaff(actor);
        Claim c = editableClaim(actor, claimId);
        Claim.Item item = c.items().stream().filter(i -> i.id() == itemId).findFirst()
                .orElseThrow(() -> new NotFoundException("claim item"));
        if (!item.removable()) {
            throw ClaimRefused.rule("claim.error.notRemovable",
                    "visit and desk-time items come from the records and cannot be taken out");
        }
        claims.deleteItem(c.id(), itemId);
        if (item.fileId() != null) {
            claims.deleteFile(c.id(), item.fileId());
        }
        Instant now = now();
        claims.addHistory(c.id(), c.tenantId(), now, "item_removed", c.status(), nameOf(actor),
                (item.description() == null ? "" : item.description()) + " " + item.yen());
        audit.record(actor, c.tenantId(), AuditAction.CLAIM_ITEM_REMOVED, "claim " + c.id(), Outcome.SUCCESS,
                "item " + itemId + " " + item.line() + " " + item.yen() + " yen");
        recompute(c.id());
        return get(actor, c.id());
    }

    /** An invoice (PDF or image) for one line: the issuer, the amount in yen, the file with its SHA-256. */
    public record Invoice(CoverageLine line, String issuer, Long yen, String fileName, String contentType,
            byte[] content) {
    }

    @Transactional
    public Claim addInvoice(Actor actor, UUID claimId, Invoice invoice) {
        requireStaff(actor);
        Claim c = editableClaim(actor, claimId);
        CoverageLine line = requireLine(invoice.line());
        String issuer = required("issuer", "claim.invoice.issuer", invoice.issuer(), MAX_ISSUER);
        long yen = requireYen("yen", invoice.yen());
        byte[] content = invoice.content();
        if (content == null || content.length == 0) {
            throw new InvalidInput("file", "claim.error.fileEmpty", null, "choose the invoice file (PDF or image)");
        }
        if (content.length > maxFileBytes) {
            long mb = maxFileBytes / (1024 * 1024);
            throw new InvalidInput("file", "claim.error.fileTooLarge", (int) mb, "at most " + mb + " MB per file", mb);
        }
        String type = fileType(content);
        String name = safeName(invoice.fileName());
        String sha = Hashes.sha256(content);
        Instant now = now();
        long fileId = claims.insertFile(c.id(), c.tenantId(), name, type, content, sha, nameOf(actor), now);
        claims.insertItem(c.id(), c.tenantId(), new ClaimRepository.NewItem(line, "INVOICE", Long.toString(fileId),
                issuer, null, null, yen, today(), fileId), nameOf(actor), now);
        claims.addHistory(c.id(), c.tenantId(), now, "invoice_added", c.status(), nameOf(actor),
                issuer + " " + yen + " (" + name + ")");
        audit.record(actor, c.tenantId(), AuditAction.CLAIM_INVOICE_ADDED, "claim " + c.id(), Outcome.SUCCESS,
                name + " " + line + " " + yen + " yen sha256 " + sha);
        recompute(c.id());
        return get(actor, c.id());
    }

    /** PDF, PNG or JPEG, told by the file's first bytes (a name or a browser's type can say anything). */
    static String fileType(byte[] b) {
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return "application/pdf";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        throw new InvalidInput("file", "claim.error.fileType", null, "an invoice must be a PDF, PNG or JPEG file");
    }

    private static String safeName(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "invoice" : fileName.strip();
        name = name.replaceAll("[\\\\/\\p{Cntrl}\"]", "_");
        return name.length() > MAX_FILE_NAME ? name.substring(name.length() - MAX_FILE_NAME) : name;
    }


    // ------------------------------------------------------------------------------------ the workflow

    /** DRAFT → SUBMITTED: staff send the claim to the insurer. */
    @Transactional
    public Claim submit(Actor actor, UUID claimId) {
        Claim c = get(actor, claimId);
        requireStaff(actor);
        requireStatus(c, "submit", ClaimStatus.DRAFT);
        if (c.items().isEmpty()) {
            throw ClaimRefused.rule("claim.error.noItems", "a claim needs at least one cost item before it is submitted");
        }
        recompute(c.id());
        return step(actor, c, EnumSet.of(ClaimStatus.DRAFT), ClaimStatus.SUBMITTED, "submitted", null, null, null,
                null, true, false, AuditAction.CLAIM_SUBMITTED);
    }

    /** SUBMITTED → INFO_REQUESTED: the insurer asks a question. */
    @Transactional
    public Claim requestInfo(Actor actor, UUID claimId, String question) {
        Claim c = get(actor, claimId);
        requireInsurer(actor);
        requireStatus(c, "requestInfo", ClaimStatus.SUBMITTED);
        String q = required("question", "claim.question", question, MAX_TEXT);
        return step(actor, c, EnumSet.of(ClaimStatus.SUBMITTED), ClaimStatus.INFO_REQUESTED, "info_requested", q, q,
                null, null, false, false, AuditAction.CLAIM_INFO_REQUESTED);
    }

    /** INFO_REQUESTED → SUBMITTED: staff answer in the claim (and may have changed its items meanwhile). */
    @Transactional
    public Claim answer(Actor actor, UUID claimId, String answer) {
        Claim c = get(actor, claimId);
        requireStaff(actor);
        requireStatus(c, "answer", ClaimStatus.INFO_REQUESTED);
        String a = required("answer", "claim.answer", answer, MAX_TEXT);
        if (c.items().isEmpty()) {
            throw ClaimRefused.rule("claim.error.noItems", "a claim needs at least one cost item before it is submitted");
        }
        recompute(c.id());
        return step(actor, c, EnumSet.of(ClaimStatus.INFO_REQUESTED), ClaimStatus.SUBMITTED, "answered", a, null,
                null, null, false, false, AuditAction.CLAIM_ANSWERED);
    }

    /** SUBMITTED → APPROVED: the insurer approves every line's payable amount. */
    @Transactional
    public Claim approve(Actor actor, UUID claimId) {
        Claim c = get(actor, claimId);
        requireInsurer(actor);
        requireStatus(c, "approve", ClaimStatus.SUBMITTED);
        List<Claim.Line> lines = recompute(c.id());
        Map<CoverageLine, Long> approved = new EnumMap<>(CoverageLine.class);
        lines.forEach(l -> approved.put(l.line(), l.payableYen()));
        return decide(actor, c, lines, approved, ClaimStatus.APPROVED, null, AuditAction.CLAIM_APPROVED);
    }

    /** SUBMITTED → PARTIALLY_APPROVED: approved yen per line (each at most the line's payable) and the reason. */
    @Transactional
    public Claim approvePart(Actor actor, UUID claimId, Map<CoverageLine, Long> approvedYen, String reason) {
        Claim c = get(actor, claimId);
        requireInsurer(actor);
        requireStatus(c, "approve", ClaimStatus.SUBMITTED);
        String why = required("reason", "claim.reason", reason, MAX_TEXT);
        List<Claim.Line> lines = recompute(c.id());
        Map<CoverageLine, Long> given = approvedYen == null ? Map.of() : approvedYen;
        for (CoverageLine l : given.keySet()) {
            if (lines.stream().noneMatch(x -> x.line() == l)) {
                throw new InvalidInput("approved." + l, "claim.error.lineNotClaimed", null,
                        "the claim has no line " + l);
            }
        }
        Map<CoverageLine, Long> approved = new EnumMap<>(CoverageLine.class);
        for (Claim.Line l : lines) {
            Long yen = given.get(l.line());
            if (yen == null) {
                throw new InvalidInput("approved." + l.line(), "claim.error.approvedMissing", null,
                        "say how much of line " + l.line() + " is approved (0 to " + l.payableYen() + ")");
            }
            if (yen < 0 || yen > l.payableYen()) {
                throw ClaimRefused.rule("claim.error.approvedTooMuch", "line " + l.line() + ": approve 0 to "
                        + l.payableYen() + " yen, not " + yen, l.line().labelKey(), l.payableYen(), yen);
            }
            approved.put(l.line(), yen);
        }
        long total = approved.values().stream().mapToLong(Long::longValue).sum();
        long payable = lines.stream().mapToLong(Claim.Line::payableYen).sum();
        if (total >= payable) {
            throw ClaimRefused.rule("claim.error.partialIsFull",
                    "that approves the whole payable amount: approve the claim in full instead");
        }
        return decide(actor, c, lines, approved, ClaimStatus.PARTIALLY_APPROVED, why,
                AuditAction.CLAIM_PARTIALLY_APPROVED);
    }

    /** SUBMITTED or INFO_REQUESTED → REJECTED, with the reason. */
    @Transactional
    public Claim reject(Actor actor, UUID claimId, String reason) {
        Claim c = get(actor, claimId);
        requireInsurer(actor);
        requireStatus(c, "reject", ClaimStatus.SUBMITTED, ClaimStatus.INFO_REQUESTED);
        String why = required("reason", "claim.reason", reason, MAX_TEXT);
        return step(actor, c, EnumSet.of(ClaimStatus.SUBMITTED, ClaimStatus.INFO_REQUESTED), ClaimStatus.REJECTED,
                "rejected", why, null, why, 0L, false, true, AuditAction.CLAIM_REJECTED);
    }

    /** APPROVED or PARTIALLY_APPROVED → PAID, on the day the insurer paid (not in the future). */
    @Transactional
    public Claim markPaid(Actor actor, UUID claimId, LocalDate paidOn) {
        Claim c = get(actor, claimId);
        requireInsurer(actor);
        requireStatus(c, "paid", ClaimStatus.APPROVED, ClaimStatus.PARTIALLY_APPROVED);
        if (paidOn == null) {
            throw new InvalidInput("paidOn", "claim.error.paidOnMissing", null, "the day it was paid is required");
        }
        LocalDate decidedOn = c.decidedAt().atZone(Formats.TOKYO).toLocalDate();
        if (paidOn.isAfter(today()) || paidOn.isBefore(decidedOn)) {
            throw ClaimRefused.rule("claim.error.paidOn", "the day it was paid must be between the decision ("
                    + decidedOn + ") and today", decidedOn.toString());
        }
        Instant now = now();
        if (!claims.transition(c.id(), DECIDED_WITH_MONEY, ClaimStatus.PAID, null, null, null, paidOn, false, false,
                now)) {
            throw moved(c);
        }
        claims.addHistory(c.id(), c.tenantId(), now, "paid", ClaimStatus.PAID, nameOf(actor), paidOn.toString());
        audit.record(actor, c.tenantId(), AuditAction.CLAIM_PAID, "claim " + c.id(), Outcome.SUCCESS,
                c.approvedYen() + " yen on " + paidOn);
        return get(actor, c.id());
    }

    private Claim decide(Actor actor, Claim c, List<Claim.Line> lines, Map<CoverageLine, Long> approved,
            ClaimStatus to, String reason, AuditAction action) {
        claims.replaceLines(c.id(), c.tenantId(), lines.stream().map(l -> new Claim.Line(l.line(), l.claimedYen(),
                l.payableYen(), l.selfBurdenYen(), l.notes(), approved.get(l.line()))).toList());
        long total = approved.values().stream().mapToLong(Long::longValue).sum();
        return step(actor, c, EnumSet.of(ClaimStatus.SUBMITTED), to, to == ClaimStatus.APPROVED ? "approved"
                : "partially_approved", reason == null ? Long.toString(total) : total + " " + reason, null, reason,
                total, false, true, action);
    }

    private Claim step(Actor actor, Claim c, Set<ClaimStatus> from, ClaimStatus to, String kind, String text,
            String question, String reason, Long approved, boolean submitted, boolean decided, AuditAction action) {
        Instant now = now();
        if (!claims.transition(c.id(), from, to, question, reason, approved, null, submitted, decided, now)) {
            throw moved(c);
        }
        claims.addHistory(c.id(), c.tenantId(), now, kind, to, nameOf(actor), text);
        audit.record(actor, c.tenantId(), action, "claim " + c.id(), Outcome.SUCCESS,
                c.status() + " -> " + to + (text == null ? "" : ": " + cut(text, 200)));
        return get(actor, c.id());
    }

    private static ClaimRefused moved(Claim c) {
        return ClaimRefused.conflict("claim.error.moved", "the claim changed meanwhile; open it again");
    }

    private static void requireStatus(Claim c, String step, ClaimStatus... allowed) {
        for (ClaimStatus s : allowed) {
            if (c.status() == s) {
                return;
            }
        }
        throw ClaimRefused.conflict("claim.error.status." + step, "the claim is " + c.status() + "; " + step
                + " needs it " + List.of(allowed), c.status().labelKey());
    }

    /**
     * Computes the lines from the items and the policy ({@link ClaimArithmetic}), with what the policy already paid
     * this policy year (the company's other approved or paid claims), and stores them.
     */
    List<Claim.Line> recompute(UUID claimId) {
        ClaimRepository.Row c = claims.find(new ClaimRepository.Scope(jp.sukedachi.app.shared.TenantScope.all(),
                null), claimId).orElseThrow(() -> new NotFoundException("claim"));
        PolicyTerms policy = policies.activeFor(c.tenantId(), c.incidentDay())
                .filter(p -> p.policyId().equals(c.policyId())).orElseThrow(() -> ClaimRefused.rule(
                        "claim.error.policyGone", "the claim's policy no longer covers the incident's day"));
        List<ClaimArithmetic.Claimed> claimed = claims.items(claimId).stream()
                .map(i -> new ClaimArithmetic.Claimed(i.line(), i.yen())).toList();
        Map<CoverageLine, Long> paid = claims.paidThisYear(c.tenantId(), c.policyId(), c.policyYearStart(), claimId);
        long paidTotal = paid.values().stream().mapToLong(Long::longValue).sum();
        ClaimArithmetic.Result result = ClaimArithmetic.compute(policy, claimed, paid, paidTotal);
        List<Claim.Line> lines = result.lines().stream().map(l -> new Claim.Line(l.line(), l.claimedYen(),
                l.payableYen(), l.selfBurdenYen(), l.notes().stream().map(Enum::name).sorted().toList(), null))
                .toList();
        claims.replaceLines(claimId, c.tenantId(), lines);
        return lines;
    }

    // ------------------------------------------------------------------------------------ helpers

    private Claim editableClaim(Actor actor, UUID claimId) {
        Claim c = get(actor, claimId);
        if (!c.editable()) {
            throw ClaimRefused.conflict("claim.error.notEditable", "the claim is " + c.status()
                    + "; its items change only while it is a draft or the insurer waits for an answer",
                    c.status().labelKey());
        }
        return c;
    }

    ClaimRepository.Scope scope(Actor actor) {
        UUID insurer = actor.role() == Role.INSURER ? policies.insurerOf(actor.userId()).orElse(null) : null;
        return new ClaimRepository.Scope(actor.tenantScope(), insurer);
    }

    static boolean isStaff(Actor actor) {
        return actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST;
    }

    static void requireStaff(Actor actor) {
        if (!isStaff(actor)) {
            throw new AccessDeniedException("provider staff only");
        }
    }

    static void requireInsurer(Actor actor) {
        if (actor.role() != Role.INSURER) {
            throw new AccessDeniedException("the claim's insurer only");
        }
    }

    /** Staff and insurers have a claim queue; responders and company users do not. */
    static void requireReader(Actor actor) {
        if (!isStaff(actor) && actor.role() != Role.INSURER) {
            throw new AccessDeniedException("provider staff and insurers");
        }
    }

    private static CoverageLine requireLine(CoverageLine line) {
        if (line == null) {
            throw new InvalidInput("line", "claim.error.line", null, "choose the coverage line");
        }
        return line;
    }

    private static long requireYen(String field, Long yen) {
        if (yen == null || yen < 1 || yen > MAX_ITEM_YEN) {
            throw new InvalidInput(field, "claim.error.yen", null, "an amount of 1 to " + MAX_ITEM_YEN + " yen",
                    MAX_ITEM_YEN);
        }
        return yen;
    }

    private static String required(String field, String labelKey, String value, int max) {
        String v = value == null || value.isBlank() ? null : value.strip();
        if (v == null) {
            throw new InvalidInput(field, "claim.error.required", null, field + " is required",
                    new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {labelKey},
                            field));
        }
        return InvalidInput.requireLength(field, labelKey, v, max);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    String nameOf(Actor actor) {
        return users.findById(actor.userId()).map(AppUser::displayName).orElse(actor.login());
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Formats.TOKYO));
    }

    /**
     * The claims submitted in {@code [from, to)}, counted per company and Japan month (the program statistics);
     * the actor's tenant scope (an insurer's staff see none here).
     */
    public Map<UUID, Map<java.time.YearMonth, Long>> submittedByCompanyAndMonth(Actor actor, Instant from,
            Instant to) {
        Map<UUID, Map<java.time.YearMonth, Long>> counts = new java.util.HashMap<>();
        for (Object[] row : claims.submissions(actor, from, to)) {
            counts.computeIfAbsent((UUID) row[0], t -> new java.util.TreeMap<>())
                    .merge(java.time.YearMonth.from(((Instant) row[1]).atZone(Formats.TOKYO)), 1L, Long::sum);
        }
        return counts;
    }
}
