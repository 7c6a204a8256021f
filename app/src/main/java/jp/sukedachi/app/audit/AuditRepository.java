package jp.sukedachi.app.audit;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;
import static jp.sukedachi.app.shared.Texts.cut;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the audit log within the actor's scope: admins all of it, an SME owner their company's rows. */
@Repository
public class AuditRepository {
    public static final int PAGE_SIZE = 50;
    private final JdbcClient jdbc;

    public AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Filter of the viewer; null fields do not filter. {@code beforeId} pages backwards. */
    public record Filter(String action, String login, Instant from, Instant to, Long beforeId) {
    }

    public List<AuditEvent> find(Actor actor, Filter filter) {
        StringBuilder sql = new StringBuilder("select * from audit_event where " + TenantScope.where("tenant_id"));
        if (filter.action() != null) {
            sql.append(" and action = :action");
        }
        if (filter.login() != null) {
            sql.append(" and lower(actor_login) like :login");
        }
        if (filter.from() != null) {
            sql.append(" and at >= :from");
        }
        if (filter.to() != null) {
            sql.append(" and at < :to");
        }
        if (filter.beforeId() != null) {
            sql.append(" and id < :beforeId");
        }
        sql.append(" order by id desc fetch first ").append(PAGE_SIZE).append(" rows only");
        var statement = actor.tenantScope().bind(jdbc.sql(sql.toString()));
        if (filter.action() != null) {
            statement = statement.param("action", filter.action());
        }
        if (filter.login() != null) {
            statement = statement.param("login", "%" + escapeLike(filter.login().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.from() != null) {
            statement = statement.param("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            statement = statement.param("to", utc(filter.to()));
        }
        if (filter.beforeId() != null) {
            statement = statement.param("beforeId", filter.beforeId());
        }
        return statement.query(AuditRepository::map).list();
    }

    /** Appends one entry; over-long texts are cut, never rejected: the record matters more than its length. */
    void insert(Instant at, UUID actorId, String actorLogin, UUID tenantId, AuditAction action, String target,
            AuditEvent.Outcome outcome, String detail, String ip) {
        jdbc.sql("""
                insert into audit_event (at, actor_id, actor_login, tenant_id, action, target, outcome, ip, detail)
                values (:at, :actor, :login, :tenant, :action, :target, :outcome, :ip, :detail)""")
                .param("at", utc(at)).param("actor", actorId).param("login", cut(actorLogin, 254))
                .param("tenant", tenantId).param("action", action.name()).param("target", cut(target, 200))
                .param("outcome", outcome.name()).param("ip", ip).param("detail", cut(detail, 1000))
                .update();
    }


    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(
                rs.getLong("id"),
                instant(rs, "at"),
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor_login"),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("action"),
                rs.getString("target"),
                AuditEvent.Outcome.valueOf(rs.getString("outcome")),
                rs.getString("ip"),
                rs.getString("detail"));
    }
}
