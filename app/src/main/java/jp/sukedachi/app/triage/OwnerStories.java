package jp.sukedachi.app.triage;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.asset.HostNames;
import jp.sukedachi.app.asset.Marking;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Ecs;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@link OwnerStory} of an alert from what triage stored: its evidence events, and the host names the
 * company's endpoint logs tied to inside addresses (a Sysmon network event carries the PC's name and address), so
 * a UTM's alert about 192.168.9.26 names TAKAHASHI-PC07. Every query is bound to one tenant.
 */
@Component
public class OwnerStories {
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };
    private final OwnerStoryRepository repository;
    private final ObjectMapper json;
    private final HostNames inventory;

    OwnerStories(OwnerStoryRepository repository, ObjectMapper json, HostNames inventory) {
        this.repository = repository;
        this.json = json;
        this.inventory = inventory;
    }

    /** The story of one alert of {@code tenantId}. */
    public OwnerStory of(UUID tenantId, UUID alertId, Category category, String entity) {
        Map<String, String> names = hostNames(tenantId);
        return notOurs(OwnerStory.of(category, entity, evidence(tenantId, alertId), names), entity, names);
    }

    /** The stories of several alerts of one tenant, reading the company's names once. */
    public Map<UUID, OwnerStory> of(UUID tenantId, List<Alert> alerts) {
        Map<String, String> names = hostNames(tenantId);
        Map<UUID, List<Map<String, String>>> evidence = evidence(tenantId, alerts.stream().map(Alert::id).toList());
        Map<UUID, OwnerStory> out = new LinkedHashMap<>();
        for (Alert a : alerts) {
            out.put(a.id(), notOurs(OwnerStory.of(a.category(), a.entity(), evidence.getOrDefault(a.id(), List.of()),
                    names), a.entity(), names));
        }
        return out;
    }

    /**
     * The story told about one alert on its own page and in its mail: the company's card's, i.e. that of the most
     * serious open alert about the same PC (a PC whose shadow copies were deleted is told as ransomware, whatever
     * else it also did).
     */
    public OwnerStory told(UUID tenantId, UUID alertId, Category category, String entity) {
        Map<String, String> names = hostNames(tenantId);
        OwnerStory told = notOurs(OwnerStory.of(category, entity, evidence(tenantId, alertId), names), entity, names);
        String group = told.group(alertId, null);
        if (group.startsWith("alert:")) {
            return told;
        }
        // Only the open alerts that could tell a more serious story are read, and their evidence in one query.
        OwnerStory mine = told;
        List<OwnerStoryRepository.Open> rivals = repository.open(tenantId).stream()
                .filter(o -> !o.id().equals(alertId)
                        && OwnerStory.moreSerious(mine.category(), o.category()) != mine.category())
                .toList();
        Map<UUID, List<Map<String, String>>> evidence = evidence(tenantId,
                rivals.stream().map(OwnerStoryRepository.Open::id).toList());
        for (OwnerStoryRepository.Open o : rivals) {
            if (OwnerStory.moreSerious(told.category(), o.category()) == told.category()) {
                continue;
            }
            OwnerStory other = OwnerStory.of(o.category(), o.entity(), evidence.getOrDefault(o.id(), List.of()), names);
            if (other.group(o.id(), null).equals(group)) {
                told = other;
            }
        }
        return told;
    }

    /** The ECS fields of the alert's stored evidence events (at most {@link AlertRepository#EVIDENCE_CAP}), oldest first. */
    List<Map<String, String>> evidence(UUID tenantId, UUID alertId) {
        return evidence(tenantId, List.of(alertId)).getOrDefault(alertId, List.of());
    }

    /** The same for several alerts of one tenant, read in one query. */
    private Map<UUID, List<Map<String, String>>> evidence(UUID tenantId, List<UUID> alertIds) {
        Map<UUID, List<Map<String, String>>> out = new HashMap<>();
        repository.evidence(tenantId, alertIds).forEach((id, rows) -> out.put(id, rows.stream().map(this::parse).toList()));
        return out;
    }

    /** Marks the keys of devices the company said are not its own (kept in the names map, never shown). */
    private static final String NOT_OURS = "\u0000not-ours:";

    /**
     * An unknown device the company marked "not ours" is told with the advice to take it off the office network
     * (Wi-Fi) ({@code plain.unknown_device_not_ours}).
     */
    private static OwnerStory notOurs(OwnerStory story, String entity, Map<String, String> names) {
        if (story.category() != Category.UNKNOWN_DEVICE || entity == null
                || !names.containsKey(NOT_OURS + entity.strip().toLowerCase(java.util.Locale.ROOT))) {
            return story;
        }
        return new OwnerStory("plain.unknown_device_not_ours", story.category(), story.pc(), story.address(),
                story.file());
    }

    /**
     * Inside address (or MAC) → host name: the company's device inventory (its name with the company's label), else
     * the company's evidence that carries both a name and an inside address (the newest wins).
     */
    Map<String, String> hostNames(UUID tenantId) {
        List<String> rows = repository.namedEvidence(tenantId);
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
        inventory.all(tenantId).forEach((key, named) -> {
            names.put(key, named.text());
            if (named.marking() == Marking.NOT_OURS) {
                names.put(NOT_OURS + key, "");
            }
        });
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
