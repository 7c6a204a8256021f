package jp.sukedachi.app.selfcheck.cloud;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cloud services and their checklist answers, through the actor's scope. */
@Repository
public class CloudRepository {
    private final JdbcClient jdbc;

    public CloudRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CloudService> findByTenant(Actor actor, UUID tenantId) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from selfhelp_cloud where tenant_id = :t and " + TenantScope.where("tenant_id")
                        + " order by name, id"))
                .param("t", tenantId).query(CloudRepository::map).list();
    }

    public Optional<CloudService> find(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from selfhelp_cloud where id = :id and " + TenantScope.where("tenant_id")))
                .param("id", id).query(CloudRepository::map).optional();
    }

    public void insert(Actor actor, CloudService s) {
        if (!actor.tenantScope().includes(s.tenantId())) {
            throw new NotFoundException("company");
        }
        jdbc.sql("""
                insert into selfhelp_cloud (id, tenant_id, name, purpose, answers, created_at, updated_at)
                values (:id, :t, :name, :purpose, :answers, :created, :updated)""")
                .param("id", s.id()).param("t", s.tenantId()).param("name", s.name()).param("purpose", s.purpose())
                .param("answers", s.answers()).param("created", utc(s.createdAt())).param("updated", utc(s.updatedAt()))
                .update();
    }

    public boolean update(Actor actor, CloudService s) {
        return actor.tenantScope()
                .bind(jdbc.sql("update selfhelp_cloud set name = :name, purpose = :purpose, answers = :answers, "
                        + "updated_at = :updated where id = :id and " + TenantScope.where("tenant_id")))
                .param("name", s.name()).param("purpose", s.purpose()).param("answers", s.answers())
                .param("updated", utc(s.updatedAt())).param("id", s.id()).update() > 0;
    }

    public boolean delete(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("delete from selfhelp_cloud where id = :id and " + TenantScope.where("tenant_id")))
                .param("id", id).update() > 0;
    }

    private static CloudService map(ResultSet rs, int row) throws SQLException {
        return new CloudService(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("name"),
                rs.getString("purpose"), rs.getString("answers"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
