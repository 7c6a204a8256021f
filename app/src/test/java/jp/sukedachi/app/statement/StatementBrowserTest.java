package jp.sukedachi.app.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In real Chromium: the company's owner at a phone's 390 px opens the statements from the contract page, picks a month
 * and reads it without sideways scrolling, in Japanese and in English; staff at 1,280 px reach a company's
 * statements from its page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
class StatementBrowserTest extends BrowserTestBase {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    DeviceService devices;
    @Autowired
    Statements statements;

    @Test
    void theOwnerReadsTheMonthOnAPhoneAndStaffFindItOnTheCompanyPage() {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("株式会社とても長い名前の精密機械製作所"));
        devices.register(admin.actor(), tenant.id(), new DeviceDraft(
                "本社二階のネットワークの出入口にある装置とても長い名前", "utm", "auto", List.of()));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);

        browser.manage().window().setSize(new Dimension(390, 844));
        logIn(owner);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        browser.get(url("/my/contract"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("my-contract-statements"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("statement-facts")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("利用明細");
        assertFitsWindow();
        String current = statements.currentMonth().toString();
        new Select(browser.findElement(By.name("month"))).selectByValue(current);
        browser.findElement(By.cssSelector("#statement-month button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("month=" + current));
        String table = browser.findElement(By.id("statement-facts")).getText();
        assertThat(table).contains(tenant.name()).contains("本社二階のネットワークの出入口にある装置とても長い名前")
                .contains("月の途中");
        assertThat(browser.findElement(By.cssSelector("#statement-downloads a.primary")).getAttribute("href"))
                .endsWith("/my/statements/pdf?month=" + current);
        assertFitsWindow();
        browser.get(url("/my/statements?lang=en&month=" + current));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Usage statements");
        assertThat(browser.findElement(By.id("statement-facts")).getText()).contains("Share of the month watched");
        assertFitsWindow();

        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(1280, 900));
        logInWithCode(admin);
        browser.get(url("/tenants/" + tenant.id() + "?lang=ja"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("tenant-statements"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("statement-facts")));
        assertThat(browser.findElement(By.id("statement-facts")).getText()).contains(tenant.name());
        assertFitsWindow();
    }
}
