package jp.sukedachi.app.incident;

import java.util.UUID;
import jp.sukedachi.app.shared.Actor;

/**
 * An incident was opened or its type or facts changed (published by {@link Incidents} inside the change's
 * transaction): the reporting routes store the duties that follow, so deadlines are tracked — and counted on the staff
 * home — from the moment the case exists, not only once someone opened its reporting page.
 */
record IncidentFactsChanged(Actor actor, UUID incidentId) {
}
