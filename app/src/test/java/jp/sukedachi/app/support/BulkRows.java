package jp.sukedachi.app.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.event.Category;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many rows of one company written in one batch, for tests that need more rows than a list's cap (a capped read
 * must never become a figure): building a thousand alerts through triage would take far longer.
 */
public final class BulkRows {
    private BulkRows() {
    }

    /** {@code count} alerts first seen at {@code firstSeen}, one a second after it, NEW or CLOSED (benign). */
    public static void alerts(JdbcTemplate jdbc, UUID tenantId, int count, Category category, boolean closed,
            Instant firstSeen) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Timestamp at = Timestamp.from(firstSeen.plusSeconds(i));
            String entity = "ip:10.9." + (i / 250) + "." + (i % 250);
            rows.add(new Object[] {UUID.randomUUID(), tenantId, "bulk|r|" + entity + "|" + UUID.randomUUID(),
                    "%064d".formatted(i), entity, "Bulk " + category + " " + i, closed ? "CLOSED" : "NEW",
                    closed ? "BENIGN" : null, at, at, at, at, at, category.name()});
        }
        jdbc.batchUpdate("insert into alert (id, tenant_id, group_key, key_hash, detector, rule_id, entity, title,"
                + " base_severity, severity, status, resolution, event_count, first_seen, last_seen, window_start,"
                + " created_at, updated_at, category) values (?, ?, ?, ?, 'bulk', 'r', ?, ?, 'LOW', 'LOW', ?, ?, 1,"
                + " ?, ?, ?, ?, ?, ?)", rows);
    }

    /** {@code count} incidents opened at {@code openedAt} (one a second after it), closed at closedAt when given. */
    public static void incidents(JdbcTemplate jdbc, UUID tenantId, int count, Instant openedAt, Instant closedAt) {
        long next = jdbc.queryForObject("select coalesce(max(number), 0) + 1 from incident", Long.class);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Timestamp at = Timestamp.from(openedAt.plusSeconds(i));
            rows.add(new Object[] {UUID.randomUUID(), tenantId, next + i, "Bulk incident " + i,
                    closedAt == null ? "OPEN" : "CLOSED", at, closedAt == null ? null : Timestamp.from(closedAt), at});
        }
        jdbc.batchUpdate("insert into incident (id, tenant_id, number, title, status, type, severity, source,"
                + " created_at, created_by, closed_at, updated_at) values (?, ?, ?, ?, ?, 'OTHER', 'MEDIUM', 'ALERTS',"
                + " ?, 'test', ?, ?)", rows);
    }
}
