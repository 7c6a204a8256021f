package jp.sukedachi.app.desk;

import java.time.Instant;
import java.util.UUID;

/** One entry of a ticket's conversation. INTERNAL entries are read only by provider staff. */
public record TicketMessage(long id, UUID ticketId, Kind kind, UUID authorUserId, String authorName, String body,
        Instant at) {

    public enum Kind {
        /** The desk's reply the company reads. */
        PUBLIC,
        /** A note among the staff; the company never sees it. */
        INTERNAL,
        /** The company's own message (portal, e-mail). */
        CUSTOMER;

        public String labelKey() {
            return "ticket.message." + name();
        }
    }

    public boolean internal() {
        return kind == Kind.INTERNAL;
    }
}
