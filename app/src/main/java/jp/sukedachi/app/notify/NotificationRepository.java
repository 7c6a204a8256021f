package jp.sukedachi.app.notify;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;
import static jp.sukedachi.app.shared.Texts.cut;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notification record and the system-side reads the notifier needs (alerts, tenants' contacts, staff
 * addresses). Triage's events say when to look; what a message says (title, entity, count, times) is read from the
 * alert when it is planned and sent, so a held or digest message tells the alert as it is then. Like
 * {@code Triage}, the notifier works for the service, not for a logged-in person, so these reads take no
 * {@code Actor}; nothing here is exposed to a request.
 */
@Repository
class NotificationRepository {
    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a message says about its alert; the category chooses the words an SME reads. */
    public record AlertView(UUID id, UUID tenantId, String tenantName, String title, String detector, String ruleId,
            Category category, String entity, Severity severity, String status, long count, Instant firstSeen,
            Instant lastSeen) {

        /** The category as message keys and the analysts' texts name it ({@code c2}, {@code password_guessing}). */
        public String categoryId() {
            return Alert.categoryId(category);
        }
    }

    /** An alert whose current severity has not been planned yet, with its tenant's contact address. */
    record Candidate(AlertView alert, String contactEmail) {
    }

    /** Someone to tell, with the language shown first. */
    record Recipient(String address, String locale) {
    }

    /** A notification still to go out, with its alert. */
    record Pending(long id, String channel, String recipient, String audience, String locale, Severity severity,
            String kind, boolean escalated, int attempts, AlertView alert) {
    }

    private static final String ALERT_COLUMNS = """
            a.id as a_id, a.tenant_id as a_tenant, t.name as t_name, t.contact_email as t_contact, a.title as a_title,
            a.detector as a_detector, a.rule_id as a_rule, a.category as a_category, a.entity as a_entity,
            a.severity as a_severity,
            a.status as a_status, a.event_count as a_count, a.first_seen as a_first, a.last_seen as a_last""";

    /** Open alerts changed since {@code since} with no notification planned at their current severity. */
    List<Candidate> unplanned(Instant since) {
        return jdbc.sql("select " + ALERT_COLUMNS + """
                 from alert a join tenant t on t.id = a.tenant_id
                where a.updated_at >= :since and a.status <> 'CLOSED'
                  and not exists (select 1 from notification n where n.alert_id = a.id and n.severity = a.severity)
                order by a.updated_at""")
                .param("since", utc(since))
                .query((rs, i) -> new Candidate(alert(rs), rs.getString("t_contact"))).list();
    }

    /** Whether the alert was planned at any (hence lower) severity before. */
    boolean notifiedBefore(UUID alertId) {
        return jdbc.sql("select count(*) from notification where alert_id = :a and status <> 'SKIPPED'").param("a", alertId)
                .query(Long.class).single() > 0;
    }

    /** Active owners of the tenant with an e-mail address. */
    List<Recipient> owners(UUID tenantId) {
        return jdbc.sql("""
                select email, locale from app_user
                 where tenant_id = :t and role = 'TENANT_OWNER' and status = 'ACTIVE' and email is not null
                 order by created_at""")
                .param("t", tenantId).query((rs, i) -> new Recipient(rs.getString(1), rs.getString(2))).list();
    }

    /** Active analysts and provider admins with an e-mail address. */
    List<Recipient> staff() {
        return jdbc.sql("""
                select email, locale from app_user
                 where role in ('ANALYST', 'PROVIDER_ADMIN') and status = 'ACTIVE' and email is not null
                 order by created_at""")
                .query((rs, i) -> new Recipient(rs.getString(1), rs.getString(2))).list();
    }

    /**
     * Plans one notification unless the same (alert, channel, recipient, severity) exists; pending ones of the same
     * alert, channel and recipient at another (lower) severity are superseded. Returns whether a row was added.
     */
    boolean plan(AlertView alert, String channel, String recipient, String audience, String locale, String kind,
            boolean escalated, String status, Instant dueAt, Instant now) {
        boolean exists = jdbc.sql("""
                select count(*) from notification
                 where alert_id = :a and channel = :ch and recipient = :r and severity = :sev""")
                .param("a", alert.id()).param("ch", channel).param("r", cut(recipient, 1000))
                .param("sev", alert.severity().name()).query(Long.class).single() > 0;
        if (exists) {
            return false;
        }
        // Two notifiers racing on one alert: the unique index (alert, channel, recipient, severity) fails the
        // second insert and its run is retried by the next sweep.
        int added = jdbc.sql("""
                insert into notification (alert_id, tenant_id, channel, recipient, audience, locale, severity, kind,
                                          escalated, status, due_at, created_at)
                values (:a, :t, :ch, :r, :aud, :loc, :sev, :kind, :esc, :st, :due, :now)""")
                .param("a", alert.id()).param("t", alert.tenantId()).param("ch", channel)
                .param("r", cut(recipient, 1000)).param("aud", audience).param("loc", locale)
                .param("sev", alert.severity().name()).param("kind", kind).param("esc", escalated).param("st", status)
                .param("due", utc(dueAt)).param("now", utc(now)).update();
        if (added > 0) {
            jdbc.sql("""
                    update notification set status = 'SUPERSEDED'
                     where alert_id = :a and channel = :ch and recipient = :r and severity <> :sev
                       and status = 'PENDING'""")
                    .param("a", alert.id()).param("ch", channel).param("r", cut(recipient, 1000))
                    .param("sev", alert.severity().name()).update();
        }
        return added > 0;
    }

