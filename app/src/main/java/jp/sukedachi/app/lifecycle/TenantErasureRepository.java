package jp.sukedachi.app.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts and deletes every row of a company in every table ({@link TenantErasureTables} says which). The deletion
 * runs in the caller's transaction, children first, so it is all or nothing.
 */
@Repository
class TenantErasureRepository {
    private final TenantErasureTables tables;
    private final JdbcClient jdbc;
    private final JdbcClient streaming;

    TenantErasureRepository(TenantErasureTables tables, JdbcClient jdbc, DataSource dataSource) {
        this.tables = tables;
        this.jdbc = jdbc;
        // The export reads row by row: PostgreSQL sends rows in batches only with a fetch size (in a transaction).
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(500);
        this.streaming = JdbcClient.create(template);
    }

    List<TenantErasureTables.Part> parts() {
        return tables.parts();
    }

    /** The company's rows per table (tables without any left out), in table-name order. */
    Map<String, Long> count(UUID tenant, String slug) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (TenantErasureTables.Part part : tables.parts()) {
            long n = count(part, tenant, slug);
            if (n > 0) {
                counts.put(part.name(), n);
            }
        }
        return counts;
    }

    /** The company's rows of one part of a table. */
    long count(TenantErasureTables.Part part, UUID tenant, String slug) {
        return bind(jdbc.sql("select count(*) from " + part.name() + " where " + part.where()), tenant, slug)
                .query(Long.class).single();
    }

    /** Deletes every row of the company; returns the rows deleted per table (tables with none left out). */
    @Transactional
    Map<String, Long> erase(UUID tenant, String slug) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (TenantErasureTables.Part part : tables.parts()) {
            long n = bind(jdbc.sql("delete from " + part.name() + " where " + part.where()), tenant, slug).update();
            if (n > 0) {
                deleted.put(part.name(), n);
            }
        }
        return deleted;
    }

    /** The company's rows of one table, row by row (the export streams them). */
    void select(TenantErasureTables.Part part, String columns, UUID tenant, String slug, RowCallbackHandler rows) {
        bind(streaming.sql("select " + columns + " from " + part.name() + " where " + part.where()), tenant, slug)
                .query(rows);
    }

    private static StatementSpec bind(StatementSpec statement, UUID tenant, String slug) {
        return statement.param("tenant", tenant).param("idText", "%" + tenant + "%")
                .param("slugText", "%" + (slug == null || slug.isBlank() ? tenant.toString() : likeEscaped(slug)) + "%");
    }

    /** A slug has only [a-z0-9-]; anything else is escaped so a LIKE never matches more than the slug. */
    private static String likeEscaped(String slug) {
        return slug.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
