package jp.sukedachi.app.report;

/**
 * How a monthly report reaches a company's contacts by e-mail. The notification module implements it over its SMTP
 * settings and sender address, so this module does not depend on notifications (as tenant's InvitationMailer).
 */
public interface ReportMailer {
    /** False when no mail server is set up: reports then wait, and the pages say so. */
    boolean configured();

    /** The portal's address for links in the mail, without a trailing slash. */
    String portalUrl();

    /**
     * Sends one plain-text UTF-8 mail with the PDF attached; throws when the mail server does not take it.
     */
    void send(String to, String subject, String body, String attachmentName, byte[] pdf);
}
