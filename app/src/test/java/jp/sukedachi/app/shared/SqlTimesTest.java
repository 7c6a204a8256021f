package jp.sukedachi.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An instant written and the same instant as a parameter compare equal in the embedded database. */
class SqlTimesTest {
    @Test
    void aTimeWrittenWithNanosecondsIsDueAtThatSameTime() throws Exception {
        // 999 ns past a microsecond: H2 rounds the stored value up, so without the cut "due_at <= now" was false.
        Instant now = Instant.parse("2026-12-06T10:00:00.123456999Z");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:sqltimes;MODE=PostgreSQL");
                Statement s = c.createStatement()) {
            s.execute("create table t (due_at timestamp with time zone not null)");
            try (PreparedStatement insert = c.prepareStatement("insert into t values (?)")) {
                insert.setObject(1, SqlTimes.utc(now));
                insert.executeUpdate();
            }
            try (PreparedStatement due = c.prepareStatement("select count(*) from t where due_at <= ?")) {
                due.setObject(1, SqlTimes.utc(now));
                try (ResultSet rs = due.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
            try (ResultSet rs = s.executeQuery("select due_at from t")) {
                rs.next();
                assertThat(SqlTimes.instant(rs, "due_at")).isEqualTo(Instant.parse("2026-12-06T10:00:00.123456Z"));
            }
        }
    }
}
