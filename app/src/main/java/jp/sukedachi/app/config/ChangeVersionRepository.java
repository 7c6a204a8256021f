package jp.sukedachi.app.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code change_version} rows ({@link ChangeVersions}): provider-wide, no company's data. */
@Repository
class ChangeVersionRepository {
    private final JdbcClient jdbc;

    ChangeVersionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Bumps {@code kind} in the current transaction and returns its new version; on PostgreSQL also queues the
     * notification on {@code channel}, which the database delivers when (and only if) the transaction commits.
     */
    long bump(String kind, String notifyChannel) {
        jdbc.sql("update change_version set version = version + 1 where kind = :k").param("k", kind).update();
        if (notifyChannel != null) {
            jdbc.sql("select pg_notify(:c, :k)").param("c", notifyChannel).param("k", kind).query().listOfRows();
        }
        return jdbc.sql("select version from change_version where kind = :k").param("k", kind).query(Long.class)
                .single();
    }

    Map<String, Long> versions() {
        Map<String, Long> out = new HashMap<>();
        jdbc.sql("select kind, version from change_version").query(rs -> {
            out.put(rs.getString(1), rs.getLong(2));
        });
        return out;
    }
}
