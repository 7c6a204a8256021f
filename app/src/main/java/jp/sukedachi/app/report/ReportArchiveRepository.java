package jp.sukedachi.app.report;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.report.ArchivedReport.Delivery;
import jp.sukedachi.app.report.ArchivedReport.Status;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import jp.sukedachi.app.shared.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The archive of monthly reports and their mail deliveries. Reads take the actor and apply its tenant scope, so a
 * report of a company that is not the actor's is simply not found; writes are called by the archive service after
 * its checks, or by the job.
 */
@Repository
class ReportArchiveRepository {
    private static final String COLUMNS = """
            id, tenant_id, report_month, lang, pages, headline, events, blocked, malware, alerts, alerts_human,
            incidents_opened, incidents_open_end, selfcheck_score, sha256, generated_at, generated_by, comment,
            comment_by, comment_at, send_after, sent_at, status""";

    private final JdbcClient jdbc;

    ReportArchiveRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ArchivedReport> find(Actor actor, UUID id) {
        return actor.tenantScope().bind(jdbc.sql("select " + COLUMNS + " from monthly_report where id = :id and "
                + TenantScope.where("tenant_id"))).param("id", id).query(ReportArchiveRepository::map).optional();
    }

    Optional<ArchivedReport> find(Actor actor, UUID tenantId, YearMonth month, String language) {
        return actor.tenantScope().bind(jdbc.sql("select " + COLUMNS + " from monthly_report where tenant_id = :t "
                        + "and report_month = :m and lang = :l and " + TenantScope.where("tenant_id")))
                .param("t", tenantId).param("m", month.toString()).param("l", language)
                .query(ReportArchiveRepository::map).optional();
    }

    /** A company's reports, newest month first, Japanese before English; {@code month} null for every month. */
    List<ArchivedReport> ofTenant(Actor actor, UUID tenantId, YearMonth month) {
        return actor.tenantScope().bind(jdbc.sql("select " + COLUMNS + " from monthly_report where tenant_id = :t "
                        + (month == null ? "" : "and report_month = :m ") + "and " + TenantScope.where("tenant_id")
                        + " order by report_month desc, lang desc"))
                .param("t", tenantId).param("m", month == null ? "" : month.toString())
                .query(ReportArchiveRepository::map).list();
    }

    /** The Japanese reports of one month across the companies the actor sees (the staff overview). */
    List<ArchivedReport> ofMonth(Actor actor, YearMonth month) {
        return actor.tenantScope().bind(jdbc.sql("select " + COLUMNS + " from monthly_report where report_month = :m "
                        + "and lang = 'ja' and " + TenantScope.where("tenant_id")))
                .param("m", month.toString()).query(ReportArchiveRepository::map).list();
    }

