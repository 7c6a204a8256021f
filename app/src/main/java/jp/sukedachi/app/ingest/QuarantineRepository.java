package jp.sukedachi.app.ingest;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;
import static jp.sukedachi.app.shared.Texts.cut;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.device.QuarantineEntry;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The per-device quarantine, capped so a broken feed cannot fill the database. */
@Repository
class QuarantineRepository {
    /** Newest entries kept per device; older ones are counted in metrics but dropped. */
    public static final int CAP_PER_DEVICE = 1000;
    static final int RECORD_MAX = 8000;
    private final JdbcClient jdbc;

    QuarantineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<QuarantineEntry> entries) {
        for (QuarantineEntry e : entries) {
            jdbc.sql("""
                    insert into quarantine (tenant_id, device_id, at, format, reason, record)
                    values (:t, :d, :at, :f, :reason, :record)""")
                    .param("t", e.tenantId()).param("d", e.deviceId()).param("at", utc(e.at()))
                    .param("f", e.format()).param("reason", cut(e.reason(), 500)).param("record", cut(e.record(), RECORD_MAX))
                    .update();
        }
    }

    /** Drops all but the newest {@link #CAP_PER_DEVICE} entries of a device. */
    void trim(UUID deviceId) {
        Long keepFrom = jdbc.sql("select id from quarantine where device_id = :d order by id desc offset "
                + (CAP_PER_DEVICE - 1) + " rows fetch next 1 rows only").param("d", deviceId).query(Long.class)
                .optional().orElse(null);
        if (keepFrom != null) {
            jdbc.sql("delete from quarantine where device_id = :d and id < :keep").param("d", deviceId)
                    .param("keep", keepFrom).update();
        }
    }

    public List<QuarantineEntry> findByTenant(Actor actor, UUID tenantId, UUID deviceId, int limit) {
        var statement = actor.tenantScope().bind(jdbc.sql("select * from quarantine where tenant_id = :t and "
                + TenantScope.where("tenant_id") + (deviceId == null ? "" : " and device_id = :d")
                + " order by id desc fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only"))
                .param("t", tenantId);
        if (deviceId != null) {
            statement = statement.param("d", deviceId);
        }
        return statement.query(QuarantineRepository::map).list();
    }


    private static QuarantineEntry map(ResultSet rs, int row) throws SQLException {
        return new QuarantineEntry(rs.getLong("id"), rs.getObject("tenant_id", UUID.class),
                rs.getObject("device_id", UUID.class), instant(rs, "at"), rs.getString("format"),
                rs.getString("reason"), rs.getString("record"));
    }
}
