package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import jp.sukedachi.app.SukedachiApplication;
import jp.sukedachi.app.config.ChangeVersions;
import jp.sukedachi.app.intel.IntelService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.sigma.SigmaRuleService;
import jp.sukedachi.app.sigma.SigmaRules;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.intel.match.IntelStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances on one database (issue 20): the same application started twice in this JVM, each with its own data
 * folder, on one database (H2 shared in memory, or one PostgreSQL schema: see the subclasses), mailing one GreenMail
 * server. Every message goes out once although both instances send; each job with a visible effect runs once when
 * both start it at the same moment; an indicator or Sigma rule changed on one instance takes effect on the other;
 * two workers committing batches of different companies at the same moment open one campaign and lose no sighting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoInstancesOnOneDatabaseContract {
    static final String DESK = "desk@provider.example.jp";
    static final String SOC = "soc@provider.example.jp";
    private static final String FAILED_LOGON_RULE = "6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    GreenMail mail;
    ConfigurableApplicationContext a;
    ConfigurableApplicationContext b;
    Actor admin;

    /** Further {@code --key=value} arguments naming the one database both instances use. */
    abstract List<String> databaseArgs();

    /** {@code sukedachi.control.poll-ms} of both instances. */
    abstract long pollMs();

    /** How long a change made on one instance may take to reach the other. */
    abstract Duration changeReachesTheOtherWithin();

    @BeforeAll
    void start() throws Exception {
        mail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)}));
        mail.start();
        mail.setUser(DESK, DESK, "desk-secret");
        Path rules = Files.createTempDirectory("once-rules"); // no rules folder to read: uploads only
        a = start(Files.createTempDirectory("once-a"), rules);
        b = start(Files.createTempDirectory("once-b"), rules);
        for (ConfigurableApplicationContext c : List.of(a, b)) {
            assertThat(c.getBean(SigmaRules.class).awaitFirstLoad(Duration.ofSeconds(60))).isTrue();
        }
    }

    private ConfigurableApplicationContext start(Path data, Path rules) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--sukedachi.data-dir=" + data,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--sukedachi.syslog.enabled=false", "--sukedachi.intel.refresh-initial-ms=3600000",
                "--sukedachi.notify.inline=false", "--sukedachi.notify.sweep-initial-ms=3600000",
                "--sukedachi.notify.digest-cron=-", "--sukedachi.notify.quiet-hours=",
                "--sukedachi.notify.analyst-emails=" + SOC, "--sukedachi.watch.initial-delay-ms=3600000",
                "--sukedachi.report.sweep-initial-ms=3600000", "--sukedachi.report.schedule=-",
                "--sukedachi.lifecycle.offboarding-check-initial-ms=3600000",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.getSmtp().getPort(),
                "--sukedachi.desk.mail.host=127.0.0.1", "--sukedachi.desk.mail.port=" + mail.getImap().getPort(),
                "--sukedachi.desk.mail.ssl=false", "--sukedachi.desk.mail.username=" + DESK,
                "--sukedachi.desk.mail.password=desk-secret", "--sukedachi.desk.mail.poll-initial-ms=3600000",
                "--sukedachi.sigma.rules-dir=" + rules, "--sukedachi.control.poll-ms=" + pollMs(),
                "--spring.datasource.hikari.maximum-pool-size=5"));
        args.addAll(databaseArgs());
        return new SpringApplicationBuilder(SukedachiApplication.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    void stop() {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {b, a}) {
            if (c != null) {
                c.close();
            }
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @BeforeEach
    void world() throws Exception {
        admin = a.getBean(TestWorld.class).admin().actor();
        // The mails an earlier test's alerts still cause (their sweeps run in the background) are not this test's.
        await(() -> jdbc().sql("select count(*) from notification where kind = 'IMMEDIATE' and status = 'PENDING'")
                .query(Long.class).single() == 0, "earlier tests' mails sent");
        mail.purgeEmailFromAllMailboxes();
    }

    // ------------------------------------------------------------------------------------------ messages

    @Test
    void anAlertIsMailedOnceToEachRecipientThoughBothInstancesSweep() throws Exception {
        Tenant company = company("Once-Mail");
        keep(a, List.of(detection(company, "10.1.0.5", Severity.HIGH)));

        bothAtOnce(() -> sweep(a), () -> sweep(b));
        bothAtOnce(() -> sweep(a), () -> sweep(b));
        await(() -> unsent(company) == 0, "every immediate notification sent");

        Map<String, Integer> perRecipientAndSubject = received();
        assertThat(perRecipientAndSubject).as("mails").isNotEmpty().allSatisfy((k, n) -> assertThat(n).as(k).isOne());
        assertThat(perRecipientAndSubject.keySet()).anyMatch(k -> k.startsWith(SOC + " "))
                .anyMatch(k -> k.startsWith(company.contactEmail().toLowerCase(Locale.ROOT) + " "));
        assertThat(mail.getReceivedMessages()).hasSize(jdbc().sql("select count(*) from notification n join alert "
                + "x on x.id = n.alert_id where x.tenant_id = :t and n.channel = 'MAIL' and n.status = 'SENT'")
                .param("t", company.id()).query(Long.class).single().intValue());
    }

    @Test
    void theDailyDigestGoesOutOnceToEachRecipientWhenBothInstancesSendItAtOnce() throws Exception {
        Tenant company = company("Once-Digest");
        List<Detection> low = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            low.add(detection(company, "10.2.0." + i, Severity.LOW));
        }
        keep(a, low);
        // Planned first (after the sweep the alerts started on A), so that both digests meet over the same rows.
        sweep(a);

        bothAtOnce(() -> digest(a), () -> digest(b));

        Map<String, Integer> perRecipient = new HashMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getSubject().contains("Daily digest") || m.getSubject().contains("本日のお知らせ")) {
                perRecipient.merge(to(m), 1, Integer::sum);
            }
        }
        assertThat(perRecipient).as("digests per recipient: one each, however the instances met")
                .containsKeys(SOC, company.contactEmail().toLowerCase(Locale.ROOT))
                .allSatisfy((k, n) -> assertThat(n).as(k).isOne());
        assertThat(jdbc().sql("select count(*) from notification n join alert x on x.id = n.alert_id where "
                + "x.tenant_id = :t and n.kind = 'DIGEST' and n.status <> 'SENT'").param("t", company.id())
                .query(Long.class).single()).as("every digest item went out").isZero();
    }

    // ------------------------------------------------------------------------------------------ jobs

    @Test
    void aFeedDueOnBothInstancesIsFetchedOnce() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feed.createContext("/feed.txt", exchange -> {
            fetched.incrementAndGet();
            try {
                Thread.sleep(300); // both instances are checking while this fetch runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "198.51.100.201\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        feed.start();
        try {
            a.getBean(IntelService.class).addFeed(admin, TestWorld.unique("once-feed"), "list",
                    "http://127.0.0.1:" + feed.getAddress().getPort() + "/feed.txt", 60, 30);

            bothAtOnce(() -> a.getBean(IntelService.class).refreshDueFeeds(),
                    () -> b.getBean(IntelService.class).refreshDueFeeds());
            bothAtOnce(() -> a.getBean(IntelService.class).refreshDueFeeds(),
                    () -> b.getBean(IntelService.class).refreshDueFeeds());

            assertThat(fetched).as("one fetch for the cluster, and none again before the feed is due").hasValue(1);
        } finally {
            feed.stop(0);
        }
    }

    @Test
    void aMailToTheDeskIsTakenInOnceWhenBothInstancesPollAtOnce() throws Exception {
        long before = deskMails();
        GreenMailUtil.sendTextEmail(DESK, "someone@customer.example.jp", "プリンタが動きません",
                "昨日からプリンタが動きません。", mail.getSmtp().getServerSetup());
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();

        List<Object> polls = bothAtOnce(() -> poll(a), () -> poll(b));

        assertThat(deskMails() - before).as("stored once").isOne();
        int read = 0;
        for (Object p : polls) {
            read += (int) invoke(p, "taken") + (int) invoke(p, "alreadyStored") + (int) invoke(p, "failed");
        }
        assertThat(read).as("only one instance read it: %s", polls).isOne();
    }

    // ------------------------------------------------------------------------------------------ changes

    @Test
    void anIndicatorImportedOnOneInstanceIsMatchedOnTheOther() throws Exception {
        String c2 = "198.51.100." + (10 + (int) (System.nanoTime() % 90));
        SecurityEvent toC2 = flow(company("Once-Intel"), "10.3.0.5", c2, System.currentTimeMillis());
        assertThat(matches(b, toC2)).as("not an indicator yet").isFalse();

        a.getBean(IntelService.class).importFeed(admin, "once-intel", "list", new StringReader(c2 + "\n"), null);
        long changed = System.nanoTime();
        assertThat(matches(a, toC2)).as("at once where it was imported").isTrue();

        await(() -> matches(b, toC2), "the other instance matches it");
        Duration took = Duration.ofNanos(System.nanoTime() - changed);
        assertThat(took).as("reached the other instance in %s", took).isLessThan(changeReachesTheOtherWithin());
        assertThat(b.getBean(ChangeVersions.class).builtVersion(ChangeVersions.INTEL))
                .isEqualTo(a.getBean(ChangeVersions.class).builtVersion(ChangeVersions.INTEL));
    }

    @Test
    void aSigmaRuleSwitchedOffOnOneInstanceStopsMatchingOnTheOther() throws Exception {
        Tenant company = company("Once-Sigma");
        SigmaRuleService rulesOnA = a.getBean(SigmaRuleService.class);
        assertThat(rulesOnA.upload(admin,
                jp.sukedachi.app.support.SigmaTestRules.failedLogon(FAILED_LOGON_RULE, "Failed Logon (two instances)"))
                .ok()).isTrue();
        await(() -> b.getBean(SigmaRules.class).isEnabled(FAILED_LOGON_RULE), "the uploaded rule runs on B");
        String stream = "test:once-sigma-" + UUID.randomUUID();
        b.getBean(PipelineStages.class).handle(stream, List.of(failedLogon(company, 0)), 0);
        assertThat(sigmaDetections(company)).as("B matches the rule uploaded on A").isOne();

        rulesOnA.toggle(admin, "RULE", FAILED_LOGON_RULE, false);
        long changed = System.nanoTime();
        await(() -> !b.getBean(SigmaRules.class).isEnabled(FAILED_LOGON_RULE), "the rule is off on B");
        assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(changeReachesTheOtherWithin());
        b.getBean(PipelineStages.class).handle(stream, List.of(failedLogon(company, 1)), 1);
        assertThat(sigmaDetections(company)).as("switched off on A, B matches it no more").isOne();
    }

    // ------------------------------------------------------------------------------------------ parallel writers

    /**
     * Two workers (one per instance, each its own stream, as two Kafka partitions are) commit batches of different
     * companies at the same moment, every batch carrying the same two indicators: one campaign, every sighting and
     * every event counted, every LAN device learnt; a deadlock the database breaks is retried as the runtime
     * retries a batch, and is rare (the keys are locked in one order).
     */
    @Test
    void twoWorkersCommittingDifferentCompaniesAtOnceOpenOneCampaignAndLoseNoSighting() throws Exception {
        String c2a = "192.0.2." + (10 + (int) (System.nanoTime() % 100));
        String c2b = "192.0.2." + (120 + (int) (System.nanoTime() % 100));
        a.getBean(IntelService.class).importFeed(admin, "once-campaign", "list",
                new StringReader(c2a + "\n" + c2b + "\n"), null);
        List<Tenant> companies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            companies.add(company("Once-Parallel"));
        }
        SecurityEvent probe = flow(companies.getFirst(), "10.9.0.1", c2b, System.currentTimeMillis());
        await(() -> matches(b, probe), "B knows the indicators");

        int rounds = 20;
        AtomicInteger retries = new AtomicInteger();
        long t0 = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        bothAtOnce(() -> work(a, "test:once-a-" + UUID.randomUUID(), companies.subList(0, 3), c2a, c2b, t0, rounds,
                retries), () -> work(b, "test:once-b-" + UUID.randomUUID(), companies.subList(3, 6), c2a, c2b, t0,
                rounds, retries));

        List<UUID> ids = companies.stream().map(Tenant::id).toList();
        JdbcClient db = jdbc();
        assertThat(db.sql("select count(distinct campaign_id) from campaign_alert where tenant_id in (:t)")
                .param("t", ids).query(Long.class).single()).as("one campaign").isOne();
        assertThat(db.sql("select count(*) from campaign_alert where tenant_id in (:t)").param("t", ids)
                .query(Long.class).single()).as("every company's two PCs linked").isEqualTo(12L);
        assertThat(db.sql("select count(*) from campaign_sighting where tenant_id in (:t)").param("t", ids)
                .query(Long.class).single()).as("every sighting: 6 companies x 2 PCs x 2 keys").isEqualTo(24L);
        assertThat(db.sql("select count(*) from alert where tenant_id in (:t) and detector = 'campaign'")
                .param("t", ids).query(Long.class).single()).as("one campaign alert per PC").isEqualTo(12L);
        assertThat(db.sql("select coalesce(sum(event_count), 0) from alert where tenant_id in (:t) and detector = "
                + "'intel'").param("t", ids).query(Long.class).single()).as("every event counted once")
                .isEqualTo(6L * 2 * 2 * rounds);
        assertThat(db.sql("select count(*) from lan_host where tenant_id in (:t)").param("t", ids)
                .query(Long.class).single()).as("every PC learnt").isEqualTo(12L);
        assertThat(retries.get()).as("deadlocks broken and retried, of %d batches", 2 * rounds)
                .isLessThanOrEqualTo(2);
    }

    /** One worker's batches: each company's two PCs, one event each to each indicator. */
    private int work(ConfigurableApplicationContext instance, String stream, List<Tenant> companies, String c2a,
            String c2b, long t0, int rounds, AtomicInteger retries) {
        PipelineStages stages = instance.getBean(PipelineStages.class);
        java.util.SplittableRandom random = new java.util.SplittableRandom(stream.hashCode());
        for (int r = 0; r < rounds; r++) {
            List<SecurityEvent> batch = new ArrayList<>();
            for (Tenant t : companies) {
                for (int pc = 1; pc <= 2; pc++) {
                    // Both keys on each PC: the second key's sightings join the campaign the first one opened.
                    for (String c2 : List.of(c2a, c2b)) {
                        batch.add(flow(t, "10.8.0." + pc, c2, t0 + random.nextLong(3_600_000L))); // no rhythm
                    }
                }
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    stages.handle(stream, batch, r);
                    break;
                } catch (RuntimeException e) {
                    // What the runtime does with a batch whose transaction failed (a deadlock the database broke).
                    retries.incrementAndGet();
                    if (attempt >= 5) {
                        throw e;
                    }
                }
            }
        }
        return rounds;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Tenant company(String name) {
        return a.getBean(TestWorld.class).tenant(admin, TestWorld.unique(name));
    }

    private JdbcClient jdbc() {
        return a.getBean(JdbcClient.class);
    }

    private static void keep(ConfigurableApplicationContext instance, List<Detection> detections) {
        Triage triage = instance.getBean(Triage.class);
        new TransactionTemplate(instance.getBean(PlatformTransactionManager.class))
                .executeWithoutResult(s -> triage.keep(detections, Instant.now()));
    }

    private static Detection detection(Tenant t, String host, Severity severity) {
        long at = System.currentTimeMillis();
        SecurityEvent e = flow(t, host, "203.0.113.9", at);
        return new Detection(new TenantId(t.id()), DeviceId.random(), at, "sensor", "sid:2026020",
                "Malware download to " + host, severity, Category.MALWARE_DOWNLOAD, e, Map.of("entity", host));
    }

    /** A company PC's connection (with its MAC and browser, so the inventory learns it) to an address. */
    private static SecurityEvent flow(Tenant t, String host, String to, long at) {
        return SecurityEvent.builder("suricata-eve").tenant(new TenantId(t.id()))
                .device(new DeviceId(new UUID(20, t.id().getLeastSignificantBits()))).timestamp(at).received(at)
                .set(Ecs.SOURCE_IP, host).set(Ecs.SOURCE_MAC, String.format("02:00:00:00:00:%02x",
                        Integer.parseInt(host.substring(host.lastIndexOf('.') + 1)) % 256))
                .set(Ecs.USER_AGENT_ORIGINAL, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0")
                .set(Ecs.DESTINATION_IP, to).set(Ecs.DESTINATION_PORT, "443").build();
    }

    private static SecurityEvent failedLogon(Tenant t, int i) {
        long at = System.currentTimeMillis() - 60_000L + i;
        return SecurityEvent.builder("windows").tenant(new TenantId(t.id())).device(new DeviceId(new UUID(21, 21)))
                .timestamp(at).received(at).raw("{}").original("EventID", "4625").original("Channel", "Security")
                .original("Computer", "PC-07").original("TargetUserName", "yamada").build();
    }

    private long sigmaDetections(Tenant t) {
        return jdbc().sql("select count(*) from detection where tenant_id = :t and detector = 'sigma' and rule_id = :r")
                .param("t", t.id()).param("r", FAILED_LOGON_RULE).query(Long.class).single();
    }

    private static boolean matches(ConfigurableApplicationContext instance, SecurityEvent e) {
        return !instance.getBean(IntelStore.class).matcher().match(e, Instant.now()).isEmpty();
    }

    private long unsent(Tenant t) {
        return jdbc().sql("select count(*) from notification n join alert x on x.id = n.alert_id where x.tenant_id = :t "
                + "and n.kind = 'IMMEDIATE' and n.status = 'PENDING'").param("t", t.id()).query(Long.class).single();
    }

    private long deskMails() {
        return jdbc().sql("select (select count(*) from desk_mail) + (select count(*) from desk_mail_unmatched)")
                .query(Long.class).single();
    }

    /** Mails received, per recipient and subject. */
    private Map<String, Integer> received() throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            out.merge(to(m) + " " + m.getSubject(), 1, Integer::sum);
        }
        return out;
    }

    private static String to(MimeMessage m) throws Exception {
        Address[] to = m.getAllRecipients();
        return ((InternetAddress) to[0]).getAddress().toLowerCase(Locale.ROOT);
    }

    // The notifier, the desk's poller and their results are their capabilities' internals: called as the scheduler
    // calls them.
    private static Object sweep(ConfigurableApplicationContext c) throws Exception {
        return call(c, "jp.sukedachi.app.notify.Notifier", "sweep");
    }

    private static Object digest(ConfigurableApplicationContext c) throws Exception {
        return call(c, "jp.sukedachi.app.notify.Notifier", "digest");
    }

    private static Object poll(ConfigurableApplicationContext c) throws Exception {
        return call(c, "jp.sukedachi.app.desk.DeskMailPoller", "pollOnce");
    }

    private static Object call(ConfigurableApplicationContext c, String type, String method) throws Exception {
        Class<?> beanType = Class.forName(type);
        return invoke(c.getBean(beanType), beanType.getDeclaredMethod(method));
    }

    private static Object invoke(Object target, String accessor) throws Exception {
        return invoke(target, target.getClass().getDeclaredMethod(accessor));
    }

    private static Object invoke(Object target, Method m) throws Exception {
        m.setAccessible(true);
        try {
            return m.invoke(target);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Runs both at the same moment, each on its own thread; their results, A's first. */
    private static List<Object> bothAtOnce(Callable<?> onA, Callable<?> onB) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (Callable<?> work : List.of(onA, onB)) {
                results.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return work.call();
                }));
            }
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : results) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for: " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
