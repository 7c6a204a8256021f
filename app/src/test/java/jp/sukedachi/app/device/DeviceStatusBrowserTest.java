package jp.sukedachi.app.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The device status pages in real Chromium at a phone's 390 px and a desktop's 1,280 px: the page never scrolls
 * sideways (the staff table scrolls inside its own box), in Japanese and in English.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
class DeviceStatusBrowserTest extends BrowserTestBase {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    DeviceService devices;
    @Autowired
    DeviceDirectory directory;

    private long script(String js) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(js)).longValue();
    }

    private void assertNoSidewaysScrolling(int width) {
        browser.manage().window().setSize(new Dimension(width, 900));
        browser.navigate().refresh();
        assertThat(script("return document.documentElement.scrollWidth"))
                .as(browser.getCurrentUrl() + " at " + width + " px")
                .isLessThanOrEqualTo(script("return window.innerWidth"));
    }

    @Test
    void theSmeHomeAndTheStaffDeviceViewFitAPhoneAndADesktop() {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("株式会社とても長い名前の精密機械製作所"));
        Device utm = devices.register(admin.actor(), tenant.id(), new DeviceDraft("本社の出入口のUTM（FortiGate 60F）",
                "utm", "auto", List.of(), 60)).device();
        Device edr = devices.register(admin.actor(), tenant.id(), new DeviceDraft("事務所のパソコン10台",
                "endpoint", "auto", List.of(), 60)).device();
        directory.touch(utm.id(), Instant.now().minus(Duration.ofHours(5)));
        directory.touch(edr.id(), Instant.now().minus(Duration.ofMinutes(3)));

        logIn(world.smeUser(tenant, Role.TENANT_OWNER));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sme-status")));
        assertThat(browser.findElement(By.id("sme-status")).getText()).contains("何も届いていません")
                .contains("3分前");
        assertNoSidewaysScrolling(390);
        assertNoSidewaysScrolling(1280);

        browser.manage().deleteAllCookies();
        Login analyst = world.staff(Role.ANALYST, true);
        logInWithCode(analyst);
        wait.until(ExpectedConditions.urlToBe(url("/")));
        browser.findElement(By.cssSelector("header nav a[href='/devices']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("device-overview")));
        assertThat(browser.findElement(By.cssSelector("#device-overview tbody tr")).getText())
                .contains("本社の出入口のUTM").contains("止まっている");
        assertNoSidewaysScrolling(390);
        // At a phone's width the table scrolls within its own box.
        assertThat(script("var b = document.querySelector('.devices-scroll'); return b.scrollWidth - b.clientWidth"))
                .isPositive();
        assertNoSidewaysScrolling(1280);

        browser.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Devices of all companies"));
        assertThat(browser.findElement(By.cssSelector("#device-overview tbody tr")).getText()).contains("Silent since");
        assertNoSidewaysScrolling(390);
    }
}
