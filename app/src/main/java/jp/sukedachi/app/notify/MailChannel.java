package jp.sukedachi.app.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import jp.sukedachi.app.notify.NotificationTexts.Message;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP through Boot's {@link JavaMailSender} (configured by {@code spring.mail.*}). On unless
 * {@code sukedachi.notify.mail.enabled=false}; when the setting is blank it is on exactly when
 * {@code spring.mail.host} is set (Boot then provides the sender).
 */
@Component
class MailChannel {
    private final JavaMailSender sender;
    private final NotifySettings settings;

    MailChannel(ObjectProvider<JavaMailSender> sender, NotifySettings settings) {
        String enabled = settings.mail().enabled();
        boolean on = NotifySettings.blank(enabled) ? sender.getIfAvailable() != null : Boolean.parseBoolean(enabled.strip());
        if (on && sender.getIfAvailable() == null) {
            throw new IllegalStateException("sukedachi.notify.mail.enabled=true needs spring.mail.host");
        }
        this.sender = on ? sender.getIfAvailable() : null;
        this.settings = settings;
    }

    boolean enabled() {
        return sender != null;
    }

    /** Sends one plain-text UTF-8 mail; throws when the SMTP server does not take it. */
    void send(String to, Message message) {
        send(to, message, null, null, null);
    }

    /** The same with one attachment (a monthly report's PDF) when {@code attachmentName} is not null. */
    void send(String to, Message message, String attachmentName, byte[] content, String contentType) {
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, attachmentName != null, StandardCharsets.UTF_8.name());
            helper.setFrom(settings.from());
            helper.setTo(to);
            helper.setSubject(message.subject());
            helper.setText(message.body(), false);
            if (attachmentName != null) {
                helper.addAttachment(attachmentName, new ByteArrayResource(content), contentType);
            }
            sender.send(mime);
        } catch (MessagingException e) {
            throw new IllegalStateException("mail to " + to + " could not be built: " + e.getMessage(), e);
        }
    }
}
