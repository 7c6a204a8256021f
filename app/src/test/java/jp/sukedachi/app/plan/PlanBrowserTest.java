package jp.sukedachi.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In real Chromium at a phone's 390 px and a desktop's 1,280 px: the provider admin adds a PC and server plan, is
 * told in plain words why 2,100 yen per device is refused as class 1, saves it at 1,800 yen, sets a company's
 * contract from the company page; the owner reads their contract. No page scrolls sideways.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
class PlanBrowserTest extends BrowserTestBase {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    private void assertNoSidewaysScrolling() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long inner = ((Number) js.executeScript("return window.innerWidth")).longValue();
        assertThat(scroll).as(browser.getCurrentUrl() + " at " + inner + " px").isLessThanOrEqualTo(inner);
    }

    private void type(String css, String text) {
        WebElement field = browser.findElement(By.cssSelector(css));
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void theAdminDefinesAPlanWithinTheCapSetsAContractAndTheOwnerReadsItAtPhoneAndDesktopWidths() {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("株式会社とても長い名前の精密機械製作所"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        String planName = TestWorld.unique("端末監視 スタンダード とても長いプランの名前");

        browser.manage().window().setSize(new Dimension(390, 844));
        logInWithCode(admin);
        browser.get(url("/admin/plans"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-form")));
        assertNoSidewaysScrolling();
        type("#plan-form input[name=name]", planName);
        new Select(browser.findElement(By.cssSelector("#plan-form select[name=type]"))).selectByValue("ENDPOINT");
        type("#plan-form input[name=monthlyYen]", "0");
        type("#plan-form input[name=perDeviceYen]", "2,100");
        browser.findElement(By.cssSelector("#plan-form button[type=submit]")).click();
        String refusal = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-errors"))).getText();
        assertThat(refusal).contains("1類の端末監視型").contains("2,000 円").contains("2,100 円");
        assertNoSidewaysScrolling();
        type("#plan-form input[name=perDeviceYen]", "1800");
        browser.findElement(By.cssSelector("#plan-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-saved")));
        assertNoSidewaysScrolling();

        browser.get(url("/tenants/" + tenant.id()));
        browser.findElement(By.cssSelector("a[href$='/contract']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("contract-form")));
        assertNoSidewaysScrolling();
        new Select(browser.findElement(By.cssSelector("#contract-form select[name=planId]")))
                .selectByVisibleText(planName + " (端末監視型 · 1類)");
        type("#contract-form input[name=devices]", "0");
        type("#contract-form input[name=endpoints]", "12");
        browser.findElement(By.cssSelector("#contract-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("contract-saved")));
        assertThat(browser.findElement(By.id("contract-fee")).getText()).contains("21,600 円");
        assertThat(browser.findElement(By.id("usage-endpoints")).getText()).contains("契約 12 台、送信中 0 台");
        assertNoSidewaysScrolling();
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/admin/plans"));
        assertNoSidewaysScrolling();

        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(390, 844));
        logInWithCode(owner);
        browser.get(url("/my/contract"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-plan")));
        assertThat(browser.findElement(By.id("my-fee")).getText()).contains("月額 21,600 円").contains("1台 1,800 円 × 12 台");
        assertThat(browser.findElement(By.id("my-includes")).getText()).contains("駆け付けの目安：ご依頼から 24 時間以内");
        assertNoSidewaysScrolling();
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/my/contract?lang=en"));
        assertThat(browser.findElement(By.id("my-fee")).getText()).contains("21,600 yen a month");
        assertNoSidewaysScrolling();
    }
}
