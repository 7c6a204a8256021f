package jp.sukedachi.app.triage;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Incidents, defined here once for every screen that counts them: an incident is a case an analyst opened from one
 * or more alerts of one company ({@link AlertService#promote}); it counts on the Japan day it was opened (the
 * funnel's "incidents", {@link FunnelCountRepository}) and is open until closed (the staff home's open incidents).
 * The write is for {@link AlertService} after its scoped read and permission check; the reads take an
 * {@link Actor} and apply its {@link TenantScope}.
 */
@Repository
public class IncidentRepository {
    static final String OPEN = "OPEN";
    private final JdbcClient jdbc;
    private final FunnelCountRepository counts;

    IncidentRepository(JdbcClient jdbc, FunnelCountRepository counts) {
        this.jdbc = jdbc;
        this.counts = counts;
    }

    void insert(Incident i) {
        jdbc.sql("""
                insert into incident (id, tenant_id, title, status, created_at, created_by)
                values (:id, :t, :title, :status, :at, :by)""")
                .param("id", i.id()).param("t", i.tenantId()).param("title", i.title())
                .param("status", i.status()).param("at", utc(i.createdAt())).param("by", i.createdBy()).update();
        counts.add(i.tenantId(), i.createdAt(), FunnelCountRepository.Measure.INCIDENTS, 1);
    }

    public Optional<Incident> find(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from incident where id = :id and " + TenantScope.where("tenant_id")))
                .param("id", id).query(IncidentRepository::map).optional();
    }

    /** The open incidents within the actor's scope, newest first. */
    public List<Incident> open(Actor actor, int limit) {
        return actor.tenantScope().bind(jdbc.sql("select * from incident where status = '" + OPEN + "' and "
                + TenantScope.where("tenant_id") + " order by created_at desc, id fetch first "
                + Math.max(1, Math.min(limit, 200)) + " rows only")).query(IncidentRepository::map).list();
    }

    /** How many incidents are open within the actor's scope. */
    public long countOpen(Actor actor) {
        return actor.tenantScope().bind(jdbc.sql("select count(*) from incident where status = '" + OPEN + "' and "
                + TenantScope.where("tenant_id"))).query(Long.class).single();
    }

    private static Incident map(ResultSet rs, int row) throws SQLException {
        return new Incident(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("title"), rs.getString("status"), instant(rs, "created_at"), rs.getString("created_by"));
    }
}
