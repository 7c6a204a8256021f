package jp.sukedachi.app.triage;

import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The detection funnel: events received → detections → blocked → alerts needing a human → incidents, counted within the actor's scope. Pages
 * read whole Japan days from the counters ({@link FunnelCountRepository}); any other period is counted from the rows.
 */
@Repository
public class FunnelRepository {
    private final JdbcClient jdbc;

    public FunnelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The funnel of one day and of the days of its month up to it, overall and per company. */
    public record DayAndMonth(Funnel day, Funnel month, Map<UUID, Funnel> dayByTenant,
            Map<UUID, Funnel> monthByTenant) {
        private static final Funnel NONE = new Funnel(null, null, 0, 0, 0, 0, 0, 0);

        public Funnel dayOf(UUID tenantId) {
            return dayByTenant.getOrDefault(tenantId, NONE);
        }

        public Funnel monthOf(UUID tenantId) {
            return monthByTenant.getOrDefault(tenantId, NONE);
        }
    }

    /**
     * The counters of {@code day} and of its month from the 1st to {@code day}, within the actor's scope: one query
     * over at most 31 rows per company, whatever the traffic.
     */
    public DayAndMonth dayAndMonth(Actor actor, LocalDate day) {
        LocalDate first = day.withDayOfMonth(1);
        Instant dayStart = day.atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
        Instant monthStart = first.atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
        Map<UUID, Funnel> today = new LinkedHashMap<>();
        Map<UUID, Funnel> month = new LinkedHashMap<>();
        long[] totals = new long[12];
        actor.tenantScope().bind(jdbc.sql("""
                select tenant_id,
                       sum(case when jst_day = :day then events else 0 end) as day_events,
                       sum(case when jst_day = :day then detections else 0 end) as day_detections,
                       sum(case when jst_day = :day then alerts else 0 end) as day_alerts,
                       sum(case when jst_day = :day then incidents else 0 end) as day_incidents,
                       sum(case when jst_day = :day then blocked else 0 end) as day_blocked,
                       sum(case when jst_day = :day then alerts_human else 0 end) as day_alerts_human,
                       sum(events) as month_events, sum(detections) as month_detections, sum(alerts) as month_alerts,
                       sum(incidents) as month_incidents, sum(blocked) as month_blocked,
                       sum(alerts_human) as month_alerts_human
                  from tenant_day_count
                 where jst_day >= :first and jst_day <= :day and """ + TenantScope.where("tenant_id")
                + " group by tenant_id"))
                .param("day", day).param("first", first)
                .query(rs -> {
                    UUID tenant = rs.getObject("tenant_id", UUID.class);
                    long[] n = new long[12];
                    for (int i = 0; i < n.length; i++) {
                        n[i] = rs.getLong(i + 2);
                        totals[i] += n[i];
                    }
                    today.put(tenant, funnel(dayStart, end, n, 0));
                    month.put(tenant, funnel(monthStart, end, n, 6));
                });
        return new DayAndMonth(funnel(dayStart, end, totals, 0), funnel(monthStart, end, totals, 6), today, month);
    }

    /** The columns day_events … day_alerts_human (from 0) or month_events … (from 6). */
    private static Funnel funnel(Instant from, Instant to, long[] n, int at) {
        return new Funnel(from, to, n[at], n[at + 1], n[at + 2], n[at + 3], n[at + 4], n[at + 5]);
    }

    /**
     * Funnel counts of any period within the actor's scope, for one tenant (or all visible when {@code tenantId} is
     * null), counted from the rows themselves: what the counters must always equal over whole days (the tests check
     * it), and the API's arbitrary periods. Slow over a month of many companies: pages read {@link #dayAndMonth}.
     */
    public Funnel funnel(Actor actor, UUID tenantId, Instant from, Instant to) {
        String tenant = " and (:all_t = true or tenant_id = :t) and " + TenantScope.where("tenant_id");
        long events = count(actor, "select coalesce(sum(received), 0) from device_counter where hour_start >= :from"
                + " and hour_start < :to" + tenant, tenantId, from, to);
        long detections = count(actor, "select count(*) from detection where at >= :from and at < :to" + tenant,
                tenantId, from, to);
        long blocked = count(actor, "select count(*) from detection where at >= :from and at < :to"
                + " and category = 'BLOCKED'" + tenant, tenantId, from, to);
        long alerts = count(actor, "select count(*) from alert where first_seen >= :from and first_seen < :to" + tenant,
                tenantId, from, to);
        long human = count(actor, "select count(*) from alert where first_seen >= :from and first_seen < :to"
                + " and needs_human = true" + tenant, tenantId, from, to);
        long incidents = count(actor, "select count(*) from incident where created_at >= :from and created_at < :to"
                + tenant, tenantId, from, to);
        return new Funnel(from, to, events, detections, alerts, incidents, blocked, human);
    }

    /**
     * How many incidents are not closed within the actor's scope (the staff home and the funnel page). The incident
     * capability owns the cases; the count is read here so that triage never depends on it.
     */
    public long countOpenIncidents(Actor actor) {
        return actor.tenantScope().bind(jdbc.sql("select count(*) from incident where status <> 'CLOSED' and "
                + TenantScope.where("tenant_id"))).query(Long.class).single();
    }

    private long count(Actor actor, String sql, UUID tenantId, Instant from, Instant to) {
        Number n = actor.tenantScope().bind(jdbc.sql(sql)).param("from", utc(from)).param("to", utc(to))
                .param("all_t", tenantId == null).param("t", tenantId == null ? new UUID(0, 0) : tenantId)
                .query(Number.class).single();
        return n == null ? 0 : n.longValue();
    }
}
