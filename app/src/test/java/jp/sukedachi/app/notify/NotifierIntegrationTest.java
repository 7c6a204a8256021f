package jp.sukedachi.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.MutableClock;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Notifications through the real application: triage commits alerts, the notifier mails a real SMTP server
 * (GreenMail) and posts to a local webhook; once per alert and severity, again on escalation, quiet hours,
 * the daily digest, the plain-language SME text, and retry after a failure.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.notify.inline=true", "sukedachi.notify.sweep-initial-ms=3600000", "sukedachi.notify.digest-cron=-",
        "sukedachi.notify.quiet-hours=22:00-07:00", "sukedachi.notify.analyst-emails=soc@provider.example.jp",
        "sukedachi.notify.from=notify@provider.example.jp", "sukedachi.desk.phone=0120-000-111",
        "sukedachi.desk.email=desk@provider.example.jp", "sukedachi.notify.public-url=https://portal.example.jp"})
class NotifierIntegrationTest {
    private static final String SOC = "soc@provider.example.jp";
    /** 12:00 in Tokyo. */
    private static final Instant NOON = Instant.parse("2026-03-10T03:00:00Z");
    /** A fixed free port, so the server can be stopped and started again (SMTP down) at the same address. */
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static final HttpServer HOOK;
    private static final List<String> POSTED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger FAIL_NEXT = new AtomicInteger();

