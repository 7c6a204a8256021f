package jp.sukedachi.app.desk;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The desk's mailbox (settings under {@code sukedachi.desk.mail.*}): polled over IMAP for customers' mails, and the
 * address the desk's replies come from. Off while {@code host} is blank.
 *
 * @param host               IMAP server; blank turns mail intake off
 * @param port               IMAP port; 993 with ssl, 143 without when unset
 * @param username           mailbox login
 * @param password           mailbox password
 * @param ssl                IMAPS (TLS from the start)
 * @param folder             folder polled, INBOX by default
 * @param pollMs             pause between two polls
 * @param maxAttachmentBytes an attachment larger than this is not stored (noted on the ticket instead); 10 MB
 * @param maxAttachments     attachments stored per mail; the rest are noted on the ticket
 * @param from               sender of the desk's replies; when blank the mailbox login if it is an address (so replies
 *                           come back here), else the desk's public e-mail
 * @param maxMessageBytes    a mail larger than this is not read whole: its headers are taken in with a note saying
 *                           so (it stays on the mail server); 50 MB
 */
@ConfigurationProperties("sukedachi.desk.mail")
record DeskMailSettings(String host, Integer port, String username, String password, boolean ssl, String folder,
        Long pollMs, Long maxAttachmentBytes, Integer maxAttachments, String from, Long maxMessageBytes) {

    static final long MB = 1024L * 1024L;

    DeskMailSettings {
        if (folder == null || folder.isBlank()) {
            folder = "INBOX";
        }
        if (pollMs == null || pollMs < 1000) {
            pollMs = 60_000L;
        }
        if (maxAttachmentBytes == null || maxAttachmentBytes < 1) {
            maxAttachmentBytes = 10 * MB;
        }
        if (maxAttachments == null || maxAttachments < 0) {
            maxAttachments = 10;
        }
        if (maxMessageBytes == null || maxMessageBytes < 1) {
            maxMessageBytes = 50 * MB;
        }
    }

    boolean enabled() {
        return host != null && !host.isBlank();
    }

    int portOrDefault() {
        return port != null && port > 0 ? port : ssl ? 993 : 143;
    }

    /** The address replies are sent from; {@code deskEmail} (the desk's public address) when none is set. */
    String sender(String deskEmail) {
        if (from != null && !from.isBlank()) {
            return from.strip();
        }
        if (username != null && username.contains("@")) {
            return username.strip();
        }
        return deskEmail != null && !deskEmail.isBlank() ? deskEmail.strip() : "sukedachi@localhost";
    }
}
