package jp.sukedachi.app.desk;

/**
 * What a ticket is about: the three choices of the SME's 困ったときは page (a question, something strange, an
 * on-site visit), account matters, and the rest. A person reads the message {@code ticket.category.<NAME>}.
 */
public enum TicketCategory {
    QUESTION, SUSPICIOUS, VISIT_REQUEST, ACCOUNT, OTHER;

    public String labelKey() {
        return "ticket.category." + name();
    }
}
