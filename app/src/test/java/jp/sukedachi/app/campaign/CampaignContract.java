package jp.sukedachi.app.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.app.intel.IntelService;
import org.springframework.jdbc.core.simple.JdbcClient;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.intel.match.IntelStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The provider-level campaign correlation on H2 and PostgreSQL (see the subclasses), with the real triage, intel
 * and repositories, each batch kept, triaged and correlated in one transaction as the pipeline's stage does.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.notify.inline=false", "sukedachi.notify.sweep-initial-ms=3600000", "sukedachi.notify.digest-cron=-",
        "sukedachi.notify.mail.enabled=false", "sukedachi.watch.enabled=false"})
abstract class CampaignContract {
    private static final long DAY = 86_400_000L;

    @Autowired
    TestWorld world;
    @Autowired
    Triage triage;
    @Autowired
    CampaignCorrelator correlator;
    @Autowired
    CampaignService campaigns;
    @Autowired
    AlertQueries alerts;
    @Autowired
    IntelStore intel;
    @Autowired
    ObjectMapper json;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    AlertService alertService;
    @Autowired
    IntelService intelService;
    @Autowired
    JdbcClient jdbc;

    Actor admin;
    String hash;
    long t0;

    @BeforeEach
    void world() {
        admin = world.admin().actor();
        byte[] b = new byte[32];
        new SplittableRandom(System.nanoTime()).nextBytes(b);
        hash = HexFormat.of().formatHex(b);
        t0 = Instant.now().minus(Duration.ofDays(20)).toEpochMilli();
    }

    private Tenant company(String name) {
        return world.tenant(admin, TestWorld.unique(name));
    }

    /** A mail attachment's fileinfo event at a company's mail server, and the sensor's detection of the file. */
    private Detection attachment(Tenant t, long at, String host) {
        return attachment(t, at, host, hash, "203.0.113.45");
    }

    /** The same, with this file hash, from this sender server. */
    private Detection attachment(Tenant t, long at, String host, String sha256, String from) {
        SecurityEvent e = SecurityEvent.builder("suricata-eve").tenant(new TenantId(t.id())).timestamp(at).received(at)
                .set(Ecs.SOURCE_IP, from).set(Ecs.DESTINATION_IP, host).set(Ecs.DESTINATION_PORT, "25")
                .set(Ecs.FILE_NAME, "report.doc").set(Ecs.FILE_HASH_SHA256, sha256).set(Ecs.HOST_NAME, host).build();
        return new Detection(new TenantId(t.id()), DeviceId.random(), at, "sensor", "sid:2026001",
                "Malicious attachment report.doc", Detection.Severity.HIGH, Category.MALWARE_DOWNLOAD, e,
                Map.of("entity", host));
    }

    /** One pipeline batch: kept, triaged and correlated in one transaction, as the stage does. */
    private CampaignCorrelator.Outcome batch(List<Detection> detections) {
        return batch(detections, Instant.now());
    }

    /** One pipeline batch processed at {@code now} by the wall clock. */
    private CampaignCorrelator.Outcome batch(List<Detection> detections, Instant now) {
        return new TransactionTemplate(transactions).execute(status ->
                correlator.correlate(triage.keep(detections, now).alerted(), now));
    }

    private List<Alert> campaignAlerts(Actor actor, Tenant t) {
        return alerts.alertsOf(actor, t.id(), 100).stream().filter(a -> "campaign".equals(a.detector())).toList();
    }

    private CampaignService.View campaignOf(Tenant t) {
        Alert a = campaignAlerts(admin, t).getFirst();
        String shortId = a.ruleId().substring("campaign:".length());
        return campaigns.recent(admin, 500).stream().filter(c -> c.shortId().equals(shortId)).findFirst()
                .map(c -> campaigns.find(admin, c.id())).orElseThrow();
    }

