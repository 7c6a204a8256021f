package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.selfcheck.Answer;
import jp.sukedachi.app.selfcheck.SelfCheckService;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.Chromium;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The barriers of issue 14 item 9 found by hand with a screen reader's view and the keyboard, checked in real
 * Chromium: what the accessibility tree says a radio button belongs to, the alert queue's one-key shortcuts
 * (off switch, focus, confirmation before closing), the radar chart's table, the failed login and the CSV input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
class ScreenReaderAndKeyboardTest extends BrowserTestBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MessageSource messages;
    @Autowired
    SelfCheckService selfCheck;
    @Autowired
    Triage triage;
    @Autowired
    AlertRepository alerts;

    Login admin;

    @BeforeEach
    void setUp() {
        admin = world.admin();
    }

    private String ja(String key) {
        return messages.getMessage(key, null, Locale.JAPANESE);
    }

    private Login owner() {
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("読み上げ商事"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        logIn(owner);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sme-alerts")));
        return owner;
    }

    private void logInAsAnalyst() {
        Login analyst = world.staff(Role.ANALYST, true);
        logInWithCode(analyst);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alert-queue")));
    }

    // ------------------------------------------------------------------ what a screen reader is given

    @SuppressWarnings("unchecked")
    private static String value(Map<String, Object> node, String property) {
        Object v = node.get(property);
        return v instanceof Map<?, ?> m && m.get("value") != null ? String.valueOf(m.get("value")) : "";
    }

    /**
     * Chromium's accessibility tree (what it hands a screen reader): for every radio button, the name of the
     * radio group or group it sits in, mapped to the radios' own names, in page order.
     */
    @SuppressWarnings("unchecked")
    private Map<String, List<String>> radiosByGroupName() {
        Map<String, Object> tree = ((ChromeDriver) browser).executeCdpCommand("Accessibility.getFullAXTree", Map.of());
        Map<String, Map<String, Object>> byId = new HashMap<>();
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) tree.get("nodes");
        nodes.forEach(n -> byId.put(String.valueOf(n.get("nodeId")), n));
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Map<String, Object> node : nodes) {
            if (!"radio".equals(value(node, "role"))) {
                continue;
            }
            String group = "";
            for (Map<String, Object> up = byId.get(String.valueOf(node.get("parentId"))); up != null;
                    up = byId.get(String.valueOf(up.get("parentId")))) {
                String role = value(up, "role");
                if ("radiogroup".equals(role) || "group".equals(role)) {
                    group = value(up, "name");
                    break;
                }
            }
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(value(node, "name"));
        }
        return groups;
    }

    private static List<String> groupsContaining(Map<String, List<String>> groups, String text) {
        return groups.keySet().stream().filter(g -> g.contains(text)).toList();
    }

    private void assertTargetsAtLeast24Pixels() {
        for (WebElement radio : browser.findElements(By.cssSelector("input[type=radio], input[type=checkbox]"))) {
            if (radio.isDisplayed()) {
                assertThat(radio.getRect().getWidth()).as("width of %s", radio.getAttribute("name")).isGreaterThanOrEqualTo(24);
                assertThat(radio.getRect().getHeight()).as("height of %s", radio.getAttribute("name")).isGreaterThanOrEqualTo(24);
            }
        }
    }

    @Test
    void everySelfCheckAnswerIsAnnouncedWithItsQuestion() {
        owner();
        browser.get(url("/selfcheck/check"));
        Map<String, List<String>> groups = radiosByGroupName();
        List<String> answerNames = new ArrayList<>();
        for (Answer a : Answer.values()) {
            answerNames.add(ja(a.labelKey()));
        }
        for (int n = 1; n <= 25; n++) {
            String question = ja("selfcheck.item." + n + ".q");
            List<String> named = groupsContaining(groups, question);
            assertThat(named).as("the radio group of question %d names it", n).hasSize(1);
            assertThat(groups.get(named.getFirst())).as("answers of question %d", n).containsExactlyElementsOf(answerNames);
        }
        assertThat(groups).as("no radio outside a named group").doesNotContainKey("");
        assertTargetsAtLeast24Pixels();
    }

    @Test
    void lessonQuizChoicesAreGroupedUnderTheirQuestion() {
        owner();
        browser.get(url("/selfcheck/lessons/1"));
        List<WebElement> questions = browser.findElements(By.cssSelector("ol.quiz > li"));
        assertThat(questions).isNotEmpty();
        Map<String, List<String>> groups = radiosByGroupName();
        for (WebElement li : questions) {
            String question = li.findElement(By.tagName("p")).getText();
            List<String> named = groupsContaining(groups, question);
            assertThat(named).as("the group of %s", question).hasSize(1);
            assertThat(groups.get(named.getFirst())).hasSize(li.findElements(By.cssSelector("input[type=radio]")).size())
                    .hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(groups).doesNotContainKey("");
        assertTargetsAtLeast24Pixels();
    }

    @Test
    void cloudServiceAnswersAreGroupedUnderTheirQuestion() {
        owner();
        browser.get(url("/selfcheck/cloud"));
        browser.findElement(By.cssSelector("#cloud-form input[name=name]")).sendKeys("クラウド会計");
        browser.findElement(By.cssSelector("#cloud-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cloud-answers")));
        Map<String, List<String>> groups = radiosByGroupName();
        assertThat(groups).doesNotContainKey("");
        assertThat(groupsContaining(groups, ja("cloud.q.1"))).hasSize(1);
        assertThat(groups.size()).isEqualTo(browser.findElements(By.cssSelector("#cloud-answers [role=radiogroup]")).size());
        assertTargetsAtLeast24Pixels();
    }

    // ------------------------------------------------------------------ the alert queue's keyboard

    static Detection detection(UUID tenant, String host, Severity severity, String title) {
        long at = System.currentTimeMillis();
        SecurityEvent e = SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant)).device(new DeviceId(new UUID(1, 1)))
                .timestamp(at).received(at).raw("flow " + host).set(Ecs.HOST_NAME, host)
                .set(Ecs.SOURCE_IP, "192.168.1.23").set(Ecs.DESTINATION_IP, "203.0.113.66").build();
        return new Detection(e.tenant(), e.device(), at, "sigma", "a11y-" + UUID.randomUUID(), title, severity,
                Category.C2, e, Map.of());
    }

    /** A company with one alert per severity given (distinct hosts); opens the queue filtered to it. */
    private Tenant queueWith(Severity... severities) {
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Keys"));
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < severities.length; i++) {
            detections.add(detection(tenant.id(), "pc-" + i, severities[i], "Alert " + severities[i] + " " + i));
        }
        triage.apply(detections);
        logInAsAnalyst();
        browser.get(url("/alerts?tenant=" + tenant.id()));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr.alert-row"), severities.length));
        return tenant;
    }

    private void press(String key) {
        new Actions(browser).sendKeys(key).perform();
    }

    private WebElement focused() {
        return browser.switchTo().activeElement();
    }

    private List<Alert> alertsOf(Tenant tenant) {
        return alerts.findByTenant(admin.actor(), tenant.id(), null, null, 100);
    }

    @Test
    void theCursorMovesKeyboardFocusToItsRow() {
        queueWith(Severity.LOW, Severity.HIGH, Severity.MEDIUM);
        List<WebElement> rows = browser.findElements(By.cssSelector("tr.alert-row"));
        press("j");
        assertThat(focused()).isEqualTo(rows.get(0).findElement(By.cssSelector("a.alert-link")));
        press("j");
        press("j");
        assertThat(focused()).isEqualTo(rows.get(2).findElement(By.cssSelector("a.alert-link")));
        assertThat(rows.get(2).getAttribute("class")).contains("cursor");
        press("k");
        assertThat(focused()).isEqualTo(rows.get(1).findElement(By.cssSelector("a.alert-link")));
        assertThat(rows.get(1).getAttribute("aria-current")).isEqualTo("true");
        assertThat(rows.get(2).getAttribute("class")).doesNotContain("cursor");
    }

    @Test
    void shortcutsTurnedOffDoNothingAndStayOffOnTheNextVisit() {
        Tenant tenant = queueWith(Severity.CRITICAL);
        WebElement toggle = browser.findElement(By.id("shortcuts-on"));
        assertThat(toggle.isSelected()).as("on by default").isTrue();
        assertThat(toggle.getAccessibleName()).isEqualTo(ja("alerts.keys.toggle"));
        toggle.click();
        assertThat(toggle.isSelected()).isFalse();

        browser.get(url("/alerts?tenant=" + tenant.id()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.alert-row")));
        assertThat(browser.findElement(By.id("shortcuts-on")).isSelected()).as("remembered").isFalse();
        WebElement before = focused();
        press("j");
        press("x");
        press("c");
        assertThat(browser.findElements(By.cssSelector("tr.alert-row.cursor"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("input[name=ids]:checked"))).isEmpty();
        assertThat(browser.findElement(By.id("close-confirm")).isDisplayed()).isFalse();
        assertThat(focused()).isEqualTo(before);
        assertThat(alertsOf(tenant)).extracting(a -> a.status().name()).containsExactly("NEW");

        // Back on: the keys work again.
        browser.findElement(By.id("shortcuts-on")).click();
        ((JavascriptExecutor) browser).executeScript("document.activeElement.blur()");
        press("j");
        assertThat(browser.findElements(By.cssSelector("tr.alert-row.cursor"))).hasSize(1);
    }

    @Test
    void closingACriticalAlertFromTheKeyboardAsksFirstAndCancelKeepsItOpen() {
        Tenant tenant = queueWith(Severity.CRITICAL);
        press("j");
        press("c");
        WebElement dialog = browser.findElement(By.id("close-confirm"));
        wait.until(ExpectedConditions.visibilityOf(dialog));
        assertThat(browser.findElement(By.id("close-confirm-text")).getText())
                .contains(messages.getMessage("alerts.keys.confirmCritical", new Object[] {1}, Locale.JAPANESE));
        // The dialog opens on Cancel: a third keystroke (Enter) still does not close the alert.
        assertThat(focused()).isEqualTo(browser.findElement(By.id("close-cancel")));
        press("c");
        new Actions(browser).sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        wait.until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(browser.findElements(By.cssSelector("tr.alert-row"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("input[name=ids]:checked"))).as("selection undone").isEmpty();
        assertThat(focused().getAttribute("class")).contains("alert-link");
        assertThat(alertsOf(tenant)).extracting(a -> a.status().name()).containsExactly("NEW");

        // Confirmed, it closes.
        press("c");
        wait.until(ExpectedConditions.visibilityOf(dialog));
        browser.findElement(By.id("close-ok")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bulk-result")));
        assertThat(alertsOf(tenant)).extracting(a -> a.status().name()).containsExactly("CLOSED");
    }

    // ------------------------------------------------------------------ chart, login, file input, headings

    @Test
    void theRadarChartHasATableWithTheNumbersItDraws() {
        List<Answer> mixed = new ArrayList<>(Collections.nCopies(25, Answer.NO));
        for (int i = 0; i < 25; i += 2) {
            mixed.set(i, Answer.DONE);
        }
        mixed.set(1, Answer.PARTLY);
        Tenant mine = world.tenant(admin.actor(), TestWorld.unique("図の会社"));
        selfCheck.submit(admin.actor(), mine.id(), mixed);
        List<Answer> others = List.of(Answer.DONE, Answer.PARTLY, Answer.NO, Answer.UNKNOWN, Answer.DONE);
        for (Answer a : others) {
            Tenant peer = world.tenant(admin.actor(), TestWorld.unique("比べる会社"));
            selfCheck.submit(admin.actor(), peer.id(), Collections.nCopies(25, a));
        }
        logIn(world.smeUser(mine, Role.TENANT_OWNER));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sme-alerts")));
        browser.get(url("/selfcheck/peers"));

        WebElement svg = browser.findElement(By.cssSelector("#peers-chart svg"));
        assertThat(svg.getAccessibleName()).isEqualTo(ja("sc.peers.radar"));
        assertThat(svg.findElement(By.tagName("desc")).getAttribute("textContent")).isEqualTo(ja("sc.peers.radarDesc"));

        // Percent from the drawing: distance from the centre over the 100 % ring's radius.
        double centre = Double.parseDouble(String.valueOf(((JavascriptExecutor) browser)
                .executeScript("return arguments[0].getAttribute('viewBox')", svg)).split(" ")[2]) / 2;
        List<WebElement> rings = svg.findElements(By.cssSelector("polygon.ring"));
        double full = centre - point(rings.getLast(), 0)[1];
        List<WebElement> rows = browser.findElements(By.cssSelector("#radar-table tbody tr"));
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            for (String who : List.of("company", "peers")) {
                double[] p = point(svg.findElement(By.cssSelector("polygon." + who)), i);
                double drawn = Math.hypot(p[0] - centre, p[1] - centre) / full * 100;
                String shown = rows.get(i).findElement(By.cssSelector("td." + who)).getText();
                assertThat(shown).endsWith("%");
                assertThat(Double.parseDouble(shown.replace("%", ""))).as("%s, part %d", who, i + 1)
                        .isCloseTo(drawn, within(0.6));
            }
        }
        // The numbers are not all alike: the test would not notice swapped columns otherwise.
        assertThat(rows.getFirst().findElement(By.cssSelector("td.company")).getText())
                .isNotEqualTo(rows.getFirst().findElement(By.cssSelector("td.peers")).getText());
        assertThat(rows.getFirst().findElement(By.tagName("th")).getText()).isEqualTo(ja("selfcheck.part.1"));
    }

    private static double[] point(WebElement polygon, int i) {
        String[] xy = polygon.getAttribute("points").split(" ")[i].split(",");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    @Test
    void aFailedLoginSaysSoInTheTitleAndKeepsTheIdentifier() {
        browser.get(url("/login"));
        String normalTitle = browser.getTitle();
        browser.findElement(By.id("username")).sendKeys("nobody@example.jp");
        browser.findElement(By.id("password")).sendKeys("wrong-password");
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("error"));
        assertThat(browser.getTitle()).isNotEqualTo(normalTitle).startsWith(ja("login.title.error"));
        assertThat(browser.findElement(By.id("username")).getAttribute("value")).isEqualTo("nobody@example.jp");
        assertThat(browser.findElement(By.id("password")).getAttribute("value")).isEmpty();
        assertThat(focused().getAttribute("id")).as("the field to correct has the focus").isEqualTo("password");
        // Shown once: the next visit starts clean.
        browser.get(url("/login"));
        assertThat(browser.getTitle()).isEqualTo(normalTitle);
        assertThat(browser.findElement(By.id("username")).getAttribute("value")).isEmpty();
        assertThat(focused().getAttribute("id")).isEqualTo("username");
    }

    @Test
    void theAssetCsvInputAndTheSmeAlertPageAreNamed() {
        Login owner = owner();
        browser.get(url("/selfcheck/assets"));
        assertThat(browser.findElement(By.id("asset-csv")).getAccessibleName()).isEqualTo(ja("asset.import.file"));

        triage.apply(List.of(detection(owner.user().tenantId(), "pc-1", Severity.HIGH, "C2")));
        Alert alert = alerts.findByTenant(admin.actor(), owner.user().tenantId(), null, null, 10).getFirst();
        browser.get(url("/my/alerts/" + alert.id()));
        assertThat(browser.findElements(By.tagName("h1"))).extracting(WebElement::getText)
                .containsExactly(ja("sme.alert.heading"));
    }
}
