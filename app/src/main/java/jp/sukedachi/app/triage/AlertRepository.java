package jp.sukedachi.app.triage;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;
import static jp.sukedachi.app.shared.Texts.cut;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.shared.TenantScope;
import jp.sukedachi.app.shared.WriterLock;
import jp.sukedachi.app.triage.Alert.Evidence;
import jp.sukedachi.app.triage.Alert.HistoryEntry;
import jp.sukedachi.app.triage.Alert.Status;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import java.util.Map;
import java.util.EnumMap;
import java.util.Collection;

/**
 * Alerts, their evidence and history, and suppressions. Reads for people take an {@link Actor} and apply its
 * {@link TenantScope}; the unscoped writes are for {@link Triage} (the pipeline) and for {@link AlertService} after
 * its own scoped read and permission check. Severity, category and status are typed everywhere else: they become
 * strings only here, at the columns. Incidents are the incident capability's, the funnel counts in
 * {@link FunnelRepository}.
 */
@Repository
public class AlertRepository {
    public static final int EVIDENCE_CAP = 20;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final FunnelCountRepository counts;
    private final WriterLock writerLock;

    public AlertRepository(JdbcClient jdbc, JdbcTemplate template, FunnelCountRepository counts, WriterLock writerLock) {
        this.jdbc = jdbc;
        this.template = template;
        this.counts = counts;
        this.writerLock = writerLock;
    }

    // ------------------------------------------------------------------------------------ triage (pipeline)

    /** The open alert of this key whose last event is not before {@code notBefore}, if any. */
    Optional<Alert> findOpen(UUID tenantId, String keyHash, Instant notBefore) {
        return jdbc.sql("""
                select * from alert where tenant_id = :t and key_hash = :k and status in ('NEW', 'ACKNOWLEDGED')
                   and last_seen >= :nb order by last_seen desc fetch first 1 rows only""")
                .param("t", tenantId).param("k", keyHash).param("nb", utc(notBefore))
                .query(AlertRepository::map).optional();
    }

    /**
     * The local hosts of one company that have an open alert in one of {@code categories}: each alert's entity and,
     * for an alert about a connection (key {@code flow|local|remote}), its local address.
     */
    java.util.Set<String> openHosts(UUID tenantId, Collection<Category> categories) {
        java.util.Set<String> hosts = new java.util.HashSet<>();
        jdbc.sql("select entity, group_key from alert where tenant_id = :t and status in ('NEW', 'ACKNOWLEDGED')"
                        + " and category in (:cats)")
                .param("t", tenantId).param("cats", categories.stream().map(Category::name).toList())
                .query(rs -> {
                    hosts.add(rs.getString("entity"));
                    String key = rs.getString("group_key");
                    if (key.startsWith(Triage.FLOW + "|")) {
                        String[] parts = key.split("\\|", 3);
                        if (parts.length == 3) {
                            hosts.add(parts[1]);
                        }
                    }
                });
        return hosts;
    }

    /**
     * Serialises triage of one alert group across instances until the transaction ends (see V13); on a database of
     * this process alone, the process's writer lock does (see {@link WriterLock}).
     */
    void lockGroup(UUID tenantId, String keyHash) {
        if (writerLock.holdUntilTransactionEnds()) {
            return;
        }
        // A group that grows has its row: lock it first, insert only when missing (one statement per group, not two).
        if (lockedGroup(tenantId, keyHash)) {
            return;
        }
        jdbc.sql("insert into alert_group_lock (tenant_id, key_hash) values (:t, :k) on conflict do nothing")
                .param("t", tenantId).param("k", keyHash).update();
        if (!lockedGroup(tenantId, keyHash)) {
            throw new IllegalStateException("alert group lock row missing after its insert");
        }
    }

    private boolean lockedGroup(UUID tenantId, String keyHash) {
        return !jdbc.sql("select key_hash from alert_group_lock where tenant_id = :t and key_hash = :k for update")
                .param("t", tenantId).param("k", keyHash).query(String.class).list().isEmpty();
    }

