package jp.sukedachi.app.desk;

import java.time.Instant;
import java.util.UUID;

/**
 * Published after the desk's PUBLIC reply to a ticket is stored (never for an internal note, never for the
 * customer's own message): the mail capability sends it to the customer when the ticket came by e-mail.
 */
public record TicketReplied(UUID ticketId, UUID tenantId, long messageId, String body, String authorName,
        Instant at) {
}
