package jp.sukedachi.app.demo;

import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.incident.Incident;
import jp.sukedachi.app.incident.IncidentRecords.Task;
import jp.sukedachi.app.incident.IncidentStatus;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Component;

/**
 * The demo's incidents: the analyst's promotions of the replayed history become cases with a type, the type's
 * playbook and a few believable steps — the first tasks checked off, the 5W1H started, a message to the company and
 * an internal note (which the company never sees).
 */
@Component
class DemoIncidents {
    private final Incidents incidents;

    DemoIncidents(Incidents incidents) {
        this.incidents = incidents;
    }

    /** Opens the incident from the alerts and works its first steps; {@code contained} moves it on. */
    void open(Actor analyst, List<UUID> alertIds, String title, IncidentType type, String what, String message,
            String note, boolean contained) {
        Incident i = incidents.openFromAlerts(analyst, alertIds, new Incidents.Opening(title, type, null));
        incidents.update(analyst, i.id(), new Incidents.Change(null, null, null,
                new Incident.FiveW1H("監視サービス（検知）", i.learnedAt(), what, String.join("、", i.hosts()), null,
                        null), null, null));
        incidents.changeOwner(analyst, i.id(), analyst.userId());
        List<Task> tasks = incidents.tasks(analyst, i.id());
        for (Task t : tasks.subList(0, Math.min(2, tasks.size()))) {
            incidents.setTaskDone(analyst, i.id(), t.id(), true);
        }
        incidents.message(analyst, i.id(), message);
        incidents.addNote(analyst, i.id(), note, false);
        if (contained) {
            incidents.changeStatus(analyst, i.id(), IncidentStatus.CONTAINED, null);
        }
    }
}
