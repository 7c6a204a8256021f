package jp.sukedachi.app.desk;

/**
 * How urgent a desk ticket is; it chooses the first-response and resolution targets in business hours (provider
 * settings, defaults CRITICAL 1, HIGH 4, MEDIUM 8, LOW 16 business hours to the first response). A person reads
 * the message {@code ticket.priority.<NAME>}.
 */
public enum TicketPriority {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String labelKey() {
        return "ticket.priority." + name();
    }
}