    void insert(Alert a, String keyHash) {
        jdbc.sql("""
                insert into alert (id, tenant_id, group_key, key_hash, detector, rule_id, entity, title, category,
                                   base_severity, severity, status, event_count, evidence_count, first_seen, last_seen,
                                   window_start, created_at, updated_at, detectors, rule_ids, needs_human)
                values (:id, :t, :key, :kh, :det, :rule, :entity, :title, :cat, :base, :sev, :status, :n, :ev, :first,
                        :last, :ws, :now, :now, :dets, :rules, :human)""")
                .param("id", a.id()).param("t", a.tenantId()).param("key", cut(a.key(), 2400)).param("kh", keyHash)
                .param("det", a.detector()).param("rule", cut(a.ruleId(), 2100)).param("entity", cut(a.entity(), 300))
                .param("title", cut(a.title(), 500)).param("cat", a.category().name())
                .param("base", a.baseSeverity().name()).param("sev", a.severity().name())
                .param("status", a.status().name()).param("n", a.count()).param("ev", a.evidenceCount())
                .param("first", utc(a.firstSeen())).param("last", utc(a.lastSeen())).param("ws", utc(a.windowStart()))
                .param("now", utc(a.createdAt())).param("dets", joined(a.detectors(), 400))
                .param("rules", joined(a.ruleIds(), 2400)).param("human", a.needsHuman()).update();
        counts.countAlert(a.tenantId(), a.firstSeen(), a.needsHuman(), 1);
    }

    /**
     * Adds a batch's worth of events to an open alert, with the detectors and rules that contributed to it. An alert
     * counts on the day of its first event: when the batch holds an earlier one of another day, the count moves with
     * it. An alert triage grows needs a human (see {@link Triage}); one opened before V37 for blocked detections that
     * grows again moves into the alerts needing a human.
     */
    void grow(Alert a, long addCount, int addEvidence, Instant firstSeen, Instant lastSeen, Severity baseSeverity,
            Severity severity, Category category, List<String> detectors, List<String> ruleIds, Instant now) {
        UUID id = a.id();
        jdbc.sql("""
                update alert set event_count = event_count + :n, evidence_count = evidence_count + :ev,
                       first_seen = :first, last_seen = :last, base_severity = :base, severity = :sev,
                       category = :cat, detectors = :dets, rule_ids = :rules, needs_human = true, updated_at = :now
                 where id = :id""")
                .param("id", id).param("n", addCount).param("ev", addEvidence).param("first", utc(firstSeen))
                .param("last", utc(lastSeen)).param("base", baseSeverity.name()).param("sev", severity.name())
                .param("cat", category.name()).param("dets", joined(detectors, 400))
                .param("rules", joined(ruleIds, 2400)).param("now", utc(now)).update();
        boolean movedDay = !FunnelCountRepository.day(firstSeen).equals(FunnelCountRepository.day(a.firstSeen()));
        if (movedDay || !a.needsHuman()) {
            counts.countAlert(a.tenantId(), a.firstSeen(), a.needsHuman(), -1);
            counts.countAlert(a.tenantId(), firstSeen, true, 1);
        }
    }

    /** Names joined by commas, whole names only, within {@code max} characters. */
    static String joined(List<String> names, int max) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            String clean = n.replace(',', ' ');
            if (sb.length() + clean.length() + (sb.isEmpty() ? 0 : 1) > max) {
                break;
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(clean);
        }
        return sb.isEmpty() ? cut(names.getFirst(), max) : sb.toString();
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    void addEvidence(UUID alertId, List<Evidence> evidence) {
        if (evidence.isEmpty()) {
            return;
        }
        // One JDBC batch (up to EVIDENCE_CAP rows): one prepared statement, and on PostgreSQL one round trip.
        template.batchUpdate("insert into alert_evidence (alert_id, at, fields, raw) values (?, ?, ?, ?)",
                evidence.stream().map(e -> new Object[] {alertId, utc(e.at()), cut(e.fields(), 16000),
                        cut(e.raw(), 8000)}).toList());
    }

    /** A lifecycle entry: the company sees it as it always has. */
    void addHistory(UUID alertId, Instant at, String actorLogin, String action, String note) {
        addHistory(alertId, at, actorLogin, action, note, true);
    }

