package jp.sukedachi.app.triage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.event.Category;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reads {@link OwnerStories} needs, each bound to one tenant: evidence fields and the open alerts. */
@Repository
class OwnerStoryRepository {
    /** How many evidence events with a host name are read to learn a company's names (newest first). */
    static final int NAME_EVIDENCE = 500;
    private final JdbcClient jdbc;

    OwnerStoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An open alert, as much as a story needs. */
    record Open(UUID id, Category category, String entity) {
    }

    /** The tenant's open alerts, newest first (at most as many as the company's alert page lists). */
    List<Open> open(UUID tenantId) {
        return jdbc.sql("""
                select id, category, entity from alert where tenant_id = :t and status in ('NEW', 'ACKNOWLEDGED')
                 order by last_seen desc fetch first 200 rows only""")
                .param("t", tenantId)
                .query((rs, n) -> new Open(rs.getObject("id", UUID.class), Category.valueOf(rs.getString("category")),
                        rs.getString("entity"))).list();
    }

    /**
     * The JSON fields of the stored evidence events of each of these alerts of the tenant, oldest first, in one query
     * (a card page tells the stories of up to 200 alerts).
     */
    Map<UUID, List<String>> evidence(UUID tenantId, Collection<UUID> alertIds) {
        Map<UUID, List<String>> out = new HashMap<>();
        if (alertIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select e.alert_id, e.fields from alert_evidence e join alert a on a.id = e.alert_id
                 where e.alert_id in (:a) and a.tenant_id = :t order by e.id""")
                .param("a", List.copyOf(alertIds)).param("t", tenantId)
                .query(rs -> {
                    out.computeIfAbsent(rs.getObject("alert_id", UUID.class), k -> new ArrayList<>())
                            .add(rs.getString("fields"));
                });
        return out;
    }

    /** The JSON fields of the tenant's newest evidence events that carry a host name. */
    List<String> namedEvidence(UUID tenantId) {
        return jdbc.sql("""
                select e.fields from alert_evidence e join alert a on a.id = e.alert_id
                 where a.tenant_id = :t and e.fields like '%"host.name"%'
                 order by e.id desc""" + " fetch first " + NAME_EVIDENCE + " rows only")
                .param("t", tenantId).query(String.class).list();
    }
}
