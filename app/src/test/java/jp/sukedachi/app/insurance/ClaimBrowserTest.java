package jp.sukedachi.app.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import jp.sukedachi.app.incident.Incident;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The claim in real Chromium: the analyst opens a claim from the incident with a completed visit (as the dispatch
 * test builds it), adds the forensic company's cost and submits; the insurer logs in with the authenticator code,
 * reviews the pack on a phone and approves part of it with a reason; the owner reads the result in Japanese on a
 * phone. No page scrolls sideways at 390 px.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
class ClaimBrowserTest extends BrowserTestBase {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    ClaimFixture fixture;
    @Autowired
    Claims claims;

    private void assertNoSidewaysScrolling() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long inner = ((Number) js.executeScript("return window.innerWidth")).longValue();
        assertThat(scroll).as(browser.getCurrentUrl()).isLessThanOrEqualTo(inner);
    }

    private void logOut() {
        browser.manage().deleteAllCookies();
    }

    @Test
    void theAnalystClaimsTheInsurerApprovesPartAndTheOwnerReadsTheResultInJapanese() {
        ClaimFixture.World w = fixture.company("株式会社とても長い名前の精密機械製作所");
        Incident incident = fixture.incident(w, "事務所のパソコンのファイルが開けない", 0);
        fixture.completedVisit(w, incident, 150, 40);
        Login analyst = world.staff(Role.ANALYST, true);

        browser.manage().window().setSize(new Dimension(1280, 900));
        logInWithCode(analyst);
        browser.get(url("/incidents/" + incident.id()));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("open-claim"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("claim-lines")));
        String claimUrl = browser.getCurrentUrl();
        // 150 min on site at 12,000 an hour and 40 min travel at 5,000 (3,333.3 → 3,333): 33,333 for the visit.
        assertThat(browser.findElement(By.cssSelector("#claim-lines tr[data-line=ONSITE_VISIT] .claimed")).getText())
                .isEqualTo("33,333 円");
        new Select(browser.findElement(By.cssSelector("#item-form select[name=line]"))).selectByValue("FORENSIC");
        browser.findElement(By.cssSelector("#item-form input[name=description]")).sendKeys("ログ解析（外部の調査会社）");
        browser.findElement(By.cssSelector("#item-form input[name=yen]")).sendKeys("300,000");
        browser.findElement(By.cssSelector("#item-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#claim-items tr[data-source=MANUAL]")));
        browser.findElement(By.id("submit-claim")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("claim-status"), "data-status", "SUBMITTED"));
        logOut();

        browser.manage().window().setSize(new Dimension(390, 844));
        logInWithCode(w.insurerUser());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("claim-counts")));
        assertNoSidewaysScrolling();
        browser.get(claimUrl);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pack-company")));
        assertThat(browser.findElement(By.id("pack-company")).getText()).isEqualTo(w.tenant().name());
        assertNoSidewaysScrolling();
        // The deductible of 50,000 takes the visit's 33,333 and 16,667 of the forensic line: 283,333 payable there.
        WebElement forensic = browser.findElement(By.id("approved_FORENSIC"));
        assertThat(forensic.getAttribute("value")).isEqualTo("283333");
        forensic.clear();
        forensic.sendKeys("200,000");
        browser.findElement(By.id("approved_ONSITE_VISIT")).clear();
        browser.findElement(By.id("approved_ONSITE_VISIT")).sendKeys("0");
        browser.findElement(By.id("partial-reason")).sendKeys("報告書の作成費は補償の対象外です。");
        browser.findElement(By.id("approve-part")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("claim-status"), "data-status", "PARTIALLY_APPROVED"));
        assertNoSidewaysScrolling();
        logOut();

        logIn(w.owner());
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        browser.get(url("/my/contract"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("my-claims-link"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article[data-claim] a"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("claim-result")));
        // Claimed 33,333 + 300,000 = 333,333; approved 200,000; the owner pays 133,333.
        assertThat(browser.findElement(By.id("claim-result")).getText()).startsWith(
                "保険会社は 200,000 円の支払いを認めました。自己負担は 133,333 円です。").contains("報告書の作成費は補償の対象外です。");
        assertNoSidewaysScrolling();
        assertThat(claims.get(w.admin().actor(), java.util.UUID.fromString(claimUrl.substring(
                claimUrl.lastIndexOf('/') + 1))).approvedYen()).isEqualTo(200_000);
    }
}
