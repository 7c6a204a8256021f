package jp.sukedachi.app.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where integration tests keep their data: a fresh in-memory H2 per Spring context, or a fresh schema
 * in the PostgreSQL named by SUKEDACHI_TEST_PG_URL (dropped when the JVM exits). Each test class
 * calls one of these from its own {@code @DynamicPropertySource}.
 */
public final class TestDatabases {
    public static final String PG_ENV = "SUKEDACHI_TEST_PG_URL";

    private TestDatabases() {
    }

    public static void h2(DynamicPropertyRegistry registry) {
        String name = "sk" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        dataDir(registry);
    }

    public static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchema pg = postgresSchema();
        registry.add("spring.datasource.url", pg::url);
        registry.add("spring.datasource.username", () -> "");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", pg::schema);
        // Spring keeps up to 32 test contexts alive; at the production pool size (10) the PostgreSQL twins alone would
        // hold more than the server's 100 connections. A cached context that is idle gives its connections back.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "5");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        dataDir(registry);
    }

    /** A fresh schema in the test PostgreSQL (dropped when the JVM exits); {@code url} selects it. */
    public record PostgresSchema(String url, String schema) {
        /** The arguments that point a {@link ServerProcess} at this schema. */
        public java.util.List<String> serverArgs() {
            return java.util.List.of("--spring.datasource.url=" + url, "--spring.datasource.username=",
                    "--spring.datasource.password=", "--spring.flyway.schemas=" + schema);
        }
    }

    public static PostgresSchema postgresSchema() {
        String base = System.getenv(PG_ENV);
        if (base == null || base.isBlank()) {
            throw new IllegalStateException(PG_ENV + " is not set");
        }
        String schema = "sk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(base, "create schema " + schema);
        dropAtExit(base, schema);
        return new PostgresSchema(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, schema);
    }

    private static final java.util.List<String> SCHEMAS_TO_DROP = new java.util.ArrayList<>();

    /**
     * One hook drops every schema, one after another: a hook per schema ran them all at once, and fifty
     * concurrent cascading drops of ~100 tables each exhausted PostgreSQL's lock table ("out of shared memory").
     */
    private static synchronized void dropAtExit(String base, String schema) {
        if (SCHEMAS_TO_DROP.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                java.util.List<String> schemas;
                synchronized (TestDatabases.class) {
                    schemas = java.util.List.copyOf(SCHEMAS_TO_DROP);
                }
                for (String s : schemas) {
                    try {
                        execute(base, "drop schema if exists " + s + " cascade");
                    } catch (IllegalStateException e) {
                        System.err.println("could not drop test schema " + s + ": " + e.getCause().getMessage());
                    }
                }
            }));
        }
        SCHEMAS_TO_DROP.add(schema);
    }

    public static boolean postgresConfigured() {
        String base = System.getenv(PG_ENV);
        return base != null && !base.isBlank();
    }

    private static void dataDir(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("sukedachi-test");
            dir.toFile().deleteOnExit();
            registry.add("sukedachi.data-dir", dir::toString);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_ENV + " failed: " + sql, e);
        }
    }
}
