package jp.sukedachi.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jp.sukedachi.app.support.TestWorld.Login;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium (Debian's chromium + chromedriver) for the browser tests. Missing Chromium
 * fails the test, so CI cannot pass without running it; SUKEDACHI_SKIP_BROWSER_TESTS=true skips on a
 * workstation without a browser.
 */
public final class Chromium {
    public static final Path BINARY = Path.of(System.getenv().getOrDefault("SUKEDACHI_CHROMIUM", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getenv().getOrDefault("SUKEDACHI_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /** A fresh browser with a Japanese profile and an empty user folder. */
    public static WebDriver start() throws IOException {
        if ("true".equals(System.getenv("SUKEDACHI_SKIP_BROWSER_TESTS"))) {
            Assumptions.abort("SUKEDACHI_SKIP_BROWSER_TESTS=true");
        }
        assertThat(BINARY).as("Chromium for browser tests (apt-get install chromium)").isExecutable();
        assertThat(DRIVER).as("ChromeDriver for browser tests (apt-get install chromium-driver)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // Flags as the machine notes advise: no sandbox as root, no background network in a closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=ja", "--user-data-dir=" + Files.createTempDirectory("sukedachi-chromium"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ja"));
        // The console's messages (e.g. an invalid pattern attribute) for tests that read them.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Fills the login form at {@code baseUrl}/login and submits it (the TOTP step, if any, follows). */
    public static void logIn(WebDriver browser, String baseUrl, Login login) {
        browser.get(baseUrl + "/login");
        // A navigation the previous step started (a logout's redirect) may still replace the page: wait for the form.
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10)).until(
                org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(login.user().login());
        browser.findElement(By.id("password")).sendKeys(login.password());
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    }
}
