package jp.sukedachi.app.dispatch;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/**
 * Visits, read through the actor's scope: staff see every company's, a company user their own company's, and a
 * responder (whose tenant scope is none) only the visits assigned to them.
 */
@Repository
class VisitRepository {
    private static final UUID NOBODY = new UUID(0, 0);
    /** The actor's tenant scope, or the visit is assigned to the actor. */
    private static final String SCOPE = "(" + TenantScope.where("tenant_id") + " or responder_id = :assignee)";

    private final JdbcClient jdbc;

    VisitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static StatementSpec bind(Actor actor, StatementSpec statement) {
        return actor.tenantScope().bind(statement)
                .param("assignee", actor.role() == Role.RESPONDER ? actor.userId() : NOBODY);
    }

    Optional<Visit> find(Actor actor, UUID id) {
        return bind(actor, jdbc.sql("select * from visit where id = :id and " + SCOPE)).param("id", id)
                .query(VisitRepository::map).optional();
    }

    List<Visit> findByIncident(Actor actor, UUID incidentId) {
        return bind(actor, jdbc.sql("select * from visit where incident_id = :i and " + SCOPE
                + " order by window_start, requested_at")).param("i", incidentId).query(VisitRepository::map).list();
    }

    /** The staff queue: open visits, unassigned first, then by target arrival. */
    /** Open, unassigned, overdue (before arrival, target passed) and today's (window starting in the day) visits. */
    long[] count(Actor actor, Instant now, Instant dayStart, Instant dayEnd) {
        return bind(actor, jdbc.sql("select"
                        + " sum(case when status in ('REQUESTED', 'ASSIGNED', 'ON_SITE') then 1 else 0 end) as o,"
                        + " sum(case when status = 'REQUESTED' and responder_id is null then 1 else 0 end) as u,"
                        + " sum(case when status in ('REQUESTED', 'ASSIGNED') and target_arrival < :now then 1 else 0 end)"
                        + " as l,"
                        + " sum(case when status <> 'CANCELLED' and window_start >= :dayStart and window_start < :dayEnd"
                        + " then 1 else 0 end) as t"
                        + " from visit where " + SCOPE))
                .param("now", utc(now)).param("dayStart", utc(dayStart)).param("dayEnd", utc(dayEnd))
                .query((rs, n) -> new long[] {rs.getLong("o"), rs.getLong("u"), rs.getLong("l"), rs.getLong("t")})
                .single();
    }

    List<Visit> openQueue(Actor actor, int limit) {
        return bind(actor, jdbc.sql("select * from visit where status in ('REQUESTED', 'ASSIGNED', 'ON_SITE') and "
                        + SCOPE + " order by case when responder_id is null then 0 else 1 end, target_arrival, id"
                        + " fetch first :limit rows only"))
                .param("limit", Math.max(1, Math.min(limit, 500))).query(VisitRepository::map).list();
    }

    /** Visits whose window ends at or after {@code from}, open or done, in window order: today's and upcoming. */
    List<Visit> fromTime(Actor actor, Instant from, int limit) {
        return bind(actor, jdbc.sql("select * from visit where status <> 'CANCELLED' and (window_end >= :from"
                        + " or status = 'ON_SITE') and " + SCOPE + " order by window_start, id fetch first :limit rows only"))
                .param("from", utc(from)).param("limit", Math.max(1, Math.min(limit, 500)))
                .query(VisitRepository::map).list();
    }

    /** Every visit the actor may see, the newest window first (the API list). */
    List<Visit> all(Actor actor, int limit) {
        return bind(actor, jdbc.sql("select * from visit where " + SCOPE
                        + " order by window_start desc, id fetch first :limit rows only"))
                .param("limit", Math.max(1, Math.min(limit, 1000))).query(VisitRepository::map).list();
    }

    void insert(Visit v, Instant now) {
        jdbc.sql("""
                insert into visit (id, tenant_id, company_name, incident_id, incident_number, incident_title, incident_type, status,
                                   address, prefecture, contact_name, contact_phone, window_start, window_end, notes,
                                   requested_at, requested_by, target_arrival, updated_at)
                values (:id, :t, :company, :i, :n, :title, :type, :status, :address, :pref, :cname, :cphone, :ws, :we, :notes,
                        :rat, :rby, :target, :now)""")
                .param("id", v.id()).param("t", v.tenantId()).param("company", v.companyName()).param("i", v.incidentId()).param("n", v.incidentNumber())
                .param("title", v.incidentTitle()).param("type", v.incidentType().name())
                .param("status", v.status().name()).param("address", v.address()).param("pref", v.prefecture())
                .param("cname", v.contactName()).param("cphone", v.contactPhone()).param("ws", utc(v.windowStart()))
                .param("we", utc(v.windowEnd())).param("notes", v.notes()).param("rat", utc(v.requestedAt()))
                .param("rby", v.requestedBy()).param("target", utc(v.targetArrival())).param("now", utc(now)).update();
    }

    /** Assigns (or re-assigns) a visit not yet on site; false when it moved on meanwhile. */
    boolean assign(UUID id, UUID responderId, String responderName, Instant now) {
        return jdbc.sql("""
                update visit set status = 'ASSIGNED', responder_id = :r, responder_name = :name, assigned_at = :now,
                                 updated_at = :now
                where id = :id and status in ('REQUESTED', 'ASSIGNED')""")
                .param("r", responderId).param("name", responderName).param("now", utc(now)).param("id", id)
                .update() == 1;
    }

    boolean checkIn(UUID id, Instant at) {
        return jdbc.sql("update visit set status = 'ON_SITE', checked_in_at = :at, updated_at = :at"
                        + " where id = :id and status = 'ASSIGNED'")
                .param("at", utc(at)).param("id", id).update() == 1;
    }

