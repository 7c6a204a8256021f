package jp.sukedachi.app.notify;

import jp.sukedachi.app.notify.NotificationTexts.Message;
import jp.sukedachi.app.tenant.InvitationMailer;
import org.springframework.stereotype.Component;

/** The tenant module's invitation mail goes out over the same SMTP settings as every notification. */
@Component
class InvitationMailSender implements InvitationMailer {
    private final MailChannel mail;

    InvitationMailSender(MailChannel mail) {
        this.mail = mail;
    }

    @Override
    public boolean configured() {
        return mail.enabled();
    }

    @Override
    public void send(String to, String subject, String body) {
        mail.send(to, new Message(subject, body));
    }
}