    static {
        SMTP.start();
        try {
            HOOK = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HOOK.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = FAIL_NEXT.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
            if (status == 200) {
                POSTED.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        HOOK.start();
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("sukedachi.notify.webhook-url",
                () -> "http://127.0.0.1:" + HOOK.getAddress().getPort() + "/hook");
    }

    @AfterAll
    static void stop() {
        HOOK.stop(0);
        SMTP.stop();
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(NOON);
        }
    }

    @Autowired
    TestWorld world;
    @Autowired
    Triage triage;
    @Autowired
    AlertQueries alerts;
    @Autowired
    AlertService service;
    @Autowired
    Notifier notifier;
    @Autowired
    NotificationRepository notifications;
    @Autowired
    MutableClock clock;
    @Autowired
    ObjectMapper json;

    Login admin;
    Tenant tenant;
    Login owner;

    @BeforeEach
    void world() throws Exception {
        at(NOON);
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("Notify"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
        SMTP.purgeEmailFromAllMailboxes();
        POSTED.clear();
        FAIL_NEXT.set(0);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void at(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    /** {@code n} connections of {@code host} to a C2 address, at the clock's time. */
    private List<Detection> c2(String host, int n, Severity hint) {
        return detections(host, n, hint, Category.C2);
    }

    /** {@code n} detections of {@code host} of one category, all titled as a C2 connection. */
    private List<Detection> detections(String host, int n, Severity hint, Category category) {
        List<Detection> out = new ArrayList<>();
        long at = clock.millis();
        for (int i = 0; i < n; i++) {
            SecurityEvent event = SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant.id()))
                    .device(new DeviceId(new UUID(1, 1))).timestamp(at + i).received(at + i)
                    .raw("flow " + host + " → 203.0.113.66").set(Ecs.SOURCE_IP, host)
                    .set(Ecs.DESTINATION_IP, "203.0.113.66").build();
            out.add(new Detection(event.tenant(), event.device(), at + i, "intel", "ipv4:203.0.113.66",
                    "Connection to a C2 server", hint, category, event,
                    Map.of("field", Ecs.DESTINATION_IP, "indicator", "ipv4:203.0.113.66")));
        }
        return out;
    }

    private Alert alertOf(String host) {
        return alerts.alertsOf(admin.actor(), tenant.id(), 100).stream()
                .filter(a -> a.entity().equals(host)).findFirst().orElseThrow();
    }

    private static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            Address[] to = m.getAllRecipients();
            if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                out.add(m);
            }
        }
        return out;
    }

    /** The analysts' mails about this test's tenant. */
    private List<MimeMessage> socMailsAboutTenant() throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mailsTo(SOC)) {
            if (m.getSubject().contains(tenant.name())) {
                out.add(m);
            }
        }
        return out;
    }

    private static String text(MimeMessage m) throws Exception {
        return (String) m.getContent();
    }

    private String contact() {
        return tenant.contactEmail().toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------------------ tests

    @Test
    void threeBatchesIntoOneAlertGroupAreOneMailToEachPerson() throws Exception {
        triage.apply(c2("10.0.0.5", 1, Severity.HIGH));
        triage.apply(c2("10.0.0.5", 5, Severity.HIGH));
        triage.apply(c2("10.0.0.5", 10, Severity.HIGH));

        assertThat(alertOf("10.0.0.5").count()).isEqualTo(16);
        assertThat(alertOf("10.0.0.5").severity()).isEqualTo(Severity.HIGH);
        assertThat(mailsTo(contact())).hasSize(1);
        assertThat(mailsTo(owner.user().email())).hasSize(1);
        assertThat(socMailsAboutTenant()).hasSize(1);
        assertThat(mailsTo(admin.user().email())).as("every active provider admin is an analyst recipient").hasSize(1);
        assertThat(notifications.ofAlert(alertOf("10.0.0.5").id()))
                .allSatisfy(n -> assertThat(n.status()).isEqualTo("SENT"))
                .extracting(NotificationRepository.Sent::kind).containsOnly("IMMEDIATE");
        assertThat(notifier.sweep().sent()).as("a sweep finds nothing left to send").isZero();
    }

    @Test
    void theSmeMailSaysInPlainJapaneseWhatHappenedWhetherItMattersWhatToDoAndWhomToCall() throws Exception {
        triage.apply(c2("10.0.0.9", 1, Severity.HIGH));
        Alert alert = alertOf("10.0.0.9");

        MimeMessage mail = mailsTo(contact()).getFirst();
        String body = text(mail);
        assertThat(mail.getSubject()).contains("至急対応が必要").contains("攻撃者のサーバーとの通信")
                .doesNotContain("Connection to a C2 server");
        assertThat(body)
                .contains(tenant.name() + " ご担当者様")
                .contains("■ 何が起きたか").contains("攻撃者のサーバーと通信しています")
                .contains("どのパソコンかは相談窓口が特定してお知らせします")
                .contains("■ 重要度").contains("至急対応が必要")
                .contains("■ 今すぐやること").contains("1. ").contains("電源は切らないでください")
                .contains("電話: 0120-000-111").contains("メール: desk@provider.example.jp")
                .contains("https://portal.example.jp/my/alerts/" + alert.id())
                .doesNotContain("https://portal.example.jp/alerts/")
                .contains("（相談窓口向けの情報）検知ルール: Connection to a C2 server")
                .contains("----- English -----").contains("Action needed now").contains("Do NOT turn the computer off");
        assertThat(body.indexOf("何が起きたか")).as("Japanese first").isLessThan(body.indexOf("What happened"));
        String japanese = body.substring(0, body.indexOf("----- English -----"));
        assertThat(japanese.replace("（相談窓口向けの情報）検知ルール: Connection to a C2 server", ""))
                .as("the rule's English name only on the line labelled for the desk").doesNotContain("Connection to a C2");

        String analyst = text(socMailsAboutTenant().getFirst());
        assertThat(analyst).contains("tenant:     " + tenant.name()).contains("severity:   HIGH")
                .contains("category:   c2")
                .contains("key:        intel | ipv4:203.0.113.66 | 10.0.0.9").contains("count:      1")
                .contains("first seen: ").contains("https://portal.example.jp/alerts/" + alert.id());
    }

    @Test
    void whatTheSmeMailSaysHappenedIsChosenByTheCategoryNotTheTitle() throws Exception {
        // Titled as a C2 connection, but the detector said it was a scan (by an office PC: its source is inside).
        triage.apply(detections("10.0.0.10", 1, Severity.HIGH, Category.SCAN));

        String body = text(mailsTo(contact()).getFirst());
        assertThat(body).contains("がほかの機器の入口を次々に試しています")
                .contains("is trying the doors of your other devices")
                .doesNotContain("攻撃者のサーバーと通信しています");
        assertThat(mailsTo(contact()).getFirst().getSubject()).contains("不審な接続の試み");
        assertThat(json.readTree(POSTED.getFirst()).get("category").asString()).isEqualTo("scan");
    }

    @Test
    void closingAnAlertAsAFalseAlarmWithdrawsWhatWasHeldButATruePositiveIsStillTold() throws Exception {
        at(Instant.parse("2026-03-12T14:00:00Z")); // 23:00 in Tokyo: HIGH mail to the SME waits until 07:00
        triage.apply(c2("10.0.6.1", 1, Severity.HIGH));
        triage.apply(c2("10.0.6.2", 1, Severity.HIGH));
        assertThat(mailsTo(contact())).isEmpty();

        service.close(admin.actor(), alertOf("10.0.6.1").id(), Alert.Resolution.FALSE_POSITIVE);
        service.close(admin.actor(), alertOf("10.0.6.2").id(), Alert.Resolution.TRUE_POSITIVE);
        assertThat(notifications.ofAlert(alertOf("10.0.6.1").id())).filteredOn(n -> n.audience().equals("TENANT"))
                .isNotEmpty().allSatisfy(n -> assertThat(n.status()).isEqualTo("CANCELLED"));

        at(Instant.parse("2026-03-12T22:00:00Z")); // 07:00
        notifier.sweep();
        assertThat(mailsTo(contact())).singleElement().satisfies(m -> assertThat(text(m))
                .contains("/my/alerts/" + alertOf("10.0.6.2").id()).doesNotContain("/my/alerts/" + alertOf("10.0.6.1").id()));
    }

    @Test
    void anEscalationSendsExactlyOneMoreAndSaysSo() throws Exception {
        triage.apply(c2("10.0.1.1", 1, Severity.HIGH));
        assertThat(mailsTo(contact())).hasSize(1);

        triage.apply(c2("10.0.1.1", 150, Severity.HIGH)); // 151 events: HIGH raised one step to CRITICAL
        assertThat(alertOf("10.0.1.1").severity()).isEqualTo(Severity.CRITICAL);
        triage.apply(c2("10.0.1.1", 5, Severity.HIGH));

        List<MimeMessage> mails = mailsTo(contact());
        assertThat(mails).hasSize(2);
        assertThat(mails.get(1).getSubject()).contains("重要度上昇");
        assertThat(text(mails.get(1))).contains("重要度が上がりました").contains("more serious");
        assertThat(socMailsAboutTenant()).hasSize(2);
        assertThat(socMailsAboutTenant().get(1).getSubject()).contains("CRITICAL (escalated)");
        assertThat(POSTED).hasSize(2);
        assertThat(json.readTree(POSTED.get(1)).get("escalated").asBoolean()).isTrue();
    }

    @Test
    void lowGoesOnlyToTheDigestAndMediumToAnalystsNowAndTheSmeInTheDigest() throws Exception {
        triage.apply(c2("10.0.2.1", 1, Severity.LOW));
        triage.apply(c2("10.0.2.2", 3, Severity.LOW));
        triage.apply(c2("10.0.2.3", 1, Severity.MEDIUM));

        assertThat(mailsTo(contact())).as("nothing immediate for the SME").isEmpty();
        assertThat(socMailsAboutTenant()).as("MEDIUM reaches the analysts at once, LOW does not").hasSize(1);
        assertThat(socMailsAboutTenant().getFirst().getSubject()).contains("MEDIUM");
        assertThat(POSTED).hasSize(1);

        SMTP.purgeEmailFromAllMailboxes();
        notifier.digest();

        List<MimeMessage> digest = mailsTo(contact());
        assertThat(digest).as("one digest mail per tenant recipient").hasSize(1);
        assertThat(mailsTo(owner.user().email())).hasSize(1);
        String body = text(digest.getFirst());
        assertThat(digest.getFirst().getSubject()).contains("本日のお知らせ（3 件）");
        assertThat(body).contains("攻撃者のサーバーと通信しています").contains("参考情報").contains("念のため確認")
                .contains("電話: 0120-000-111").contains("https://portal.example.jp/my/alerts/" + alertOf("10.0.2.1").id())
                .contains("https://portal.example.jp/my/alerts/" + alertOf("10.0.2.3").id());
        List<MimeMessage> soc = mailsTo(SOC);
        assertThat(soc).as("one digest for the analysts, all tenants in it").hasSize(1);
        assertThat(text(soc.getFirst())).contains("== " + tenant.name() + " (2)").contains("10.0.2.1")
                .contains("10.0.2.2").doesNotContain("10.0.2.3");

        SMTP.purgeEmailFromAllMailboxes();
        notifier.digest();
        assertThat(mailsTo(contact())).as("a digest lists only what was not sent yet").isEmpty();
        triage.apply(c2("10.0.2.1", 4, Severity.LOW));
        assertThat(notifier.digest().sent()).as("growing at the same severity is no news").isZero();
    }

    @Test
    void quietHoursHoldHighForTheSmeButNotCriticalAndNotTheAnalysts() throws Exception {
        at(Instant.parse("2026-03-11T14:00:00Z")); // 23:00 in Tokyo
        triage.apply(c2("10.0.3.1", 1, Severity.HIGH));
        assertThat(mailsTo(contact())).isEmpty();
        assertThat(socMailsAboutTenant()).hasSize(1);

        triage.apply(c2("10.0.3.2", 1, Severity.CRITICAL));
        assertThat(mailsTo(contact())).hasSize(1);
        assertThat(mailsTo(contact()).getFirst().getSubject()).contains("至急対応が必要");
        assertThat(text(mailsTo(contact()).getFirst())).contains("/my/alerts/" + alertOf("10.0.3.2").id());

        at(Instant.parse("2026-03-11T21:59:00Z")); // 06:59
        notifier.sweep();
        assertThat(mailsTo(contact())).hasSize(1);

        at(Instant.parse("2026-03-11T22:00:00Z")); // 07:00: quiet hours are over
        notifier.sweep();
        assertThat(mailsTo(contact())).hasSize(2);
        assertThat(text(mailsTo(contact()).get(1))).contains("/my/alerts/" + alertOf("10.0.3.1").id());
        notifier.sweep();
        assertThat(mailsTo(contact())).hasSize(2);
    }

    @Test
    void theWebhookGetsTheAlertAsJsonAndAFailureIsRetriedByTheNextRun() throws Exception {
        FAIL_NEXT.set(1);
        triage.apply(c2("10.0.4.1", 1, Severity.HIGH));
        Alert alert = alertOf("10.0.4.1");
        assertThat(POSTED).isEmpty();
        assertThat(notifications.ofAlert(alert.id())).filteredOn(n -> n.channel().equals("WEBHOOK")).singleElement()
                .satisfies(n -> {
                    assertThat(n.status()).isEqualTo("PENDING");
                    assertThat(n.attempts()).isEqualTo(1);
                });

        notifier.sweep();
        assertThat(POSTED).hasSize(1);
        JsonNode hook = json.readTree(POSTED.getFirst());
        assertThat(hook.get("alertId").asString()).isEqualTo(alert.id().toString());
        assertThat(hook.get("tenant").asString()).isEqualTo(tenant.name());
        assertThat(hook.get("title").asString()).isEqualTo("Connection to a C2 server");
        assertThat(hook.get("severity").asString()).isEqualTo("HIGH");
        assertThat(hook.get("category").asString()).isEqualTo("c2");
        assertThat(hook.get("entity").asString()).isEqualTo(alert.entity());
        assertThat(hook.get("count").asLong()).isEqualTo(1);
        assertThat(hook.get("firstSeen").asString()).isEqualTo(alert.firstSeen().toString());
        assertThat(hook.get("lastSeen").asString()).isEqualTo(alert.lastSeen().toString());
        assertThat(hook.get("url").asString()).isEqualTo("https://portal.example.jp/alerts/" + alert.id());
        assertThat(hook.get("escalated").asBoolean()).isFalse();
        assertThat(hook.get("text").asString()).contains("HIGH").contains(tenant.name());
        assertThat(notifications.ofAlert(alert.id())).filteredOn(n -> n.channel().equals("WEBHOOK")).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo("SENT"));

        notifier.sweep();
        assertThat(POSTED).hasSize(1);
        triage.apply(c2("10.0.4.2", 1, Severity.LOW));
        assertThat(POSTED).as("LOW is not for the chat").hasSize(1);
    }

    @Test
    void smtpDownKeepsTheRecordAndTheNextRunSends() throws Exception {
        SMTP.stop();
        try {
            triage.apply(c2("10.0.5.1", 1, Severity.CRITICAL));
        } finally {
            SMTP.start();
        }
        Alert alert = alertOf("10.0.5.1");
        assertThat(notifications.ofAlert(alert.id())).filteredOn(n -> n.channel().equals("MAIL"))
                .isNotEmpty().allSatisfy(n -> {
                    assertThat(n.status()).isEqualTo("PENDING");
                    assertThat(n.attempts()).isEqualTo(1);
                });

        notifier.sweep();
        assertThat(mailsTo(contact())).hasSize(1);
        assertThat(notifications.ofAlert(alert.id())).filteredOn(n -> n.channel().equals("MAIL"))
                .allSatisfy(n -> assertThat(n.status()).isEqualTo("SENT"));
    }
}
