package jp.sukedachi.app.incident;

import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.desk.TicketSummary;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opening an incident from a desk ticket: the ticket is read in the actor's scope through the desk's API
 * ({@link Tickets#find}), and the incident takes its company, subject and the time it came in (the company learned
 * of the case then at the latest).
 */
@Component
class IncidentTickets {
    private final Incidents incidents;
    private final Tickets tickets;

    IncidentTickets(Incidents incidents, Tickets tickets) {
        this.incidents = incidents;
        this.tickets = tickets;
    }

    Optional<TicketSummary> find(Actor actor, UUID ticketId) {
        return tickets.find(actor, ticketId);
    }

    @Transactional
    Incident open(Actor actor, UUID ticketId, Incidents.Opening opening) {
        TicketSummary t = find(actor, ticketId).orElseThrow(() -> new NotFoundException("ticket"));
        return incidents.openFromTicket(actor, t.id(), t.tenantId(), t.subject(), t.receivedAt(), opening);
    }
}
