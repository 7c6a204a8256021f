package jp.sukedachi.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 5: after a write error the embedded H2 closes itself and every pooled connection failed for ever
 * (every token check a 500) while the application was busy. With the eviction override the pool drops the dead
 * connection at its first failure and the next request opens the database again.
 */
class H2ClosedEvictionTest {
    @TempDir
    Path dir;

    @Test
    void aClosedEmbeddedDatabaseIsReopenedByTheNextRequestUnderContinuousLoad() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;TRACE_LEVEL_FILE=0");
        config.setUsername("sa");
        config.setMaximumPoolSize(1);
        config.setExceptionOverrideClassName(H2ClosedEviction.class.getName()); // as application.yml sets it
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table t (x int)");
                s.execute("insert into t values (1)");
                s.execute("checkpoint sync"); // on disk, so the reopened database has it
            }
            // What H2 does to itself after a failed write; the pooled session stays behind, dead.
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("shutdown immediately");
            } catch (SQLException expected) {
                // the connection that closed the database may report it
            }
            int failures = 0;
            Integer value = null;
            // Back to back, as under load: Hikari's idle validation (500 ms) never gets a chance.
            for (int i = 0; i < 20 && value == null; i++) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                        var rs = s.executeQuery("select x from t")) {
                    rs.next();
                    value = rs.getInt(1);
                } catch (SQLException e) {
                    failures++;
                }
            }
            assertThat(value).as("the database opened again").isEqualTo(1);
            assertThat(failures).as("only the dead connection's own request failed").isLessThanOrEqualTo(1);
        }
    }
}
