package jp.sukedachi.app.insurance;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Claims and their items, files, lines and history. Every read for a person goes through a {@link Scope}: staff
 * see every claim, a company its own, an insurer's staff only the claims of its insurer past DRAFT (contracts.md
 * §6); everything else is simply not found.
 */
@Repository
class ClaimRepository {
    private static final UUID NOBODY = new UUID(0, 0);
    private static final String SCOPE = "(" + TenantScope.where("c.tenant_id")
            + " or (c.status <> 'DRAFT' and c.insurer_id = :insurer))";
    private static final String SELECT = "select c.*, t.name as company_name from claim c join tenant t on t.id = c.tenant_id";

    /** Who reads: the actor's tenant scope, and the insurer they work for (null: none). */
    record Scope(TenantScope tenants, UUID insurer) {
        StatementSpec bind(StatementSpec statement) {
            return tenants.bind(statement).param("insurer", insurer == null ? NOBODY : insurer);
        }
    }

    /** A claim's own columns, before its items, lines, files and history are read. */
    record Row(UUID id, long number, UUID tenantId, String companyName, UUID incidentId, long incidentNumber,
            LocalDate incidentDay, UUID policyId, String policyNumber, UUID insurerId, String insurerName,
            LocalDate policyYearStart, ClaimStatus status, String question, String decisionReason, Long approvedYen,
            LocalDate paidOn, Instant createdAt, String createdBy, Instant submittedAt, Instant decidedAt) {
    }

    private final JdbcClient jdbc;

    ClaimRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long nextNumber() {
        return jdbc.sql("select coalesce(max(number), 0) + 1 from claim").query(Long.class).single();
    }

    void insert(Row r, Instant now) {
        jdbc.sql("""
                insert into claim (id, number, tenant_id, incident_id, incident_number, incident_day, policy_id,
                                   policy_number, insurer_id, insurer_name, policy_year_start, status, created_at,
                                   created_by, updated_at)
                values (:id, :number, :t, :i, :inum, :day, :p, :pnum, :ins, :insname, :year, :status, :now, :by, :now)""")
                .param("id", r.id()).param("number", r.number()).param("t", r.tenantId()).param("i", r.incidentId())
                .param("inum", r.incidentNumber()).param("day", r.incidentDay()).param("p", r.policyId())
                .param("pnum", r.policyNumber()).param("ins", r.insurerId()).param("insname", r.insurerName())
                .param("year", r.policyYearStart()).param("status", r.status().name()).param("now", utc(now))
                .param("by", r.createdBy()).update();
    }

    Optional<Row> find(Scope scope, UUID id) {
        return scope.bind(jdbc.sql(SELECT + " where c.id = :id and " + SCOPE)).param("id", id)
                .query(ClaimRepository::map).optional();
    }

    /** The claims the reader may see, newest first; {@code statuses} empty = all. */
    List<Row> list(Scope scope, Set<ClaimStatus> statuses, UUID incidentId, UUID tenantId, int limit) {
        String where = (statuses.isEmpty() ? "" : " and c.status in (:statuses)")
                + (incidentId == null ? "" : " and c.incident_id = :incident")
                + (tenantId == null ? "" : " and c.tenant_id = :tenant");
        StatementSpec s = scope.bind(jdbc.sql(SELECT + " where " + SCOPE + where
                + " order by c.created_at desc, c.number desc fetch first :limit rows only"))
                .param("limit", limit);
        if (!statuses.isEmpty()) {
            s = s.param("statuses", statuses.stream().map(Enum::name).toList());
        }
        if (incidentId != null) {
            s = s.param("incident", incidentId);
        }
        if (tenantId != null) {
            s = s.param("tenant", tenantId);
        }
        return s.query(ClaimRepository::map).list();
    }

