package jp.sukedachi.app.desk;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Tickets and their conversation, files, time and surveys. Every read for a person takes an {@link Actor} and
 * applies its {@link TenantScope}; internal notes and internal files are read only when the actor is provider
 * staff ({@link #seesInternal}), so no SME page or API answer can include them. The writes are for
 * {@link Tickets} after its scoped read and permission check.
 */
@Repository
class TicketRepository {
    private static final String SELECT = """
            select t.*, tn.name as tenant_name, tn.slug as tenant_slug, a.display_name as assignee_name
            from ticket t join tenant tn on tn.id = t.tenant_id
            left join app_user a on a.id = t.assignee_user_id""";
    private final JdbcClient jdbc;

    TicketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Provider staff (admin, analyst) read internal notes; nobody else ever does. */
    static boolean seesInternal(Actor actor) {
        return actor.tenantScope().allTenants() && actor.role().isProviderSide();
    }

    /** Stores a new ticket and answers its number. */
    long insert(UUID id, UUID tenantId, String subject, String body, TicketCategory category,
            TicketPriority priority, TicketChannel channel, Instant receivedAt, String requesterName,
            String requesterEmail, UUID requesterUserId, Instant firstResponseDue, Instant resolutionDue,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into ticket (id, tenant_id, subject, body, category, priority, status, channel, received_at,
                    requester_name, requester_email, requester_user_id, first_response_due, resolution_due,
                    created_at, updated_at)
                values (:id, :t, :subject, :body, :category, :priority, 'NEW', :channel, :received,
                    :rname, :remail, :ruser, :frd, :rd, :now, :now)""")
                .param("id", id).param("t", tenantId).param("subject", subject).param("body", body)
                .param("category", category.name()).param("priority", priority.name())
                .param("channel", channel.name()).param("received", utc(receivedAt))
                .param("rname", requesterName).param("remail", requesterEmail).param("ruser", requesterUserId)
                .param("frd", utc(firstResponseDue)).param("rd", utc(resolutionDue)).param("now", utc(now))
                .update(keys, "number");
        return keys.getKey().longValue();
    }

    Optional<Ticket> find(Actor actor, UUID id) {
        return actor.tenantScope().bind(jdbc.sql(SELECT + " where t.id = :id and " + TenantScope.where("t.tenant_id")))
                .param("id", id).query(TicketRepository::map).optional();
    }

    /** For system writers (mail) that act without a person: unscoped. */
    Optional<Ticket> findForSystem(UUID id) {
        return jdbc.sql(SELECT + " where t.id = :id").param("id", id).query(TicketRepository::map).optional();
    }

    /** The queue: tickets within the actor's scope matching the filter, the most urgent due time first. */
    /**
     * The active tickets in the actor's scope counted as the queue's rule sees them ({@link TicketSla}): all,
     * unassigned, due soon (the target that counts now is after {@code now} and by {@code soonUntil}) and breached
     * (by {@code now}). Counted in SQL, so a long queue is never cut short.
     */
    long[] countActive(Actor actor, Instant now, Instant soonUntil) {
        String due = "case when first_responded_at is null then first_response_due else resolution_due end";
        return actor.tenantScope().bind(jdbc.sql("select count(*) as a,"
                        + " sum(case when assignee_user_id is null then 1 else 0 end) as u,"
                        + " sum(case when " + due + " > :now and " + due + " <= :soon then 1 else 0 end) as s,"
                        + " sum(case when " + due + " <= :now then 1 else 0 end) as b"
                        + " from ticket where status in ('NEW', 'OPEN', 'WAITING') and " + TenantScope.where("tenant_id")))
                .param("now", utc(now)).param("soon", utc(soonUntil))
                .query((rs, n) -> new long[] {rs.getLong("a"), rs.getLong("u"), rs.getLong("s"), rs.getLong("b")})
                .single();
    }

    List<Ticket> list(Actor actor, TicketFilter filter, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where ").append(TenantScope.where("t.tenant_id"));
        if (filter.status() != null) {
            sql.append(" and t.status = :status");
        } else if (filter.activeOnly()) {
            sql.append(" and t.status in ('NEW', 'OPEN', 'WAITING')");
        }
        if (filter.tenantId() != null) {
            sql.append(" and t.tenant_id = :tenant");
        }
        if (filter.unassigned()) {
            sql.append(" and t.assignee_user_id is null");
        } else if (filter.assigneeId() != null) {
            sql.append(" and t.assignee_user_id = :assignee");
        }
        if (filter.priority() != null) {
            sql.append(" and t.priority = :priority");
        }
        sql.append(" order by case when t.status in ('SOLVED', 'CLOSED') then 1 else 0 end,")
                .append(" coalesce(case when t.first_responded_at is null then t.first_response_due end,")
                .append(" t.resolution_due) nulls last, t.received_at desc, t.number desc")
                .append(" fetch first ").append(Math.max(1, Math.min(limit, 500))).append(" rows only");
        var statement = actor.tenantScope().bind(jdbc.sql(sql.toString()));
        if (filter.status() != null) {
            statement = statement.param("status", filter.status().name());
        }
        if (filter.tenantId() != null) {
            statement = statement.param("tenant", filter.tenantId());
        }
        if (!filter.unassigned() && filter.assigneeId() != null) {
            statement = statement.param("assignee", filter.assigneeId());
        }
        if (filter.priority() != null) {
            statement = statement.param("priority", filter.priority().name());
        }
        return statement.query(TicketRepository::map).list();
    }

    /** A company's tickets within the actor's scope, newest first. */
    List<Ticket> ofTenant(Actor actor, UUID tenantId, int limit) {
        return actor.tenantScope().bind(jdbc.sql(SELECT + " where t.tenant_id = :tenant and "
                        + TenantScope.where("t.tenant_id") + " order by t.received_at desc, t.number desc fetch first "
                        + Math.max(1, Math.min(limit, 500)) + " rows only"))
                .param("tenant", tenantId).query(TicketRepository::map).list();
    }

    void updateState(UUID id, TicketStatus status, Instant firstRespondedAt, Instant solvedAt, Instant closedAt,
            Instant now) {
        jdbc.sql("""
                update ticket set status = :status, first_responded_at = :fra, solved_at = :solved,
                    closed_at = :closed, updated_at = :now where id = :id""")
                .param("status", status.name()).param("fra", utc(firstRespondedAt)).param("solved", utc(solvedAt))
                .param("closed", utc(closedAt)).param("now", utc(now)).param("id", id).update();
    }

    void updatePriority(UUID id, TicketPriority priority, Instant firstResponseDue, Instant resolutionDue,
            Instant now) {
        jdbc.sql("""
                update ticket set priority = :p, first_response_due = :frd, resolution_due = :rd, updated_at = :now
                where id = :id""")
                .param("p", priority.name()).param("frd", utc(firstResponseDue)).param("rd", utc(resolutionDue))
                .param("now", utc(now)).param("id", id).update();
    }

    void updateCategory(UUID id, TicketCategory category, Instant now) {
        jdbc.sql("update ticket set category = :c, updated_at = :now where id = :id")
                .param("c", category.name()).param("now", utc(now)).param("id", id).update();
    }

    void updateAssignee(UUID id, UUID assignee, Instant now) {
        jdbc.sql("update ticket set assignee_user_id = :a, updated_at = :now where id = :id")
                .param("a", assignee).param("now", utc(now)).param("id", id).update();
    }

    // ------------------------------------------------------------------------------------ conversation

    long insertMessage(UUID ticketId, UUID tenantId, TicketMessage.Kind kind, UUID authorUserId, String authorName,
            String body, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into ticket_message (ticket_id, tenant_id, kind, author_user_id, author_name, body, at)
                values (:ticket, :t, :kind, :author, :name, :body, :at)""")
                .param("ticket", ticketId).param("t", tenantId).param("kind", kind.name())
                .param("author", authorUserId).param("name", authorName).param("body", body).param("at", utc(at))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The conversation in order; internal notes only for provider staff. */
    List<TicketMessage> messages(Actor actor, UUID ticketId) {
        return actor.tenantScope().bind(jdbc.sql("select * from ticket_message where ticket_id = :ticket and "
                        + TenantScope.where("tenant_id") + (seesInternal(actor) ? "" : " and kind <> 'INTERNAL'")
                        + " order by at, id"))
                .param("ticket", ticketId).query(TicketRepository::mapMessage).list();
    }

    // ------------------------------------------------------------------------------------ files

    long insertAttachment(UUID ticketId, UUID tenantId, String fileName, String contentType, byte[] content,
            String sha256, boolean internal, String uploadedBy, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into ticket_attachment (ticket_id, tenant_id, file_name, content_type, size_bytes, sha256,
                    content, internal, uploaded_by, uploaded_at)
                values (:ticket, :t, :name, :type, :size, :sha, :content, :internal, :by, :at)""")
                .param("ticket", ticketId).param("t", tenantId).param("name", fileName).param("type", contentType)
                .param("size", (long) content.length).param("sha", sha256).param("content", content)
                .param("internal", internal).param("by", uploadedBy).param("at", utc(at))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The files of a ticket (without their bytes); internal ones only for provider staff. */
    List<Attachment> attachments(Actor actor, UUID ticketId) {
        return actor.tenantScope().bind(jdbc.sql("""
                        select id, ticket_id, file_name, content_type, size_bytes, sha256, internal, uploaded_by,
                            uploaded_at from ticket_attachment where ticket_id = :ticket and """
                        + TenantScope.where("tenant_id") + (seesInternal(actor) ? "" : " and internal = false")
                        + " order by id"))
                .param("ticket", ticketId).query((rs, row) -> new Attachment(
                        new TicketAttachmentInfo(rs.getLong("id"), rs.getString("file_name"),
                                rs.getLong("size_bytes"), rs.getString("sha256")),
                        rs.getString("content_type"), rs.getBoolean("internal"), rs.getString("uploaded_by"),
                        instant(rs, "uploaded_at"))).list();
    }

    /** One file with its bytes, when the actor may read it. */
    Optional<AttachmentContent> attachment(Actor actor, UUID ticketId, long id) {
        return actor.tenantScope().bind(jdbc.sql("""
                        select file_name, content_type, sha256, content from ticket_attachment
                        where id = :id and ticket_id = :ticket and """ + TenantScope.where("tenant_id")
                        + (seesInternal(actor) ? "" : " and internal = false")))
                .param("id", id).param("ticket", ticketId)
                .query((rs, row) -> new AttachmentContent(rs.getString("file_name"), rs.getString("content_type"),
                        rs.getString("sha256"), rs.getBytes("content"))).optional();
    }

    // ------------------------------------------------------------------------------------ time, survey

    void insertTime(UUID ticketId, UUID tenantId, int minutes, String note, UUID userId, String userName,
            Instant at) {
        jdbc.sql("""
                insert into ticket_time (ticket_id, tenant_id, minutes, note, user_id, user_name, spent_at)
                values (:ticket, :t, :m, :note, :u, :name, :at)""")
                .param("ticket", ticketId).param("t", tenantId).param("m", minutes).param("note", note)
                .param("u", userId).param("name", userName).param("at", utc(at)).update();
        jdbc.sql("update ticket set minutes_spent = minutes_spent + :m, updated_at = :at where id = :ticket")
                .param("m", minutes).param("at", utc(at)).param("ticket", ticketId).update();
    }

    List<TicketTime> times(Actor actor, UUID ticketId) {
        return actor.tenantScope().bind(jdbc.sql("select * from ticket_time where ticket_id = :ticket and "
                        + TenantScope.where("tenant_id") + " order by spent_at, id"))
                .param("ticket", ticketId)
                .query((rs, row) -> new TicketTime(rs.getLong("id"), rs.getInt("minutes"), rs.getString("note"),
                        rs.getString("user_name"), instant(rs, "spent_at"))).list();
    }

    boolean insertSurvey(UUID ticketId, UUID tenantId, int score, String comment, UUID userId, Instant at) {
        Integer existing = jdbc.sql("select count(*) from ticket_survey where ticket_id = :ticket")
                .param("ticket", ticketId).query(Integer.class).single();
        if (existing > 0) {
            return false;
        }
        jdbc.sql("""
                insert into ticket_survey (ticket_id, tenant_id, score, comment, answered_by, answered_at)
                values (:ticket, :t, :score, :comment, :u, :at)""")
                .param("ticket", ticketId).param("t", tenantId).param("score", score).param("comment", comment)
                .param("u", userId).param("at", utc(at)).update();
        return true;
    }

    Optional<Survey> survey(Actor actor, UUID ticketId) {
        return actor.tenantScope().bind(jdbc.sql("select * from ticket_survey where ticket_id = :ticket and "
                        + TenantScope.where("tenant_id")))
                .param("ticket", ticketId)
                .query((rs, row) -> new Survey(rs.getInt("score"), rs.getString("comment"),
                        instant(rs, "answered_at"))).optional();
    }

    // ------------------------------------------------------------------------------------ mapping

    private static Ticket map(ResultSet rs, int row) throws SQLException {
        var summary = new TicketSummary(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getLong("number"), rs.getString("subject"), rs.getString("body"),
                TicketCategory.valueOf(rs.getString("category")), TicketPriority.valueOf(rs.getString("priority")),
                TicketStatus.valueOf(rs.getString("status")), TicketChannel.valueOf(rs.getString("channel")),
                instant(rs, "received_at"), rs.getString("requester_name"), rs.getString("requester_email"),
                instant(rs, "first_response_due"), instant(rs, "resolution_due"), instant(rs, "first_responded_at"));
        return new Ticket(summary, rs.getString("tenant_name"), rs.getString("tenant_slug"),
                rs.getObject("requester_user_id", UUID.class), rs.getObject("assignee_user_id", UUID.class),
                rs.getString("assignee_name"), instant(rs, "solved_at"), instant(rs, "closed_at"),
                rs.getInt("minutes_spent"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static TicketMessage mapMessage(ResultSet rs, int row) throws SQLException {
        return new TicketMessage(rs.getLong("id"), rs.getObject("ticket_id", UUID.class),
                TicketMessage.Kind.valueOf(rs.getString("kind")), rs.getObject("author_user_id", UUID.class),
                rs.getString("author_name"), rs.getString("body"), instant(rs, "at"));
    }

    /** A file as listed on a ticket. */
    public record Attachment(TicketAttachmentInfo info, String contentType, boolean internal, String uploadedBy,
            Instant uploadedAt) {
    }

    /** A file's bytes for download. */
    public record AttachmentContent(String fileName, String contentType, String sha256, byte[] content) {
    }

    /** The company's rating of a solved ticket. */
    public record Survey(int score, String comment, Instant answeredAt) {
    }

    /**
     * One company's desk work over {@code [from, to)} within the actor's scope: tickets received, tickets solved
     * (or closed without a solve), minutes logged and on how many tickets.
     */
    long[] figuresBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        long[] tickets = actor.tenantScope().bind(jdbc.sql("select"
                        + " sum(case when received_at >= :from and received_at < :to then 1 else 0 end) as received,"
                        + " sum(case when coalesce(solved_at, closed_at) >= :from and coalesce(solved_at, closed_at) < :to"
                        + " then 1 else 0 end) as solved from ticket where tenant_id = :t and "
                        + TenantScope.where("tenant_id")))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .query((rs, i) -> new long[] {rs.getLong("received"), rs.getLong("solved")}).single();
        long[] time = actor.tenantScope().bind(jdbc.sql("select coalesce(sum(minutes), 0) as minutes,"
                        + " count(distinct ticket_id) as tickets from ticket_time where tenant_id = :t"
                        + " and spent_at >= :from and spent_at < :to and " + TenantScope.where("tenant_id")))
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .query((rs, i) -> new long[] {rs.getLong("minutes"), rs.getLong("tickets")}).single();
        return new long[] {tickets[0], tickets[1], time[0], time[1]};
    }
}
