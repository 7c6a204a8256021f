package jp.sukedachi.app.desk;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The desk settings in force: the saved ones ({@code desk_setting}) over the {@code sukedachi.desk.*} defaults,
 * read once and again after each save. Saving is for provider admins, checked as a whole and audited with the
 * names of the settings that changed.
 */
@Component
class DeskSettingsStore {
    private static final Logger log = LoggerFactory.getLogger(DeskSettingsStore.class);

    private final DeskSettings defaults;
    private final DeskSettingsRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private volatile DeskRules rules;

    DeskSettingsStore(DeskSettings defaults, DeskSettingsRepository repository, AuditLog audit, Clock clock) {
        this.defaults = defaults;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    /** Only the defaults, nothing saved (the calendar's unit tests). */
    static DeskSettingsStore ofDefaults(DeskSettings defaults) {
        return new DeskSettingsStore(defaults, null, null, null);
    }

    DeskRules rules() {
        DeskRules r = rules;
        if (r == null) {
            r = load();
            rules = r;
        }
        return r;
    }

    /** Forgets what was read, so the next call reads the saved settings again. */
    void reload() {
        rules = null;
    }

    DeskSettings settings() {
        return rules().text();
    }

    /** Saves every setting of {@code wanted} (checked first: an {@code InvalidInput} names the field). */
    @Transactional
    void save(Actor actor, DeskSettings wanted) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("desk settings are changed by provider admins");
        }
        DeskRules checked = DeskRules.of(wanted);
        Map<String, String> before = values(settings());
        Map<String, String> after = values(checked.text());
        List<String> changed = new ArrayList<>();
        after.forEach((name, value) -> {
            if (!value.equals(before.get(name))) {
                changed.add(name);
            }
        });
        repository.save(after, actor.userId(), clock.instant());
        audit.record(actor, null, AuditAction.DESK_SETTINGS_SAVED, "desk", Outcome.SUCCESS,
                changed.isEmpty() ? "no change" : String.join(", ", changed));
        rules = null;
    }

    private DeskRules load() {
        if (repository == null) {
            return DeskRules.of(defaults);
        }
        Map<String, String> saved = repository.findAll();
        DeskSettings merged = new DeskSettings(
                saved.getOrDefault("phone", defaults.phone()), saved.getOrDefault("email", defaults.email()),
                saved.getOrDefault("hours", defaults.hours()), saved.getOrDefault("opening", defaults.opening()),
                saved.getOrDefault("closing", defaults.closing()), saved.getOrDefault("weekdays", defaults.weekdays()),
                saved.getOrDefault("closedDays", defaults.closedDays()),
                targets(saved, "firstResponse.", defaults.firstResponse()),
                targets(saved, "resolution.", defaults.resolution()));
        try {
            return DeskRules.of(merged);
        } catch (IllegalArgumentException e) {
            log.warn("saved desk settings unusable, using the defaults: {}", e.getMessage());
            return DeskRules.of(defaults);
        }
    }

    private static Map<TicketPriority, Integer> targets(Map<String, String> saved, String prefix,
            Map<TicketPriority, Integer> defaults) {
        Map<TicketPriority, Integer> targets = new EnumMap<>(defaults);
        for (TicketPriority p : TicketPriority.values()) {
            String value = saved.get(prefix + p.name());
            if (value != null && value.matches("\\d{1,4}")) {
                targets.put(p, Integer.valueOf(value));
            }
        }
        return targets;
    }

    /** The settings as rows: name to text. */
    static Map<String, String> values(DeskSettings s) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("phone", s.phone());
        values.put("email", s.email());
        values.put("hours", s.hours());
        values.put("opening", s.opening());
        values.put("closing", s.closing());
        values.put("weekdays", s.weekdays());
        values.put("closedDays", s.closedDays());
        for (TicketPriority p : TicketPriority.values()) {
            values.put("firstResponse." + p.name(), String.valueOf(s.firstResponse().get(p)));
        }
        for (TicketPriority p : TicketPriority.values()) {
            values.put("resolution." + p.name(), String.valueOf(s.resolution().get(p)));
        }
        return values;
    }
}
