package jp.sukedachi.app.desk;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import jp.sukedachi.app.config.JobLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the desk's mailbox over IMAP (Jakarta Mail, Eclipse Angus): every unseen message is read without marking
 * it (PEEK), taken in by {@link DeskMailIntake} in its own transaction, and only then flagged seen. A crash between
 * the two reads the mail again on the next poll; the intake recognises its Message-ID and stores it once. A mail
 * that fails stays unseen and is tried again at the next poll.
 */
@Component
class DeskMailPoller {
    private static final Logger log = LoggerFactory.getLogger(DeskMailPoller.class);
    /** Mails taken per poll; the rest wait for the next one. */
    static final int BATCH = 50;
    private final DeskMailSettings settings;
    private final DeskMailIntake intake;
    private final ReentrantLock polling = new ReentrantLock();
    private final JobLocks jobs;
    static final String JOB = "desk-mail";

    DeskMailPoller(DeskMailSettings settings, DeskMailIntake intake, JobLocks jobs) {
        this.settings = settings;
        this.intake = intake;
        this.jobs = jobs;
    }

    /** What one poll did. */
    record Poll(int taken, int alreadyStored, int failed) {
    }

    @Scheduled(fixedDelayString = "${sukedachi.desk.mail.poll-ms:60000}",
            initialDelayString = "${sukedachi.desk.mail.poll-initial-ms:30000}")
    void scheduled() {
        if (!settings.enabled()) {
            return;
        }
        try {
            Poll poll = pollOnce();
            if (poll.taken() > 0 || poll.failed() > 0) {
                log.info("desk mailbox: {} mails taken in, {} already stored, {} failed (tried again next poll)",
                        poll.taken(), poll.alreadyStored(), poll.failed());
            }
        } catch (MessagingException | RuntimeException e) {
            log.warn("desk mailbox {}:{} could not be polled: {}", settings.host(), settings.portOrDefault(),
                    e.toString());
        }
    }

    /**
     * One poll of the mailbox; one at a time per process, and once per cluster (the job's lock): two instances
     * reading the same unseen mail would both take it in, and the second only fails on the Message-ID's unique index
     * after the work. Another instance polling right now: nothing taken here ({@code Poll(0, 0, 0)}).
     */
    Poll pollOnce() throws MessagingException {
        if (!settings.enabled()) {
            return new Poll(0, 0, 0);
        }
        polling.lock();
        try {
            return jobs.runExclusive(JOB, () -> {
                try {
                    return poll();
                } catch (MessagingException e) {
                    throw new PollFailed(e);
                }
            }).orElse(new Poll(0, 0, 0));
        } catch (PollFailed e) {
            throw e.failure;
        } finally {
            polling.unlock();
        }
    }

    /** Carries a poll's {@link MessagingException} out of the job lock's work. */
    private static final class PollFailed extends RuntimeException {
        final MessagingException failure;

        PollFailed(MessagingException cause) {
            super(cause);
            this.failure = cause;
        }
    }

    private Poll poll() throws MessagingException {
        String protocol = settings.ssl() ? "imaps" : "imap";
        Properties props = new Properties();
        props.put("mail.store.protocol", protocol);
        // PEEK: reading a message does not flag it seen; this poller flags it after the intake committed.
        props.put("mail." + protocol + ".peek", "true");
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "30000");
        props.put("mail." + protocol + ".writetimeout", "30000");
        Session session = Session.getInstance(props);
        int taken = 0;
        int already = 0;
        int failed = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(settings.host(), settings.portOrDefault(), settings.username(), settings.password());
            Folder folder = store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (int i = 0; i < unseen.length && i < BATCH; i++) {
                    Message message = unseen[i];
                    try {
                        DeskMailIntake.Taken result = intake.take(read(message, session),
                                message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant());
                        message.setFlag(Flags.Flag.SEEN, true);
                        if (result.outcome() == DeskMailIntake.Outcome.ALREADY_STORED) {
                            already++;
                        } else {
                            taken++;
                        }
                    } catch (MessagingException | IOException | RuntimeException e) {
                        failed++;
                        log.warn("desk mail {} of {} could not be taken in; it stays unseen: {}", i + 1,
                                settings.folder(), e.toString());
                    }
                }
            } finally {
                folder.close(false);
            }
        }
        return new Poll(taken, already, failed);
    }

    /** The whole message, or for one over the size cap its headers with a note in place of its body. */
    private byte[] read(Message message, Session session) throws MessagingException, IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        if (message.getSize() <= settings.maxMessageBytes()) {
            message.writeTo(raw);
            return raw.toByteArray();
        }
        MimeMessage headersOnly = new MimeMessage(session);
        Enumeration<Header> headers = message.getAllHeaders();
        while (headers.hasMoreElements()) {
            Header h = headers.nextElement();
            if (!h.getName().toLowerCase(Locale.ROOT).startsWith("content-")) {
                headersOnly.addHeader(h.getName(), h.getValue());
            }
        }
        String messageId = headersOnly.getHeader("Message-ID", null);
        headersOnly.setText(tooLarge(message.getSize(), settings.maxMessageBytes()), StandardCharsets.UTF_8.name());
        headersOnly.saveChanges();
        // saveChanges made a new Message-ID: the original keeps the mail stored once and its replies threaded.
        if (messageId != null) {
            headersOnly.setHeader("Message-ID", messageId);
        } else {
            headersOnly.removeHeader("Message-ID");
        }
        headersOnly.writeTo(raw);
        return raw.toByteArray();
    }

    static String tooLarge(long size, long cap) {
        return "このメールは大きすぎるため (%s、上限 %s) 本文と添付を取り込んでいません。メールサーバーの受信箱で確認してください。"
                .formatted(DeskMailIntake.size(size), DeskMailIntake.size(cap));
    }
}
