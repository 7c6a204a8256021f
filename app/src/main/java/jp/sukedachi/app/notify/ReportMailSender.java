package jp.sukedachi.app.notify;

import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.app.notify.NotificationTexts.Message;
import jp.sukedachi.app.report.ReportMailer;
import org.springframework.stereotype.Component;

/** The report module's monthly report mail goes out over the same SMTP settings and sender as every notification. */
@Component
class ReportMailSender implements ReportMailer {
    private final MailChannel mail;
    private final String portalUrl;

    ReportMailSender(MailChannel mail, NotifySettings settings, SukedachiProperties app) {
        this.mail = mail;
        this.portalUrl = NotificationTexts.portalUrl(settings, app);
    }

    @Override
    public boolean configured() {
        return mail.enabled();
    }

    @Override
    public String portalUrl() {
        return portalUrl;
    }

    @Override
    public void send(String to, String subject, String body, String attachmentName, byte[] pdf) {
        mail.send(to, new Message(subject, body), attachmentName, pdf, "application/pdf");
    }
}