    @Test
    void theSameAttachmentHashAtThreeCompaniesIsOneCampaignLinkingThreeAlerts() {
        Tenant a = company("Midori");
        Tenant b = company("Kawasemi");
        Tenant c = company("Yamabuki");
        assertThat(batch(List.of(attachment(a, t0, "10.1.0.5"))).detections()).isZero();
        var second = batch(List.of(attachment(b, t0 + DAY, "10.2.0.5")));
        assertThat(second.campaignsOpened()).isEqualTo(1);
        assertThat(second.detections()).isEqualTo(2); // the first company too, retroactively
        var third = batch(List.of(attachment(c, t0 + 2 * DAY, "10.3.0.5")));
        assertThat(third.campaignsOpened()).isZero(); // joins the campaign
        String rule = campaignAlerts(admin, a).getFirst().ruleId();
        for (Tenant t : List.of(a, b, c)) {
            List<Alert> mine = campaignAlerts(admin, t);
            assertThat(mine).singleElement().satisfies(x -> {
                assertThat(x.ruleId()).isEqualTo(rule);
                assertThat(x.category()).isEqualTo(Category.CAMPAIGN);
            });
        }
        assertThat(campaignAlerts(admin, a).getFirst().entity()).isEqualTo("10.1.0.5");
        CampaignService.View view = campaignOf(a);
        assertThat(view.companies()).isEqualTo(3);
        assertThat(view.links()).extracting(CampaignService.Company::tenantId).containsExactly(a.id(), b.id(), c.id());
        for (CampaignService.Company l : view.links()) {
            Alert original = alerts.alert(admin, l.alertId()).orElseThrow();
            assertThat(original.detector()).isEqualTo("sensor");
            assertThat(original.tenantId()).isEqualTo(l.tenantId());
        }
        assertThat(view.keys()).extracting(CampaignService.KeyView::value).containsExactly("sha256:" + hash);
        assertThat(view.firstSeen()).isEqualTo(Instant.ofEpochMilli(t0));
        assertThat(view.lastSeen()).isEqualTo(Instant.ofEpochMilli(t0 + 2 * DAY));
    }

