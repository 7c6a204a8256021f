package jp.sukedachi.app.incident;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.incident.IncidentRecords.Entry;
import jp.sukedachi.app.incident.IncidentRecords.Evidence;
import jp.sukedachi.app.incident.IncidentRecords.Message;
import jp.sukedachi.app.incident.IncidentRecords.Task;
import jp.sukedachi.app.shared.Actor;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * An incident as the pages and the API show it to one actor, in the reader's language: task texts from the
 * playbook, timeline lines from their message keys, and every {@link IncidentExtension}'s part. What a company user
 * gets is filtered by {@link Incidents} (their tasks, the company-visible timeline, no evidence).
 */
@Component
class IncidentViews {
    private final Incidents incidents;
    private final Playbooks playbooks;
    private final MessageSource messages;
    private final List<IncidentExtension> extensions;

    IncidentViews(Incidents incidents, Playbooks playbooks, MessageSource messages,
            List<IncidentExtension> extensions) {
        this.incidents = incidents;
        this.playbooks = playbooks;
        this.messages = messages;
        this.extensions = extensions.stream()
                .sorted(java.util.Comparator.comparingInt(IncidentExtension::order)).toList();
    }

    /** A task as read: its text in the reader's language. */
    public record TaskLine(long id, String text, boolean forCompany, Instant doneAt, String doneBy) {
        public boolean done() {
            return doneAt != null;
        }
    }

    /** A timeline line as read. {@code visible} false: internal (staff only). */
    public record TimelineLine(Instant at, String kind, String text, String actorName, boolean visible) {
    }

    /** One extension's panel: the fragment to draw and its data. */
    public record Panel(String name, String fragment, Object data) {
    }

    /** Everything an incident's page or API answer shows to this actor. */
    public record View(Incident incident, List<TaskLine> tasks, List<TimelineLine> timeline, List<Evidence> evidence,
            List<Message> messages, List<Panel> panels) {
    }

    View view(Actor actor, UUID id, Locale locale) {
        Incident i = incidents.get(actor, id);
        List<TaskLine> tasks = incidents.tasks(actor, id).stream().map(t -> taskLine(t, locale)).toList();
        List<TimelineLine> timeline = incidents.timeline(actor, id).stream().map(e -> line(e, locale)).toList();
        IncidentSummary summary = i.summary();
        List<Panel> panels = extensions.stream()
                .map(x -> new Panel(x.name(), x.fragment(), x.data(actor, summary))).toList();
        return new View(i, tasks, timeline, incidents.evidence(actor, id), incidents.messages(actor, id), panels);
    }

    /** The extensions' parts by name, for the API answer. */
    static Map<String, Object> byName(List<Panel> panels) {
        Map<String, Object> out = new LinkedHashMap<>();
        panels.forEach(p -> out.put(p.name(), p.data()));
        return out;
    }

    TaskLine taskLine(Task t, Locale locale) {
        return new TaskLine(t.id(), taskText(t.templateKey(), t.text(), locale), t.forCompany(), t.doneAt(),
                t.doneBy());
    }

    private String taskText(String templateKey, String text, Locale locale) {
        if (templateKey != null) {
            String s = playbooks.text(templateKey, locale);
            return s != null ? s : templateKey;
        }
        return text;
    }

    /** A timeline entry in words: the kind's message with the detail (a task, a status, a name) as its argument. */
    TimelineLine line(Entry e, Locale locale) {
        String detail = e.detail();
        Object[] args = switch (e.kind()) {
            case "status" -> new Object[] {label("incident.status." + detail, detail, locale)};
            case "classified" -> {
                String[] parts = detail == null ? new String[0] : detail.split(" ");
                yield new Object[] {parts.length > 0 ? label("incident.type." + parts[0], parts[0], locale) : "",
                        parts.length > 1 ? label("incident.severity." + parts[1], parts[1], locale) : ""};
            }
            case "task_done", "task_undone", "task_added" -> new Object[] {detail != null && detail.startsWith("@")
                    ? taskText(detail.substring(1), null, locale) : detail};
            case "owner" -> new Object[] {detail == null ? label("incident.owner.none", "-", locale) : detail};
            default -> new Object[] {detail == null ? "" : detail};
        };
        String text = messages.getMessage("incident.timeline." + e.kind(), args, detail == null ? e.kind() : detail,
                locale);
        return new TimelineLine(e.at(), e.kind(), text, e.actorName(), e.visible());
    }

    private String label(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }
}
