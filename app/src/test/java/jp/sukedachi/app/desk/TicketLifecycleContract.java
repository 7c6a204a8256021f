package jp.sukedachi.app.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The desk ticket's lifecycle on a real database: numbering, tenant scoping, new → open on the first public
 * reply, a customer message reopening a waiting or solved ticket, internal notes kept from the company, the
 * survey once per solved ticket, time totals, attachments with SHA-256 under the size cap. Runs on H2 and
 * PostgreSQL.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.desk.attachment-max-bytes=1024"})
@RecordApplicationEvents
abstract class TicketLifecycleContract {
    @Autowired
    Tickets tickets;
    @Autowired
    TestWorld world;
    @Autowired
    ApplicationEvents events;

    Actor admin;
    Actor analyst;
    Actor ownerA;
    Actor ownerB;
    Actor responder;
    Tenant a;

    @BeforeEach
    void companies() {
        admin = world.admin().actor();
        analyst = world.staff(Role.ANALYST, true).actor();
        responder = world.staff(Role.RESPONDER, true).actor();
        a = world.tenant(admin, TestWorld.unique("Desk A"));
        Tenant b = world.tenant(admin, TestWorld.unique("Desk B"));
        ownerA = world.smeUser(a, Role.TENANT_OWNER).actor();
        ownerB = world.smeUser(b, Role.TENANT_OWNER).actor();
    }

    private TicketSummary ask(Actor who, String subject) {
        return tickets.open(who, a.id(), new Tickets.Draft(subject, "PCの動きがおかしいです。", TicketCategory.SUSPICIOUS,
                TicketPriority.HIGH, null, null, null, null));
    }

