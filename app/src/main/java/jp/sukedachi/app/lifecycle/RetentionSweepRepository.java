package jp.sukedachi.app.lifecycle;

import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds and deletes one batch of expired rows of a kind (the caller runs each batch in its own short transaction,
 * oldest rows first). Children go before their parent, so no foreign key is broken. What is kept on purpose:
 * <ul>
 * <li>alerts that are not closed, and closed alerts linked to an incident until that incident has been closed for
 * longer than the alerts' retention: an alert of an open incident is never deleted (the incident itself, its
 * evidence files and timeline are not a retention kind; they go with the company's offboarding);
 * <li>evidence events of alerts that are not closed or whose incident is open (or closed less than the evidence
 * retention ago). The alert's {@code evidence_count} stays: it counts what was stored, so triage never refills a
 * closed alert's evidence;
 * <li>closed tickets an open incident names as its source; a closed incident's link to a deleted ticket is
 * cleared, since it would lead nowhere.
 * </ul>
 * A table another change adds with a foreign key to these rows makes the delete fail: the run records the kind as
 * failed (shown on /admin/retention, audited) rather than deleting around it.
 */
@Repository
class RetentionSweepRepository {
    private final JdbcClient jdbc;

    RetentionSweepRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes up to {@code limit} rows of the kind older than {@code cutoff}; returns how many were deleted. */
    int deleteBatch(RetentionKind kind, Instant cutoff, int limit) {
        return switch (kind) {
            case DETECTIONS -> deleteDetections(cutoff, limit);
            case EVIDENCE -> deleteEvidence(cutoff, limit);
            case ALERTS -> deleteAlerts(cutoff, limit);
            case TICKETS -> deleteTickets(cutoff, limit);
            case AUDIT -> deleteAudit(cutoff, limit);
        };
    }

    private int deleteDetections(Instant cutoff, int limit) {
        List<Long> ids = jdbc.sql("select id from detection where at < :cutoff order by at limit :n")
                .param("cutoff", utc(cutoff)).param("n", limit).query(Long.class).list();
        return ids.isEmpty() ? 0 : jdbc.sql("delete from detection where id in (:ids)").param("ids", ids).update();
    }

    private int deleteEvidence(Instant cutoff, int limit) {
        List<Long> ids = jdbc.sql("""
                select e.id from alert_evidence e join alert a on a.id = e.alert_id
                where e.at < :cutoff and a.status = 'CLOSED'
                  and (a.incident_id is null or exists (select 1 from incident i where i.id = a.incident_id
                       and i.status = 'CLOSED' and i.closed_at < :cutoff))
                order by e.at limit :n""")
                .param("cutoff", utc(cutoff)).param("n", limit).query(Long.class).list();
        return ids.isEmpty() ? 0
                : jdbc.sql("delete from alert_evidence where id in (:ids)").param("ids", ids).update();
    }

    private int deleteAlerts(Instant cutoff, int limit) {
        List<UUID> ids = jdbc.sql("""
                select a.id from alert a
                where a.status = 'CLOSED' and a.updated_at < :cutoff
                  and (a.incident_id is null or exists (select 1 from incident i where i.id = a.incident_id
                       and i.status = 'CLOSED' and i.closed_at < :cutoff))
                order by a.updated_at limit :n""")
                .param("cutoff", utc(cutoff)).param("n", limit).query(UUID.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        for (String child : List.of("notification", "alert_evidence", "alert_history")) {
            jdbc.sql("delete from " + child + " where alert_id in (:ids)").param("ids", ids).update();
        }
        return jdbc.sql("delete from alert where id in (:ids)").param("ids", ids).update();
    }

    private int deleteTickets(Instant cutoff, int limit) {
        List<UUID> ids = jdbc.sql("""
                select t.id from ticket t
                where t.status = 'CLOSED' and t.closed_at < :cutoff
                  and not exists (select 1 from incident i where i.source_ticket_id = t.id and i.status <> 'CLOSED')
                order by t.closed_at limit :n""")
                .param("cutoff", utc(cutoff)).param("n", limit).query(UUID.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        // desk_mail_unmatched rows assigned to the ticket hold the whole mail it came from: they go with it.
        for (String child : List.of("ticket_message", "ticket_attachment", "ticket_time", "ticket_survey",
                "desk_mail", "desk_mail_unmatched")) {
            jdbc.sql("delete from " + child + " where ticket_id in (:ids)").param("ids", ids).update();
        }
        jdbc.sql("update incident set source_ticket_id = null where source_ticket_id in (:ids)").param("ids", ids)
                .update();
        return jdbc.sql("delete from ticket where id in (:ids)").param("ids", ids).update();
    }

    private int deleteAudit(Instant cutoff, int limit) {
        List<Long> ids = jdbc.sql("select id from audit_event where at < :cutoff order by at limit :n")
                .param("cutoff", utc(cutoff)).param("n", limit).query(Long.class).list();
        return ids.isEmpty() ? 0 : jdbc.sql("delete from audit_event where id in (:ids)").param("ids", ids).update();
    }
}
