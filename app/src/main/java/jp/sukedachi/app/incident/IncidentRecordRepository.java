package jp.sukedachi.app.incident;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.incident.IncidentRecords.Entry;
import jp.sukedachi.app.incident.IncidentRecords.Evidence;
import jp.sukedachi.app.incident.IncidentRecords.Message;
import jp.sukedachi.app.incident.IncidentRecords.Task;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tasks, timeline, evidence and messages of incidents. Every row carries its incident's tenant, and every read binds
 * the actor's {@link TenantScope}: a company user asking for another company's rows gets none. Reads of the
 * timeline for company users leave out internal entries in SQL.
 */
@Repository
class IncidentRecordRepository {
    private final JdbcClient jdbc;

    IncidentRecordRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- tasks

    long addTask(UUID incidentId, UUID tenantId, String templateKey, String text, boolean forCompany, Instant at,
            String by) {
        int position = jdbc.sql("select coalesce(max(position), 0) + 1 from incident_task where incident_id = :i")
                .param("i", incidentId).query(Integer.class).single();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into incident_task (incident_id, tenant_id, position, template_key, text, for_company,
                    created_at, created_by)
                values (:i, :t, :p, :key, :text, :fc, :at, :by)""")
                .param("i", incidentId).param("t", tenantId).param("p", position).param("key", templateKey)
                .param("text", text).param("fc", forCompany).param("at", utc(at)).param("by", by)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    List<Task> tasks(Actor actor, UUID incidentId) {
        return actor.tenantScope().bind(jdbc.sql("select * from incident_task where incident_id = :i and "
                + TenantScope.where("tenant_id") + " order by position, id"))
                .param("i", incidentId).query(IncidentRecordRepository::task).list();
    }

    Optional<Task> task(Actor actor, UUID incidentId, long taskId) {
        return actor.tenantScope().bind(jdbc.sql("select * from incident_task where id = :id and incident_id = :i"
                + " and " + TenantScope.where("tenant_id")))
                .param("id", taskId).param("i", incidentId).query(IncidentRecordRepository::task).optional();
    }

    void setDone(long taskId, Instant at, String by) {
        jdbc.sql("update incident_task set done_at = :at, done_by = :by where id = :id")
                .param("id", taskId).param("at", utc(at)).param("by", by).update();
    }

    private static Task task(ResultSet rs, int row) throws SQLException {
        return new Task(rs.getLong("id"), rs.getInt("position"), rs.getString("template_key"), rs.getString("text"),
                rs.getBoolean("for_company"), instant(rs, "done_at"), rs.getString("done_by"));
    }

    // --- timeline

    void addEntry(UUID incidentId, UUID tenantId, Instant at, String kind, String actorName, String detail,
            boolean visible) {
        jdbc.sql("""
                insert into incident_timeline (incident_id, tenant_id, at, kind, actor_name, detail, visible)
                values (:i, :t, :at, :kind, :who, :detail, :visible)""")
                .param("i", incidentId).param("t", tenantId).param("at", utc(at)).param("kind", kind)
                .param("who", actorName).param("detail", detail).param("visible", visible).update();
    }

    /** The timeline, oldest first; only the entries visible to the company unless {@code internalToo}. */
    List<Entry> timeline(Actor actor, UUID incidentId, boolean internalToo) {
        return actor.tenantScope().bind(jdbc.sql("select * from incident_timeline where incident_id = :i and "
                + TenantScope.where("tenant_id") + " and (:all = true or visible = true) order by at, id"))
                .param("i", incidentId).param("all", internalToo)
                .query((rs, n) -> new Entry(rs.getLong("id"), instant(rs, "at"), rs.getString("kind"),
                        rs.getString("actor_name"), rs.getString("detail"), rs.getBoolean("visible")))
                .list();
    }

    // --- evidence

    long addEvidence(UUID incidentId, UUID tenantId, String fileName, String contentType, byte[] content,
            String sha256, String note, Instant at, String by) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into incident_evidence (incident_id, tenant_id, file_name, content_type, size_bytes, sha256,
                    note, content, added_at, added_by)
                values (:i, :t, :name, :type, :size, :sha, :note, :content, :at, :by)""")
                .param("i", incidentId).param("t", tenantId).param("name", fileName).param("type", contentType)
                .param("size", (long) content.length).param("sha", sha256).param("note", note)
                .param("content", content).param("at", utc(at)).param("by", by).update(keys, "id");
        return keys.getKey().longValue();
    }

    List<Evidence> evidence(Actor actor, UUID incidentId) {
        return actor.tenantScope().bind(jdbc.sql("""
                select id, file_name, content_type, size_bytes, sha256, note, added_at, added_by
                from incident_evidence where incident_id = :i and """ + " " + TenantScope.where("tenant_id")
                + " order by id")).param("i", incidentId).query(IncidentRecordRepository::evidence).list();
    }

    /** One file's metadata and content, in scope. */
    Optional<EvidenceFile> evidenceFile(Actor actor, UUID incidentId, long id) {
        return actor.tenantScope().bind(jdbc.sql("select * from incident_evidence where id = :id and incident_id = :i"
                + " and " + TenantScope.where("tenant_id"))).param("id", id).param("i", incidentId)
                .query((rs, n) -> new EvidenceFile(evidence(rs, n), rs.getBytes("content"))).optional();
    }

    record EvidenceFile(Evidence meta, byte[] content) {
    }

    private static Evidence evidence(ResultSet rs, int row) throws SQLException {
        return new Evidence(rs.getLong("id"), rs.getString("file_name"), rs.getString("content_type"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("note"), instant(rs, "added_at"),
                rs.getString("added_by"));
    }

    // --- messages

    void addMessage(UUID incidentId, UUID tenantId, Instant at, String author, boolean fromCompany, String body) {
        jdbc.sql("""
                insert into incident_message (incident_id, tenant_id, at, author_name, from_company, body)
                values (:i, :t, :at, :who, :fc, :body)""")
                .param("i", incidentId).param("t", tenantId).param("at", utc(at)).param("who", author)
                .param("fc", fromCompany).param("body", body).update();
    }

    List<Message> messages(Actor actor, UUID incidentId) {
        return actor.tenantScope().bind(jdbc.sql("select * from incident_message where incident_id = :i and "
                + TenantScope.where("tenant_id") + " order by at, id")).param("i", incidentId)
                .query((rs, n) -> new Message(rs.getLong("id"), instant(rs, "at"), rs.getString("author_name"),
                        rs.getBoolean("from_company"), rs.getString("body"))).list();
    }
}
