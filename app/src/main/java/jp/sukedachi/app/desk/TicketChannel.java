package jp.sukedachi.app.desk;

/** How a ticket reached the desk. A person reads the message {@code ticket.channel.<NAME>}. */
public enum TicketChannel {
    PORTAL, EMAIL, PHONE, API;

    public String labelKey() {
        return "ticket.channel." + name();
    }
}
