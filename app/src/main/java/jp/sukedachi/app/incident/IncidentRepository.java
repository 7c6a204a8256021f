package jp.sukedachi.app.incident;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The incident rows (V4, widened in V23). Reads take an {@link Actor} and apply its {@link TenantScope}; the writes
 * are for {@link Incidents} after its own scoped read and permission check. {@link #findForSystem} is the one
 * unscoped read, for capabilities that check the scope themselves (dispatch).
 */
@Repository
class IncidentRepository {
    private static final String SEVERITY_ORDER = "case severity when 'CRITICAL' then 0 when 'HIGH' then 1"
            + " when 'MEDIUM' then 2 else 3 end";
    private final JdbcClient jdbc;

    IncidentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The queue's filter; null members do not filter. {@code open} = every status but CLOSED. */
    record Filter(IncidentStatus status, boolean openOnly, UUID tenantId, IncidentType type) {
        static final Filter OPEN = new Filter(null, true, null, null);
    }

    /**
     * The next number. The unique index on {@code number} refuses a number taken by a concurrent opening; the
     * caller's transaction then fails and nothing half-written stays.
     */
    long nextNumber() {
        return jdbc.sql("select coalesce(max(number), 0) + 1 from incident").query(Long.class).single();
    }

    void insert(Incident i) {
        jdbc.sql("""
                insert into incident (id, tenant_id, number, title, status, type, severity, owner_id, source,
                    source_ticket_id, found_by, found_at, what_text, where_text, how_text, damage_text, hosts,
                    learned_at, created_at, created_by, closed_at, updated_at)
                values (:id, :t, :number, :title, :status, :type, :severity, :owner, :source, :ticket, :foundBy,
                    :foundAt, :what, :where, :how, :damage, :hosts, :learned, :at, :by, null, :at)""")
                .param("id", i.id()).param("t", i.tenantId()).param("number", i.number()).param("title", i.title())
                .param("status", i.status().name()).param("type", i.type().name()).param("severity", i.severity())
                .param("owner", i.ownerId()).param("source", i.source().name()).param("ticket", i.sourceTicketId())
                .param("foundBy", i.facts().foundBy()).param("foundAt", utc(i.facts().foundAt()))
                .param("what", i.facts().what()).param("where", i.facts().where()).param("how", i.facts().how())
                .param("damage", i.facts().damage()).param("hosts", hosts(i.hosts()))
                .param("learned", utc(i.learnedAt())).param("at", utc(i.openedAt())).param("by", i.openedBy())
                .update();
    }

    /** Writes what may change after opening: title, type, severity, status, owner, facts, hosts, times. */
    void update(Incident i) {
        jdbc.sql("""
                update incident set title = :title, status = :status, type = :type, severity = :severity,
                    owner_id = :owner, found_by = :foundBy, found_at = :foundAt, what_text = :what,
                    where_text = :where, how_text = :how, damage_text = :damage, hosts = :hosts,
                    learned_at = :learned, closed_at = :closed, updated_at = :updated
                where id = :id""")
                .param("id", i.id()).param("title", i.title()).param("status", i.status().name())
                .param("type", i.type().name()).param("severity", i.severity()).param("owner", i.ownerId())
                .param("foundBy", i.facts().foundBy()).param("foundAt", utc(i.facts().foundAt()))
                .param("what", i.facts().what()).param("where", i.facts().where()).param("how", i.facts().how())
                .param("damage", i.facts().damage()).param("hosts", hosts(i.hosts()))
                .param("learned", utc(i.learnedAt())).param("closed", utc(i.closedAt()))
                .param("updated", utc(i.updatedAt())).update();
    }

    Optional<Incident> find(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from incident where id = :id and " + TenantScope.where("tenant_id")))
                .param("id", id).query(IncidentRepository::map).optional();
    }

    Optional<Incident> findForSystem(UUID id) {
        return jdbc.sql("select * from incident where id = :id").param("id", id).query(IncidentRepository::map)
                .optional();
    }

    /** The queue: open ones first, then by severity (most serious first) and age (oldest first). */
    List<Incident> list(Actor actor, Filter f, int limit) {
        return actor.tenantScope().bind(jdbc.sql("select * from incident where " + TenantScope.where("tenant_id")
                        + " and (:anyStatus = true or status = :status)"
                        + " and (:openOnly = false or status <> 'CLOSED')"
                        + " and (:anyTenant = true or tenant_id = :tenant)"
                        + " and (:anyType = true or type = :type)"
                        + " order by case when status = 'CLOSED' then 1 else 0 end, " + SEVERITY_ORDER
                        + ", created_at, number fetch first " + Math.max(1, Math.min(limit, 500)) + " rows only"))
                .param("anyStatus", f.status() == null).param("status", f.status() == null ? "" : f.status().name())
                .param("openOnly", f.openOnly())
                .param("anyTenant", f.tenantId() == null)
                .param("tenant", f.tenantId() == null ? new UUID(0, 0) : f.tenantId())
                .param("anyType", f.type() == null).param("type", f.type() == null ? "" : f.type().name())
                .query(IncidentRepository::map).list();
    }

    /** Opened and closed in {@code [from, to)} of one company, and still open at {@code to}; within the actor's scope. */
    long[] countsBetween(Actor actor, UUID tenantId, java.time.Instant from, java.time.Instant to) {
        return actor.tenantScope().bind(jdbc.sql("select"
                        + " sum(case when created_at >= :from and created_at < :to then 1 else 0 end) as opened,"
                        + " sum(case when closed_at >= :from and closed_at < :to then 1 else 0 end) as closed,"
                        + " sum(case when created_at < :to and (closed_at is null or closed_at >= :to) then 1 else 0 end)"
                        + " as still_open from incident where tenant_id = :t and " + TenantScope.where("tenant_id")))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .query((rs, i) -> new long[] {rs.getLong("opened"), rs.getLong("closed"), rs.getLong("still_open")})
                .single();
    }

    /** Whether the company has any incident at all (the SME menu links its incidents then). */
    boolean any(Actor actor) {
        return actor.tenantScope().bind(jdbc.sql("select count(*) from incident where "
                + TenantScope.where("tenant_id"))).query(Long.class).single() > 0;
    }

    private static String hosts(List<String> hosts) {
        return hosts == null || hosts.isEmpty() ? null : String.join("\n", hosts);
    }

    private static Incident map(ResultSet rs, int row) throws SQLException {
        String hosts = rs.getString("hosts");
        return new Incident(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getLong("number"), rs.getString("title"), IncidentType.valueOf(rs.getString("type")),
                rs.getString("severity"), IncidentStatus.valueOf(rs.getString("status")),
                rs.getObject("owner_id", UUID.class), IncidentSource.valueOf(rs.getString("source")),
                rs.getObject("source_ticket_id", UUID.class),
                new Incident.FiveW1H(rs.getString("found_by"), instant(rs, "found_at"), rs.getString("what_text"),
                        rs.getString("where_text"), rs.getString("how_text"), rs.getString("damage_text")),
                hosts == null ? List.of() : Arrays.stream(hosts.split("\n")).filter(h -> !h.isBlank()).toList(),
                instant(rs, "learned_at"), instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "closed_at"), instant(rs, "updated_at"));
    }

    private static final String OVERLAPPING = " from incident where tenant_id = :t and created_at < :to"
            + " and (closed_at is null or closed_at >= :from) and " + TenantScope.where("tenant_id");

    /** Of one company's incidents open at some time in {@code [from, to)}: how many, and how many closed by then. */
    long[] overlapBetween(Actor actor, UUID tenantId, java.time.Instant from, java.time.Instant to,
            java.time.Instant closedBy) {
        return actor.tenantScope().bind(jdbc.sql("select count(*) as total, sum(case when closed_at <= :by then 1"
                        + " else 0 end) as closed" + OVERLAPPING))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to)).param("by", utc(closedBy))
                .query((rs, i) -> new long[] {rs.getLong("total"), rs.getLong("closed")}).single();
    }

    /** Those incidents themselves, oldest first, at most {@code limit}. */
    List<Incident> overlapping(Actor actor, UUID tenantId, java.time.Instant from, java.time.Instant to, int limit) {
        return actor.tenantScope().bind(jdbc.sql("select *" + OVERLAPPING + " order by created_at, number fetch first "
                        + Math.max(1, Math.min(limit, 500)) + " rows only"))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .query(IncidentRepository::map).list();
    }
}
