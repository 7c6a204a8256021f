package jp.sukedachi.app.support;

import java.time.Duration;
import jp.sukedachi.app.support.TestWorld.Login;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the browser tests share: the running server's port, the test world, one fresh headless Chromium per test
 * (quit after it) with a 15-second wait, and the two ways to log in. A subclass is a
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and registers its own database.
 */
public abstract class BrowserTestBase {
    @LocalServerPort
    protected int port;
    @Autowired
    protected TestWorld world;

    protected WebDriver browser;
    protected WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = Chromium.start();
        // A page that reloads between finding an element and reading it leaves a stale reference: look again.
        wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Fills and submits the login form; a second step (TOTP), if any, is left to the test. */
    protected void logIn(Login login) {
        Chromium.logIn(browser, url(""), login);
    }

    /** Logs in with password and, when the account asks for it, the authenticator's current code. */
    protected void logInWithCode(Login login) {
        logIn(login);
        wait.until(d -> d.getCurrentUrl().contains("/login/totp") || !d.getCurrentUrl().contains("/login"));
        if (browser.getCurrentUrl().contains("/login/totp")) {
            browser.findElement(By.id("code")).sendKeys(world.currentCode(login));
            browser.findElement(By.cssSelector("#totp-form button[type=submit]")).click();
            wait.until(d -> !d.getCurrentUrl().contains("/login"));
        }
    }

    /** The page fits the window: no sideways scrolling (a phone's 390 px, a desk's 1,280 px). */
    protected void assertFitsWindow() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long inner = ((Number) js.executeScript("return window.innerWidth")).longValue();
        org.assertj.core.api.Assertions.assertThat(scroll).as(browser.getCurrentUrl() + " scrolls sideways")
                .isLessThanOrEqualTo(inner);
    }
}
