package jp.sukedachi.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import jp.sukedachi.app.incident.IncidentSummary;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The responder at a phone's 390 px in real Chromium: logs in with the authenticator code, opens today's visit
 * from the home page, checks in, records the work and the customer's sign-off, checks out; no page scrolls
 * sideways.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
class VisitBrowserTest extends BrowserTestBase {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    DispatchFixture fixture;
    @Autowired
    Visits visits;

    private void assertNoSidewaysScrolling() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long inner = ((Number) js.executeScript("return window.innerWidth")).longValue();
        assertThat(scroll).as(browser.getCurrentUrl() + " at 390 px").isLessThanOrEqualTo(inner);
    }

    @Test
    void theResponderChecksInRecordsTheWorkAndTheSignOffAndChecksOutOnAPhone() {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("株式会社とても長い名前の精密機械製作所"));
        IncidentSummary incident = fixture.incident(admin.actor(), tenant, "事務所のパソコンのファイルが開けない");
        Login responder = fixture.responder(admin.actor(), "27");
        Visit visit = fixture.request(admin.actor(), incident,
                "大阪府東大阪市高井田元町一丁目二番三号とても長い建物の名前ビルディング本館二階の奥の事務所");
        visits.assign(admin.actor(), visit.id(), responder.user().id());

        browser.manage().window().setSize(new Dimension(390, 844));
        logInWithCode(responder);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("responder-dispatches")));
        assertNoSidewaysScrolling();
        browser.findElement(By.cssSelector("#responder-dispatches a.visit-tap")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("visit-where")));
        assertThat(browser.findElement(By.id("map-link")).getAttribute("href"))
                .startsWith("https://www.google.com/maps/search/?api=1&query=");
        assertThat(browser.findElement(By.id("tel-link")).getAttribute("href")).isEqualTo("tel:0612345678");
        assertNoSidewaysScrolling();
        browser.findElement(By.id("check-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("record-form")));
        assertThat(browser.findElement(By.id("checked-in-at")).getText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertNoSidewaysScrolling();
        browser.findElement(By.id("workDone")).sendKeys("感染したパソコンをLANから外し、電源は入れたまま保全しました。");
        browser.findElement(By.id("signedOffBy")).sendKeys("高橋 一郎");
        browser.findElement(By.id("travelMinutes")).sendKeys("35");
        browser.findElement(By.id("check-out")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("visit-done")));
        assertThat(browser.findElement(By.id("visit-status")).getText()).contains("訪問が終わりました");
        assertThat(browser.findElement(By.id("done-signed")).getText()).isEqualTo("高橋 一郎");
        assertNoSidewaysScrolling();
        Visit done = visits.find(admin.actor(), visit.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(VisitStatus.DONE);
        assertThat(done.travelMinutes()).isEqualTo(35);
        assertThat(done.minutesOnSite()).isNotNull();
    }
}