    /** Pending notifications of a kind that are due and not claimed (or claimed before {@code stale}), oldest first. */
    List<Pending> due(String kind, Instant now, Instant stale) {
        return jdbc.sql("select n.id, n.channel, n.recipient, n.audience, n.locale, n.severity, n.kind, n.escalated, "
                + "n.attempts, " + ALERT_COLUMNS + """
                 from notification n join alert a on a.id = n.alert_id join tenant t on t.id = a.tenant_id
                where n.status = 'PENDING' and n.kind = :kind and n.due_at <= :now
                  and (n.claimed_by is null or n.claimed_at < :stale)
                order by n.id""")
                .param("kind", kind).param("now", utc(now)).param("stale", utc(stale))
                .query(NotificationRepository::pending).list();
    }

    /**
     * Claims a pending notification for one sender: one atomic update, so of several instances exactly one gets it.
     * A claim from before {@code stale} (its sender died before marking the row) can be taken again.
     */
    boolean claim(long id, String instance, Instant now, Instant stale) {
        return jdbc.sql("""
                update notification set claimed_by = :me, claimed_at = :now
                 where id = :id and status = 'PENDING' and (claimed_by is null or claimed_at < :stale)""")
                .param("me", instance).param("now", utc(now)).param("id", id).param("stale", utc(stale)).update() == 1;
    }

    /**
     * Gives this instance's claims back unsent, for any instance's next run. A claim another instance has taken over
     * meanwhile (this one's went stale) stays that instance's.
     */
    void release(Collection<Long> ids, String instance) {
        if (!ids.isEmpty()) {
            jdbc.sql("update notification set claimed_by = null, claimed_at = null where id in (:ids) and claimed_by = :me")
                    .param("ids", ids).param("me", instance).update();
        }
    }

    void markSent(Collection<Long> ids, Instant now) {
        if (!ids.isEmpty()) {
            jdbc.sql("update notification set status = 'SENT', sent_at = :now, attempts = attempts + 1, "
                    + "last_error = null where id in (:ids)").param("now", utc(now)).param("ids", ids).update();
        }
    }

    /**
     * Counts this instance's failed attempt and gives the claim back; after {@code maxAttempts} the row is FAILED
     * (kept, no more retries). A row another instance has claimed meanwhile is left to that instance.
     */
    void markFailed(Collection<Long> ids, String instance, String error, int maxAttempts) {
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    update notification set attempts = attempts + 1, last_error = :e, claimed_by = null,
                           claimed_at = null, status = case when attempts + 1 >= :max then 'FAILED' else status end
                     where id in (:ids) and claimed_by = :me""")
                    .param("e", cut(error, 1000)).param("max", maxAttempts).param("ids", ids).param("me", instance)
                    .update();
        }
    }

    /**
     * Withdraws an alert's notifications that have not gone out and no sender holds (status CANCELLED): for an alert
     * closed as nothing to worry about, a held or digest message would only alarm. Returns how many.
     */
    int cancelPending(UUID alertId) {
        return jdbc.sql("""
                update notification set status = 'CANCELLED'
                 where alert_id = :a and status = 'PENDING' and claimed_by is null""")
                .param("a", alertId).update();
    }

    /** Every notification of an alert, oldest first (for tests and the alert view). */
    public List<Sent> ofAlert(UUID alertId) {
        return jdbc.sql("""
                select channel, recipient, audience, severity, kind, escalated, status, attempts, due_at, sent_at
                  from notification where alert_id = :a order by id""")
                .param("a", alertId)
                .query((rs, i) -> new Sent(rs.getString(1), rs.getString(2), rs.getString(3),
                        Severity.valueOf(rs.getString(4)),
                        rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getInt(8), instant(rs, "due_at"),
                        instant(rs, "sent_at")))
                .list();
    }

    /** One row of the record. */
    public record Sent(String channel, String recipient, String audience, Severity severity, String kind,
            boolean escalated, String status, int attempts, Instant dueAt, Instant sentAt) {
    }

    private static Pending pending(ResultSet rs, int row) throws SQLException {
        return new Pending(rs.getLong("id"), rs.getString("channel"), rs.getString("recipient"),
                rs.getString("audience"), rs.getString("locale"), Severity.valueOf(rs.getString("severity")),
                rs.getString("kind"),
                rs.getBoolean("escalated"), rs.getInt("attempts"), alert(rs));
    }

    private static AlertView alert(ResultSet rs) throws SQLException {
        return new AlertView(rs.getObject("a_id", UUID.class), rs.getObject("a_tenant", UUID.class),
                rs.getString("t_name"), rs.getString("a_title"), rs.getString("a_detector"), rs.getString("a_rule"),
                Category.valueOf(rs.getString("a_category")), rs.getString("a_entity"),
                Severity.valueOf(rs.getString("a_severity")), rs.getString("a_status"), rs.getLong("a_count"),
                instant(rs, "a_first"), instant(rs, "a_last"));
    }
}
