package jp.sukedachi.app.incident;

import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * Opening an incident from a desk ticket: the ticket is read in the actor's scope through the desk's API, and the
 * incident takes its company, subject and the time it came in.
 */
@Component
class IncidentTickets {
    private final Incidents incidents;

    IncidentTickets(Incidents incidents) {
        this.incidents = incidents;
    }

    /** What the new-incident form shows of the ticket. */
    record TicketRef(UUID id, UUID tenantId, long number, String subject) {
    }

    Optional<TicketRef> find(Actor actor, UUID ticketId) {
        return Optional.empty(); // the desk's tickets arrive with the desk branch
    }

    Incident open(Actor actor, UUID ticketId, Incidents.Opening opening) {
        find(actor, ticketId).orElseThrow(() -> new NotFoundException("ticket"));
        throw new NotFoundException("ticket");
    }
}