    void addHistory(UUID alertId, Instant at, String actorLogin, String action, String note, boolean visibleToCompany) {
        jdbc.sql("""
                insert into alert_history (alert_id, at, actor_login, action, note, visible_to_company)
                values (:a, :at, :who, :act, :note, :visible)""")
                .param("a", alertId).param("at", utc(at)).param("who", actorLogin).param("act", action)
                .param("note", note) // comments are refused over the limit by AlertService, never cut
                .param("visible", visibleToCompany).update();
    }

    /**
     * A suppression in force: matches a tenant (or every tenant) by group key or by rule id. A key that holds many
     * rules (a connection, {@code flow|local|remote}, or a PC's Sigma alert, {@code sigma|host|entity}: see
     * {@link #perRuleKey}) matches only together with one of the suppression's rule ids (comma-separated), so
     * silencing an IDS signature's noise on a connection never silences intelligence or a C2 found on it later.
     */
    public record Suppression(long id, UUID tenantId, String groupKey, String ruleId, String reason, Instant expiresAt) {
        boolean matches(UUID tenant, String key, String rule) {
            if (tenantId != null && !tenantId.equals(tenant)) {
                return false;
            }
            if (groupKey != null && perRuleKey(groupKey)) {
                return groupKey.equals(key) && ruleId != null && List.of(ruleId.split(",")).contains(rule);
            }
            return (groupKey != null && groupKey.equals(key)) || (ruleId != null && ruleId.equals(rule));
        }

        /** Whether an alert key holds the detections of many rules (a connection's, a PC's Sigma alert). */
        public static boolean perRuleKey(String key) {
            return key.startsWith(Triage.FLOW + "|") || key.startsWith("sigma|host|");
        }
    }

    /**
     * The rule ids of the newest alert with this group key the actor may see, of one tenant (or, null, of any), for
     * a suppression made from that alert; empty when there is none.
     */
    List<String> ruleIdsOfKey(Actor actor, UUID tenantId, String groupKey) {
        var sql = actor.tenantScope().bind(jdbc.sql("select rule_id, rule_ids from alert where key_hash = :k and "
                + TenantScope.where("tenant_id") + (tenantId == null ? "" : " and tenant_id = :t")
                + " order by last_seen desc fetch first 1 rows only"));
        if (tenantId != null) {
            sql = sql.param("t", tenantId);
        }
        return sql.param("k", Hashes.sha256(groupKey)).query((rs, n) -> {
            List<String> ids = split(rs.getString("rule_ids"));
            return ids.isEmpty() ? List.of(rs.getString("rule_id")) : ids;
        }).optional().orElse(List.of());
    }

    List<Suppression> activeSuppressions(Instant now) {
        return jdbc.sql("select * from suppression where expires_at is null or expires_at > :now")
                .param("now", utc(now))
                .query((rs, n) -> new Suppression(rs.getLong("id"), rs.getObject("tenant_id", UUID.class),
                        rs.getString("group_key"), rs.getString("rule_id"), rs.getString("reason"),
                        instant(rs, "expires_at")))
                .list();
    }

    /** Suppressions in force the actor may see: provider-wide ones and those of tenants in scope. */
    public List<Suppression> suppressions(Actor actor, Instant now) {
        return actor.tenantScope().bind(jdbc.sql("select * from suppression where (expires_at is null or expires_at > :now)"
                        + " and (tenant_id is null or " + TenantScope.where("tenant_id") + ") order by id desc"))
                .param("now", utc(now))
                .query((rs, n) -> new Suppression(rs.getLong("id"), rs.getObject("tenant_id", UUID.class),
                        rs.getString("group_key"), rs.getString("rule_id"), rs.getString("reason"),
                        instant(rs, "expires_at")))
                .list();
    }

    /** Ends a suppression now (kept, not deleted, so the history shows what was silenced and when). */
    boolean endSuppression(Actor actor, long id, Instant now) {
        return actor.tenantScope().bind(jdbc.sql("update suppression set expires_at = :now where id = :id"
                        + " and (expires_at is null or expires_at > :now) and (tenant_id is null or "
                        + TenantScope.where("tenant_id") + ")"))
                .param("now", utc(now)).param("id", id).update() == 1;
    }