    @Test
    void ticketsAreNumberedInOrderAndSeenOnlyByTheirCompanyAndStaff() {
        TicketSummary first = ask(ownerA, "一件目");
        TicketSummary second = ask(ownerA, "二件目");
        assertThat(second.number()).isGreaterThan(first.number());
        assertThat(first.status()).isEqualTo(TicketStatus.NEW);
        assertThat(first.channel()).isEqualTo(TicketChannel.PORTAL);
        assertThat(tickets.find(ownerA, first.id())).isPresent();
        assertThat(tickets.find(admin, first.id())).isPresent();
        assertThat(tickets.find(analyst, first.id())).isPresent();
        assertThat(tickets.find(ownerB, first.id())).isEmpty();
        assertThat(tickets.find(responder, first.id())).isEmpty();
        assertThat(tickets.ofTenant(ownerB, a.id()).items()).isEmpty();
        assertThat(tickets.ofTenant(ownerA, a.id()).items()).extracting(Ticket::id).contains(first.id(), second.id());
        assertThatThrownBy(() -> tickets.open(ownerB, a.id(), new Tickets.Draft("x", "y", null, null, null, null,
                null, null))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tickets.post(ownerB, first.id(), "見えますか", false))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theFirstPublicReplyOpensTheTicketAndACustomerMessageReopensIt() {
        TicketSummary t = ask(ownerA, "ランサムウェアかもしれません");
        tickets.post(analyst, t.id(), "社内メモ: 先に機器を確認する", true);
        assertThat(tickets.get(admin, t.id()).status()).isEqualTo(TicketStatus.NEW);
        assertThat(tickets.get(admin, t.id()).summary().firstRespondedAt()).isNull();
        assertThat(events.stream(TicketReplied.class)).isEmpty();

        long reply = tickets.post(analyst, t.id(), "LANケーブルを抜いてください。", false);
        Ticket opened = tickets.get(admin, t.id());
        assertThat(opened.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(opened.summary().firstRespondedAt()).isNotNull();
        assertThat(events.stream(TicketReplied.class)).singleElement()
                .satisfies(e -> assertThat(e.messageId()).isEqualTo(reply));

        tickets.changeStatus(analyst, t.id(), TicketStatus.WAITING);
        tickets.post(ownerA, t.id(), "抜きました。", false);
        assertThat(tickets.get(admin, t.id()).status()).isEqualTo(TicketStatus.OPEN);

        tickets.changeStatus(analyst, t.id(), TicketStatus.SOLVED);
        assertThat(tickets.get(admin, t.id()).solvedAt()).isNotNull();
        tickets.addCustomerReply(t.id(), "owner@a.example.jp", "また同じ画面が出ました。", Instant.now());
        Ticket reopened = tickets.get(admin, t.id());
        assertThat(reopened.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(reopened.solvedAt()).isNull();
        // The first response stays the first one.
        assertThat(reopened.summary().firstRespondedAt()).isEqualTo(opened.summary().firstRespondedAt());

        List<String> seenByOwner = tickets.messages(ownerA, t.id()).stream().map(TicketMessage::body).toList();
        assertThat(seenByOwner).contains("LANケーブルを抜いてください。", "抜きました。", "また同じ画面が出ました。")
                .doesNotContain("社内メモ: 先に機器を確認する");
        assertThat(tickets.messages(admin, t.id())).extracting(TicketMessage::body)
                .contains("社内メモ: 先に機器を確認する");
        assertThatThrownBy(() -> tickets.post(ownerA, t.id(), "内緒", true)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tickets.changeStatus(ownerA, t.id(), TicketStatus.CLOSED))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tickets.changeStatus(analyst, t.id(), TicketStatus.NEW))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void aSolvedTicketCanBeRatedOnceAndOnlyWhenSolved() {
        TicketSummary t = ask(ownerA, "パスワードの相談");
        assertThatThrownBy(() -> tickets.answerSurvey(ownerA, t.id(), 5, null)).isInstanceOf(InvalidInput.class);
        tickets.changeStatus(analyst, t.id(), TicketStatus.SOLVED);
        assertThat(tickets.surveyOffered(ownerA, tickets.get(ownerA, t.id()))).isTrue();
        assertThatThrownBy(() -> tickets.answerSurvey(ownerA, t.id(), 6, null)).isInstanceOf(InvalidInput.class);
        tickets.answerSurvey(ownerA, t.id(), 4, "早くて助かりました");
        assertThat(tickets.survey(admin, t.id())).hasValueSatisfying(s -> assertThat(s.score()).isEqualTo(4));
        assertThat(tickets.surveyOffered(ownerA, tickets.get(ownerA, t.id()))).isFalse();
        assertThatThrownBy(() -> tickets.answerSurvey(ownerA, t.id(), 5, null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void timeEntriesAddUpToTheTicketsTotal() {
        TicketSummary t = ask(ownerA, "時間の記録");
        tickets.logTime(analyst, t.id(), 25, "電話で状況確認");
        tickets.logTime(admin, t.id(), 35, null);
        assertThat(tickets.get(admin, t.id()).minutesSpent()).isEqualTo(60);
        assertThat(tickets.times(admin, t.id())).extracting(TicketTime::minutes).containsExactly(25, 35);
        assertThatThrownBy(() -> tickets.logTime(analyst, t.id(), 0, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> tickets.logTime(analyst, t.id(), 1441, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> tickets.logTime(ownerA, t.id(), 5, null)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aPhoneCallKeepsTheTimeItCameInButNeverAFutureOne() {
        Instant called = Instant.now().minus(Duration.ofMinutes(40));
        TicketSummary t = tickets.open(analyst, a.id(), new Tickets.Draft("電話: メールが送れない", "社長から電話",
                TicketCategory.QUESTION, TicketPriority.MEDIUM, TicketChannel.PHONE, called, "山田", null));
        assertThat(t.receivedAt()).isCloseTo(called, org.assertj.core.api.Assertions.within(1,
                java.time.temporal.ChronoUnit.MILLIS));
        assertThat(t.channel()).isEqualTo(TicketChannel.PHONE);
        assertThatThrownBy(() -> tickets.open(analyst, a.id(), new Tickets.Draft("未来", "x", null, null,
                TicketChannel.PHONE, Instant.now().plus(Duration.ofHours(1)), null, null)))
                .isInstanceOf(InvalidInput.class);
        // The company's own receivedAt is ignored: its tickets are received when it sends them.
        TicketSummary own = tickets.open(ownerA, a.id(), new Tickets.Draft("過去の日時", "x", null, null,
                TicketChannel.PHONE, called, "なりすまし", null));
        assertThat(own.receivedAt()).isAfter(called.plus(Duration.ofMinutes(30)));
        assertThat(own.channel()).isEqualTo(TicketChannel.PORTAL);
        assertThat(own.requesterName()).isNotEqualTo("なりすまし");
        assertThatThrownBy(() -> tickets.open(analyst, a.id(), new Tickets.Draft("x".repeat(201), "x", null, null,
                null, null, null, null))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void attachmentsKeepTheirSha256AndRefuseFilesOverTheCap() {
        TicketSummary t = ask(ownerA, "画面の写真");
        byte[] content = "screenshot".getBytes(StandardCharsets.UTF_8);
        TicketAttachmentInfo info = tickets.attach(ownerA, t.id(), "C:\\Users\\me\\画面.png", "image/png", content,
                false);
        assertThat(info.sha256()).hasSize(64).isEqualTo(java.util.HexFormat.of().formatHex(
                sha(content)));
        assertThat(info.fileName()).isEqualTo("画面.png");
        assertThat(info.size()).isEqualTo(content.length);
        assertThat(tickets.attachment(ownerA, t.id(), info.id()).content()).isEqualTo(content);
        assertThatThrownBy(() -> tickets.attach(ownerA, t.id(), "big.bin", "application/octet-stream",
                new byte[1025], false)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> tickets.attach(t.id(), "empty.txt", "text/plain", new byte[0]))
                .isInstanceOf(InvalidInput.class);

        TicketAttachmentInfo internal = tickets.attach(analyst, t.id(), "調査メモ.txt", "text/plain",
                "internal".getBytes(StandardCharsets.UTF_8), true);
        assertThat(tickets.attachments(ownerA, t.id())).extracting(x -> x.info().id()).containsExactly(info.id());
        assertThatThrownBy(() -> tickets.attachment(ownerA, t.id(), internal.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tickets.attachment(ownerB, t.id(), info.id())).isInstanceOf(NotFoundException.class);
        assertThat(tickets.attachments(admin, t.id())).hasSize(2);
    }

    private static byte[] sha(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
