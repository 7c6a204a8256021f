package jp.sukedachi.app.desk;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.desk.DeskMailParser.Attachment;
import jp.sukedachi.app.desk.DeskMailParser.Parsed;
import jp.sukedachi.app.desk.DeskMailRepository.Direction;
import jp.sukedachi.app.tenant.TenantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns one received mail into desk work, in one transaction (the poller marks the mail seen only after it
 * committed): a reply to a stored mail (In-Reply-To/References, else a "[#123]" ticket tag of the sender's
 * company) becomes the customer's reply on that ticket, any other mail from a known company a new EMAIL ticket,
 * and mail from an unknown address waits in the unmatched list for staff. Every attachment is stored with the
 * ticket or noted on it as an internal note; a Message-ID already stored is not taken twice.
 */
@Service
public class DeskMailIntake {
    private static final Logger log = LoggerFactory.getLogger(DeskMailIntake.class);
    private static final Pattern TICKET_TAG = Pattern.compile("\\[#(\\d{1,18})]");
    /** Who wrote the notes the intake leaves on a ticket. */
    static final String NOTE_AUTHOR = "メール受付";
    private final DeskMailRepository mails;
    private final Tickets tickets;
    private final TicketRepository ticketRows;
    private final TenantRepository tenants;
    private final DeskMailSettings settings;
    private final Clock clock;

    DeskMailIntake(DeskMailRepository mails, Tickets tickets, TicketRepository ticketRows, TenantRepository tenants,
            DeskMailSettings settings, Clock clock) {
        this.mails = mails;
        this.tickets = tickets;
        this.ticketRows = ticketRows;
        this.tenants = tenants;
        this.settings = settings;
        this.clock = clock;
    }

    /** What became of one mail. */
    public enum Outcome { NEW_TICKET, REPLY, UNMATCHED, ALREADY_STORED }

    /** The result of taking one mail: what it became and the ticket it went to (null when none). */
    public record Taken(Outcome outcome, UUID ticketId) {
    }

    /**
     * Takes one raw mail (RFC 5322 bytes) the server received at {@code receivedAt}: the poller's entry, public for
     * the demo world, which feeds its sample mails through the same path.
     */
    @Transactional
    public Taken take(byte[] raw, Instant receivedAt) throws MessagingException, IOException {
        Parsed mail = DeskMailParser.parse(raw);
        if (mails.known(mail.messageId())) {
            return new Taken(Outcome.ALREADY_STORED, null);
        }
        Instant at = when(receivedAt, mail);
        Optional<DeskMailRepository.ThreadMail> thread = mails.firstInThread(mail.answers());
        List<UUID> companies = tenants.companiesOfMailAddress(mail.fromEmail());
        // Threading headers are written by the sender, so they only thread a mail into a company's ticket when the
        // sender is of that company: a stranger naming another company's Message-ID must not write into its ticket.
        if (thread.isPresent() && companies.contains(thread.get().tenantId())) {
            return reply(mail, thread.get().ticketId(), thread.get().tenantId(), at);
        }
        if (companies.size() != 1 || thread.isPresent()) {
            // Unknown, an address several companies share, or a reply into a thread of a company the sender is not
            // of (a forwarded conversation, a private address): a person decides.
            mails.insertUnmatched(UUID.randomUUID(), mail.messageId(), fromOrUnknown(mail), mail.fromName(),
                    cut(mail.subject(), 998), at, raw);
            log.info("desk mail {} from an address of {} companies kept for staff", mail.messageId(), companies.size());
            return new Taken(Outcome.UNMATCHED, null);
        }
        return intoCompany(mail, companies.getFirst(), at);
    }

    /** A kept mail assigned by staff to a company: threaded or a new ticket of that company. */
    @Transactional
    Taken takeForCompany(byte[] raw, UUID tenantId, Instant receivedAt) throws MessagingException, IOException {
        Parsed mail = DeskMailParser.parse(raw);
        if (mails.inThread(mail.messageId())) {
            return new Taken(Outcome.ALREADY_STORED, null);
        }
        Optional<DeskMailRepository.ThreadMail> thread = mails.firstInThread(mail.answers())
                .filter(t -> t.tenantId().equals(tenantId));
        if (thread.isPresent()) {
            return reply(mail, thread.get().ticketId(), tenantId, receivedAt);
        }
        return intoCompany(mail, tenantId, receivedAt);
    }

