package jp.sukedachi.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The provider admin in real Chromium: /admin/retention fits a phone (390 px) and a desktop (1,280 px) without
 * sideways scrolling, is reached from a company's page, refuses a period below its minimum with the reason next to
 * the field, and saves a valid one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
class RetentionBrowserTest extends BrowserTestBase {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    RetentionPolicies policies;

    private void viewport(int width) {
        ((HasCdp) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", width == 390 ? 844 : 900, "deviceScaleFactor", 1, "mobile", width == 390));
    }

    private long sideways() {
        return (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }

    @Test
    void theAdminSetsRetentionOnAPhoneAndOnADesktop() {
        Login admin = world.admin();
        var company = world.tenant(admin.actor(), "保存期間テスト");
        logInWithCode(admin);
        browser.get(url("/tenants/" + company.id()));
        browser.findElement(By.id("retention-link")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/admin/retention"));
        for (int width : new int[] {390, 1280}) {
            viewport(width);
            browser.navigate().refresh();
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("データの保存期間");
            assertThat(sideways()).as("sideways scroll at %d px", width).isLessThanOrEqualTo(0);
        }

        WebElement audit = browser.findElement(By.name("audit"));
        // The browser's own range check would stop the form: take it off to see the server's answer.
        ((JavascriptExecutor) browser).executeScript("arguments[0].removeAttribute('min')", audit);
        audit.clear();
        audit.sendKeys("200");
        browser.findElement(By.id("retention-save")).click();
        wait.until(d -> !d.findElements(By.id("retention-errors")).isEmpty());
        assertThat(browser.findElement(By.id("retention-audit")).getText())
                .contains("365 日より短くはできません（入力は 200 日）");
        assertThat(policies.days()).containsEntry(RetentionKind.AUDIT, 1095);

        audit = browser.findElement(By.name("audit"));
        audit.clear();
        audit.sendKeys("1825");
        browser.findElement(By.id("retention-save")).click();
        wait.until(d -> !d.findElements(By.id("retention-saved")).isEmpty());
        assertThat(policies.days()).containsEntry(RetentionKind.AUDIT, 1825);
        viewport(390);
        browser.navigate().refresh();
        assertThat(sideways()).as("sideways scroll at 390 px after saving").isLessThanOrEqualTo(0);
    }
}
