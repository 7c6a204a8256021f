package jp.sukedachi.app.tenant;

/**
 * Sends an invitation's mail. Implemented where the mail transport lives (notify), so that this module does not
 * depend on it; when no implementation is present, or mail is not configured, the invite page shows the link to
 * pass on by hand.
 */
public interface InvitationMailer {
    /** Whether a mail server is configured at all. */
    boolean configured();

    /** Sends one plain-text mail; throws when the mail server does not take it. */
    void send(String to, String subject, String body);
}