    long insertSuppression(UUID tenantId, String groupKey, String ruleId, String reason, Instant expiresAt,
            String createdBy, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into suppression (tenant_id, group_key, rule_id, reason, expires_at, created_by, created_at)
                values (:t, :key, :rule, :reason, :exp, :by, :now)""")
                .param("t", tenantId).param("key", groupKey).param("rule", ruleId).param("reason", reason)
                .param("exp", expiresAt == null ? null : utc(expiresAt)).param("by", createdBy).param("now", utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    // ------------------------------------------------------------------------------------ people (scoped)

    public Optional<Alert> find(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from alert where id = :id and " + TenantScope.where("tenant_id")))
                .param("id", id).query(AlertRepository::map).optional();
    }

    /** Alerts of one tenant within the actor's scope, latest activity first; null filters match everything. */
    public List<Alert> findByTenant(Actor actor, UUID tenantId, Status status, Severity severity, int limit) {
        return findByTenant(actor, tenantId, status, severity, null, limit);
    }

    public List<Alert> findByTenant(Actor actor, UUID tenantId, Status status, Severity severity, Category category,
            int limit) {
        return actor.tenantScope().bind(jdbc.sql("select * from alert where tenant_id = :t and "
                + TenantScope.where("tenant_id") + " and (:status = '' or status = :status)"
                + " and (:sev = '' or severity = :sev) and (:cat = '' or category = :cat)"
                + " order by last_seen desc fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only"))
                .param("t", tenantId).param("status", status == null ? "" : status.name())
                .param("sev", severity == null ? "" : severity.name())
                .param("cat", category == null ? "" : category.name())
                .query(AlertRepository::map).list();
    }

    /**
     * Filter of the analyst queue; null or blank fields match everything. {@code status} is a {@link Status} name
     * or {@code OPEN} (= NEW or ACKNOWLEDGED).
     */
    public record QueueFilter(String status, Severity severity, UUID tenantId, String detector, Category category,
            Order order) {
    }

    /** The queue's orders; {@link #NEEDS_ACTION} is the default. */
    public enum Order {
        /**
         * What needs a person first: open before closed; then urgent (ransomware, C2, malware download, anything at
         * HIGH or CRITICAL, anything escalated by repetition), then the rest, and last what the customer's own device
         * already blocked (counted, not a task: it can never rise above a CRITICAL); within each, CRITICAL to INFO,
         * then the newest activity.
         */
        NEEDS_ACTION,
        /** Newest activity first. */
        LAST_SEEN,
        /** Most severe first, then newest activity. */
        SEVERITY
    }

    private static final String SEVERITY_RANK = "case severity when 'CRITICAL' then 4 when 'HIGH' then 3"
            + " when 'MEDIUM' then 2 when 'LOW' then 1 else 0 end";
    // Escalation only raises a severity, so "severity <> base_severity" is "raised by repetition".
    // Alert.urgent() in SQL (the same rule, from the same category set).
    private static final String NEEDS_ACTION_RANK = "case when status = 'CLOSED' then 0 else 1 end desc,"
            + " case when category = 'BLOCKED' then 0 when category in ("
            + Alert.URGENT_CATEGORIES.stream().map(c -> "'" + c.name() + "'").collect(Collectors.joining(", "))
            + ") or severity in ('HIGH', 'CRITICAL') or severity <> base_severity then 2 else 1 end desc, ";

    /**
     * One page of the queue within the actor's scope: at most {@code limit} rows (capped at 200) after
     * skipping {@code offset} (capped at 10,000), in the filter's {@link Order}. The database
     * only sorts the matching rows' top N (fetch first), so nothing is loaded beyond the page.
     */
    public List<Alert> queue(Actor actor, QueueFilter f, int offset, int limit) {
        // Only the conditions in use go into the SQL: "(:x = '' or col = :x)" would keep the database from
        // using the (status, last_seen) and (tenant_id, last_seen) indexes (bench: ./sukedachi bench alerts).
        String status = f.status() == null ? "" : f.status();
        String order = switch (f.order() == null ? Order.NEEDS_ACTION : f.order()) {
            case NEEDS_ACTION -> NEEDS_ACTION_RANK + SEVERITY_RANK + " desc, last_seen desc, id";
            case SEVERITY -> SEVERITY_RANK + " desc, last_seen desc, id";
            case LAST_SEEN -> "last_seen desc, id";
        };
        StringBuilder sql = new StringBuilder("select * from alert where 1 = 1");
        var scope = actor.tenantScope();
        if (!scope.allTenants()) {
            sql.append(" and tenant_id = :scopeTenant");
        }
        if (status.equals("OPEN")) {
            sql.append(" and status in ('NEW', 'ACKNOWLEDGED')");
        } else if (!status.isEmpty()) {
            sql.append(" and status = :status");
        }
        if (f.severity() != null) {
            sql.append(" and severity = :sev");
        }
        if (f.tenantId() != null) {
            sql.append(" and tenant_id = :t");
        }
        if (f.detector() != null && !f.detector().isEmpty()) {
            sql.append(" and detector = :det");
        }
        if (f.category() != null) {
            sql.append(" and category = :cat");
        }
        sql.append(" order by ").append(order).append(" offset ").append(Math.max(0, Math.min(offset, 10_000)))
                .append(" rows fetch first ").append(Math.max(1, Math.min(limit, 200))).append(" rows only");
        var statement = jdbc.sql(sql.toString());
        if (!scope.allTenants()) {
            statement = statement.param("scopeTenant", scope.tenant() == null ? new UUID(0, 0) : scope.tenant());
        }
        if (!status.equals("OPEN") && !status.isEmpty()) {
            statement = statement.param("status", status);
        }
        if (f.severity() != null) {
            statement = statement.param("sev", f.severity().name());
        }
        if (f.tenantId() != null) {
            statement = statement.param("t", f.tenantId());
        }
        if (f.detector() != null && !f.detector().isEmpty()) {
            statement = statement.param("det", f.detector());
        }
        if (f.category() != null) {
            statement = statement.param("cat", f.category().name());
        }
        return statement.query(AlertRepository::map).list();
    }

    /** How many alerts are open (NEW or ACKNOWLEDGED) within the actor's scope: the queue's default view. */
    public long countOpen(Actor actor) {
        return actor.tenantScope().bind(jdbc.sql("select count(*) from alert where status in ('NEW', 'ACKNOWLEDGED')"
                + " and " + TenantScope.where("tenant_id"))).query(Long.class).single();
    }

    /** Open (NEW or ACKNOWLEDGED) alerts of one tenant within the actor's scope, latest activity first. */
    public List<Alert> openOfTenant(Actor actor, UUID tenantId, int limit) {
        return actor.tenantScope().bind(jdbc.sql("select * from alert where tenant_id = :t and "
                + TenantScope.where("tenant_id") + " and status in ('NEW', 'ACKNOWLEDGED')"
                + " order by last_seen desc fetch first " + Math.max(1, Math.min(limit, 200)) + " rows only"))
                .param("t", tenantId).query(AlertRepository::map).list();
    }

    public List<Evidence> evidence(Actor actor, UUID alertId) {
        return actor.tenantScope().bind(jdbc.sql("""
                select e.* from alert_evidence e join alert a on a.id = e.alert_id
                 where e.alert_id = :a and """ + TenantScope.where("a.tenant_id") + " order by e.id"))
                .param("a", alertId)
                .query((rs, n) -> new Evidence(instant(rs, "at"), rs.getString("fields"), rs.getString("raw"))).list();
    }

    /**
     * An alert's history within the actor's scope, oldest first. Internal entries (a staff comment not shown to the
     * company) are read by provider staff only: here, in the query, so no page, API answer or mail built on this
     * method can show one to a company.
     */
    public List<HistoryEntry> history(Actor actor, UUID alertId) {
        return actor.tenantScope().bind(jdbc.sql("""
                select h.* from alert_history h join alert a on a.id = h.alert_id
                 where h.alert_id = :a and (:internal = true or h.visible_to_company = true) and """
                        + TenantScope.where("a.tenant_id") + " order by h.id"))
                .param("a", alertId).param("internal", readsInternal(actor))
                .query((rs, n) -> new HistoryEntry(instant(rs, "at"), rs.getString("actor_login"),
                        rs.getString("action"), rs.getString("note"), rs.getBoolean("visible_to_company"))).list();
    }

    /** Only the provider's admins and analysts read internal comments: never a company user, responder or insurer. */
    static boolean readsInternal(Actor actor) {
        return actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST;
    }

    /** Lifecycle write, for an alert the service has already read in the actor's scope. */
    void updateLifecycle(UUID id, Status status, Alert.Resolution resolution, UUID assignee, Instant now) {
        jdbc.sql("update alert set status = :s, resolution = :r, assignee_id = :u, updated_at = :now where id = :id")
                .param("id", id).param("s", status.name()).param("r", resolution == null ? null : resolution.name())
                .param("u", assignee).param("now", utc(now)).update();
    }

    void linkIncident(UUID alertId, UUID incidentId, Instant now) {
        jdbc.sql("update alert set incident_id = :i, updated_at = :now where id = :id")
                .param("id", alertId).param("i", incidentId).param("now", utc(now)).update();
    }

    private static Alert map(ResultSet rs, int row) throws SQLException {
        String resolution = rs.getString("resolution");
        return new Alert(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("group_key"), rs.getString("detector"), rs.getString("rule_id"), rs.getString("entity"),
                rs.getString("title"), Category.valueOf(rs.getString("category")),
                Severity.valueOf(rs.getString("base_severity")), Severity.valueOf(rs.getString("severity")),
                Status.valueOf(rs.getString("status")),
                resolution == null ? null : Alert.Resolution.valueOf(resolution), rs.getObject("assignee_id", UUID.class),
                rs.getLong("event_count"), rs.getInt("evidence_count"), instant(rs, "first_seen"),
                instant(rs, "last_seen"), instant(rs, "window_start"), rs.getObject("incident_id", UUID.class),
                instant(rs, "created_at"), instant(rs, "updated_at"), split(rs.getString("detectors")),
                split(rs.getString("rule_ids")), rs.getBoolean("needs_human"));
    }

    /**
     * An open alert of one rule, across all tenants: for the system's own watch jobs, never for a screen. Severity
     * and status stay the column's names here: the silent-device watch reads them so.
     */
    public record OpenRuleAlert(UUID id, UUID tenantId, String entity, String severity, String status,
            Instant lastSeen) {
    }

    public List<OpenRuleAlert> openByRule(String detector, String rule) {
        return jdbc.sql("""
                select id, tenant_id, entity, severity, status, last_seen from alert
                 where detector = :d and rule_id = :r and status in ('NEW', 'ACKNOWLEDGED')""")
                .param("d", detector).param("r", rule)
                .query((rs, n) -> new OpenRuleAlert(rs.getObject("id", UUID.class),
                        rs.getObject("tenant_id", UUID.class), rs.getString("entity"), rs.getString("severity"),
                        rs.getString("status"), instant(rs, "last_seen")))
                .list();
    }

    /** How many alerts of one company first seen in {@code [from, to)} stand at each severity, status and resolution. */
    public record OutcomeCount(Severity severity, Status status, Alert.Resolution resolution, long alerts) {
    }

    List<OutcomeCount> outcomesBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        return actor.tenantScope().bind(jdbc.sql("select severity, status, resolution, count(*) as n from alert"
                        + " where tenant_id = :t and first_seen >= :from and first_seen < :to and "
                        + TenantScope.where("tenant_id") + " group by severity, status, resolution"))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .query((rs, n) -> new OutcomeCount(Severity.valueOf(rs.getString("severity")),
                        Status.valueOf(rs.getString("status")), rs.getString("resolution") == null ? null
                                : Alert.Resolution.valueOf(rs.getString("resolution")), rs.getLong("n")))
                .list();
    }

    /**
     * The alerts of one rule of one company that were open at some time in {@code [from, to)}: entity, first seen and
     * when it was closed (its last status change; null while open). Within the actor's scope.
     */
    public record Spell(String entity, Instant firstSeen, Instant closedAt) {
    }

    List<Spell> spellsBetween(Actor actor, UUID tenantId, String detector, String rule, Instant from, Instant to) {
        return actor.tenantScope().bind(jdbc.sql("select entity, first_seen, case when status = 'CLOSED' then"
                        + " coalesce((select max(h.at) from alert_history h where h.alert_id = alert.id"
                        + " and h.action = 'STATUS'), updated_at) end as closed_at from alert"
                        + " where tenant_id = :t and detector = :d and rule_id = :r and first_seen < :to"
                        + " and (status <> 'CLOSED' or updated_at >= :from) and " + TenantScope.where("tenant_id")
                        + " order by first_seen"))
                .param("t", tenantId).param("d", detector).param("r", rule).param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> new Spell(rs.getString("entity"), instant(rs, "first_seen"),
                        instant(rs, "closed_at")))
                .list();
    }

    // ------------------------------------------------------------------------------------ the monthly report

    /** How many alerts of one company were first seen in {@code [from, to)}, by category. Within the actor's scope. */
    Map<Category, Long> categoriesBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        return categoryCounts(jdbc, actor, "select category as c, count(*) as n from alert where tenant_id = :t"
                + " and first_seen >= :from and first_seen < :to and " + TenantScope.where("tenant_id")
                + " group by category", tenantId, from, to);
    }

    /**
     * Rows of (category name {@code c}, count {@code n}) as a map, for a query of one tenant ({@code :t}) over
     * {@code [:from, :to)} within the actor's scope (alerts and detections are counted alike).
     */
    static Map<Category, Long> categoryCounts(JdbcClient jdbc, Actor actor, String sql, UUID tenantId, Instant from,
            Instant to) {
        Map<Category, Long> counts = new EnumMap<>(Category.class);
        actor.tenantScope().bind(jdbc.sql(sql))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .query(rs -> {
                    counts.merge(Category.valueOf(rs.getString("c")), rs.getLong("n"), Long::sum);
                });
        return counts;
    }

    /** Alerts of one company first seen in {@code [from, to)} in the given categories, oldest first, at most limit. */
    List<Alert> firstSeenBetween(Actor actor, UUID tenantId, Instant from, Instant to, Collection<Category> categories,
            int limit) {
        if (categories.isEmpty()) {
            return List.of();
        }
        return actor.tenantScope().bind(jdbc.sql("select * from alert where tenant_id = :t and first_seen >= :from"
                        + " and first_seen < :to and category in (:cats) and " + TenantScope.where("tenant_id")
                        + " order by first_seen, id fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only"))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .param("cats", categories.stream().map(Category::name).toList())
                .query(AlertRepository::map).list();
    }

    /** How many of one company's alerts first seen in {@code [from, to)} in the given categories are still open. */
    long countOpenFirstSeenBetween(Actor actor, UUID tenantId, Instant from, Instant to,
            Collection<Category> categories) {
        if (categories.isEmpty()) {
            return 0;
        }
        return actor.tenantScope().bind(jdbc.sql("select count(*) from alert where tenant_id = :t and first_seen >= :from"
                        + " and first_seen < :to and category in (:cats) and status <> 'CLOSED' and "
                        + TenantScope.where("tenant_id")))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .param("cats", categories.stream().map(Category::name).toList())
                .query(Long.class).single();
    }

    /** Alerts of one company first seen in {@code [from, to)} that need a human, oldest first, at most limit. */
    List<Alert> needingHumanBetween(Actor actor, UUID tenantId, Instant from, Instant to, int limit) {
        return actor.tenantScope().bind(jdbc.sql("select * from alert where tenant_id = :t and first_seen >= :from"
                        + " and first_seen < :to and needs_human = true and " + TenantScope.where("tenant_id")
                        + " order by first_seen, id fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only"))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .query(AlertRepository::map).list();
    }

    /** How many of one company's alerts first seen in {@code [from, to)} that need a human are still open. */
    long countOpenNeedingHumanBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        return actor.tenantScope().bind(jdbc.sql("select count(*) from alert where tenant_id = :t and first_seen >= :from"
                        + " and first_seen < :to and needs_human = true and status <> 'CLOSED' and "
                        + TenantScope.where("tenant_id")))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .query(Long.class).single();
    }
}
