package jp.sukedachi.app.triage;

import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.time.Instant;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The detection funnel: events received → detections → alerts → incidents, counted within the actor's scope. */
@Repository
public class FunnelRepository {
    private final JdbcClient jdbc;

    public FunnelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Funnel counts within the actor's scope, for one tenant (or all visible when {@code tenantId} is null). */
    public Funnel funnel(Actor actor, UUID tenantId, Instant from, Instant to) {
        String tenant = " and (:all_t = true or tenant_id = :t) and " + TenantScope.where("tenant_id");
        long events = count(actor, "select coalesce(sum(received), 0) from device_counter where hour_start >= :from"
                + " and hour_start < :to" + tenant, tenantId, from, to);
        long detections = count(actor, "select count(*) from detection where at >= :from and at < :to" + tenant,
                tenantId, from, to);
        long alerts = count(actor, "select count(*) from alert where first_seen >= :from and first_seen < :to" + tenant,
                tenantId, from, to);
        long incidents = count(actor, "select count(*) from incident where created_at >= :from and created_at < :to"
                + tenant, tenantId, from, to);
        return new Funnel(from, to, events, detections, alerts, incidents);
    }

    private long count(Actor actor, String sql, UUID tenantId, Instant from, Instant to) {
        Number n = actor.tenantScope().bind(jdbc.sql(sql)).param("from", utc(from)).param("to", utc(to))
                .param("all_t", tenantId == null).param("t", tenantId == null ? new UUID(0, 0) : tenantId)
                .query(Number.class).single();
        return n == null ? 0 : n.longValue();
    }
}
