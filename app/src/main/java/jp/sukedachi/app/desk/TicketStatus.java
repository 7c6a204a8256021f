package jp.sukedachi.app.desk;

/**
 * Where a ticket stands: NEW until the desk's first public reply, OPEN while the desk works on it, WAITING for the
 * customer's answer (a customer message makes it OPEN again), SOLVED (the company may rate the help; a customer
 * message reopens it), CLOSED. A person reads {@code ticket.status.<NAME>}; the company reads the plainer
 * {@code ticket.statusSme.<NAME>}.
 */
public enum TicketStatus {
    NEW, OPEN, WAITING, SOLVED, CLOSED;

    public String labelKey() {
        return "ticket.status." + name();
    }

    /** The same status in the words the company reads on its own pages. */
    public String smeLabelKey() {
        return "ticket.statusSme." + name();
    }

    /** Still the desk's or the customer's to act on (not solved, not closed). */
    public boolean isActive() {
        return this == NEW || this == OPEN || this == WAITING;
    }
}
