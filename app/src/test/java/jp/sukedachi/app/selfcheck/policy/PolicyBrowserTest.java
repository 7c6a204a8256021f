package jp.sukedachi.app.selfcheck.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.Chromium;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** In real Chromium: an owner writes and publishes the policy; a fresh browser without login reads it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sukedachi.syslog.port=0")
class PolicyBrowserTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    TestWorld world;

    WebDriver owner;
    WebDriver visitor;

    @BeforeEach
    void startBrowser() throws Exception {
        owner = Chromium.start();
    }

    @AfterEach
    void stopBrowsers() {
        if (owner != null) {
            owner.quit();
        }
        if (visitor != null) {
            visitor.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void ownerPublishesThePolicyAndAVisitorReadsItWithoutLoggingIn() throws Exception {
        Login admin = world.admin();
        Tenant company = world.tenant(admin.actor(), TestWorld.unique("株式会社ひかり工務店"));
        Login login = world.smeUser(company, Role.TENANT_OWNER);
        WebDriverWait wait = new WebDriverWait(owner, Duration.ofSeconds(20));

        Chromium.logIn(owner, url(""), login);
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        owner.get(url("/selfcheck/policy"));
        assertThat(owner.findElement(By.tagName("h1")).getText()).isEqualTo("情報セキュリティ基本方針");
        // The form starts from the model text; the owner adds the head's name and adapts the purpose.
        owner.findElement(By.name("headName")).sendKeys("光 太郎");
        WebElement purpose = owner.findElement(By.name("purpose"));
        assertThat(purpose.getAttribute("value")).startsWith(company.name() + "は、");
        purpose.sendKeys("\n私たちは地域の家づくりを支えています。");
        owner.findElement(By.name("roleOfficer")).sendKeys("光 花子");
        owner.findElement(By.id("policy-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-notice"), "保存しました"));

        owner.findElement(By.id("policy-publish")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("public-link")));
        String publicUrl = owner.findElement(By.id("public-link")).getAttribute("href");
        assertThat(publicUrl).matches(".*/p/[A-Za-z0-9_-]{43}");

        // A different browser with no session opens the link.
        visitor = Chromium.start();
        visitor.get(publicUrl);
        new WebDriverWait(visitor, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("policy-title")));
        assertThat(visitor.getCurrentUrl()).doesNotContain("/login");
        assertThat(visitor.findElement(By.id("policy-title")).getText()).isEqualTo("情報セキュリティ基本方針");
        assertThat(visitor.findElement(By.id("policy-company")).getText()).isEqualTo(company.name());
        assertThat(visitor.findElement(By.id("policy-head")).getText()).isEqualTo("代表取締役　光 太郎");
        assertThat(visitor.findElement(By.tagName("main")).getText()).contains("私たちは地域の家づくりを支えています。");

        // Withdrawn, the same link is gone.
        owner.findElement(By.id("policy-unpublish")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-notice"), "公開をやめました"));
        visitor.get(publicUrl);
        assertThat(visitor.findElements(By.id("policy-title"))).isEmpty();
    }
}
