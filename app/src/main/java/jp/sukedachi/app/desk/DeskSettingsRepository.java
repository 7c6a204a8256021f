package jp.sukedachi.app.desk;

import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The saved desk settings, one row per setting; provider-wide (no tenant), changed only by provider admins. */
@Repository
class DeskSettingsRepository {
    private final JdbcClient jdbc;

    DeskSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, String> findAll() {
        Map<String, String> values = new LinkedHashMap<>();
        jdbc.sql("select name, setting_value from desk_setting order by name")
                .query((rs, row) -> Map.entry(rs.getString("name"), rs.getString("setting_value"))).list()
                .forEach(e -> values.put(e.getKey(), e.getValue()));
        return values;
    }

    /** Replaces the saved value of every setting in {@code values}; others stay as they are. */
    void save(Map<String, String> values, UUID by, Instant at) {
        values.forEach((name, value) -> {
            jdbc.sql("delete from desk_setting where name = :name").param("name", name).update();
            jdbc.sql("""
                    insert into desk_setting (name, setting_value, updated_at, updated_by)
                    values (:name, :value, :at, :by)""")
                    .param("name", name).param("value", value).param("at", utc(at)).param("by", by).update();
        });
    }
}
