package jp.sukedachi.app.dispatch;

import java.util.List;
import jp.sukedachi.app.incident.IncidentExtension;
import jp.sukedachi.app.incident.IncidentSummary;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Component;

/**
 * The incident page's "visits" part: for staff every visit with its status and a link to request one; for the
 * company the next visit in plain words and the past ones. Also the {@code visits} member of the incident's API
 * answer.
 */
@Component
class VisitsPanel implements IncidentExtension {
    private final Visits visits;

    VisitsPanel(Visits visits) {
        this.visits = visits;
    }

    /**
     * @param visits every visit of the incident the reader may see, in window order
     * @param next   the first open visit (requested, assigned or on site), or null
     * @param past   the done and cancelled visits
     */
    record Data(List<Visit> visits, Visit next, List<Visit> past) {
    }

    @Override
    public String name() {
        return "visits";
    }

    @Override
    public String fragment() {
        return "dispatch/incident-visits :: panel";
    }

    @Override
    public Object data(Actor actor, IncidentSummary incident) {
        List<Visit> all = visits.forIncident(actor, incident.id());
        Visit next = all.stream().filter(v -> v.status().isOpen()).findFirst().orElse(null);
        return new Data(all, next, all.stream().filter(v -> !v.status().isOpen()).toList());
    }

    @Override
    public int order() {
        return 50;
    }
}
