package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Real headless Chromium (Debian's chromium + chromedriver) against the running server. Missing
 * Chromium fails the test, so CI cannot pass without running it; set SUKEDACHI_SKIP_BROWSER_TESTS=true
 * to skip on a workstation without a browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest extends BrowserTestBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Test
    void smeOwnerLogsInAndSeesTheJapaneseHomeThenSwitchesToEnglish() {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("ブラウザ商事"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);

        browser.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("助太刀にログイン");

        logIn(owner);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sme-alerts")));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
        assertThat(browser.findElement(By.cssSelector("#sme-alerts h2")).getText()).isEqualTo("対応が必要なお知らせ");
        assertThat(browser.findElement(By.className("lead")).getText()).contains(tenant.name());

        browser.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#sme-alerts h2"), "Things that need your attention"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        // The choice sticks on the next page.
        browser.get(url("/account"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Account");
    }

    @Test
    void analystLogsInWithPasswordAndAuthenticatorCode() {
        Login analyst = world.staff(Role.ANALYST, true);
        logIn(analyst);
        wait.until(ExpectedConditions.urlContains("/login/totp"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("確認コードを入力してください");

        browser.findElement(By.id("code")).sendKeys("000000".equals(world.currentCode(analyst)) ? "111111" : "000000");
        browser.findElement(By.cssSelector("#totp-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice.error")));

        browser.findElement(By.id("code")).sendKeys(world.currentCode(analyst));
        browser.findElement(By.cssSelector("#totp-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alert-queue")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("監視センター");
        assertThat(browser.findElements(By.cssSelector("header nav a"))).extracting(e -> e.getText()).contains("契約企業");
    }
}
