package jp.sukedachi.app.triage.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.Triage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Real headless Chromium against the running server (as {@code web.BrowserTest}): an analyst acknowledges an
 * alert from the queue with the keyboard (the CSP-clean /js/alerts.js), and the company owner reads it in plain
 * Japanese with the first-response advice. SUKEDACHI_SKIP_BROWSER_TESTS=true skips on a machine without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
class AlertBrowserTest extends BrowserTestBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    Triage triage;
    @Autowired
    AlertRepository alerts;

    @Test
    void analystAcknowledgesWithTheKeyboardAndTheOwnerReadsItInJapanese() {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("キーボード商事"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        long now = System.currentTimeMillis();
        triage.apply(List.of(AlertWebTest.c2(tenant.id(), "pc-keiri-01", now),
                AlertWebTest.scan(tenant.id(), "utm-01", now - 60_000)));
        List<Alert> created = alerts.findByTenant(admin.actor(), tenant.id(), null, null, 10);
        Alert c2 = created.getFirst();
        assertThat(c2.detector()).isEqualTo("intel");

        Login analyst = world.staff(Role.ANALYST, true);
        logInWithCode(analyst);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alert-queue")));
        // The staff home lists the newest open alert and leads to the queue.
        assertThat(browser.findElement(By.id("home-alerts")).getText()).contains(c2.title());

        browser.get(url("/alerts?tenant=" + tenant.id()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alert-table")));
        assertThat(browser.findElement(By.id("shortcuts")).getText()).contains("j").contains("確認済みにする");
        // j moves to the first row (the C2 alert, newest), x selects it, a acknowledges the selection.
        new Actions(browser).sendKeys("j").perform();
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("tr.alert-row"), "class", "cursor"));
        new Actions(browser).sendKeys("x").perform();
        assertThat(browser.findElement(By.cssSelector("tr.alert-row input[type=checkbox]")).isSelected()).isTrue();
        new Actions(browser).sendKeys("a").perform();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bulk-result")));
        assertThat(browser.getCurrentUrl()).contains("tenant=" + tenant.id());
        assertThat(alerts.find(admin.actor(), c2.id()).orElseThrow().status()).isEqualTo(Alert.Status.ACKNOWLEDGED);
        assertThat(alerts.find(admin.actor(), created.get(1).id()).orElseThrow().status()).isEqualTo(Alert.Status.NEW);

        // The detail page shows the new status.
        browser.findElement(By.cssSelector("a.alert-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alert-status")));
        assertThat(browser.findElement(By.id("alert-status")).getText()).isEqualTo("確認済み");
        browser.findElement(By.cssSelector("header form button.link")).click();
        wait.until(ExpectedConditions.urlContains("/login"));

        // The owner reads it in plain Japanese on the home page, with the first-response advice.
        browser.manage().deleteAllCookies();
        logIn(owner);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sme-alerts")));
        String home = browser.findElement(By.id("sme-alerts")).getText();
        assertThat(home).contains("パソコン「pc-keiri-01」が攻撃者のサーバーと通信しています")
                .contains("助太刀の担当者が対応中です")
                .contains("LANケーブルを抜き、Wi-Fiも切ってください").contains("電源は切らないでください")
                .contains("別のパソコンか紙にメモし").contains("助太刀の相談窓口にすぐ電話してください");
        browser.findElement(By.linkText("パソコン「pc-keiri-01」が攻撃者のサーバーと通信しています")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sme-notes")));
        assertThat(browser.findElements(By.cssSelector("ol.todo li"))).hasSizeGreaterThanOrEqualTo(3);
    }
}