    Optional<byte[]> pdf(Actor actor, UUID id) {
        return actor.tenantScope().bind(jdbc.sql("select pdf from monthly_report where id = :id and "
                + TenantScope.where("tenant_id"))).param("id", id).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** The PDF for the mail sender (no actor: the job sends what was queued after the checks). */
    byte[] pdfForMail(UUID id) {
        return jdbc.sql("select pdf from monthly_report where id = :id").param("id", id)
                .query((rs, n) -> rs.getBytes(1)).single();
    }

    Optional<ArchivedReport> findForMail(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from monthly_report where id = :id").param("id", id)
                .query(ReportArchiveRepository::map).optional();
    }

    /** Stores a new report; the unique index refuses a second one of the same company, month and language. */
    void insert(ArchivedReport r, byte[] pdf) {
        jdbc.sql("insert into monthly_report (" + COLUMNS + ", pdf) values (:id, :tenant, :month, :language, :pages, "
                        + ":headline, :events, :blocked, :malware, :alerts, :human, :opened, :openEnd, :score, :sha, "
                        + ":at, :by, :comment, :commentBy, :commentAt, :sendAfter, :sentAt, :status, :pdf)")
                .param("id", r.id()).param("tenant", r.tenantId()).param("month", r.month().toString())
                .param("language", r.language()).param("comment", r.comment()).param("commentBy", r.commentBy())
                .param("commentAt", utc(r.commentAt())).param("sentAt", utc(r.sentAt()))
                .param("status", r.status().name()).params(contentParams(r, pdf)).update();
    }

    /**
     * Replaces a report's document (regenerated, or re-rendered with a comment); its mail state stays. Only while it
     * has not been queued for mail (waiting, or kept only): the archived PDF stays the one that was mailed. Returns
     * false when the report was queued or mailed meanwhile.
     */
    boolean replaceDocument(ArchivedReport r, byte[] pdf) {
        return jdbc.sql("""
                update monthly_report set pdf = :pdf, pages = :pages, headline = :headline, events = :events,
                       blocked = :blocked, malware = :malware, alerts = :alerts, alerts_human = :human,
                       incidents_opened = :opened, incidents_open_end = :openEnd, selfcheck_score = :score,
                       sha256 = :sha, generated_at = :at, generated_by = :by, send_after = :sendAfter
                 where id = :id and status in ('WAITING', 'KEPT')""").param("id", r.id())
                .params(contentParams(r, pdf)).update() == 1;
    }

    private static java.util.Map<String, Object> contentParams(ArchivedReport r, byte[] pdf) {
        ReportFigures f = r.figures();
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("pdf", pdf);
        p.put("pages", r.pages());
        p.put("headline", Texts.cut(r.headline(), 2000));
        p.put("events", f.events());
        p.put("blocked", f.blocked());
        p.put("malware", f.malware());
        p.put("alerts", f.alerts());
        p.put("human", f.alertsNeedingHuman());
        p.put("opened", f.incidentsOpened());
        p.put("openEnd", f.incidentsOpenAtEnd());
        p.put("score", f.selfCheckScore());
        p.put("sha", r.sha256());
        p.put("at", utc(r.generatedAt()));
        p.put("by", r.generatedBy());
        p.put("sendAfter", utc(r.sendAfter()));
        return p;
    }

    /** Sets the comment of a report still waiting to be mailed; false when it was queued meanwhile. */
    boolean setComment(UUID id, String comment, String by, Instant at) {
        return jdbc.sql("update monthly_report set comment = :c, comment_by = :by, comment_at = :at where id = :id "
                        + "and status = 'WAITING'")
                .param("c", comment).param("by", by).param("at", utc(at)).param("id", id).update() == 1;
    }

    /** Removes the kept copy of a report in another language (made again on its next request). */
    void deleteKeptCopy(UUID tenantId, YearMonth month, String language) {
        jdbc.sql("delete from monthly_report where tenant_id = :t and report_month = :m and lang = :l "
                        + "and status = 'KEPT'")
                .param("t", tenantId).param("m", month.toString()).param("l", language).update();
    }

    /**
     * Moves a waiting report on to {@code next} (SENDING or NO_RECIPIENTS): one atomic update, so of two instances
     * (or an analyst's send and the delay passing at once) exactly one queues its mails.
     */
    boolean leaveWaiting(UUID id, Status next) {
        return jdbc.sql("update monthly_report set status = :s where id = :id and status = 'WAITING'")
                .param("s", next.name()).param("id", id).update() == 1;
    }

    /** Waiting reports whose delay has passed without anybody pressing send. */
    List<UUID> overdue(Instant now) {
        return jdbc.sql("select id from monthly_report where status = 'WAITING' and send_after <= :now order by id")
                .param("now", utc(now)).query(UUID.class).list();
    }

    void insertDelivery(UUID reportId, UUID tenantId, String recipient, Instant now) {
        jdbc.sql("""
                insert into monthly_report_delivery (report_id, tenant_id, recipient, status, next_attempt_at,
                                                     created_at)
                values (:r, :t, :to, 'PENDING', :now, :now)""")
                .param("r", reportId).param("t", tenantId).param("to", recipient).param("now", utc(now)).update();
    }

    List<Delivery> deliveries(Actor actor, UUID reportId) {
        return actor.tenantScope().bind(jdbc.sql("""
                        select recipient, status, attempts, next_attempt_at, last_error, sent_at
                          from monthly_report_delivery where report_id = :r and """ + " "
                        + TenantScope.where("tenant_id") + " order by recipient"))
                .param("r", reportId)
                .query((rs, n) -> new Delivery(rs.getString("recipient"), rs.getString("status"), rs.getInt("attempts"),
                        instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "sent_at")))
                .list();
    }

    /** A queued mail as its sender needs it. */
    record DueDelivery(long id, UUID reportId, String recipient, int attempts) {
    }