    /** Saves the record on site (any time before check-out); with {@code checkOut} the visit is done. */
    boolean record(UUID id, VisitRecord r, Instant checkOut, Integer minutesOnSite, Instant now) {
        return jdbc.sql("""
                update visit set work_done = :work, findings = :findings, findings_internal = :internal,
                                 signed_off_by = :signed, travel_minutes = :travel, minutes_reason = :reason,
                                 minutes_on_site = :minutes, checked_out_at = :out,
                                 status = case when :done = true then 'DONE' else status end, updated_at = :now
                where id = :id and status = 'ON_SITE'""")
                .param("work", r.workDone()).param("findings", r.findings()).param("internal", r.findingsInternal())
                .param("signed", r.signedOffBy()).param("travel", r.travelMinutes()).param("reason", r.minutesReason())
                .param("minutes", minutesOnSite).param("out", utc(checkOut)).param("done", checkOut != null).param("now", utc(now)).param("id", id)
                .update() == 1;
    }

    boolean cancel(UUID id, String reason, Instant now) {
        return jdbc.sql("""
                update visit set status = 'CANCELLED', cancel_reason = :reason, cancelled_at = :now, updated_at = :now
                where id = :id and status in ('REQUESTED', 'ASSIGNED', 'ON_SITE')""")
                .param("reason", reason).param("now", utc(now)).param("id", id).update() == 1;
    }

    // --- evidence ---

    VisitEvidence insertEvidence(Visit visit, String fileName, String contentType, byte[] content, String sha256,
            String uploadedBy, Instant now) {
        org.springframework.jdbc.support.KeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into visit_evidence (visit_id, tenant_id, file_name, content_type, size_bytes, sha256, content,
                                            uploaded_by, uploaded_at)
                values (:v, :t, :name, :type, :size, :sha, :content, :by, :at)""")
                .param("v", visit.id()).param("t", visit.tenantId()).param("name", fileName).param("type", contentType)
                .param("size", (long) content.length).param("sha", sha256).param("content", content)
                .param("by", uploadedBy).param("at", utc(now)).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return new VisitEvidence(id, visit.id(), fileName, contentType, content.length, sha256, uploadedBy, now);
    }

    /** The evidence of a visit the caller already found in scope. */
    List<VisitEvidence> evidence(UUID visitId) {
        return jdbc.sql("select id, visit_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at"
                        + " from visit_evidence where visit_id = :v order by id")
                .param("v", visitId).query(VisitRepository::mapEvidence).list();
    }

    /** One file's bytes, of a visit the caller already found in scope. */
    Optional<byte[]> evidenceContent(UUID visitId, long evidenceId) {
        return jdbc.sql("select content from visit_evidence where id = :id and visit_id = :v")
                .param("id", evidenceId).param("v", visitId).query((rs, row) -> rs.getBytes("content")).optional();
    }

    static VisitEvidence mapEvidence(ResultSet rs, int row) throws SQLException {
        return new VisitEvidence(rs.getLong("id"), rs.getObject("visit_id", UUID.class), rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getString("uploaded_by"), instant(rs, "uploaded_at"));
    }

    static Visit map(ResultSet rs, int row) throws SQLException {
        return new Visit(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("company_name"),
                rs.getObject("incident_id", UUID.class), rs.getLong("incident_number"), rs.getString("incident_title"),
                IncidentType.valueOf(rs.getString("incident_type")), VisitStatus.valueOf(rs.getString("status")),
                rs.getString("address"), rs.getString("prefecture"), rs.getString("contact_name"),
                rs.getString("contact_phone"), instant(rs, "window_start"), instant(rs, "window_end"),
                rs.getString("notes"), instant(rs, "requested_at"), rs.getString("requested_by"),
                instant(rs, "target_arrival"), rs.getObject("responder_id", UUID.class), rs.getString("responder_name"),
                instant(rs, "assigned_at"), instant(rs, "checked_in_at"), instant(rs, "checked_out_at"),
                rs.getString("work_done"), rs.getString("findings"), rs.getBoolean("findings_internal"),
                rs.getString("signed_off_by"), (Integer) rs.getObject("travel_minutes", Integer.class),
                rs.getObject("minutes_on_site", Integer.class), rs.getString("minutes_reason"),
                instant(rs, "cancelled_at"), rs.getString("cancel_reason"));
    }

    /**
     * One company's finished visits whose engineer arrived in {@code [from, to)}: how many, minutes on site and
     * travel minutes. The tenant scope only (a responder's assignments do not make a company's figures theirs).
     */
    long[] doneBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        return actor.tenantScope().bind(jdbc.sql("select count(*) as visits,"
                        + " coalesce(sum(minutes_on_site), 0) as on_site, coalesce(sum(travel_minutes), 0) as travel"
                        + " from visit where tenant_id = :t and status = 'DONE' and checked_in_at >= :from"
                        + " and checked_in_at < :to and " + TenantScope.where("tenant_id")))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .query((rs, i) -> new long[] {rs.getLong("visits"), rs.getLong("on_site"), rs.getLong("travel")})
                .single();
    }

    /** Company and arrival time of the finished visits whose engineer arrived in {@code [from, to)}; tenant scope. */
    List<Object[]> doneArrivals(Actor actor, Instant from, Instant to) {
        return actor.tenantScope().bind(jdbc.sql("select tenant_id, checked_in_at from visit where status = 'DONE'"
                        + " and checked_in_at >= :from and checked_in_at < :to and " + TenantScope.where("tenant_id")))
                .param("from", utc(from)).param("to", utc(to))
                .query((rs, i) -> new Object[] {rs.getObject("tenant_id", UUID.class), instant(rs, "checked_in_at")})
                .list();
    }
}
