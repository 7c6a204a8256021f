package jp.sukedachi.app.incident;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.desk.TicketSummary;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opening an incident from a desk ticket: the ticket is read in the actor's scope through the desk's API
 * ({@link Tickets#find}), and the incident takes its company, subject and the time it came in (the company learned
 * of the case then at the latest). The company is told on its request, in a public reply (so also by mail when it
 * came by mail), that a case was opened and where to follow it: the request page would otherwise still say
 * "received, please wait".
 */
@Component
class IncidentTickets {
    private final Incidents incidents;
    private final Tickets tickets;
    private final MessageSource messages;

    IncidentTickets(Incidents incidents, Tickets tickets, MessageSource messages) {
        this.incidents = incidents;
        this.tickets = tickets;
        this.messages = messages;
    }

    Optional<TicketSummary> find(Actor actor, UUID ticketId) {
        return tickets.find(actor, ticketId);
    }

    @Transactional
    Incident open(Actor actor, UUID ticketId, Incidents.Opening opening) {
        TicketSummary t = find(actor, ticketId).orElseThrow(() -> new NotFoundException("ticket"));
        Incident incident = incidents.openFromTicket(actor, t.id(), t.tenantId(), t.subject(), t.receivedAt(), opening);
        // Japanese, the company's language; no address with an id in it: the page names where the case is.
        tickets.post(actor, t.id(), messages.getMessage("incident.fromTicket.reply", new Object[] {incident.number(),
                messages.getMessage("my.incidents.title", null, Locale.JAPANESE)}, Locale.JAPANESE), false);
        return incident;
    }
}
