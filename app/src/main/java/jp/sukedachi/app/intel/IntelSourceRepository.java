package jp.sukedachi.app.intel;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;
import static jp.sukedachi.app.shared.Texts.cut;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Intel sources are provider-level configuration (no tenant); only staff screens and the service use them. */
@Repository
class IntelSourceRepository {
    private final JdbcClient jdbc;

    public IntelSourceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<IntelSource> findAll() {
        return jdbc.sql("select * from intel_source order by name").query(IntelSourceRepository::map).list();
    }

    public Optional<IntelSource> findByName(String name) {
        return jdbc.sql("select * from intel_source where name = :n").param("n", name).query(IntelSourceRepository::map)
                .optional();
    }

    void insert(IntelSource s) {
        jdbc.sql("""
                insert into intel_source (id, name, format, url, refresh_minutes, ttl_days, enabled, created_at)
                values (:id, :name, :format, :url, :refresh, :ttl, :enabled, :at)""")
                .param("id", s.id()).param("name", s.name()).param("format", s.format()).param("url", s.url())
                .param("refresh", s.refreshMinutes()).param("ttl", s.ttlDays()).param("enabled", s.enabled())
                .param("at", utc(s.createdAt())).update();
    }

    void recordRun(UUID id, Instant at, String status, Integer imported, Integer rejected, String error) {
        jdbc.sql("""
                update intel_source set last_refresh_at = :at, last_status = :status, last_imported = :imported,
                       last_rejected = :rejected, last_error = :error where id = :id""")
                .param("at", utc(at)).param("status", status).param("imported", imported).param("rejected", rejected)
                .param("error", cut(error, 2000)).param("id", id).update();
    }

    private static IntelSource map(ResultSet rs, int row) throws SQLException {
        int imported = rs.getInt("last_imported");
        Integer lastImported = rs.wasNull() ? null : imported;
        int rejected = rs.getInt("last_rejected");
        Integer lastRejected = rs.wasNull() ? null : rejected;
        return new IntelSource(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("format"),
                rs.getString("url"), rs.getInt("refresh_minutes"), rs.getInt("ttl_days"), rs.getBoolean("enabled"),
                instant(rs, "last_refresh_at"), rs.getString("last_status"), lastImported, lastRejected,
                rs.getString("last_error"), instant(rs, "created_at"));
    }
}