    @Test
    void twoInstancesCorrelatingTheSameKeyAtOnceOpenOneCampaign() throws Exception {
        Tenant a = company("First");
        Tenant b = company("Racer B");
        Tenant c = company("Racer C");
        batch(List.of(attachment(a, t0, "10.1.0.5")));
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var one = pool.submit(() -> {
                start.await();
                return batch(List.of(attachment(b, t0 + DAY, "10.2.0.5")));
            });
            var two = pool.submit(() -> {
                start.await();
                return batch(List.of(attachment(c, t0 + DAY + 60_000, "10.3.0.5")));
            });
            assertThat(one.get().campaignsOpened() + two.get().campaignsOpened()).isEqualTo(1);
        }
        String rule = campaignAlerts(admin, a).getFirst().ruleId();
        for (Tenant t : List.of(a, b, c)) {
            assertThat(campaignAlerts(admin, t)).singleElement().satisfies(x -> assertThat(x.ruleId()).isEqualTo(rule));
        }
        assertThat(campaignOf(a).companies()).isEqualTo(3);
    }

    @Test
    void sightingsOlderThanTwoWindowsAreForgottenAndCanStartNoCampaign() {
        Tenant a = company("Forgotten");
        Tenant b = company("Much later");
        Instant fifteenDaysAgo = Instant.now().minus(Duration.ofDays(15));
        long old = fifteenDaysAgo.toEpochMilli();
        batch(List.of(attachment(a, old, "10.1.0.5")), fifteenDaysAgo); // sighted back then, by the clock
        assertThat(correlator.forgetOldSightings()).isPositive();
        assertThat(batch(List.of(attachment(b, old + DAY, "10.2.0.5"))).detections()).isZero();
        assertThat(campaignAlerts(admin, b)).isEmpty();
    }

    @Test
    void theSameHashAtOneCompanyIsNoCampaign() {
        Tenant a = company("Alone");
        batch(List.of(attachment(a, t0, "10.1.0.5"), attachment(a, t0 + 1000, "10.1.0.6")));
        assertThat(batch(List.of(attachment(a, t0 + DAY, "10.1.0.7"))).detections()).isZero();
        assertThat(campaignAlerts(admin, a)).isEmpty();
    }

    @Test
    void twoCompaniesOutsideTheWindowAreNoCampaign() {
        Tenant a = company("Early");
        Tenant b = company("Late");
        batch(List.of(attachment(a, t0, "10.1.0.5")));
        assertThat(batch(List.of(attachment(b, t0 + 8 * DAY, "10.2.0.5"))).detections()).isZero();
        assertThat(campaignAlerts(admin, a)).isEmpty();
        assertThat(campaignAlerts(admin, b)).isEmpty();
    }

    @Test
    void noCompanySeesAnythingOfAnotherCompanyInTheCampaign() {
        Tenant a = company("Secret A");
        Tenant b = company("Secret B");
        batch(List.of(attachment(a, t0, "10.1.0.5")));
        batch(List.of(attachment(b, t0 + DAY, "10.2.0.5")));
        Actor owner = world.smeUser(a, Role.TENANT_OWNER).actor();
        List<Alert> own = alerts.alertsOf(owner, a.id(), 100);
        assertThat(own).extracting(Alert::detector).contains("campaign");
        String visible = json.writeValueAsString(own) + json.writeValueAsString(alerts.detectionsOf(owner, a.id(), 100));
        for (String other : List.of(b.name(), b.slug(), b.id().toString(), "10.2.0.5")) {
            assertThat(visible).doesNotContain(other);
        }
        assertThat(visible).doesNotContain("2 companies").doesNotContain("two companies");
        assertThat(alerts.alertsOf(owner, b.id(), 100)).isEmpty();
        assertThatThrownBy(() -> campaigns.recent(owner, 10)).isInstanceOf(AccessDeniedException.class);
        UUID id = campaignOf(a).id();
        assertThatThrownBy(() -> campaigns.find(owner, id)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> campaigns.share(owner, id)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void sharingACampaignsIndicatorsMakesAFourthCompanysEventMatch() {
        Tenant a = company("Share A");
        Tenant b = company("Share B");
        Tenant d = company("Share D");
        batch(List.of(attachment(a, t0, "10.1.0.5")));
        batch(List.of(attachment(b, t0 + DAY, "10.2.0.5")));
        long later = Instant.now().toEpochMilli();
        SecurityEvent fourth = SecurityEvent.builder("suricata-eve").tenant(new TenantId(d.id())).timestamp(later)
                .received(later).set(Ecs.FILE_HASH_SHA256, hash).set(Ecs.DESTINATION_IP, "10.4.0.5").build();
        assertThat(intel.matcher().match(fourth, later)).isEmpty();
        assertThat(campaigns.share(admin, campaignOf(a).id())).isEqualTo(1);
        assertThat(intel.matcher().match(fourth, later)).singleElement()
                .satisfies(m -> assertThat(m.ruleId()).isEqualTo("SHA256:" + hash));
        assertThat(campaignOf(a).sharedAt()).isNotNull();
    }

    private static String randomHash(long seed) {
        byte[] b = new byte[32];
        new SplittableRandom(seed ^ System.nanoTime()).nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A mail from {@code sender} with the campaign's attachment, as a mail detection at a company's mailbox. */
    private Detection mail(Tenant t, long at, String mailbox, String sender) {
        SecurityEvent e = SecurityEvent.builder("mail").tenant(new TenantId(t.id())).timestamp(at).received(at)
                .set(Ecs.EMAIL_FROM_ADDRESS, sender).set(Ecs.EMAIL_SUBJECT, "Invoice for the last month")
                .set(Ecs.FILE_NAME, "invoice.doc").set(Ecs.FILE_HASH_SHA256, hash).set(Ecs.USER_NAME, mailbox).build();
        return new Detection(new TenantId(t.id()), DeviceId.random(), at, "sensor", "sid:2026002",
                "Malicious attachment invoice.doc", Detection.Severity.HIGH, Category.PHISHING, e,
                Map.of("entity", mailbox));
    }

    @Test
    void aCampaignWhoseSenderDomainIsACustomersOwnDomainNeverPublishesIt() {
        Tenant victim = company("Emotet Victim"); // its mailboxes send the attack to its partners
        Tenant b = company("Partner B");
        Tenant c = company("Partner C");
        String victimDomain = victim.contactEmail().substring(victim.contactEmail().indexOf('@') + 1);
        String attacker = "evil-" + Long.toHexString(System.nanoTime()) + ".example.net";
        batch(List.of(mail(b, t0, "keiri@b", "sato@" + victimDomain), mail(b, t0, "soumu@b", "x@" + attacker)));
        batch(List.of(mail(c, t0 + DAY, "info@c", "Sato <sato@" + victimDomain + ">"),
                mail(c, t0 + DAY, "eigyo@c", "x@" + attacker)));
        CampaignService.View view = campaignOf(b);
        CampaignService.KeyView own = view.keys().stream().filter(k -> k.value().equals(victimDomain)).findFirst()
                .orElseThrow();
        assertThat(own.companyOwn()).isTrue();
        assertThat(own.shareable()).isFalse();
        CampaignService.KeyView other = view.keys().stream().filter(k -> k.value().equals(attacker)).findFirst()
                .orElseThrow();
        assertThat(other.shareable()).isTrue();
        assertThat(other.ticked()).isFalse(); // a sender domain only when the analyst ticks it
        // By default: the hash only. Ticking everything, even the victim's domain: never the victim's domain.
        assertThat(campaigns.share(admin, view.id())).isEqualTo(1);
        assertThat(intelService.lookup(admin, attacker)).isEmpty();
        assertThat(campaigns.share(admin, view.id(), view.keys().stream().map(CampaignService.KeyView::id).toList()))
                .isEqualTo(2);
        assertThat(intelService.lookup(admin, victimDomain)).isEmpty();
        assertThat(intelService.lookup(admin, attacker)).isNotEmpty();
    }

    @Test
    void aSuppressedDetectionCreatesNoSightingAndNoCampaign() {
        Tenant a = company("Suppressed A");
        Tenant b = company("Suppressed B");
        alertService.suppress(admin, a.id(), null, "sid:2026001", "the mail server's own test file",
                Instant.now().plus(Duration.ofDays(1)));
        batch(List.of(attachment(a, t0, "10.1.0.5")));
        assertThat(jdbc.sql("select count(*) from campaign_sighting where tenant_id = :t").param("t", a.id())
                .query(Long.class).single()).isZero();
        assertThat(batch(List.of(attachment(b, t0 + DAY, "10.2.0.5"))).campaignsOpened()).isZero();
        assertThat(campaignAlerts(admin, b)).isEmpty();
    }

    @Test
    void twoFlowsOfOneHostLinkToTheirOwnAlerts() {
        Tenant a = company("Two flows A");
        Tenant b = company("Two flows B");
        String other = randomHash(7);
        batch(List.of(attachment(a, t0, "10.1.0.5", hash, "203.0.113.45"),
                attachment(a, t0 + 1000, "10.1.0.5", other, "198.51.100.7")));
        batch(List.of(attachment(b, t0 + DAY, "10.2.0.5", hash, "203.0.113.45"),
                attachment(b, t0 + DAY, "10.2.0.5", other, "203.0.113.45")));
        for (var expected : Map.of(hash, "203.0.113.45", other, "198.51.100.7").entrySet()) {
            UUID alertId = jdbc.sql("""
                    select alert_id from campaign_sighting where tenant_id = :t and key_kind = 'FILE_HASH'
                       and key_value = :v""").param("t", a.id()).param("v", "sha256:" + expected.getKey())
                    .query(UUID.class).single();
            assertThat(alerts.alert(admin, alertId).orElseThrow().key()).endsWith("|" + expected.getValue());
        }
    }

    @Test
    void aCompanysCampaignAlertCountsItsLinkNotEveryBatchThatSeesTheKey() {
        Tenant a = company("Once A");
        Tenant b = company("Once B");
        batch(List.of(attachment(a, t0, "10.1.0.5")));
        assertThat(batch(List.of(attachment(b, t0 + DAY, "10.2.0.5"))).detections()).isEqualTo(2);
        for (int i = 2; i < 5; i++) {
            assertThat(batch(List.of(attachment(b, t0 + i * DAY, "10.2.0.5"))).detections()).isZero();
        }
        assertThat(campaignAlerts(admin, b)).singleElement().satisfies(x -> assertThat(x.count()).isEqualTo(1));
        assertThat(campaignAlerts(admin, a)).singleElement().satisfies(x -> assertThat(x.count()).isEqualTo(1));
    }

    @Test
    void aReplayOfThirtyDayOldEventsAtTwoCompaniesStillMakesACampaignAfterTheSweepRuns() {
        Tenant a = company("Replay A");
        Tenant b = company("Replay B");
        long monthAgo = Instant.now().minus(Duration.ofDays(30)).toEpochMilli();
        batch(List.of(attachment(a, monthAgo, "10.1.0.5")));
        correlator.forgetOldSightings();
        assertThat(batch(List.of(attachment(b, monthAgo + DAY, "10.2.0.5"))).campaignsOpened()).isEqualTo(1);
        assertThat(campaignAlerts(admin, a)).hasSize(1);
    }
}
