package jp.sukedachi.app.triage.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Detection;
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
 * The analyst queue in real headless Chromium at a desktop (1,280 px) and a phone (390 px) width: a status such as
 * 「新規」 or 「確認済み」 stays on one line (it wrapped as 「新/規」 when long titles squeezed the table), and the
 * counts above the table are there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
class QueueLayoutBrowserTest extends BrowserTestBase {
    // Lines of text a cell's words are laid out on, counted by the browser from the text's own boxes.
    private static final String LINES = """
            return Array.from(document.querySelectorAll(arguments[0])).map(cell => {
              const range = document.createRange();
              range.selectNodeContents(cell);
              const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
              return cell.textContent.trim() + ':' + tops.size;
            });""";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    Triage triage;
    @Autowired
    AlertService service;
    @Autowired
    AlertRepository alerts;

    @Test
    void aStatusNeverBreaksInsideTheWordAtDesktopAndPhoneWidths() {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("とても長い名前の株式会社ホールディングス"));
        long now = System.currentTimeMillis();
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Detection d = AlertWebTest.c2(tenant.id(), "pc-soumu-keiri-eigyou-" + i, now - i * 1000L);
            // Long titles squeeze the other columns.
            detections.add(new Detection(d.tenant(), d.device(), d.timestampMillis(), d.detector(), d.ruleId() + i,
                    "Connection to known botnet C2 server used by Emotet epoch 5 loader, seen from a workstation " + i,
                    d.severity(), d.category(), d.evidence(), d.context()));
        }
        triage.apply(detections);
        var newest = alerts.findByTenant(admin.actor(), tenant.id(), null, null, 10).getFirst();
        service.acknowledge(admin.actor(), newest.id());

        Login analyst = world.staff(Role.ANALYST, true);
        logInWithCode(analyst);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alert-queue")));

        for (int width : new int[] {1280, 390}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            browser.get(url("/alerts?tenant=" + tenant.id()));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alert-table")));
            @SuppressWarnings("unchecked")
            List<String> cells = (List<String>) ((JavascriptExecutor) browser).executeScript(LINES,
                    "#alert-table td.status, #alert-table th.status");
            assertThat(cells).as("at %d px", width).hasSize(5)
                    .contains("新規:1", "確認済み:1", "状態:1").allMatch(c -> c.endsWith(":1"));
            assertThat(browser.findElement(By.id("count-open-alerts")).getText()).isEqualTo("4");
        }
    }
}
