package jp.sukedachi.app.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.Chromium;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Real headless Chromium against the running server: the company owner opens the self-check from the
 * navigation, answers the 25 questions in Japanese, reads the score and the next steps of the weak items,
 * ticks the five basics and sees ★ ready while ★★ stays off without a published basic policy; then publishes the
 * basic policy, a visitor reads it without logging in, and ★★ turns on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
class SelfCheckBrowserTest extends BrowserTestBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    private void click(WebElement element) {
        // Scrolled into view first: the form is long and headless windows are small.
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    @Test
    void theOwnerAnswersInJapaneseSeesScoreNextStepsAndSecurityActionReadiness() throws Exception {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("ブラウザ工務店"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        logIn(owner);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sme-selfcheck")));

        browser.findElement(By.linkText("自社診断")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sc-latest")));
        assertThat(browser.findElement(By.id("sc-latest")).getText()).contains("まだ自社診断をしていません");
        assertThat(browser.findElement(By.id("ready-two")).getText()).contains("両方が必要です");
        browser.findElement(By.id("start-check")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("check-form")));
        assertThat(browser.findElement(By.id("item-1")).getText()).contains("OS").contains("最新にしていますか");

        List<String> answers = SelfCheckWebTest.words(SelfCheckContract.MIX);
        for (int i = 0; i < answers.size(); i++) {
            click(browser.findElement(By.cssSelector("input[name=item" + (i + 1) + "][value=" + answers.get(i) + "]")));
        }
        click(browser.findElement(By.id("check-submit")));

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("score-total")));
        assertThat(browser.findElement(By.id("score-total")).getText()).isEqualTo("43");
        assertThat(browser.findElement(By.id("part-1")).getText()).contains("9 / 20");
        assertThat(browser.findElement(By.id("part-2")).getText()).contains("24 / 52");
        assertThat(browser.findElement(By.id("part-3")).getText()).contains("10 / 28");
        String weak = browser.findElement(By.id("weak-items")).getText();
        assertThat(weak).contains("次にやること").contains("パスワード").contains("できていない")
                .contains("単語を3つ以上つなげた長いパスフレーズに変えましょう")
                .contains("大事な情報を見られる人").contains("わからない");
        assertThat(browser.findElements(By.cssSelector("li.sc-weak-item"))).hasSize(16);
        // The first weak item is item 3 (not done); its lesson link leads to the lessons module.
        assertThat(browser.findElement(By.cssSelector("li.sc-weak-item")).getAttribute("id")).isEqualTo("weak-3");
        assertThat(browser.findElement(By.cssSelector("#weak-3 a")).getAttribute("href")).endsWith("/selfcheck/lessons/3");

        // SECURITY ACTION: the five basics give ★; ★★ stays off while no basic policy is published.
        browser.get(url("/selfcheck/security-action"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rules-form")));
        // Items 1 and 5 were answered "done" in the self-check: those two basics count, and show ticked.
        assertThat(browser.findElement(By.id("ready-one")).getText()).contains("5つの基本のうち、できているのは 2 個です");
        assertThat(browser.findElement(By.id("rule-1")).isSelected()).isTrue();
        for (int r = 2; r <= 4; r++) {
            click(browser.findElement(By.id("rule-" + r)));
        }
        click(browser.findElement(By.id("rules-save")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sa-saved")));
        assertThat(browser.findElement(By.id("ready-one")).getText()).isEqualTo("★ 一つ星を宣言する準備ができています。");
        assertThat(browser.findElement(By.id("ready-one")).getAttribute("class")).contains("ready").doesNotContain("not-ready");
        assertThat(browser.findElement(By.id("two-selfcheck")).getAttribute("class")).contains("ready").doesNotContain("not-ready");
        assertThat(browser.findElement(By.id("two-policy")).getText()).contains("基本方針をまだ公開していません");
        assertThat(browser.findElement(By.id("ready-two")).getAttribute("class")).contains("not-ready");
        assertThat(browser.findElement(By.id("rule-3")).isSelected()).isTrue();

        // The hub shows the latest score and the same readiness.
        browser.get(url("/selfcheck"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sc-latest")));
        assertThat(browser.findElement(By.id("sc-latest")).getText()).contains("43");
        assertThat(browser.findElement(By.id("ready-one")).getAttribute("class")).contains("ready").doesNotContain("not-ready");
        assertThat(browser.findElement(By.id("ready-two")).getAttribute("class")).contains("not-ready");
        // The trend chart is SVG coloured by the stylesheet's classes (the CSP allows no inline style).
        browser.get(url("/selfcheck/history"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("trend-chart")));
        List<WebElement> dots = browser.findElements(By.cssSelector("#trend-chart circle.dot"));
        assertThat(dots).hasSize(1);
        assertThat(dots.getFirst().getCssValue("fill")).isEqualTo("rgb(11, 87, 208)");

        // The whole way to ★★: the owner writes and publishes the basic policy, anyone can read it without a
        // login, and the tracker turns ★★ on.
        browser.get(url("/selfcheck/policy"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("headName")));
        browser.findElement(By.name("headName")).sendKeys("試験 太郎");
        click(browser.findElement(By.id("policy-save")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-notice"), "保存しました"));
        click(browser.findElement(By.id("policy-publish")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("public-link")));
        String publicUrl = browser.findElement(By.id("public-link")).getAttribute("href");
        WebDriver visitor = Chromium.start();
        try {
            visitor.get(publicUrl);
            new WebDriverWait(visitor, Duration.ofSeconds(15))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("policy-company")));
            assertThat(visitor.getCurrentUrl()).doesNotContain("/login");
            assertThat(visitor.findElement(By.id("policy-company")).getText()).isEqualTo(tenant.name());
        } finally {
            visitor.quit();
        }
        browser.get(url("/selfcheck/security-action"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ready-two")));
        assertThat(browser.findElement(By.id("two-policy")).getAttribute("class")).contains("ready").doesNotContain("not-ready");
        assertThat(browser.findElement(By.id("ready-two")).getAttribute("class")).contains("ready").doesNotContain("not-ready");
    }
}
