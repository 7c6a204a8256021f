package jp.sukedachi.app.selfcheck;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The five-rule checklist and the declarations of each company, read through the actor's scope. */
@Repository
class SecurityActionRepository {
    private final JdbcClient jdbc;

    public SecurityActionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ticked rules, five booleans in rule order; all false when the owner never saved the list. */
    public List<Boolean> rules(Actor actor, UUID tenantId) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from security_action_rules where tenant_id = :t and " + TenantScope.where("tenant_id")))
                .param("t", tenantId)
                .query((rs, row) -> List.of(rs.getBoolean("rule1"), rs.getBoolean("rule2"), rs.getBoolean("rule3"),
                        rs.getBoolean("rule4"), rs.getBoolean("rule5")))
                .optional().orElse(List.of(false, false, false, false, false));
    }

    /** Written only by the service after its permission check. */
    void saveRules(UUID tenantId, List<Boolean> rules, String by, Instant at) {
        int updated = bindRules(jdbc.sql("""
                update security_action_rules set rule1 = :r1, rule2 = :r2, rule3 = :r3, rule4 = :r4, rule5 = :r5,
                       updated_by = :by, updated_at = :at where tenant_id = :t"""), tenantId, rules, by, at).update();
        if (updated == 0) {
            bindRules(jdbc.sql("""
                    insert into security_action_rules (tenant_id, rule1, rule2, rule3, rule4, rule5, updated_by, updated_at)
                    values (:t, :r1, :r2, :r3, :r4, :r5, :by, :at)"""), tenantId, rules, by, at).update();
        }
    }

    private static JdbcClient.StatementSpec bindRules(JdbcClient.StatementSpec statement, UUID tenantId,
            List<Boolean> rules, String by, Instant at) {
        for (int i = 0; i < rules.size(); i++) {
            statement = statement.param("r" + (i + 1), rules.get(i));
        }
        return statement.param("t", tenantId).param("by", by).param("at", utc(at));
    }

    void insert(Declaration d) {
        jdbc.sql("""
                insert into security_action_declaration (id, tenant_id, declaration_code, star_level, declared_on,
                                                         recorded_by, recorded_at)
                values (:id, :t, :code, :level, :on, :by, :at)""")
                .param("id", d.id()).param("t", d.tenantId()).param("code", d.code()).param("level", d.level())
                .param("on", Date.valueOf(d.declaredOn())).param("by", d.recordedBy()).param("at", utc(d.recordedAt()))
                .update();
    }

    /** A company's declarations, newest first. */
    public List<Declaration> declarations(Actor actor, UUID tenantId) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from security_action_declaration where tenant_id = :t and "
                        + TenantScope.where("tenant_id") + " order by declared_on desc, seq desc"))
                .param("t", tenantId).query(SecurityActionRepository::map).list();
    }

    public Optional<Declaration> latest(Actor actor, UUID tenantId) {
        return declarations(actor, tenantId).stream().findFirst();
    }

    /** Companies (that the actor sees) whose newest declaration is at each level: index 0 = ★, 1 = ★★. */
    public List<Integer> countsByLevel(Actor actor) {
        List<Integer> levels = actor.tenantScope().bind(jdbc.sql("""
                select d.star_level from (select x.*, row_number() over (partition by x.tenant_id
                                                  order by x.declared_on desc, x.seq desc) as rn
                                            from security_action_declaration x) d
                 where d.rn = 1 and """ + TenantScope.where("d.tenant_id")))
                .query(Integer.class).list();
        return List.of((int) levels.stream().filter(l -> l == 1).count(), (int) levels.stream().filter(l -> l == 2).count());
    }

    private static Declaration map(ResultSet rs, int row) throws SQLException {
        return new Declaration(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("declaration_code"), rs.getInt("star_level"), rs.getDate("declared_on").toLocalDate(),
                rs.getString("recorded_by"), instant(rs, "recorded_at"));
    }
}
