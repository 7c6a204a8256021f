package jp.sukedachi.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import jp.sukedachi.app.shared.SqlTimes;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications are claimed in the database before they are sent (issue 12, item 4), on H2 and PostgreSQL (see the
 * subclasses). Two notifiers on one database, as two instances are, sweep at the same moment against a slow webhook:
 * each alert is posted once. A claim whose sender died is left alone until the claim timeout, then sent once.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.notify.inline=false", "sukedachi.notify.sweep-initial-ms=3600000", "sukedachi.notify.digest-cron=-",
        "sukedachi.notify.quiet-hours=", "sukedachi.notify.mail.enabled=false", "sukedachi.watch.enabled=false"})
abstract class NotificationClaimContract {
    static final HttpServer HOOK;
    static final List<String> POSTED = new CopyOnWriteArrayList<>();
    static final AtomicInteger FAIL_NEXT = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        try {
            HOOK = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Shared by the H2 and PostgreSQL classes in one JVM: never stopped, daemon threads.
        HOOK.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> Thread.ofPlatform().daemon()
                .unstarted(r)));
        HOOK.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = FAIL_NEXT.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
            try {
                Thread.sleep(150); // slow enough that two sweeps overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (status == 200) {
                POSTED.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        HOOK.start();
    }

    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("sukedachi.notify.webhook-url", () -> "http://127.0.0.1:" + HOOK.getAddress().getPort() + "/hook");
    }

    @Autowired
    TestWorld world;
    @Autowired
    Triage triage;
    @Autowired
    AlertQueries alerts;
    @Autowired
    Notifier notifier;
    @Autowired
    NotificationRepository repository;
    @Autowired
    NotificationTexts texts;
    @Autowired
    MailChannel mail;
    @Autowired
    WebhookChannel webhookChannel;
    @Autowired
    NotifySettings settings;
    @Autowired
    Clock clock;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    jp.sukedachi.app.config.JobLocks jobs;

    TestWorld.Login admin;
    Tenant tenant;

    @BeforeEach
    void world() {
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("Claims"));
        POSTED.clear();
        FAIL_NEXT.set(0);
    }

    /** Another instance's notifier: the same database, its own identity. */
    private Notifier secondInstance() {
        return new Notifier(repository, texts, mail, webhookChannel, settings, clock, transactions, jobs);
    }

    @Test
    void twoNotifiersOnOneDatabaseSendEachNotificationOnce() throws Exception {
        Notifier second = secondInstance();
        try {
            List<String> hosts = List.of("10.5.0.1", "10.5.0.2", "10.5.0.3", "10.5.0.4", "10.5.0.5", "10.5.0.6");
            List<Detection> detections = new ArrayList<>();
            hosts.forEach(h -> detections.addAll(c2(h, 2)));
            triage.apply(detections); // after its commit this instance's notifier starts a sweep of its own
            List<Thread> sweeps = new ArrayList<>();
            for (Notifier n : List.of(notifier, second, notifier, second)) {
                sweeps.add(Thread.ofPlatform().start(n::sweep));
            }
            for (Thread t : sweeps) {
                t.join(60_000);
            }
            List<UUID> mine = alerts.alertsOf(admin.actor(), tenant.id(), 100).stream().map(Alert::id)
                    .toList();
            awaitNothingPending(mine);
            Map<String, Integer> perAlert = new HashMap<>();
            for (String body : POSTED) {
                String id = JSON.readTree(body).get("alertId").asString();
                if (mine.contains(UUID.fromString(id))) {
                    perAlert.merge(id, 1, Integer::sum);
                }
            }
            assertThat(perAlert).as("webhooks per alert").hasSize(hosts.size())
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        } finally {
            second.stop();
        }
    }

    @Test
    void aClaimWhoseSenderDiedIsSentOnceAfterTheClaimTimeout() throws Exception {
        FAIL_NEXT.set(1_000); // every attempt fails for now: the notification stays pending, unclaimed
        triage.apply(c2("10.6.0.1", 2));
        // This test's alert by its host: the other test's alerts of the company may share its last-seen time.
        UUID alert = alerts.alertsOf(admin.actor(), tenant.id(), 100).stream()
                .filter(a -> a.entity().equals("10.6.0.1")).findFirst().orElseThrow().id();
        // One sweep plans it and tries it at once (on H2 it used to wait for the next sweep: see SqlTimes).
        notifier.sweep();
        assertThat(attempts(alert)).as("a failed attempt; the alert's notifications: %s", repository.ofAlert(alert))
                .isGreaterThanOrEqualTo(1);

        // Another instance claimed it a minute ago and is still sending (or died a minute ago): not ours to send.
        claim(alert, clock.instant().minus(Duration.ofMinutes(1)));
        // Sweeps of one notifier run one at a time: once this one returns, the sweep triage's commit queued on the
        // notifier's thread has finished too (a failure of it no longer clears the claim above: not its claim), or
        // it starts later and finds the row claimed. Only then may the webhook work again.
        notifier.sweep();
        FAIL_NEXT.set(0);
        notifier.sweep();
        assertThat(posted(alert)).isZero();
        assertThat(jdbc.sql("select claimed_by from notification where alert_id = :a and channel = 'WEBHOOK'")
                .param("a", alert).query(String.class).single()).as("another instance's claim is left alone")
                .isEqualTo("dead-instance");

        // That claim is older than the timeout (5 minutes): its sender died; sent now, once.
        claim(alert, clock.instant().minus(Duration.ofMinutes(6)));
        notifier.sweep();
        notifier.sweep();
        assertThat(posted(alert)).isEqualTo(1);
        assertThat(repository.ofAlert(alert)).filteredOn(s -> s.channel().equals("WEBHOOK"))
                .singleElement().extracting(NotificationRepository.Sent::status).isEqualTo("SENT");
    }

    private int attempts(UUID alert) {
        return jdbc.sql("select coalesce(max(attempts), 0) from notification where alert_id = :a and channel = 'WEBHOOK'")
                .param("a", alert).query(Integer.class).single();
    }

    private void claim(UUID alert, Instant at) {
        jdbc.sql("update notification set claimed_by = 'dead-instance', claimed_at = :at where alert_id = :a "
                + "and channel = 'WEBHOOK'").param("a", alert).param("at", SqlTimes.utc(at)).update();
    }

    private static long posted(UUID alert) {
        return POSTED.stream().filter(b -> b.contains(alert.toString())).count();
    }

    private void awaitNothingPending(List<UUID> alertIds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long pending = alertIds.stream().flatMap(a -> repository.ofAlert(a).stream())
                    .filter(s -> s.status().equals("PENDING")).count();
            if (pending == 0) {
                Thread.sleep(500); // a sweep still under way
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("notifications still pending");
    }

    /** {@code n} connections of {@code host} to a C2 address of this test's company. */
    private List<Detection> c2(String host, int n) {
        List<Detection> out = new ArrayList<>();
        long at = clock.millis();
        for (int i = 0; i < n; i++) {
            SecurityEvent event = SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant.id()))
                    .device(new DeviceId(new UUID(1, 1))).timestamp(at + i).received(at + i)
                    .raw("flow " + host + " → 203.0.113.67").set(Ecs.SOURCE_IP, host)
                    .set(Ecs.DESTINATION_IP, "203.0.113.67").build();
            out.add(new Detection(event.tenant(), event.device(), at + i, "intel", "ipv4:203.0.113.67",
                    "Connection to a C2 server", Severity.HIGH, Category.C2, event,
                    Map.of("field", Ecs.DESTINATION_IP, "indicator", "ipv4:203.0.113.67")));
        }
        return out;
    }
}
