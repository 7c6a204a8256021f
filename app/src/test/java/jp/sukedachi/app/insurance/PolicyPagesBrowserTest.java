package jp.sukedachi.app.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import jp.sukedachi.app.plan.ContractDraft;
import jp.sukedachi.app.plan.PlanDraft;
import jp.sukedachi.app.plan.PlanService;
import jp.sukedachi.app.plan.PlanType;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In a real Chromium: staff reach a company's policy from the company page and record it; the owner reaches the
 * insurance page from the contract page and reads the worked example; both pages fit a 390 px phone and a 1,280 px
 * screen without scrolling sideways.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
class PolicyPagesBrowserTest extends BrowserTestBase {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    PolicyFixture fixture;
    @Autowired
    PolicyRegistry policies;
    @Autowired
    PlanService plans;

    private void fitsWidths() {
        for (int width : List.of(390, 1280)) {
            browser.manage().window().setSize(new Dimension(width, 900));
            long scroll = ((Number) ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth")).longValue();
            long inner = ((Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth")).longValue();
            assertThat(scroll).as(browser.getCurrentUrl() + " at " + width + " px").isLessThanOrEqualTo(inner);
        }
    }

    @Test
    void staffRecordThePolicyFromTheCompanyPageAndTheOwnerReadsTheWorkedExampleFromTheContractPage() {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("ブラウザ商事"));
        Insurer insurer = fixture.insurer(admin.actor());
        var plan = plans.create(admin.actor(), new PlanDraft(TestWorld.unique("見守り"), PlanType.NETWORK, 1, 9_800L,
                0L, 4, 2, 6, 10_000L, 5_000L, 8_000L));
        plans.setContract(admin.actor(), tenant.id(), new ContractDraft(plan.id(), policies.today(), null, 1, 0));

        logInWithCode(admin);
        browser.get(url("/tenants/" + tenant.id()));
        browser.findElement(By.cssSelector("a[href='/tenants/" + tenant.id() + "/policy']")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/policy"));
        fitsWidths();
        browser.findElement(By.name("policyNumber")).sendKeys("BR-0001");
        browser.findElement(By.name("annualLimitYen")).sendKeys("1,000,000");
        browser.findElement(By.name("claim.FORENSIC")).sendKeys("500,000");
        browser.findElement(By.name("year.FORENSIC")).sendKeys("500,000");
        browser.findElement(By.name("claim.ONSITE_VISIT")).sendKeys("300000");
        browser.findElement(By.name("year.ONSITE_VISIT")).sendKeys("300000");
        browser.findElement(By.cssSelector("#policy-form button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().contains("saved"));
        assertThat(browser.findElement(By.id("policies")).getText()).contains("BR-0001").contains(insurer.name());
        PolicyTerms policy = policies.activeFor(tenant.id(), policies.today()).orElseThrow();

        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        browser.manage().deleteAllCookies();
        logIn(owner);
        browser.get(url("/my/contract"));
        browser.findElement(By.cssSelector("#my-contract-links a[href='/my/insurance']")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/my/insurance"));
        ClaimArithmetic.Result expected = ClaimArithmetic.compute(policy, List.of(
                new ClaimArithmetic.Claimed(CoverageLine.ONSITE_VISIT, ClaimArithmetic.yenForMinutes(210, 10_000)),
                new ClaimArithmetic.Claimed(CoverageLine.ONSITE_VISIT, ClaimArithmetic.yenForMinutes(120, 10_000)),
                new ClaimArithmetic.Claimed(CoverageLine.FORENSIC, 800_000)), Map.of(), 0);
        assertThat(browser.findElement(By.id("insurance-example-result")).getText()).isEqualTo("保険から "
                + PolicyTexts.yen(expected.payableYen(), java.util.Locale.JAPANESE) + "、貴社のご負担 "
                + PolicyTexts.yen(expected.selfBurdenYen(), java.util.Locale.JAPANESE));
        assertThat(browser.findElement(By.id("insurance-covered")).getText())
                .contains("専門業者による原因調査（フォレンジック）").doesNotContain("FORENSIC");
        fitsWidths();
        browser.get(url("/my/insurance?lang=en"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your cyber insurance");
        fitsWidths();
    }
}
