package jp.sukedachi.app.triage;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Incidents alerts are promoted to. The write is for {@link AlertService} after its scoped read and permission
 * check; the read takes an {@link Actor} and applies its {@link TenantScope}.
 */
@Repository
class IncidentRepository {
    private final JdbcClient jdbc;

    IncidentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Incident i) {
        jdbc.sql("""
                insert into incident (id, tenant_id, title, status, created_at, created_by)
                values (:id, :t, :title, :status, :at, :by)""")
                .param("id", i.id()).param("t", i.tenantId()).param("title", i.title())
                .param("status", i.status()).param("at", utc(i.createdAt())).param("by", i.createdBy()).update();
    }

    public Optional<Incident> find(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from incident where id = :id and " + TenantScope.where("tenant_id")))
                .param("id", id)
                .query((rs, n) -> new Incident(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                        rs.getString("title"), rs.getString("status"), instant(rs, "created_at"),
                        rs.getString("created_by"))).optional();
    }
}
