package jp.sukedachi.app.triage;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Ecs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@link OwnerStory} of an alert from what triage stored: its first evidence event, and the host names the
 * company's endpoint logs tied to inside addresses (a Sysmon network event carries the PC's name and address), so
 * a UTM's alert about 192.168.9.26 names TAKAHASHI-PC07. Every query is bound to one tenant.
 */
@Component
public class OwnerStories {
    /** How many evidence events with a host name are read to learn a company's names (newest first). */
    private static final int NAME_EVIDENCE = 500;
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public OwnerStories(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The story of one alert of {@code tenantId}. */
    public OwnerStory of(UUID tenantId, UUID alertId, Category category, String entity) {
        return OwnerStory.of(category, entity, evidence(tenantId, alertId), hostNames(tenantId));
    }

    /** The stories of several alerts of one tenant, reading the company's names once. */
    public Map<UUID, OwnerStory> of(UUID tenantId, List<Alert> alerts) {
        Map<String, String> names = hostNames(tenantId);
        Map<UUID, OwnerStory> out = new LinkedHashMap<>();
        for (Alert a : alerts) {
            out.put(a.id(), OwnerStory.of(a.category(), a.entity(), evidence(tenantId, a.id()), names));
        }
        return out;
    }

    /** The ECS fields of the alert's stored evidence events (at most {@link AlertRepository#EVIDENCE_CAP}), oldest first. */
    List<Map<String, String>> evidence(UUID tenantId, UUID alertId) {
        return jdbc.sql("""
                select e.fields from alert_evidence e join alert a on a.id = e.alert_id
                 where e.alert_id = :a and a.tenant_id = :t order by e.id""")
                .param("a", alertId).param("t", tenantId).query(String.class).list().stream().map(this::parse).toList();
    }

    /** Inside address → host name, from the company's evidence that carries both (the newest wins). */
    Map<String, String> hostNames(UUID tenantId) {
        List<String> rows = jdbc.sql("""
                select e.fields from alert_evidence e join alert a on a.id = e.alert_id
                 where a.tenant_id = :t and e.fields like '%"host.name"%'
                 order by e.id desc""" + " fetch first " + NAME_EVIDENCE + " rows only")
                .param("t", tenantId).query(String.class).list();
        Map<String, String> names = new HashMap<>();
        for (String row : rows) {
            Map<String, String> f = parse(row);
            String host = f.get(Ecs.HOST_NAME);
            if (host == null || OwnerStory.address(host)) {
                continue;
            }
            for (String field : new String[] {Ecs.HOST_IP, Ecs.SOURCE_IP}) {
                String ip = f.get(field);
                if (OwnerStory.inside(ip)) {
                    names.putIfAbsent(ip, host);
                    break;
                }
            }
        }
        return names;
    }

    private Map<String, String> parse(String fields) {
        try {
            Map<String, String> f = json.readValue(fields, FIELDS);
            return f == null ? Map.of() : f;
        } catch (RuntimeException e) {
            return Map.of(); // evidence written by an older version: told without it
        }
    }
}
