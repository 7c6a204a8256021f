package jp.sukedachi.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import jp.sukedachi.app.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The one set of migrations runs unchanged on H2 and on PostgreSQL, and the constraints hold on both. */
class MigrationTest {

    @Test
    void migratesH2() throws Exception {
        String url = "jdbc:h2:mem:mig" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Flyway flyway = Flyway.configure().dataSource(url, "sa", "").load();
        try (Connection keepAlive = DriverManager.getConnection(url, "sa", "")) {
            verify(flyway, () -> DriverManager.getConnection(url, "sa", ""));
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
    void migratesPostgres() throws Exception {
        String base = System.getenv(TestDatabases.PG_ENV);
        String schema = "sk_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Flyway flyway = Flyway.configure().dataSource(url, null, null).schemas(schema).load();
        try {
            verify(flyway, () -> DriverManager.getConnection(url));
        } finally {
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    interface Connector {
        Connection open() throws Exception;
    }

    private static void verify(Flyway flyway, Connector db) throws Exception {
        var first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
        // Running again finds nothing to do.
        assertThat(flyway.migrate().migrationsExecuted).isZero();
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();

        try (Connection c = db.open()) {
            UUID tenant = UUID.randomUUID();
            OffsetDateTime at = OffsetDateTime.of(2026, 4, 1, 9, 30, 0, 0, ZoneOffset.ofHours(9));
            try (PreparedStatement p = c.prepareStatement("insert into tenant (id, name, industry, employee_band, prefecture,"
                    + " created_at, updated_at) values (?, '株式会社テスト', 'E', 'UP_TO_50', '27', ?, ?)")) {
                p.setObject(1, tenant);
                p.setObject(2, at);
                p.setObject(3, at);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("select name, created_at from tenant where id = ?")) {
                p.setObject(1, tenant);
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("株式会社テスト");
                    // timestamptz keeps the instant whatever the offset it was written with.
                    assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(at.toInstant());
                }
            }
            insertUser(c, UUID.randomUUID(), tenant, "owner@test.jp", "TENANT_OWNER");
            insertUser(c, UUID.randomUUID(), null, "analyst@test.jp", "ANALYST");
            // Provider staff never belong to a tenant, SME users always do.
            assertThatThrownBy(() -> insertUser(c, UUID.randomUUID(), tenant, "bad@test.jp", "ANALYST"))
                    .isInstanceOf(java.sql.SQLException.class);
            assertThatThrownBy(() -> insertUser(c, UUID.randomUUID(), null, "bad2@test.jp", "TENANT_MEMBER"))
                    .isInstanceOf(java.sql.SQLException.class);
            // Logins are unique.
            assertThatThrownBy(() -> insertUser(c, UUID.randomUUID(), tenant, "owner@test.jp", "TENANT_MEMBER"))
                    .isInstanceOf(java.sql.SQLException.class);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into audit_event (at, action, outcome) values (current_timestamp, 'LOGIN', 'SUCCESS')");
                s.executeUpdate("insert into audit_event (at, action, outcome) values (current_timestamp, 'LOGOUT', 'SUCCESS')");
                try (ResultSet rs = s.executeQuery("select id from audit_event order by id")) {
                    assertThat(rs.next()).isTrue();
                    long firstId = rs.getLong(1);
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isGreaterThan(firstId);
                }
            }
        }
    }

    private static void insertUser(Connection c, UUID id, UUID tenant, String login, String role) throws Exception {
        try (PreparedStatement p = c.prepareStatement("insert into app_user (id, tenant_id, login, display_name, role, status,"
                + " created_at) values (?, ?, ?, 'x', ?, 'ACTIVE', current_timestamp)")) {
            p.setObject(1, id);
            p.setObject(2, tenant);
            p.setString(3, login);
            p.setString(4, role);
            p.executeUpdate();
        }
    }
}