    private Taken intoCompany(Parsed mail, UUID tenantId, Instant at) {
        Optional<UUID> tagged = taggedTicket(mail.subject(), tenantId);
        if (tagged.isPresent()) {
            return reply(mail, tagged.get(), tenantId, at);
        }
        String subject = mail.subject().isBlank() ? "(件名なし)" : mail.subject();
        TicketSummary ticket = tickets.openFromMail(tenantId, mail.fromEmail(), mail.fromName(), subject,
                bodyOrPlaceholder(mail), at);
        mails.insertMail(mail.messageId(), ticket.id(), tenantId, Direction.IN, at);
        attach(mail, ticket.id(), ticket.tenantId());
        return new Taken(Outcome.NEW_TICKET, ticket.id());
    }

    private Taken reply(Parsed mail, UUID ticketId, UUID tenantId, Instant at) {
        tickets.addCustomerReply(ticketId, mail.fromEmail(), bodyOrPlaceholder(mail), at);
        mails.insertMail(mail.messageId(), ticketId, tenantId, Direction.IN, at);
        attach(mail, ticketId, tenantId);
        return new Taken(Outcome.REPLY, ticketId);
    }

    /** The ticket a "[#123]" tag in the subject names, when it is a ticket of this company. */
    private Optional<UUID> taggedTicket(String subject, UUID tenantId) {
        Matcher m = TICKET_TAG.matcher(subject == null ? "" : subject);
        while (m.find()) {
            Optional<UUID> ticket = mails.ticketOfNumber(Long.parseLong(m.group(1)), tenantId);
            if (ticket.isPresent()) {
                return ticket;
            }
        }
        return Optional.empty();
    }

    /** Stores each attachment with the ticket; one that cannot be stored is noted on the ticket instead. */
    private void attach(Parsed mail, UUID ticketId, UUID tenantId) {
        long cap = Math.min(settings.maxAttachmentBytes(), tickets.attachmentMaxBytes());
        List<String> notes = new ArrayList<>();
        int stored = 0;
        for (Attachment a : mail.attachments()) {
            if (a.content().length > cap) {
                notes.add("添付 %s (%s) は上限 %s を超えたため保存していません".formatted(a.fileName(),
                        size(a.content().length), size(cap)));
            } else if (stored >= settings.maxAttachments()) {
                notes.add("添付 %s (%s) は 1 通あたり %d 件の上限を超えたため保存していません".formatted(a.fileName(),
                        size(a.content().length), settings.maxAttachments()));
            } else if (a.content().length == 0) {
                notes.add("添付 %s は空のファイルのため保存していません".formatted(a.fileName()));
            } else {
                try {
                    tickets.attach(ticketId, a.fileName(), a.contentType(), a.content());
                    stored++;
                } catch (IllegalArgumentException e) {
                    notes.add("添付 %s (%s) は保存できませんでした (%s)".formatted(a.fileName(), size(a.content().length),
                            e.getMessage()));
                }
            }
        }
        if (!notes.isEmpty()) {
            note(ticketId, tenantId, String.join("\n", notes));
        }
    }

    /** An internal note from the intake (staff read it; the customer never does). */
    void note(UUID ticketId, UUID tenantId, String text) {
        ticketRows.insertMessage(ticketId, tenantId, TicketMessage.Kind.INTERNAL, null, NOTE_AUTHOR,
                cut(text, Tickets.BODY_MAX), clock.instant());
    }

    /** A size as people read it: 12 MB, 800 KB, 512 B. */
    static String size(long bytes) {
        if (bytes >= DeskMailSettings.MB) {
            double mb = bytes / (double) DeskMailSettings.MB;
            return (mb == Math.floor(mb) ? Long.toString((long) mb) : String.format(Locale.ROOT, "%.1f", mb)) + " MB";
        }
        if (bytes >= 1024) {
            return (bytes / 1024) + " KB";
        }
        return bytes + " B";
    }

    private Instant when(Instant receivedAt, Parsed mail) {
        Instant now = clock.instant();
        Instant at = receivedAt != null ? receivedAt : mail.sentAt() != null ? mail.sentAt() : now;
        return at.isAfter(now) ? now : at;
    }

    private static String bodyOrPlaceholder(Parsed mail) {
        return mail.body().isBlank() ? "(本文なし)" : mail.body();
    }

    private static String fromOrUnknown(Parsed mail) {
        return mail.fromEmail() == null || mail.fromEmail().isBlank() ? "(unknown)" : cut(mail.fromEmail(), 254);
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
