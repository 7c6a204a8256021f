package jp.sukedachi.app.incident;

import jp.sukedachi.app.shared.Actor;

/**
 * A part another capability (or another part of this one) adds to an incident: a panel on the incident's page and
 * a member of its API answer — dispatch's visits, the reporting routes. The incident page renders every extension
 * bean in {@link #order()}; so the incident capability never depends on the capabilities that extend it.
 */
public interface IncidentExtension {

    /** The member's name in {@code GET /api/v1/incidents/{id}}, e.g. {@code "visits"}. */
    String name();

    /**
     * The Thymeleaf fragment drawing the panel, e.g. {@code "dispatch/incident-visits :: panel"}. The fragment reads
     * the model variables {@code incident} (an {@link IncidentSummary}), {@code ext} (what {@link #data} returned)
     * and {@code staff} (true for provider staff, false for the company's own users).
     */
    String fragment();

    /**
     * The data of this part for one incident the actor may see (the caller checked the scope); company users must
     * get only what the company may read. Also serialised as JSON into the API answer.
     */
    Object data(Actor actor, IncidentSummary incident);

    default int order() {
        return 100;
    }
}
