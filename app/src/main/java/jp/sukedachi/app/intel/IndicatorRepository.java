package jp.sukedachi.app.intel;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;
import static jp.sukedachi.app.shared.Texts.cut;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Indicators and the allowlist. Provider-wide rows (no tenant) are visible to every actor that may
 * see intel; a tenant's own rows only within the actor's tenant scope.
 */
@Repository
public class IndicatorRepository {
    static final String PROVIDER_SCOPE = "provider";
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public IndicatorRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A stored indicator with its row id (for publishing and the UI). */
    public record Row(long id, Indicator indicator) {
    }

    static String scope(UUID tenant) {
        return tenant == null ? PROVIDER_SCOPE : tenant.toString();
    }

    /**
     * Inserts new indicators and refreshes the ones a source already had (last seen, expiry, metadata),
     * in JDBC batches: a feed of 100,000 lines is two round trips per thousand rows, not one per row.
     */
    public void upsert(List<Indicator> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Indicator> byKey = new HashMap<>();
        for (Indicator i : batch) {
            byKey.put(i.type() + "\u0000" + i.value() + "\u0000" + i.source() + "\u0000" + scope(i.tenant()), i);
        }
        List<Indicator> unique = new ArrayList<>(byKey.values());
        List<Object[]> updates = new ArrayList<>();
        for (Indicator i : unique) {
            updates.add(new Object[] {i.confidence(), i.threatType(), i.malwareFamily(), ts(i.lastSeen()),
                ts(i.expiresAt()), cut(i.reference(), 500), i.type().name(), i.value(), i.source(), scope(i.tenant())});
        }
        int[] updated = template.batchUpdate("""
                update indicator set confidence = ?, threat_type = ?, malware_family = ?, last_seen = ?, expires_at = ?,
                       reference = ? where type = ? and ioc_value = ? and source = ? and scope = ?""", updates);
        List<Object[]> inserts = new ArrayList<>();
        for (int k = 0; k < unique.size(); k++) {
            if (updated[k] == 0) {
                Indicator i = unique.get(k);
                inserts.add(new Object[] {i.type().name(), i.value(), i.source(), i.confidence(), cut(i.threatType(), 64),
                    cut(i.malwareFamily(), 128), ts(i.firstSeen()), ts(i.lastSeen()), ts(i.expiresAt()), i.tenant(),
                    scope(i.tenant()), cut(i.reference(), 500)});
            }
        }
        if (!inserts.isEmpty()) {
            template.batchUpdate("""
                    insert into indicator (type, ioc_value, source, confidence, threat_type, malware_family, first_seen,
                                           last_seen, expires_at, tenant_id, scope, reference)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** Streams every indicator still active at {@code now}, for building the matcher's snapshot. */
    public void forEachActive(Instant now, Consumer<Indicator> sink) {
        template.query("select * from indicator where expires_at is null or expires_at > ?",
                rs -> {
                    sink.accept(map(rs));
                }, Timestamp.from(now));
    }

    public List<Row> search(Actor actor, String value, String source, int limit) {
        StringBuilder sql = new StringBuilder("select * from indicator where (tenant_id is null or "
                + TenantScope.where("tenant_id") + ")");
        if (value != null) {
            sql.append(" and ioc_value like :value");
        }
        if (source != null) {
            sql.append(" and source = :source");
        }
        sql.append(" order by id desc fetch first ").append(Math.max(1, Math.min(limit, 500))).append(" rows only");
        var statement = actor.tenantScope().bind(jdbc.sql(sql.toString()));
        if (value != null) {
            statement = statement.param("value", "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (source != null) {
            statement = statement.param("source", source);
        }
        return statement.query((rs, n) -> new Row(rs.getLong("id"), map(rs))).list();
    }

    public List<Row> findByValue(Actor actor, String value) {
        return actor.tenantScope().bind(jdbc.sql("select * from indicator where ioc_value = :v and (tenant_id is null or "
                + TenantScope.where("tenant_id") + ") order by id")).param("v", value)
                .query((rs, n) -> new Row(rs.getLong("id"), map(rs))).list();
    }

    public Optional<Row> find(Actor actor, long id) {
        return actor.tenantScope().bind(jdbc.sql("select * from indicator where id = :id and (tenant_id is null or "
                + TenantScope.where("tenant_id") + ")")).param("id", id)
                .query((rs, n) -> new Row(rs.getLong("id"), map(rs))).optional();
    }

    /** Counts per source, for the sources screen. */
    public Map<String, Long> countBySource() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select source, count(*) as n from indicator group by source")
                .query(rs -> {
                    counts.put(rs.getString("source"), rs.getLong("n"));
                });
        return counts;
    }

    /**
     * Makes a tenant's indicator protect every customer: the tenant is dropped and the source becomes
     * "shared", so nothing in the provider-wide copy says which company saw it first.
     */
    boolean publish(long id, String sharedSource, Instant now) {
        var row = jdbc.sql("select * from indicator where id = :id and tenant_id is not null").param("id", id)
                .query((rs, n) -> map(rs)).optional();
        if (row.isEmpty()) {
            return false;
        }
        Indicator i = row.get();
        upsert(List.of(new Indicator(i.type(), i.value(), sharedSource, i.confidence(), i.threatType(), i.malwareFamily(),
                now, now, i.expiresAt(), null, null)));
        return true;
    }

    // --- allowlist ---

    /** An allowlist entry as listed. */
    public record AllowEntry(long id, IndicatorType type, String value, UUID tenantId, String note, String createdBy,
            Instant createdAt) {
    }

    void allow(IndicatorType type, String value, UUID tenant, String note, String by, Instant now) {
        int updated = jdbc.sql("update allowlist set note = :note where type = :type and ioc_value = :value and scope = :scope")
                .param("note", note).param("type", type.name()).param("value", value).param("scope", scope(tenant))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into allowlist (type, ioc_value, tenant_id, scope, note, created_by, created_at)
                    values (:type, :value, :tenant, :scope, :note, :by, :at)""")
                    .param("type", type.name()).param("value", value).param("tenant", tenant).param("scope", scope(tenant))
                    .param("note", note).param("by", by).param("at", utc(now)).update();
        }
    }

