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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * V12 on data written before it: addresses already registered count as confirmed; where several devices
 * claimed one address (the old demo put 127.0.0.1 on six companies) the oldest device keeps it and the others
 * wait for staff review, routing nothing. Then the database refuses any second claim. H2 and PostgreSQL.
 */
class DeviceAddressMigrationTest {
    private static final UUID OLDEST = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID NEWER = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID NONE = UUID.fromString("00000000-0000-0000-0000-000000000003");

    @Test
    void existingDuplicateAddressesKeepTheOldestDeviceAndMarkTheOthersForReviewOnH2() throws Exception {
        String url = "jdbc:h2:mem:mig" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        try (Connection keepAlive = DriverManager.getConnection(url, "sa", "")) {
            verify(Flyway.configure().dataSource(url, "sa", ""), () -> DriverManager.getConnection(url, "sa", ""));
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
    void existingDuplicateAddressesKeepTheOldestDeviceAndMarkTheOthersForReviewOnPostgres() throws Exception {
        String base = System.getenv(TestDatabases.PG_ENV);
        String schema = "sk_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            verify(Flyway.configure().dataSource(url, null, null).schemas(schema), () -> DriverManager.getConnection(url));
        } finally {
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    interface Connector {
        Connection open() throws Exception;
    }

    private static void verify(org.flywaydb.core.api.configuration.FluentConfiguration config, Connector db) throws Exception {
        assertThat(config.target("11").load().migrate().success).isTrue();
        try (Connection c = db.open()) {
            UUID a = tenant(c, "Alpha");
            UUID b = tenant(c, "Bravo");
            device(c, NEWER, b, "utm-b", "127.0.0.1,192.0.2.5", OffsetDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC));
            device(c, OLDEST, a, "utm-a", "127.0.0.1", OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
            device(c, NONE, a, "sensor-a", null, OffsetDateTime.of(2026, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC));
        }
        assertThat(config.target("latest").load().migrate().success).isTrue();
        try (Connection c = db.open()) {
            assertThat(rows(c, "select device_id, address, status, claim from device_address order by address, device_id"))
                    .containsExactly(OLDEST + " 127.0.0.1 confirmed 127.0.0.1", NEWER + " 127.0.0.1 review null",
                            NEWER + " 192.0.2.5 confirmed 192.0.2.5");
            // What the pages show as routing: only the confirmed addresses.
            assertThat(rows(c, "select id, source_ips from device order by id")).containsExactly(
                    OLDEST + " 127.0.0.1", NEWER + " 192.0.2.5", NONE + " null");
            assertThat(rows(c, "select distinct charset from device")).containsExactly("auto");
            // From now on the database refuses a second claim on an address, in any company.
            assertThatThrownBy(() -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("insert into device_address (device_id, tenant_id, address, status, claim, requested_at) "
                            + "select id, tenant_id, '127.0.0.1', 'requested', '127.0.0.1', current_timestamp from device where id = '"
                            + NONE + "'");
                }
            }).isInstanceOf(java.sql.SQLException.class);
        }
    }

    private static UUID tenant(Connection c, String name) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement p = c.prepareStatement("insert into tenant (id, name, industry, employee_band, prefecture,"
                + " created_at, updated_at) values (?, ?, 'E', 'UP_TO_50', '27', current_timestamp, current_timestamp)")) {
            p.setObject(1, id);
            p.setString(2, name);
            p.executeUpdate();
        }
        return id;
    }

    private static void device(Connection c, UUID id, UUID tenant, String name, String ips, OffsetDateTime created)
            throws Exception {
        try (PreparedStatement p = c.prepareStatement("insert into device (id, tenant_id, name, kind, format, source_ips,"
                + " token_hash, token_prefix, created_at) values (?, ?, ?, 'utm', 'auto', ?, ?, 'sdt_x', ?)")) {
            p.setObject(1, id);
            p.setObject(2, tenant);
            p.setString(3, name);
            p.setString(4, ips);
            p.setString(5, UUID.randomUUID().toString().replace("-", ""));
            p.setObject(6, created);
            p.executeUpdate();
        }
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    cols.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join(" ", cols));
            }
        }
        return rows;
    }
}
