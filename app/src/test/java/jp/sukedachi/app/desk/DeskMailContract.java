package jp.sukedachi.app.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import jp.sukedachi.app.desk.DeskMailRepository.Unmatched;
import jp.sukedachi.app.desk.DeskMailRepository.UnmatchedStatus;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Tickets by e-mail against GreenMail as a real IMAP and SMTP server: a customer's mail becomes a ticket with its
 * attachment (SHA-256 checked), the desk's public reply reaches the customer with threading headers and the
 * customer's answer lands on the same ticket, an internal note mails nothing, an unknown sender waits in the
 * unmatched list until staff assign or discard it, ISO-2022-JP mail reads correctly, a mail read twice is stored
 * once, and an attachment over the cap is noted on the ticket. Runs on H2 and on PostgreSQL.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.enabled=false", "sukedachi.notify.mail.enabled=false",
        "sukedachi.desk.mail.poll-initial-ms=3600000", "sukedachi.desk.mail.ssl=false",
        "sukedachi.desk.mail.username=" + DeskMailContract.DESK, "sukedachi.desk.mail.password=desk-secret",
        "sukedachi.desk.mail.max-attachment-bytes=1048576", "sukedachi.desk.mail.max-attachments=3",
        "sukedachi.desk.mail.max-message-bytes=3000000"})