    boolean disallow(Actor actor, long id) {
        return actor.tenantScope().bind(jdbc.sql("delete from allowlist where id = :id and (tenant_id is null or "
                + TenantScope.where("tenant_id") + ")")).param("id", id).update() == 1;
    }

    public List<AllowEntry> allowlist(Actor actor) {
        return actor.tenantScope().bind(jdbc.sql("select * from allowlist where tenant_id is null or "
                        + TenantScope.where("tenant_id") + " order by type, ioc_value"))
                .query((rs, n) -> new AllowEntry(rs.getLong("id"), IndicatorType.valueOf(rs.getString("type")),
                        rs.getString("ioc_value"), rs.getObject("tenant_id", UUID.class), rs.getString("note"),
                        rs.getString("created_by"), instant(rs, "created_at")))
                .list();
    }

    /** The whole allowlist as indicators, for the snapshot. */
    public List<Indicator> allowlistIndicators() {
        return jdbc.sql("select * from allowlist").query((rs, n) -> new Indicator(IndicatorType.valueOf(rs.getString("type")),
                rs.getString("ioc_value"), "allowlist", 100, null, null, null, null, null,
                rs.getObject("tenant_id", UUID.class), rs.getString("note"))).list();
    }

    private static Indicator map(ResultSet rs) throws SQLException {
        return new Indicator(IndicatorType.valueOf(rs.getString("type")), rs.getString("ioc_value"), rs.getString("source"),
                rs.getInt("confidence"), rs.getString("threat_type"), rs.getString("malware_family"),
                instant(rs, "first_seen"), instant(rs, "last_seen"), instant(rs, "expires_at"),
                rs.getObject("tenant_id", UUID.class), rs.getString("reference"));
    }
}
