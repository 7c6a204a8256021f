package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Role;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Real headless Chromium (Debian's chromium + chromedriver) against the running server. Missing
 * Chromium fails the test, so CI cannot pass without running it; set SUKEDACHI_SKIP_BROWSER_TESTS=true
 * to skip on a workstation without a browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("SUKEDACHI_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("SUKEDACHI_CHROMEDRIVER", "/usr/bin/chromedriver"));

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    TestWorld world;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        if ("true".equals(System.getenv("SUKEDACHI_SKIP_BROWSER_TESTS"))) {
            Assumptions.abort("SUKEDACHI_SKIP_BROWSER_TESTS=true");
        }
        assertThat(CHROMIUM).as("Chromium for browser tests (apt-get install chromium)").isExecutable();
        assertThat(CHROMEDRIVER).as("ChromeDriver for browser tests (apt-get install chromium-driver)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Flags as the machine notes advise: no sandbox as root, no background network in a closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=ja", "--user-data-dir=" + Files.createTempDirectory("sukedachi-chromium"));
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "ja"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void logIn(Login login) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(login.user().login());
        browser.findElement(By.id("password")).sendKeys(login.password());
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
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