@AutoConfigureMockMvc
abstract class DeskMailContract {
    static final String DESK = "desk@provider.example.jp";
    private static final GreenMail MAIL = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)}));

    static {
        MAIL.start();
        MAIL.setUser(DESK, DESK, "desk-secret");
        Runtime.getRuntime().addShutdownHook(new Thread(MAIL::stop));
    }

    @DynamicPropertySource
    static void mailServers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("sukedachi.desk.mail.host", () -> "127.0.0.1");
        registry.add("sukedachi.desk.mail.port", () -> MAIL.getImap().getPort());
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    Tickets tickets;
    @Autowired
    DeskMailPoller poller;
    @Autowired
    DeskMailIntake intake;
    @Autowired
    DeskMailRepository mails;

    Login admin;
    Login analyst;
    Tenant tenant;
    Login owner;

    @BeforeEach
    void world() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        admin = world.admin();
        analyst = world.staff(Role.ANALYST, true);
        tenant = world.tenant(admin.actor(), TestWorld.unique("Mail"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Session smtp() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(MAIL.getSmtp().getPort()));
        return Session.getInstance(p);
    }

    /** A plain UTF-8 mail to the desk. */
    private static MimeMessage mail(String from, String subject, String text) throws Exception {
        MimeMessage m = new MimeMessage(smtp());
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, DESK);
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        return m;
    }

    /** A mail with a text part and files (name, content type, bytes). */
    private static MimeMessage mailWithFiles(String from, String subject, String text, Object... files)
            throws Exception {
        MimeMessage m = mail(from, subject, text);
        MimeMultipart multipart = new MimeMultipart();
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        multipart.addBodyPart(textPart);
        for (int i = 0; i < files.length; i += 3) {
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource((byte[]) files[i + 2], (String) files[i + 1])));
            file.setFileName((String) files[i]);
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            multipart.addBodyPart(file);
        }
        m.setContent(multipart);
        return m;
    }

    /** Sends over SMTP and answers the Message-ID the mail went out with. */
    private static String send(MimeMessage m) throws Exception {
        Transport.send(m);
        return m.getMessageID();
    }

    private DeskMailPoller.Poll poll() throws Exception {
        return poller.pollOnce();
    }

    private List<Ticket> ticketsOfTenant() {
        return tickets.ofTenant(admin.actor(), tenant.id()).items();
    }

    private Ticket onlyTicket() {
        List<Ticket> all = ticketsOfTenant();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The mails GreenMail delivered to this address, waiting up to five seconds for {@code atLeast}. */
    private static List<MimeMessage> mailsTo(String address, int atLeast) throws Exception {
        long until = System.currentTimeMillis() + 5000;
        while (true) {
            List<MimeMessage> out = new ArrayList<>();
            for (MimeMessage m : MAIL.getReceivedMessages()) {
                Address[] to = m.getRecipients(Message.RecipientType.TO);
                if (to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress()
                        .equalsIgnoreCase(address))) {
                    out.add(m);
                }
            }
            if (out.size() >= atLeast || System.currentTimeMillis() > until) {
                return out;
            }
            Thread.sleep(50);
        }
    }

    private Unmatched waitingFrom(String from) {
        return mails.waiting(300).stream().filter(u -> u.fromEmail().equals(from)).findFirst().orElseThrow();
    }

    private MvcResult page(Login who, String url) throws Exception {
        return mvc.perform(get(url).with(authentication(world.authentication(who)))).andReturn();
    }

    // ------------------------------------------------------------------------------------------ tests

    @Test
    void aCustomersMailBecomesAnEmailTicketWithItsAttachmentKeptUnderItsSha256() throws Exception {
        byte[] screenshot = bytes(48_000, 1);
        send(mailWithFiles(owner.user().email(), "画面に警告が出ました", "パソコンの画面に英語の警告が出ています。",
                "警告画面.png", "image/png", screenshot));

        assertThat(poll()).isEqualTo(new DeskMailPoller.Poll(1, 0, 0));

        Ticket ticket = onlyTicket();
        assertThat(ticket.summary().channel()).isEqualTo(TicketChannel.EMAIL);
        assertThat(ticket.summary().subject()).isEqualTo("画面に警告が出ました");
        assertThat(ticket.summary().body()).isEqualTo("パソコンの画面に英語の警告が出ています。");
        assertThat(ticket.summary().requesterEmail()).isEqualTo(owner.user().email());
        var attachments = tickets.attachments(admin.actor(), ticket.id());
        assertThat(attachments).hasSize(1);
        assertThat(attachments.getFirst().info().fileName()).isEqualTo("警告画面.png");
        assertThat(attachments.getFirst().info().size()).isEqualTo(screenshot.length);
        assertThat(attachments.getFirst().info().sha256()).isEqualTo(Hashes.sha256(screenshot));
        // The mail was flagged seen after it was stored: the next poll has nothing to do.
        assertThat(poll()).isEqualTo(new DeskMailPoller.Poll(0, 0, 0));
    }

    @Test
    void theDesksPublicReplyReachesTheCustomerThreadedAndTheCustomersAnswerLandsOnTheSameTicket() throws Exception {
        String first = send(mail(owner.user().email(), "請求書のメールを開いてしまいました", "添付ファイルを開きました。"));
        poll();
        Ticket ticket = onlyTicket();

        tickets.post(analyst.actor(), ticket.id(), "LANケーブルを抜いて、電源は切らずにお待ちください。", false);

        List<MimeMessage> received = mailsTo(owner.user().email(), 1);
        assertThat(received).hasSize(1);
        MimeMessage reply = received.getFirst();
        assertThat(reply.getSubject()).isEqualTo("Re: 請求書のメールを開いてしまいました [#" + ticket.number() + "]");
        assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo(DESK);
        assertThat(reply.getHeader("In-Reply-To", " ")).isEqualTo(first);
        assertThat(reply.getHeader("References", " ")).contains(first);
        assertThat(reply.getMessageID()).isNotBlank().isNotEqualTo(first);
        assertThat(((String) reply.getContent()).strip()).isEqualTo("LANケーブルを抜いて、電源は切らずにお待ちください。");

        // The customer answers that mail; the subject lost its tag, the headers still name the thread.
        MimeMessage answer = (MimeMessage) reply.reply(false);
        answer.setFrom(new InternetAddress(owner.user().email()));
        answer.setSubject("ケーブルを抜きました", "UTF-8");
        answer.setText("抜きました。電源はついたままです。", "UTF-8");
        answer.saveChanges();
        try (Transport transport = smtp().getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(answer, answer.getAllRecipients());
        }
        assertThat(answer.getHeader("In-Reply-To", " ")).isEqualTo(reply.getMessageID());

        assertThat(poll().taken()).isOne();
        assertThat(onlyTicket().id()).isEqualTo(ticket.id());
        assertThat(tickets.messages(owner.actor(), ticket.id())).anySatisfy(m -> {
            assertThat(m.kind()).isEqualTo(TicketMessage.Kind.CUSTOMER);
            assertThat(m.body()).isEqualTo("抜きました。電源はついたままです。");
        });
    }

    @Test
    void anInternalNoteSendsNoMailOnlyThePublicReplyGoesOut() throws Exception {
        send(mail(owner.user().email(), "怪しいメール", "知らない人からメールが来ました。"));
        poll();
        Ticket ticket = onlyTicket();

        tickets.post(analyst.actor(), ticket.id(), "社内メモ：この会社は先月も同じ件あり", true);
        tickets.post(analyst.actor(), ticket.id(), "開かずに削除してください。", false);

        List<MimeMessage> received = mailsTo(owner.user().email(), 2);
        assertThat(received).hasSize(1);
        assertThat((String) received.getFirst().getContent()).contains("開かずに削除してください。")
                .doesNotContain("社内メモ");
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            assertThat(m.getContent().toString()).doesNotContain("社内メモ");
        }
    }

    @Test
    void aMailNamingAnotherCompanysThreadNeverWritesIntoItsTicketButWaitsForStaff() throws Exception {
        String first = send(mail(owner.user().email(), "不審なメール", "届いたメールを見てください。"));
        poll();
        Ticket ticket = onlyTicket();
        int before = tickets.messages(admin.actor(), ticket.id()).size();
        // Someone of another company (or a stranger) who learnt the Message-ID writes "into" the thread.
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("Other"));
        Login otherOwner = world.smeUser(other, Role.TENANT_OWNER);
        for (String from : List.of(otherOwner.user().email(), TestWorld.unique("stranger") + "@elsewhere.example.com")) {
            MimeMessage forged = mail(from, "Re: 不審なメール", "この件は解決しました。");
            forged.setHeader("In-Reply-To", first);
            forged.setHeader("References", first);
            send(forged);
            assertThat(poll().taken()).isOne();
            assertThat(waitingFrom(from).subject()).isEqualTo("Re: 不審なメール");
        }
        assertThat(tickets.messages(admin.actor(), ticket.id())).hasSize(before);
        assertThat(tickets.ofTenant(admin.actor(), other.id()).items()).isEmpty();
    }

    @Test
    void anUnknownSenderWaitsForStaffWhoAssignItToACompanyOrDiscardItWithAReason() throws Exception {
        String stranger = TestWorld.unique("new-clerk") + "@elsewhere.example.com";
        byte[] pdf = bytes(2_000, 2);
        send(mailWithFiles(stranger, "見積もりのお願い", "はじめてご連絡します。", "見積依頼.pdf", "application/pdf", pdf));
        String spammer = TestWorld.unique("spam") + "@spam.example.net";
        send(mail(spammer, "今すぐ当選金を受け取る", "クリックしてください"));

        assertThat(poll().taken()).isEqualTo(2);
        assertThat(ticketsOfTenant()).isEmpty();
        Unmatched kept = waitingFrom(stranger);
        assertThat(kept.subject()).isEqualTo("見積もりのお願い");

        MvcResult list = page(analyst, "/desk/mail");
        assertThat(list.getResponse().getStatus()).isEqualTo(200);
        assertThat(list.getResponse().getContentAsString()).contains("見積もりのお願い").contains(stranger);
        MvcResult detail = page(analyst, "/desk/mail/" + kept.id());
        assertThat(detail.getResponse().getContentAsString()).contains("はじめてご連絡します。").contains("見積依頼.pdf");
        // Company users and the responder never see it.
        assertThat(page(owner, "/desk/mail").getResponse().getStatus()).isEqualTo(403);
        assertThat(page(owner, "/desk/mail/" + kept.id()).getResponse().getStatus()).isEqualTo(403);
        assertThat(page(world.staff(Role.RESPONDER, true), "/desk/mail").getResponse().getStatus()).isEqualTo(403);

        // Assigned to the company: it becomes the company's ticket, attachment and all.
        mvc.perform(post("/desk/mail/" + kept.id() + "/assign").with(csrf())
                .with(authentication(world.authentication(analyst))).param("tenantId", tenant.id().toString()))
                .andReturn();
        Ticket ticket = onlyTicket();
        assertThat(ticket.summary().subject()).isEqualTo("見積もりのお願い");
        assertThat(ticket.summary().requesterEmail()).isEqualTo(stranger);
        assertThat(tickets.attachments(admin.actor(), ticket.id())).singleElement()
                .satisfies(a -> assertThat(a.info().sha256()).isEqualTo(Hashes.sha256(pdf)));
        Unmatched assigned = mails.findUnmatched(kept.id()).orElseThrow();
        assertThat(assigned.status()).isEqualTo(UnmatchedStatus.ASSIGNED);
        assertThat(assigned.ticketId()).isEqualTo(ticket.id());

        // Discarding needs a reason; refused without one, the mail still waits.
        Unmatched spam = waitingFrom(spammer);
        MvcResult refused = mvc.perform(post("/desk/mail/" + spam.id() + "/discard").with(csrf())
                .with(authentication(world.authentication(analyst))).param("reason", " ")).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(refused.getResponse().getContentAsString()).contains("破棄する理由を書いてください。");
        assertThat(mails.findUnmatched(spam.id()).orElseThrow().status()).isEqualTo(UnmatchedStatus.WAITING);
        mvc.perform(post("/desk/mail/" + spam.id() + "/discard").with(csrf())
                .with(authentication(world.authentication(analyst))).param("reason", "迷惑メール")).andReturn();
        Unmatched discarded = mails.findUnmatched(spam.id()).orElseThrow();
        assertThat(discarded.status()).isEqualTo(UnmatchedStatus.DISCARDED);
        assertThat(discarded.reason()).isEqualTo("迷惑メール");
        assertThat(discarded.decidedBy()).isEqualTo(analyst.user().login());
        assertThat(mails.waiting(300)).extracting(Unmatched::fromEmail).doesNotContain(stranger, spammer);
    }

    @Test
    void aJapaneseMailInIso2022JpReadsCorrectlyWithTheCharactersWindowsAdds() throws Exception {
        String subject = "㈱山田製作所より：請求書メールを開いてしまいました";
        String body = "お世話になっております。㈱山田製作所の山田です。\r\n①請求書のメールを開いてしまいました。\r\n";
        String raw = "From: " + windowsWord("山田 太郎（㈱山田製作所）") + " <" + owner.user().email() + ">\r\n" + "To: "
                + DESK + "\r\n" + "Subject: " + windowsWord(subject) + "\r\n" + "Message-ID: <" + UUID.randomUUID()
                + "@yamada.example.jp>\r\n" + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=ISO-2022-JP\r\n" + "Content-Transfer-Encoding: 7bit\r\n\r\n";
        // Mailers label Windows' ISO-2022-JP (with ① and ㈱) plain ISO-2022-JP.
        byte[] head = raw.getBytes(StandardCharsets.US_ASCII);
        byte[] text = body.getBytes(Charset.forName("x-windows-iso2022jp"));
        byte[] all = new byte[head.length + text.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(text, 0, all, head.length, text.length);
        Transport.send(new MimeMessage(smtp(), new ByteArrayInputStream(all)));

        poll();
        Ticket ticket = onlyTicket();
        assertThat(ticket.summary().subject()).isEqualTo(subject);
        assertThat(ticket.summary().body())
                .isEqualTo("お世話になっております。㈱山田製作所の山田です。\n①請求書のメールを開いてしまいました。");
        assertThat(ticket.summary().requesterName()).isEqualTo("山田 太郎（㈱山田製作所）");
    }

    /** An RFC 2047 word labelled ISO-2022-JP holding Windows' ISO-2022-JP bytes, as Outlook writes ㈱ and ①. */
    private static String windowsWord(String text) {
        return "=?ISO-2022-JP?B?" + java.util.Base64.getEncoder().encodeToString(
                text.getBytes(Charset.forName("x-windows-iso2022jp"))) + "?=";
    }

    @Test
    void theSameMailReadTwiceIsStoredOnce() throws Exception {
        send(mail(owner.user().email(), "ウイルス対策ソフトの警告", "警告が出ました。"));
        assertThat(poll().taken()).isOne();
        assertThat(ticketsOfTenant()).hasSize(1);

        // As after a crash between the commit and the seen flag: the mail is unseen again.
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", MAIL.getImap().getPort(), DESK, "desk-secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) {
                m.setFlag(Flags.Flag.SEEN, false);
            }
            inbox.close(false);
        }
        assertThat(poll()).isEqualTo(new DeskMailPoller.Poll(0, 1, 0));
        assertThat(ticketsOfTenant()).hasSize(1);
        assertThat(tickets.messages(admin.actor(), ticketsOfTenant().getFirst().id()))
                .noneMatch(m -> m.kind() == TicketMessage.Kind.CUSTOMER);
        assertThat(poll()).isEqualTo(new DeskMailPoller.Poll(0, 0, 0));
    }

    @Test
    void anAttachmentOverTheCapIsNotStoredButNotedOnTheTicketForStaffOnly() throws Exception {
        byte[] small = bytes(10_000, 3);
        byte[] big = bytes(1_572_864, 4);
        send(mailWithFiles(owner.user().email(), "ログを送ります", "ログを添付します。", "log.txt", "text/plain", small,
                "backup.zip", "application/zip", big));

        poll();
        Ticket ticket = onlyTicket();
        assertThat(tickets.attachments(admin.actor(), ticket.id())).extracting(a -> a.info().fileName())
                .containsExactly("log.txt");
        assertThat(tickets.messages(admin.actor(), ticket.id())).anySatisfy(m -> {
            assertThat(m.kind()).isEqualTo(TicketMessage.Kind.INTERNAL);
            assertThat(m.body()).isEqualTo("添付 backup.zip (1.5 MB) は上限 1 MB を超えたため保存していません");
        });
        assertThat(tickets.messages(owner.actor(), ticket.id())).noneMatch(m -> m.body().contains("backup.zip"));
    }

    @Test
    void aMailOverTheMessageCapIsTakenInAsItsHeadersWithANoteNotLost() throws Exception {
        String id = send(mailWithFiles(owner.user().email(), "全部のログです", "大きいですがお願いします。", "all-logs.zip",
                "application/zip", bytes(2_600_000, 5)));

        assertThat(poll().taken()).isOne();
        Ticket ticket = onlyTicket();
        assertThat(ticket.summary().subject()).isEqualTo("全部のログです");
        assertThat(ticket.summary().body()).startsWith("このメールは大きすぎるため (3.4 MB、上限 2.9 MB)");
        assertThat(tickets.attachments(admin.actor(), ticket.id())).isEmpty();
        // Its own Message-ID was kept: stored once, and a reply to it threads.
        assertThat(mails.inThread(id)).isTrue();
    }

    @Test
    void aReplyWithoutThreadingHeadersFindsItsTicketByTheNumberInTheSubjectAndHtmlIsReadAsText() throws Exception {
        send(mail(owner.user().email(), "ルーターのランプが赤い", "赤く点滅しています。"));
        poll();
        Ticket ticket = onlyTicket();

        MimeMessage html = new MimeMessage(smtp());
        html.setFrom(new InternetAddress(owner.user().email()));
        html.setRecipients(Message.RecipientType.TO, DESK);
        html.setSubject("Re: ルーターのランプが赤い [#" + ticket.number() + "]", "UTF-8");
        html.setContent("<html><head><style>p{color:red}</style></head><body><p>再起動したら&nbsp;緑に戻りました。</p>"
                + "<p>ありがとうございました&amp;助かりました</p><script>alert(1)</script></body></html>",
                "text/html; charset=UTF-8");
        Transport.send(html);

        assertThat(poll().taken()).isOne();
        assertThat(onlyTicket().id()).isEqualTo(ticket.id());
        assertThat(tickets.messages(owner.actor(), ticket.id())).anySatisfy(m -> assertThat(m.body())
                .isEqualTo("再起動したら 緑に戻りました。\n\nありがとうございました&助かりました"));
    }
}
