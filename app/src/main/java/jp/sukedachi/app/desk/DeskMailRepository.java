package jp.sukedachi.app.desk;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The desk's mail threads (V22 {@code desk_mail}) and the mail no company was found for
 * ({@code desk_mail_unmatched}). Neither is company data a customer reads: the unmatched list is for provider staff
 * only (the controller checks), the thread rows are read by the intake and the sender, never shown.
 */
@Repository
class DeskMailRepository {
    private final JdbcClient jdbc;

    DeskMailRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Direction { IN, OUT }

    enum UnmatchedStatus { WAITING, ASSIGNED, DISCARDED }

    /** One stored mail of a ticket's thread. */
    record ThreadMail(String messageId, UUID ticketId, UUID tenantId, Direction direction, Instant at) {
    }

    /**
     * A mail kept until staff decide.
     *
     * @param raw the whole message; empty in lists (only {@link #findUnmatched} reads it)
     */
    record Unmatched(UUID id, String messageId, String fromEmail, String fromName, String subject,
            Instant receivedAt, long rawSize, byte[] raw, UnmatchedStatus status, String reason, String decidedBy,
            Instant decidedAt, UUID tenantId, UUID ticketId) {
    }

    /** Whether a mail with this Message-ID was already taken in or sent (a ticket's thread or the unmatched list). */
    boolean known(String messageId) {
        return jdbc.sql("""
                select (select count(*) from desk_mail where message_id = :id)
                     + (select count(*) from desk_mail_unmatched where message_id = :id)
                """).param("id", messageId).query(Long.class).single() > 0;
    }

    boolean inThread(String messageId) {
        return jdbc.sql("select count(*) from desk_mail where message_id = :id").param("id", messageId)
                .query(Long.class).single() > 0;
    }

    void insertMail(String messageId, UUID ticketId, UUID tenantId, Direction direction, Instant at) {
        jdbc.sql("""
                insert into desk_mail (message_id, ticket_id, tenant_id, direction, mailed_at)
                values (:messageId, :ticket, :tenant, :direction, :at)
                """).param("messageId", messageId).param("ticket", ticketId).param("tenant", tenantId)
                .param("direction", direction.name()).param("at", utc(at)).update();
    }

    /** The first of these ids (in the order given) that is a stored mail of some ticket. */
    Optional<ThreadMail> firstInThread(List<String> messageIds) {
        for (String id : messageIds) {
            Optional<ThreadMail> found = jdbc.sql("select * from desk_mail where message_id = :id").param("id", id)
                    .query(DeskMailRepository::mapMail).optional();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** A ticket's mails, oldest first. */
    List<ThreadMail> thread(UUID ticketId) {
        return jdbc.sql("select * from desk_mail where ticket_id = :ticket order by mailed_at, id")
                .param("ticket", ticketId).query(DeskMailRepository::mapMail).list();
    }

    /** The ticket with this number when it belongs to this company (a "[#123]" tag in a reply's subject). */
    Optional<UUID> ticketOfNumber(long number, UUID tenantId) {
        return jdbc.sql("select id from ticket where number = :number and tenant_id = :tenant")
                .param("number", number).param("tenant", tenantId).query(UUID.class).optional();
    }

    void insertUnmatched(UUID id, String messageId, String fromEmail, String fromName, String subject,
            Instant receivedAt, byte[] raw) {
        jdbc.sql("""
                insert into desk_mail_unmatched (id, message_id, from_email, from_name, subject, received_at, raw_size,
                                                 raw, status)
                values (:id, :messageId, :fromEmail, :fromName, :subject, :receivedAt, :size, :raw, 'WAITING')
                """).param("id", id).param("messageId", messageId).param("fromEmail", fromEmail)
                .param("fromName", fromName).param("subject", subject).param("receivedAt", utc(receivedAt))
                .param("size", (long) raw.length).param("raw", raw).update();
    }

    /** The mails staff still have to decide on, oldest first. */
    List<Unmatched> waiting(int limit) {
        return jdbc.sql("""
                select id, message_id, from_email, from_name, subject, received_at, raw_size, status, reason,
                       decided_by, decided_at, tenant_id, ticket_id
                from desk_mail_unmatched where status = 'WAITING' order by seq limit :limit
                """).param("limit", limit).query((rs, n) -> mapUnmatched(rs, null)).list();
    }

    long countWaiting() {
        return jdbc.sql("select count(*) from desk_mail_unmatched where status = 'WAITING'").query(Long.class)
                .single();
    }

    /** The latest decisions, newest first, so staff see what happened to a mail that left the list. */
    List<Unmatched> decided(int limit) {
        return jdbc.sql("""
                select id, message_id, from_email, from_name, subject, received_at, raw_size, status, reason,
                       decided_by, decided_at, tenant_id, ticket_id
                from desk_mail_unmatched where status <> 'WAITING' order by decided_at desc, seq desc limit :limit
                """).param("limit", limit).query((rs, n) -> mapUnmatched(rs, null)).list();
    }

    Optional<Unmatched> findUnmatched(UUID id) {
        return jdbc.sql("select * from desk_mail_unmatched where id = :id").param("id", id)
                .query((rs, n) -> mapUnmatched(rs, rs.getBytes("raw"))).optional();
    }

    /** Marks a waiting mail decided; false when someone decided it first. */
    boolean decide(UUID id, UnmatchedStatus status, String reason, String by, Instant at, UUID tenantId,
            UUID ticketId) {
        return jdbc.sql("""
                update desk_mail_unmatched set status = :status, reason = :reason, decided_by = :by, decided_at = :at,
                       tenant_id = :tenant, ticket_id = :ticket
                where id = :id and status = 'WAITING'
                """).param("status", status.name()).param("reason", reason).param("by", by).param("at", utc(at))
                .param("tenant", tenantId).param("ticket", ticketId).param("id", id).update() == 1;
    }

    private static ThreadMail mapMail(ResultSet rs, int row) throws SQLException {
        return new ThreadMail(rs.getString("message_id"), rs.getObject("ticket_id", UUID.class),
                rs.getObject("tenant_id", UUID.class), Direction.valueOf(rs.getString("direction")),
                instant(rs, "mailed_at"));
    }

    private static Unmatched mapUnmatched(ResultSet rs, byte[] raw) throws SQLException {
        return new Unmatched(rs.getObject("id", UUID.class), rs.getString("message_id"), rs.getString("from_email"),
                rs.getString("from_name"), rs.getString("subject"), instant(rs, "received_at"), rs.getLong("raw_size"),
                raw == null ? new byte[0] : raw, UnmatchedStatus.valueOf(rs.getString("status")),
                rs.getString("reason"), rs.getString("decided_by"), instant(rs, "decided_at"),
                rs.getObject("tenant_id", UUID.class), rs.getObject("ticket_id", UUID.class));
    }
}