    /**
     * Claims up to {@code limit} due mails for this instance: the rows are locked with FOR UPDATE SKIP LOCKED (a
     * row another instance is claiming right now is passed over, not waited for) and marked as this instance's in
     * the same transaction. A claim older than {@code stale} (its sender died before marking the row) is taken
     * again. Call inside a transaction.
     */
    List<DueDelivery> claimDue(String instance, Instant now, Instant stale, int limit) {
        List<Long> ids = jdbc.sql("""
                        select id from monthly_report_delivery
                         where status = 'PENDING' and next_attempt_at <= :now
                           and (claimed_by is null or claimed_at < :stale)
                         order by id fetch first :limit rows only for update skip locked""")
                .param("now", utc(now)).param("stale", utc(stale)).param("limit", limit).query(Long.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        jdbc.sql("update monthly_report_delivery set claimed_by = :me, claimed_at = :now where id in (:ids)")
                .param("me", instance).param("now", utc(now)).param("ids", ids).update();
        return jdbc.sql("select id, report_id, recipient, attempts from monthly_report_delivery where id in (:ids) "
                        + "order by id").param("ids", ids)
                .query((rs, n) -> new DueDelivery(rs.getLong("id"), rs.getObject("report_id", UUID.class),
                        rs.getString("recipient"), rs.getInt("attempts"))).list();
    }

    /**
     * Stamps a claimed mail's claim again right before it is sent; false when another instance took it over (the
     * claim went stale) or it is no longer pending: then it must not be sent.
     */
    boolean restamp(long id, String instance, Instant now) {
        return jdbc.sql("update monthly_report_delivery set claimed_at = :now where id = :id and claimed_by = :me "
                        + "and status = 'PENDING'")
                .param("now", utc(now)).param("id", id).param("me", instance).update() == 1;
    }

    void markSent(long id, String instance, Instant now) {
        jdbc.sql("""
                update monthly_report_delivery set status = 'SENT', sent_at = :now, attempts = attempts + 1,
                       last_error = null, claimed_by = null, claimed_at = null
                 where id = :id and claimed_by = :me""")
                .param("now", utc(now)).param("id", id).param("me", instance).update();
    }

    /** Counts a failed attempt and gives the claim back with the next attempt's time; FAILED after {@code max}. */
    void markFailed(long id, String instance, String error, Instant next, int max) {
        jdbc.sql("""
                update monthly_report_delivery set attempts = attempts + 1, last_error = :e, next_attempt_at = :next,
                       claimed_by = null, claimed_at = null,
                       status = case when attempts + 1 >= :max then 'FAILED' else status end
                 where id = :id and claimed_by = :me""")
                .param("e", Texts.cut(error, 1000)).param("next", utc(next)).param("max", max).param("id", id)
                .param("me", instance).update();
    }

    /** Once no mail of the report is pending: SENT when all went out, FAILED when one was given up. */
    void settle(Collection<UUID> reportIds, Instant now) {
        for (UUID id : reportIds) {
            jdbc.sql("""
                    update monthly_report set
                           status = case when exists (select 1 from monthly_report_delivery d
                                                       where d.report_id = :id and d.status = 'FAILED')
                                         then 'FAILED' else 'SENT' end,
                           sent_at = (select max(d.sent_at) from monthly_report_delivery d where d.report_id = :id)
                     where id = :id and status = 'SENDING'
                       and not exists (select 1 from monthly_report_delivery d
                                        where d.report_id = :id and d.status = 'PENDING')""")
                    .param("id", id).update();
        }
    }

    private static ArchivedReport map(ResultSet rs, int row) throws SQLException {
        int score = rs.getInt("selfcheck_score");
        Integer selfCheck = rs.wasNull() ? null : score;
        ReportFigures figures = new ReportFigures(rs.getLong("events"), rs.getLong("blocked"), rs.getLong("malware"),
                rs.getLong("alerts"), rs.getLong("alerts_human"), rs.getLong("incidents_opened"),
                rs.getLong("incidents_open_end"), selfCheck);
        return new ArchivedReport(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                YearMonth.parse(rs.getString("report_month").strip()), rs.getString("lang"), rs.getInt("pages"),
                rs.getString("headline"), figures, rs.getString("sha256"), instant(rs, "generated_at"),
                rs.getString("generated_by"), rs.getString("comment"), rs.getString("comment_by"),
                instant(rs, "comment_at"), instant(rs, "send_after"), instant(rs, "sent_at"),
                Status.valueOf(rs.getString("status")));
    }
}
