package jp.sukedachi.app.desk;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.desk.DeskMailRepository.Direction;
import jp.sukedachi.app.desk.DeskMailRepository.ThreadMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The desk's public reply to a ticket that came by e-mail goes to the customer by e-mail (SMTP through Boot's
 * {@link JavaMailSender}, the same {@code spring.mail.*} settings as the notifications): subject
 * "Re: &lt;subject&gt; [#number]", a Message-ID of its own (stored, so the customer's answer threads) and
 * In-Reply-To/References naming the thread. Only {@link TicketReplied} triggers it, which the desk publishes for
 * public staff replies alone: an internal note never becomes mail. A mail that cannot be sent is noted on the
 * ticket, so staff know the customer did not get it.
 */
@Component
class DeskMailSender {
    private static final Logger log = LoggerFactory.getLogger(DeskMailSender.class);
    /** References kept in a reply: the first mail of the thread and the latest ones. */
    static final int MAX_REFERENCES = 10;
    private final ObjectProvider<JavaMailSender> sender;
    private final DeskMailSettings settings;
    private final DeskMailRepository mails;
    private final TicketRepository tickets;
    private final DeskMailIntake intake;
    private final DeskContact contact;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    DeskMailSender(ObjectProvider<JavaMailSender> sender, DeskMailSettings settings, DeskMailRepository mails,
            TicketRepository tickets, DeskMailIntake intake, DeskContact contact, PlatformTransactionManager transactions,
            Clock clock) {
        this.contact = contact;
        this.sender = sender;
        this.settings = settings;
        this.mails = mails;
        this.tickets = tickets;
        this.intake = intake;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void replied(TicketReplied reply) {
        JavaMailSender smtp = sender.getIfAvailable();
        TicketSummary ticket = tickets.findForSystem(reply.ticketId()).map(Ticket::summary).orElse(null);
        if (ticket == null || ticket.channel() != TicketChannel.EMAIL || ticket.requesterEmail() == null
                || ticket.requesterEmail().isBlank()) {
            return;
        }
        if (smtp == null) {
            log.warn("ticket #{} replied by e-mail, but spring.mail.host is not set: no mail sent", ticket.number());
            if (settings.enabled()) {
                // The desk takes mail in but cannot answer by mail: staff must know the customer got nothing.
                noteFailure(ticket, "送信設定 (SMTP) がありません");
            }
            return;
        }
        List<ThreadMail> thread = mails.thread(ticket.id());
        String from = settings.sender(contact.email());
        String messageId = newMessageId(from);
        try {
            MimeMessage mime = smtp.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(ticket.requesterEmail());
            helper.setSubject(subject(ticket));
            helper.setText(reply.body(), false);
            mime.setHeader("Message-ID", messageId);
            if (!thread.isEmpty()) {
                mime.setHeader("In-Reply-To", inReplyTo(thread));
                mime.setHeader("References", String.join(" ", references(thread)));
            }
            smtp.send(mime);
        } catch (MessagingException | MailException e) {
            log.warn("reply to ticket #{} could not be mailed to the customer: {}", ticket.number(), e.toString());
            noteFailure(ticket, e.getClass().getSimpleName());
            return;
        }
        ownTransaction.executeWithoutResult(s -> mails.insertMail(messageId, ticket.id(), ticket.tenantId(),
                Direction.OUT, clock.instant()));
    }

    private void noteFailure(TicketSummary ticket, String why) {
        ownTransaction.executeWithoutResult(s -> intake.note(ticket.id(), ticket.tenantId(),
                "公開返信をお客さま (%s) へメールで送れませんでした (%s)。電話などでお伝えください。"
                        .formatted(ticket.requesterEmail(), why)));
    }

    /** "Re: subject [#number]": one "Re:" and one tag however often the thread went back and forth. */
    static String subject(TicketSummary ticket) {
        String subject = ticket.subject() == null ? "" : ticket.subject().strip();
        String tag = "[#" + ticket.number() + "]";
        subject = subject.replace(tag, "").strip();
        while (subject.toLowerCase(Locale.ROOT).startsWith("re:")) {
            subject = subject.substring(3).strip();
        }
        return "Re: " + subject + " " + tag;
    }

    /** The latest mail of the customer, else the latest of the thread. */
    private static String inReplyTo(List<ThreadMail> thread) {
        for (int i = thread.size() - 1; i >= 0; i--) {
            if (thread.get(i).direction() == Direction.IN) {
                return thread.get(i).messageId();
            }
        }
        return thread.getLast().messageId();
    }

    private static List<String> references(List<ThreadMail> thread) {
        List<String> ids = new ArrayList<>();
        ids.add(thread.getFirst().messageId());
        int from = Math.max(1, thread.size() - (MAX_REFERENCES - 1));
        for (int i = from; i < thread.size(); i++) {
            ids.add(thread.get(i).messageId());
        }
        return ids;
    }

    private static String newMessageId(String address) {
        String domain = address.contains("@") ? address.substring(address.lastIndexOf('@') + 1) : "localhost";
        return "<" + UUID.randomUUID() + ".desk@" + domain.replaceAll("[^A-Za-z0-9.-]", "") + ">";
    }
}