    /** Claims per status, counted by the database (a long queue is never cut short). */
    Map<ClaimStatus, Long> counts(Scope scope) {
        Map<ClaimStatus, Long> counts = new EnumMap<>(ClaimStatus.class);
        Arrays.stream(ClaimStatus.values()).forEach(s -> counts.put(s, 0L));
        scope.bind(jdbc.sql("select c.status, count(*) as n from claim c where " + SCOPE + " group by c.status"))
                .query((rs, n) -> Map.entry(ClaimStatus.valueOf(rs.getString("status")), rs.getLong("n"))).list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Claims waiting for the insurer (submitted, oldest submission first). */
    List<Row> oldestWaiting(Scope scope, int limit) {
        return scope.bind(jdbc.sql(SELECT + " where c.status = 'SUBMITTED' and " + SCOPE
                        + " order by c.submitted_at, c.number fetch first :limit rows only"))
                .param("limit", limit).query(ClaimRepository::map).list();
    }

    /**
     * Moves a claim from one of {@code from} to {@code to}; false when it is no longer in one of them (a concurrent
     * step won). {@code submitted}, {@code decided}: also stamp those times.
     */
    boolean transition(UUID id, Set<ClaimStatus> from, ClaimStatus to, String question, String reason,
            Long approvedYen, LocalDate paidOn, boolean submitted, boolean decided, Instant now) {
        return jdbc.sql("""
                update claim set status = :to, question = :question,
                       decision_reason = case when :decided = true then :reason else decision_reason end,
                       approved_yen = case when :decided = true then :approved else approved_yen end,
                       paid_on = coalesce(:paidOn, paid_on),
                       submitted_at = case when :submitted = true then :now else submitted_at end,
                       decided_at = case when :decided = true then :now else decided_at end, updated_at = :now
                where id = :id and status in (:from)""")
                .param("to", to.name()).param("question", question).param("reason", reason)
                .param("approved", approvedYen).param("paidOn", paidOn).param("submitted", submitted)
                .param("decided", decided).param("now", utc(now)).param("id", id)
                .param("from", from.stream().map(Enum::name).toList()).update() == 1;
    }

    // --- items ---

    List<Claim.Item> items(UUID claimId) {
        return jdbc.sql("select * from claim_item where claim_id = :c order by id").param("c", claimId)
                .query((rs, n) -> new Claim.Item(rs.getLong("id"), CoverageLine.valueOf(rs.getString("line")),
                        rs.getString("source"), rs.getString("description"),
                        rs.getObject("minutes", Integer.class), rs.getObject("rate_yen", Long.class),
                        rs.getLong("yen"), rs.getObject("occurred_on", LocalDate.class),
                        rs.getObject("file_id", Long.class), rs.getString("created_by")))
                .list();
    }

    /** Source references already on the claim, e.g. "VISIT_ONSITE:<visit id>". */
    Set<String> sourceRefs(UUID claimId) {
        return jdbc.sql("select source, source_ref from claim_item where claim_id = :c and source_ref is not null")
                .param("c", claimId).query((rs, n) -> rs.getString("source") + ":" + rs.getString("source_ref"))
                .set();
    }

    record NewItem(CoverageLine line, String source, String sourceRef, String description, Integer minutes,
            Long rateYen, long yen, LocalDate occurredOn, Long fileId) {
    }

    long insertItem(UUID claimId, UUID tenantId, NewItem i, String by, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into claim_item (claim_id, tenant_id, line, source, source_ref, description, minutes, rate_yen,
                                        yen, occurred_on, file_id, created_by, created_at)
                values (:c, :t, :line, :source, :ref, :d, :m, :rate, :yen, :on, :file, :by, :now)""")
                .param("c", claimId).param("t", tenantId).param("line", i.line().name()).param("source", i.source())
                .param("ref", i.sourceRef()).param("d", i.description()).param("m", i.minutes())
                .param("rate", i.rateYen()).param("yen", i.yen()).param("on", i.occurredOn())
                .param("file", i.fileId()).param("by", by).param("now", utc(now)).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    boolean deleteItem(UUID claimId, long itemId) {
        return jdbc.sql("delete from claim_item where id = :id and claim_id = :c").param("id", itemId)
                .param("c", claimId).update() == 1;
    }

    // --- files ---

    long insertFile(UUID claimId, UUID tenantId, String name, String type, byte[] content, String sha256, String by,
            Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into claim_file (claim_id, tenant_id, file_name, content_type, size_bytes, sha256, content,
                                        uploaded_by, uploaded_at)
                values (:c, :t, :name, :type, :size, :sha, :content, :by, :now)""")
                .param("c", claimId).param("t", tenantId).param("name", name).param("type", type)
                .param("size", (long) content.length).param("sha", sha256).param("content", content)
                .param("by", by).param("now", utc(now)).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    List<Claim.File> files(UUID claimId) {
        return jdbc.sql("select id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at"
                        + " from claim_file where claim_id = :c order by id").param("c", claimId)
                .query((rs, n) -> new Claim.File(rs.getLong("id"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                        rs.getString("uploaded_by"), instant(rs, "uploaded_at")))
                .list();
    }

    /** One file's bytes, of a claim the caller already found in scope. */
    Optional<byte[]> fileContent(UUID claimId, long fileId) {
        return jdbc.sql("select content from claim_file where id = :id and claim_id = :c").param("id", fileId)
                .param("c", claimId).query((rs, n) -> rs.getBytes("content")).optional();
    }

    void deleteFile(UUID claimId, long fileId) {
        jdbc.sql("delete from claim_file where id = :id and claim_id = :c").param("id", fileId).param("c", claimId)
                .update();
    }

    // --- lines ---

    List<Claim.Line> lines(UUID claimId) {
        return jdbc.sql("select * from claim_line where claim_id = :c").param("c", claimId)
                .query((rs, n) -> new Claim.Line(CoverageLine.valueOf(rs.getString("line")), rs.getLong("claimed_yen"),
                        rs.getLong("payable_yen"), rs.getLong("self_burden_yen"), notes(rs.getString("notes")),
                        rs.getObject("approved_yen", Long.class)))
                .list().stream().sorted(java.util.Comparator.comparing(Claim.Line::line)).toList();
    }

    private static List<String> notes(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.split(","));
    }

    /** Stores the lines as just computed; approved amounts are cleared (a new computation awaits a new decision). */
    void replaceLines(UUID claimId, UUID tenantId, List<Claim.Line> lines) {
        jdbc.sql("delete from claim_line where claim_id = :c").param("c", claimId).update();
        for (Claim.Line l : lines) {
            jdbc.sql("""
                    insert into claim_line (claim_id, tenant_id, line, claimed_yen, payable_yen, self_burden_yen, notes,
                                            approved_yen)
                    values (:c, :t, :line, :claimed, :payable, :self, :notes, :approved)""")
                    .param("c", claimId).param("t", tenantId).param("line", l.line().name())
                    .param("claimed", l.claimedYen()).param("payable", l.payableYen())
                    .param("self", l.selfBurdenYen()).param("notes", String.join(",", l.notes()))
                    .param("approved", l.approvedYen()).update();
        }
    }

    /**
     * What the policy already paid in the policy year, per line: the approved yen of the company's other claims
     * under the same policy and policy year that the insurer approved (in full or in part) or paid.
     */
    Map<CoverageLine, Long> paidThisYear(UUID tenantId, UUID policyId, LocalDate yearStart, UUID exceptClaim) {
        return jdbc.sql("""
                select l.line, sum(l.approved_yen) as yen from claim_line l join claim c on c.id = l.claim_id
                where c.tenant_id = :t and c.policy_id = :p and c.policy_year_start = :y and c.id <> :me
                  and c.status in ('APPROVED', 'PARTIALLY_APPROVED', 'PAID') and l.approved_yen is not null
                group by l.line""")
                .param("t", tenantId).param("p", policyId).param("y", yearStart).param("me", exceptClaim)
                .query((rs, n) -> Map.entry(CoverageLine.valueOf(rs.getString("line")), rs.getLong("yen"))).list()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum,
                        () -> new EnumMap<>(CoverageLine.class)));
    }

    // --- history ---

    void addHistory(UUID claimId, UUID tenantId, Instant at, String kind, ClaimStatus status, String actorName,
            String text) {
        jdbc.sql("""
                insert into claim_history (claim_id, tenant_id, at, kind, status, actor_name, text)
                values (:c, :t, :at, :kind, :status, :who, :text)""")
                .param("c", claimId).param("t", tenantId).param("at", utc(at)).param("kind", kind)
                .param("status", status.name()).param("who", actorName).param("text", text).update();
    }

    List<Claim.Step> history(UUID claimId) {
        return jdbc.sql("select * from claim_history where claim_id = :c order by id").param("c", claimId)
                .query((rs, n) -> new Claim.Step(instant(rs, "at"), rs.getString("kind"),
                        ClaimStatus.valueOf(rs.getString("status")), rs.getString("actor_name"), rs.getString("text")))
                .list();
    }

    static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getLong("number"), rs.getObject("tenant_id", UUID.class),
                rs.getString("company_name"), rs.getObject("incident_id", UUID.class), rs.getLong("incident_number"),
                rs.getObject("incident_day", LocalDate.class), rs.getObject("policy_id", UUID.class),
                rs.getString("policy_number"), rs.getObject("insurer_id", UUID.class), rs.getString("insurer_name"),
                rs.getObject("policy_year_start", LocalDate.class), ClaimStatus.valueOf(rs.getString("status")),
                rs.getString("question"), rs.getString("decision_reason"), rs.getObject("approved_yen", Long.class),
                rs.getObject("paid_on", LocalDate.class), instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "submitted_at"), instant(rs, "decided_at"));
    }

    /** Company and (latest) submission time of the claims submitted in {@code [from, to)}; the tenant scope only. */
    List<Object[]> submissions(jp.sukedachi.app.shared.Actor actor, Instant from, Instant to) {
        return actor.tenantScope().bind(jdbc.sql("select c.tenant_id, c.submitted_at from claim c"
                        + " where c.submitted_at >= :from and c.submitted_at < :to and "
                        + TenantScope.where("c.tenant_id")))
                .param("from", utc(from)).param("to", utc(to))
                .query((rs, i) -> new Object[] {rs.getObject("tenant_id", UUID.class), instant(rs, "submitted_at")})
                .list();
    }
}
