package jp.sukedachi.app.report.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.MutableClock;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In real Chromium at a phone's 390 px: the owner makes a letter, reads its verification link, and the partner
 * (no login) opens it and reads the facts in Japanese and English without sideways scrolling; after the owner
 * revokes the letter, the same link shows only that there is no valid letter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
@Import(LetterBrowserTest.Clocks.class)
class LetterBrowserTest extends BrowserTestBase {
    /** Four months ago: the device is registered then, and the clock moves on to now. */
    static final Duration AGO = Duration.ofDays(125);

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Instant.now().minus(AGO));
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    DeviceService devices;
    @Autowired
    MutableClock clock;

    @Test
    void thePartnerReadsTheLetterOnAPhoneUntilTheOwnerRevokesIt() {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("株式会社とても長い名前の精密機械製作所"));
        devices.register(admin.actor(), tenant.id(), new DeviceDraft(
                "本社二階のネットワークの出入口にある装置とても長い名前", "utm", "auto", List.of()));
        clock.advance(AGO);
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);

        browser.manage().window().setSize(new Dimension(390, 844));
        logIn(owner);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        browser.get(url("/my/letters?lang=ja"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("取引先への確認書");
        assertFitsWindow();
        browser.findElement(By.cssSelector("#letter-form input[value='3']")).click();
        browser.findElement(By.id("letter-create")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("letter-url")));
        assertFitsWindow();
        String link = browser.findElement(By.id("letter-url")).getText().strip();
        assertThat(link).startsWith(url("/v/")).hasSize(url("/v/").length() + 43);
        assertThat(browser.findElement(By.id("letter-devices")).getText())
                .contains("本社二階のネットワークの出入口にある装置とても長い名前");

        // The partner: no login, a phone.
        browser.manage().deleteAllCookies();
        browser.get(link);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("letter-title")));
        assertThat(browser.findElement(By.id("letter-title")).getText()).isEqualTo("セキュリティ監視の確認書");
        assertThat(browser.findElement(By.id("letter-valid")).getText()).contains("有効");
        assertThat(browser.findElement(By.id("letter-summary")).getText()).contains(tenant.name());
        assertThat(browser.findElement(By.id("letter-devices")).getText()).contains("%");
        assertFitsWindow();
        browser.findElement(By.linkText("English")).click();
        wait.until(ExpectedConditions.textToBe(By.id("letter-title"), "Proof of security monitoring"));
        assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("監視した機器");
        assertFitsWindow();

        // The owner revokes it (a confirmation box first), and the link shows nothing of the company any more.
        logIn(owner);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        browser.get(url("/my/letters?lang=ja"));
        browser.findElement(By.cssSelector(".letter-revoke summary")).click();
        browser.findElement(By.cssSelector(".letter-revoke input[name=confirm]")).click();
        browser.findElement(By.cssSelector(".letter-revoke button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(browser.findElement(By.id("letters")).getText()).contains("取り消し");
        assertFitsWindow();
        browser.manage().deleteAllCookies();
        browser.get(link);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("letter-invalid")));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("有効な確認書はありません")
                .doesNotContain(tenant.name()).doesNotContain("本社二階");
        assertFitsWindow();
    }
}
