package jp.sukedachi.app.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.intel.match.IntelStore;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In real Chromium: the same attachment reaches three companies, the analyst opens the campaign (at a phone's
 * 390 px), sees the three companies and the file hash, and shares its indicators with one click; a fourth
 * company's next event then matches. The owner of one company reads its alerts and finds no other company named.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false", "sukedachi.notify.mail.enabled=false"})
class CampaignBrowserTest extends BrowserTestBase {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    Triage triage;
    @Autowired
    CampaignCorrelator correlator;
    @Autowired
    IntelStore intel;
    @Autowired
    jp.sukedachi.app.triage.AlertQueries alerts;
    @Autowired
    PlatformTransactionManager transactions;

    private static Detection attachment(Tenant t, long at, String hash) {
        SecurityEvent e = SecurityEvent.builder("suricata-eve").tenant(new TenantId(t.id())).timestamp(at).received(at)
                .set(Ecs.SOURCE_IP, "203.0.113.45").set(Ecs.DESTINATION_IP, "10.0.0.5").set(Ecs.FILE_NAME, "報告書.doc")
                .set(Ecs.FILE_HASH_SHA256, hash).build();
        return new Detection(new TenantId(t.id()), DeviceId.random(), at, "sensor", "sid:2026001",
                "Malicious attachment", Detection.Severity.HIGH, Category.MALWARE_DOWNLOAD, e, Map.of("entity", "10.0.0.5"));
    }

    @Test
    void theAnalystOpensTheCampaignAndSharesItsIndicatorsThenAFourthCompanysEventMatches() {
        Login admin = world.admin();
        List<Tenant> companies = List.of(world.tenant(admin.actor(), TestWorld.unique("みどり会計")),
                world.tenant(admin.actor(), TestWorld.unique("やまぶき商事")),
                world.tenant(admin.actor(), TestWorld.unique("さくら精機")));
        Tenant fourth = world.tenant(admin.actor(), TestWorld.unique("だいち機械"));
        byte[] b = new byte[32];
        new SplittableRandom(19).nextBytes(b);
        String hash = HexFormat.of().formatHex(b);
        long t0 = Instant.now().minus(Duration.ofDays(3)).toEpochMilli();
        for (int i = 0; i < companies.size(); i++) {
            List<Detection> batch = List.of(attachment(companies.get(i), t0 + i * 3_600_000L, hash));
            new TransactionTemplate(transactions).executeWithoutResult(s -> {
                correlator.correlate(triage.keep(batch, Instant.now()).alerted(), Instant.now());
            });
        }

        Login analyst = world.staff(Role.ANALYST, true);
        browser.manage().window().setSize(new Dimension(390, 844));
        logInWithCode(analyst);
        browser.get(url("/campaigns"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("campaign-list")));
        assertFitsWindow();
        // From the first company's campaign alert to its campaign.
        var campaignAlert = alerts.alertsOf(admin.actor(), companies.getFirst().id(), 100).stream()
                .filter(a -> a.detector().equals("campaign")).findFirst().orElseThrow();
        browser.get(url("/alerts/" + campaignAlert.id()));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("alert-campaign"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("campaign-companies")));
        String page = browser.findElement(By.id("main")).getText();
        for (Tenant t : companies) {
            assertThat(page).contains(t.name());
        }
        assertThat(page).contains("sha256:" + hash).contains("3 社").doesNotContain("FILE_HASH");
        assertFitsWindow();

        long later = Instant.now().toEpochMilli();
        SecurityEvent next = SecurityEvent.builder("suricata-eve").tenant(new TenantId(fourth.id())).timestamp(later)
                .received(later).set(Ecs.FILE_HASH_SHA256, hash).set(Ecs.DESTINATION_IP, "10.9.0.5").build();
        assertThat(intel.matcher().match(next, later)).isEmpty();
        browser.findElement(By.cssSelector("#campaign-share button[type=submit]")).click();
        String notice = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("campaign-shared-notice")))
                .getText();
        assertThat(notice).contains("1 件");
        assertThat(intel.matcher().match(next, later)).singleElement()
                .satisfies(d -> assertThat(d.ruleId()).isEqualTo("SHA256:" + hash));

        // The owner of the first company: its alerts say the attack was seen elsewhere, never where.
        browser.manage().deleteAllCookies();
        Login owner = world.smeUser(companies.getFirst(), Role.TENANT_OWNER);
        logInWithCode(owner);
        for (String path : List.of("/my/alerts", "/my/alerts/" + campaignAlert.id())) {
            browser.get(url(path));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
            String mine = browser.findElement(By.tagName("body")).getText();
            assertThat(mine).as(path).isNotBlank();
            for (Tenant t : companies.subList(1, 3)) {
                assertThat(mine).as(path).doesNotContain(t.name()).doesNotContain(t.slug());
            }
            assertThat(mine).as(path).doesNotContain("3 社");
            assertFitsWindow();
        }

        // Over HTTP: the owner's alert JSON names no other company; the campaign API and the share form are staff
        // only; the share form needs its CSRF token.
        jp.sukedachi.app.support.HttpUser ownerHttp = new jp.sukedachi.app.support.HttpUser(port);
        ownerHttp.logIn(owner, world);
        var ownJson = ownerHttp.get("/api/v1/tenants/" + companies.getFirst().slug() + "/alerts?limit=1000");
        assertThat(ownJson.statusCode()).isEqualTo(200);
        assertThat(ownJson.body()).contains("campaign:");
        for (Tenant t : companies.subList(1, 3)) {
            assertThat(ownJson.body()).doesNotContain(t.name()).doesNotContain(t.slug()).doesNotContain(t.id().toString());
        }
        assertThat(ownerHttp.get("/api/v1/campaigns").statusCode()).isEqualTo(403);
        jp.sukedachi.app.support.HttpUser analystHttp = new jp.sukedachi.app.support.HttpUser(port);
        // Another analyst: the first one's authenticator code was just used by the browser (no replay).
        assertThat(analystHttp.logIn(world.staff(Role.ANALYST, true), world)).doesNotStartWith("/login");
        var list = analystHttp.get("/api/v1/campaigns");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(companies.get(1).name());
        String shareWithoutToken = "/campaigns/" + campaignAlert.ruleId() + "/share";
        assertThat(analystHttp.post(shareWithoutToken, Map.of()).statusCode()).isEqualTo(403);
    }
}
