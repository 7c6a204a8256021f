package jp.sukedachi.app.triage;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;
import static jp.sukedachi.app.shared.Texts.cut;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import jp.sukedachi.event.Detection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;
import java.util.Map;
import jp.sukedachi.event.Category;

/** Detections from every detector, kept with their evidence event; read within the actor's scope. */
@Repository
class DetectionRepository {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ObjectMapper json;
    private final FunnelCountRepository counts;

    DetectionRepository(JdbcClient jdbc, JdbcTemplate template, ObjectMapper json, FunnelCountRepository counts) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.counts = counts;
    }

    /** A pipeline batch's detections as one JDBC batch: one prepared statement, not one per detection. */
    public void insert(List<Detection> detections, Instant now) {
        List<Object[]> rows = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            rows.add(new Object[] {d.tenant().value(), d.device() == null ? null : d.device().value(),
                    utc(Instant.ofEpochMilli(d.timestampMillis())), d.detector(), cut(d.ruleId(), 2100),
                    cut(d.title(), 500), d.severity().name(), cut(json.writeValueAsString(d.context()), 4000),
                    d.evidence() == null ? null : cut(json.writeValueAsString(d.evidence().ecsFields()), 16000),
                    d.evidence() == null ? null : cut(d.evidence().raw(), 8000), utc(now), d.category().name()});
            counts.countDetection(d.tenant().value(), Instant.ofEpochMilli(d.timestampMillis()), d.category());
        }
        if (!rows.isEmpty()) {
            template.batchUpdate("""
                    insert into detection (tenant_id, device_id, at, detector, rule_id, title, severity, context,
                                           evidence, raw, created_at, category)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
    }

    public List<StoredDetection> findByTenant(Actor actor, UUID tenantId, int limit) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from detection where tenant_id = :t and " + TenantScope.where("tenant_id")
                        + " order by id desc fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only"))
                .param("t", tenantId).query(DetectionRepository::map).list();
    }

    /** Newest detections of every tenant the actor may see. */
    public List<StoredDetection> findVisible(Actor actor, int limit) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from detection where " + TenantScope.where("tenant_id")
                        + " order by id desc fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only"))
                .query(DetectionRepository::map).list();
    }

    private static StoredDetection map(ResultSet rs, int row) throws SQLException {
        return new StoredDetection(rs.getLong("id"), rs.getObject("tenant_id", UUID.class),
                rs.getObject("device_id", UUID.class), instant(rs, "at"), rs.getString("detector"),
                rs.getString("rule_id"), rs.getString("title"), rs.getString("severity"), rs.getString("context"),
                rs.getString("evidence"), rs.getString("raw"), instant(rs, "created_at"));
    }

    /**
     * How many detections of one company fall in {@code [from, to)}, by category; detections stored before categories
     * existed (V19) count as OTHER. Within the actor's scope.
     */
    Map<Category, Long> categoriesBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        return AlertRepository.categoryCounts(jdbc, actor, "select coalesce(category, 'OTHER') as c, count(*) as n"
                + " from detection where tenant_id = :t and at >= :from and at < :to and "
                + TenantScope.where("tenant_id") + " group by coalesce(category, 'OTHER')", tenantId, from, to);
    }

    /** The most frequent titles of one company's detections of a category in {@code [from, to)}, and how many there are. */
    AlertQueries.TitleCounts titlesBetween(Actor actor, UUID tenantId, Category category, Instant from, Instant to,
            int limit) {
        String where = " from detection where tenant_id = :t and category = :c and at >= :from and at < :to and "
                + TenantScope.where("tenant_id");
        List<AlertQueries.TitleCount> top = actor.tenantScope().bind(jdbc.sql("select title, count(*) as n" + where
                        + " group by title order by count(*) desc, title fetch first " + Math.max(1, Math.min(limit, 100))
                        + " rows only"))
                .param("t", tenantId).param("c", category.name()).param("from", utc(from)).param("to", utc(to))
                .query((rs, n) -> new AlertQueries.TitleCount(rs.getString("title"), rs.getLong("n"))).list();
        long kinds = actor.tenantScope().bind(jdbc.sql("select count(distinct title)" + where))
                .param("t", tenantId).param("c", category.name()).param("from", utc(from)).param("to", utc(to))
                .query(Long.class).single();
        return new AlertQueries.TitleCounts(top, kinds);
    }
}
