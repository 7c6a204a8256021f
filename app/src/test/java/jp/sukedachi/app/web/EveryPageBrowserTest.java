package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.sukedachi.app.audit.AuditEvent;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.selfcheck.Answer;
import jp.sukedachi.app.selfcheck.SecurityActionService;
import jp.sukedachi.app.selfcheck.SelfCheckService;
import jp.sukedachi.app.selfcheck.assets.AssetDraft;
import jp.sukedachi.app.selfcheck.assets.AssetService;
import jp.sukedachi.app.selfcheck.policy.PolicySection;
import jp.sukedachi.app.selfcheck.policy.PolicyService;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.sigma.SigmaRuleService;
import jp.sukedachi.app.support.Chromium;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.UserService;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sweep of issue 14: for each role, real headless Chromium logs in, collects every page its menu leads to and
 * the pages one link deeper (an alert, a device, a company, a lesson, the self-check result…), and opens each at a
 * phone's 390 px, at 640 px (a 1,280 px window at 200% zoom, staff only) and at 1,280 px. Each page must fit its
 * window without sideways page scrolling, show no enum name, UUID, record toString or stack trace, pass axe-core's
 * WCAG 2.1 A and AA rules and give every form field a border of at least 3:1. The menu must fold behind a working
 * button on a phone and fit one line at 1,280 px. One browser per role, one Spring context for all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPageBrowserTest {

    private static final Path AXE = Path.of("src/test/node/node_modules/axe-core/axe.min.js");
    private static final int PHONE = 390;
    private static final int ZOOMED = 640;
    private static final int DESK = 1280;

    private static final Pattern UUID_TEXT = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern ENUM_LIKE = Pattern.compile("\\b[A-Z][A-Z0-9]{2,}(?:_[A-Z0-9]+)+\\b");
    private static final Pattern RECORD_TO_STRING = Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\[[a-z][A-Za-z0-9]*=");
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat (?:jp|java|javax|jakarta|org|com)\\.[\\w.$]+\\(|\\b[A-Za-z]*Exception\\b");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    TestWorld world;
    @Autowired
    Triage triage;
    @Autowired
    DeviceService devices;
    @Autowired
    SelfCheckService selfChecks;
    @Autowired
    SigmaRuleService sigmaRules;
    @Autowired
    SecurityActionService securityAction;
    @Autowired
    PolicyService policies;
    @Autowired
    AssetService assets;
    // --- report-letter ---
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    // --- end report-letter ---

    private Login admin;
    private Login analyst;
    private Login owner;
    private Login member;
    private String axeSource;
    private Tenant tenant;
    private Device utm;
    private UserService.Invitation invitation;
    /** Test data a page rightly shows (TestWorld names users "SME TENANT_OWNER"): not the product's own words. */
    private List<String> testNames;

    /** One company with a device, alerts (one from a Sigma rule with a long reference URL) and a self-check. */
    @BeforeAll
    void aCompanyWithSomethingOnEveryPage() throws IOException {
        assertThat(AXE).as("axe-core for the page sweep: npm ci --prefix app/src/test/node").isRegularFile();
        axeSource = Files.readString(AXE);
        admin = world.admin();
        analyst = world.staff(Role.ANALYST, true);
        tenant = world.tenant(admin.actor(), TestWorld.unique("巡回テスト製作所"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
        member = world.smeUser(tenant, Role.TENANT_MEMBER);
        utm = devices.register(admin.actor(), tenant.id(), new DeviceDraft(TestWorld.unique("utm"), "utm", "auto",
                List.of("198.18." + ThreadLocalRandom.current().nextInt(1, 250) + "."
                        + ThreadLocalRandom.current().nextInt(1, 250)))).device();
        String ruleId = UUID.randomUUID().toString();
        var upload = sigmaRules.upload(admin.actor(), """
                title: Suspicious Whoami Execution
                id: %s
                status: test
                level: high
                author: Sukedachi tests
                references:
                    - https://example.org/a-very-long-reference-address/that/keeps/going/without/any/space/at/all/%s
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    selection:
                        Image|endswith: '\\whoami.exe'
                    condition: selection
                """.formatted(ruleId, "x".repeat(80)));
        assertThat(upload.errors()).isEmpty();
        long now = System.currentTimeMillis();
        triage.apply(List.of(
                detection(tenant, utm, now, "intel", "ipv4:203.0.113.66",
                        "Connection to known botnet C2 203.0.113.66 (feodotracker: Emotet)", Severity.HIGH, Category.C2),
                detection(tenant, utm, now - 60_000, "sigma", ruleId, "Suspicious Whoami Execution", Severity.CRITICAL,
                        Category.OTHER),
                detection(tenant, utm, now - 120_000, "sensor", "fortigate-ips:47541",
                        "UTM blocked a connection to a botnet C2 server: Emotet.Botnet", Severity.MEDIUM, Category.BLOCKED)));
        selfChecks.submit(owner.actor(), tenant.id(), Collections.nCopies(25, Answer.PARTLY));
        // A declaration, a published policy (its long public address) and an asset: the self-help pages' wide parts.
        securityAction.declare(owner.actor(), tenant.id(), "SA-2025-0042", 2, LocalDate.of(2025, 1, 15));
        Map<String, String> policy = new HashMap<>(Map.of("companyName", tenant.name(), "headTitle", "代表取締役",
                "headName", "高橋 一郎", "establishedOn", "2026-04-01", "roleOfficer", "総務部長"));
        for (PolicySection section : PolicySection.values()) {
            policy.put(section.field(), "情報セキュリティを守ります。");
        }
        assertThat(policies.save(owner.actor(), policy, Locale.JAPANESE).ok()).isTrue();
        policies.publish(owner.actor());
        assets.add(owner.actor(), AssetDraft.of(Map.ofEntries(Map.entry("name", "顧客名簿"),
                Map.entry("ownerName", "営業部"), Map.entry("place", "事務所の書庫"), Map.entry("form", "paper"),
                Map.entry("personalData", "yes"), Map.entry("confidentiality", "2"), Map.entry("integrity", "1"),
                Map.entry("availability", "1"), Map.entry("threat", "1"), Map.entry("vulnerability", "1"),
                Map.entry("decision", "accept"))));
        invitation = world.invite(owner.actor(), tenant, Role.TENANT_MEMBER); // also an audit entry naming a role
        testNames = Stream.of(admin, analyst, owner, member).map(l -> l.user().displayName()).toList();
    }

    private static Detection detection(Tenant tenant, Device device, long at, String detector, String rule, String title,
            Severity severity, Category category) {
        SecurityEvent e = SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant.id()))
                .device(new DeviceId(device.id())).timestamp(at).received(at).raw("flow pc-keiri-01 192.168.1.23")
                .set(Ecs.HOST_NAME, "pc-keiri-01").set(Ecs.SOURCE_IP, "192.168.1.23")
                .set(Ecs.DESTINATION_IP, "203.0.113.66").build();
        return new Detection(e.tenant(), e.device(), at, detector, rule, title, severity, category, e, Map.of());
    }

    @Test
    void everyPageOfTheProviderAdminFitsAPhoneAndADeskAndPassesAxe() throws Exception {
        sweep("provider admin", admin, true);
    }

    @Test
    void everyPageOfTheAnalystFitsAPhoneAndADeskAndPassesAxe() throws Exception {
        sweep("analyst", analyst, true);
    }

    @Test
    void everyPageOfTheCompanyOwnerFitsAPhoneAndADeskAndPassesAxe() throws Exception {
        sweep("SME owner", owner, false);
    }

    @Test
    void everyPageOfTheCompanyMemberFitsAPhoneAndADeskAndPassesAxe() throws Exception {
        sweep("SME member", member, false);
    }

    /** Before logging in: the login page and an invitation's password page, on a desk and on a phone; the icon. */
    @Test
    void theLoginAndInvitationPagesFitAPhoneAndADeskAndPassAxe() throws Exception {
        HttpResponse<byte[]> icon = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).as("favicon.ico without logging in").isEqualTo(200);
        assertThat(icon.body()).startsWith(0, 0, 1, 0); // an ICO file's header
        String token = invitation.token();
        WebDriver browser = Chromium.start();
        try {
            String base = "http://localhost:" + port;
            ((HasCdp) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", axeSource));
            List<String> problems = new ArrayList<>();
            Map<String, String> pages = new HashMap<>(Map.of("/login", "/login", "/invite/{token}", "/invite/" + token));
            // --- report-letter ---
            // A proof-of-check letter's verification page as a partner opens it, and a link that is not (or no longer)
            // valid. The owner makes the letter on the page; the device counts as registered half a year ago
            // (and seen just now, so the silent-device watch has nothing to say).
            jdbc.sql("update device set created_at = :at, last_seen_at = :now where id = :id")
                    .param("at", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMonths(6))
                    .param("now", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
                    .param("id", utm.id()).update();
            Chromium.logIn(browser, base, owner);
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().contains("/login"));
            browser.get(base + "/my/letters");
            browser.findElement(By.id("letter-create")).click();
            String letter = new WebDriverWait(browser, Duration.ofSeconds(15)).until(
                    ExpectedConditions.presenceOfElementLocated(By.id("letter-url"))).getText().strip();
            browser.manage().deleteAllCookies();
            pages.put("/v/{token}", letter.substring(letter.indexOf("/v/")));
            pages.put("/v/{token} (no valid letter)", "/v/" + jp.sukedachi.app.shared.Tokens.random());
            // --- end report-letter ---
            for (int width : List.of(DESK, PHONE)) {
                viewport(browser, width);
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    browser.get(base + page.getValue());
                    report(problems, page, width, width == DESK ? deskChecks(browser) : overflow(browser, width));
                    screenshot(browser, "visitor", page.getKey(), width);
                }
            }
            assertThat(problems).as("visitor: problems\n  " + String.join("\n  ", problems) + "\n").isEmpty();
        } finally {
            browser.quit();
        }
    }

    @SuppressWarnings("unchecked")
    private void sweep(String role, Login login, boolean staff) throws Exception {
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            String base = "http://localhost:" + port;
            viewport(browser, DESK);
            Chromium.logIn(browser, base, login);
            if (login.totpSecret() != null) {
                wait.until(ExpectedConditions.urlContains("/login/totp"));
                browser.findElement(By.id("code")).sendKeys(world.currentCode(login));
                browser.findElement(By.cssSelector("#totp-form button[type=submit]")).click();
            }
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main-nav")));

            List<String> problems = new ArrayList<>();
            menuWorksOnADeskAndAPhone(browser, wait, base, problems);
            // axe-core is in every new document of this browser from here on (the CSP does not apply to it).
            ((HasCdp) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", axeSource));
            // The detail pages of this test's own company first (the lists may lead to others'), then the menu and
            // two links deep; each page is checked at 1,280 px as the crawl opens it.
            Map<String, String> pages = new LinkedHashMap<>();
            for (String detail : staff
                    ? List.of("/tenants/" + tenant.id(), "/tenants/" + tenant.id() + "/devices", "/devices/" + utm.id())
                    : List.of("/devices/" + utm.id(), "/selfcheck/lessons/1")) {
                addPage(pages, base, base + detail);
            }
            // --- report-archive ---
            // The monthly reports: staff's overview (the company's list is linked from its page), the owner's list.
            if (staff || login.user().role() == Role.TENANT_OWNER) {
                addPage(pages, base, base + (staff ? "/reports" : "/my/reports"));
            }
            // --- end report-archive ---
            // --- asset ---
            // The devices on the company's network (the menu link is the integrator's).
            addPage(pages, base, base + (staff ? "/tenants/" + tenant.id() + "/hosts" : "/my/hosts"));
            // --- end asset ---
            // Campaigns and suppressions hang off the alert queue's tab strip, not the menu (issue 19).
            if (staff) {
                addPage(pages, base, base + "/campaigns");
                addPage(pages, base, base + "/suppressions");
            }
            browser.get(base + "/");
            List<String> menu = (List<String>) js(browser).executeScript(
                    "return Array.from(document.querySelectorAll('#main-nav a, header a.who')).map(a => a.href);");
            menu.forEach(href -> addPage(pages, base, href));
            int checked = 0;
            for (int depth = 0; depth <= 2; depth++) {
                int levelEnd = pages.size();
                for (Map.Entry<String, String> page : List.copyOf(pages.entrySet()).subList(checked, levelEnd)) {
                    browser.get(base + page.getValue());
                    if (depth < 2) {
                        List<String> links = (List<String>) js(browser).executeScript(
                                "return Array.from(document.querySelectorAll('main a[href]')).map(a => a.href);");
                        links.forEach(href -> addPage(pages, base, href));
                    }
                    report(problems, page, DESK, deskChecks(browser));
                    screenshot(browser, role, page.getKey(), DESK);
                }
                checked = levelEnd;
            }
            assertThat(pages.keySet()).as(role + ": the sweep must reach the detail pages").containsAll(staff
                    ? List.of("/alerts", "/alerts/{id}", "/tenants/{id}", "/tenants/{id}/devices", "/devices/{id}")
                    : List.of("/my/alerts", "/my/alerts/{id}", "/tenants/{id}/devices", "/devices/{id}",
                            "/selfcheck/attempts/{id}", "/selfcheck/lessons/{n}"));

            // The narrow windows: a phone for everyone, 200% zoom for the staff's wide tables.
            for (int width : staff ? List.of(ZOOMED, PHONE) : List.of(PHONE)) {
                viewport(browser, width);
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    browser.get(base + page.getValue());
                    report(problems, page, width, overflow(browser, width));
                    screenshot(browser, role, page.getKey(), width);
                }
            }
            assertThat(problems).as(role + ": problems on " + pages.size() + " pages " + pages.keySet()
                    + "\n  " + String.join("\n  ", problems) + "\n").isEmpty();
        } finally {
            browser.quit();
        }
    }

    /** Everything checked at 1,280 px: width, axe-core, raw text, field borders and text size. */
    private List<String> deskChecks(WebDriver browser) {
        List<String> found = new ArrayList<>(overflow(browser, DESK));
        found.addAll(axe(browser));
        found.addAll(rawText(browser));
        found.addAll(fieldBorders(browser));
        found.addAll(smallText(browser));
        return found;
    }

    /** With SUKEDACHI_SWEEP_SHOTS=folder, every page at every width is saved there as a PNG to look at. */
    private static void screenshot(WebDriver browser, String role, String page, int width) throws IOException {
        String folder = System.getenv("SUKEDACHI_SWEEP_SHOTS");
        if (folder != null && !folder.isBlank()) {
            Path file = Path.of(folder, (role + page).replaceAll("[^A-Za-z0-9{}]+", "_") + "-" + width + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
    }

    /**
     * Text a person must strain to read: anything under 14 px (badges, chart labels, small print), and instructions
     * (paragraphs, list items, labels and hints) under 16 px. Code, raw logs and table cells are data, not instructions.
     */
    @SuppressWarnings("unchecked")
    private static List<String> smallText(WebDriver browser) {
        List<String> small = (List<String>) js(browser).executeScript("""
                const out = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n && out.length < 5; n = walker.nextNode()) {
                  const el = n.parentElement;
                  if (!el || !n.nodeValue.trim() || el.closest('script, style, code, pre, kbd, .sr, .skip')) continue;
                  if (!el.checkVisibility()) continue;
                  const px = parseFloat(getComputedStyle(el).fontSize);
                  const instruction = el.closest('main p, main li, main label, .hint') && !el.closest('table, .sev, .answer-tag');
                  if (px < 14 || (instruction && px < 16)) {
                    out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                      + ' ' + px + ' px "' + n.nodeValue.trim().slice(0, 30) + '"');
                  }
                }
                return out;
                """);
        return small.stream().map(t -> "text too small: " + t).toList();
    }

    private static void report(List<String> problems, Map.Entry<String, String> page, int width, List<String> found) {
        for (String problem : found) {
            problems.add(page.getKey() + " (" + page.getValue() + ") at " + width + " px: " + problem);
        }
    }

    private static JavascriptExecutor js(WebDriver browser) {
        return (JavascriptExecutor) browser;
    }

    /**
     * The CSS viewport of that width (a headless window cannot be made that narrow): a phone (its viewport meta and
     * overlay scrollbars) at 390 px, a desktop window otherwise.
     */
    private static void viewport(WebDriver browser, int width) {
        ((HasCdp) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", width == PHONE ? 844 : 900, "deviceScaleFactor", 1, "mobile", width == PHONE));
    }

    /** At 1,280 px the menu is one line; at 390 px it folds behind a button that opens it, and Escape closes it. */
    @SuppressWarnings("unchecked")
    private static void menuWorksOnADeskAndAPhone(WebDriver browser, WebDriverWait wait, String base,
            List<String> problems) {
        browser.get(base + "/");
        List<Long> tops = (List<Long>) js(browser).executeScript(
                "return Array.from(document.querySelectorAll('#main-nav a')).map(a => Math.round(a.getBoundingClientRect().top));");
        if (tops.stream().distinct().count() != 1) {
            problems.add("menu at 1280 px takes " + tops.stream().distinct().count() + " lines");
        }
        WebElement toggle = browser.findElement(By.id("menu-toggle"));
        if (toggle.isDisplayed()) {
            problems.add("menu button shows at 1280 px");
        }
        browser.get(base + "/?lang=en");
        List<Long> englishTops = (List<Long>) js(browser).executeScript(
                "return Array.from(document.querySelectorAll('#main-nav a')).map(a => Math.round(a.getBoundingClientRect().top));");
        if (englishTops.stream().distinct().count() != 1) {
            problems.add("English menu at 1280 px takes " + englishTops.stream().distinct().count() + " lines");
        }
        browser.get(base + "/?lang=ja");
        viewport(browser, PHONE);
        browser.get(base + "/");
        toggle = browser.findElement(By.id("menu-toggle"));
        WebElement firstItem = browser.findElement(By.cssSelector("#main-nav a"));
        assertThat(toggle.isDisplayed()).as("menu button at 390 px").isTrue();
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(toggle.getAttribute("aria-controls")).isEqualTo("main-nav");
        assertThat(toggle.getAccessibleName()).isEqualTo("メニュー");
        assertThat(firstItem.isDisplayed()).as("menu folded at 390 px").isFalse();
        long headerHeight = (Long) js(browser).executeScript(
                "return Math.round(document.querySelector('header.top').getBoundingClientRect().height);");
        assertThat(headerHeight).as("folded header height at 390 px").isLessThan(160);
        toggle.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(toggle, "aria-expanded", "true"));
        assertThat(firstItem.isDisplayed()).as("menu opened by its button").isTrue();
        assertThat(browser.findElement(By.id("main-nav")).getAccessibleName()).isEqualTo("メインメニュー");
        firstItem.sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.attributeToBe(toggle, "aria-expanded", "false"));
        assertThat(browser.switchTo().activeElement()).as("Escape returns to the menu button").isEqualTo(toggle);
        viewport(browser, DESK);
    }

    /** Adds the page unless it is no page or one of its shape is in already; true when added. */
    private static boolean addPage(Map<String, String> pages, String base, String href) {
        if (!href.startsWith(base + "/")) {
            return false;
        }
        String path = href.substring(base.length()).replaceFirst("#.*$", "");
        String plain = path.replaceFirst("\\?.*$", "");
        if (path.contains("lang=") || plain.endsWith("/pdf") || plain.endsWith(".pdf") || plain.endsWith("/csv")
                || plain.endsWith(".csv") || plain.contains("/certificate/") || plain.startsWith("/api/")
                || plain.equals("/logout")) {
            return false;
        }
        return pages.putIfAbsent(shape(path), path) == null;
    }

    /** The page's path with ids as {id} and numbers as {n}. */
    private static String shape(String path) {
        String plain = path.replaceFirst("[?#].*$", "");
        String shape = plain.replaceAll("/[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}", "/{id}").replaceAll("/\\d+(?=/|$)", "/{n}");
        if (shape.startsWith("/tenants/{id}") || shape.startsWith("/alerts/{id}") || shape.startsWith("/devices/{id}")
                || shape.startsWith("/my/alerts/{id}") || shape.startsWith("/selfcheck/attempts/{id}")) {
            shape = shape.replace("/{n}", "/{id}");
        }
        return shape;
    }

    /** The page is wider than its window: say by how much and which elements stick out. */
    @SuppressWarnings("unchecked")
    private static List<String> overflow(WebDriver browser, int width) {
        Map<String, Object> m = (Map<String, Object>) js(browser).executeScript("""
                const root = document.documentElement;
                const wide = [];
                if (root.scrollWidth > root.clientWidth) {
                  for (const el of document.querySelectorAll('body *')) {
                    const r = el.getBoundingClientRect();
                    if (r.right > root.clientWidth + 1 && r.width > 0 && !el.closest('.table-scroll, pre')) {
                      const parentWide = el.parentElement && el.parentElement.getBoundingClientRect().right > root.clientWidth + 1;
                      if (!parentWide || el.parentElement === document.body) {
                        wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                          + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                          + ' (' + Math.round(r.right) + ' px)');
                      }
                    }
                  }
                }
                return {scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 5)};
                """);
        long scroll = (Long) m.get("scroll");
        long client = (Long) m.get("client");
        return scroll > client
                ? List.of("overflow: page is " + scroll + " px wide in a " + client + " px window, widest: " + m.get("wide"))
                : List.of();
    }

    /** Visible and screen-reader text (code, pre and kbd hold data an analyst reads as is) that a person must never read. */
    private List<String> rawText(WebDriver browser) {
        String text = (String) js(browser).executeScript("""
                const out = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  const el = n.parentElement;
                  if (!el || el.closest('script, style, template, code, pre, kbd, [hidden]')) continue;
                  if (!el.checkVisibility({visibilityProperty: true}) && !el.closest('.sr')) continue;
                  out.push(n.nodeValue);
                }
                // A placeholder of a command shown in code (e.g. SUKEDACHI_HOST) may be named in the sentence explaining it.
                const shown = Array.from(document.querySelectorAll('main code, main pre')).map(e => e.textContent).join(' ');
                const placeholders = new Set(shown.match(/\\b[A-Z][A-Z0-9]{2,}(?:_[A-Z0-9]+)+\\b/g) || []);
                for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
                  out.push(el.getAttribute('aria-label') || el.getAttribute('title') || el.getAttribute('placeholder') || el.getAttribute('alt'));
                }
                out.push(document.title);
                return out.join('\\n').replace(/\\b[A-Z][A-Z0-9]{2,}(?:_[A-Z0-9]+)+\\b/g, w => placeholders.has(w) ? '' : w);
                """);
        for (String name : testNames) {
            text = text.replace(name, "");
        }
        List<String> found = new ArrayList<>();
        for (var check : Map.of("UUID", UUID_TEXT, "enum name", ENUM_LIKE, "record toString", RECORD_TO_STRING,
                "stack trace", STACK_TRACE).entrySet()) {
            Matcher m = check.getValue().matcher(text);
            if (m.find()) {
                found.add("raw text: " + check.getKey() + " \"" + around(text, m.start(), m.end()) + "\"");
            }
        }
        Matcher word = Pattern.compile("\\b[A-Z][A-Z0-9_]{3,}\\b").matcher(text);
        while (word.find()) {
            if (ENUM_CONSTANTS.contains(word.group())) {
                found.add("raw text: enum name \"" + around(text, word.start(), word.end()) + "\"");
                break;
            }
        }
        return found;
    }

    /** Constants a page shows translated (severities are English words on purpose, marked lang="en"). */
    private static final List<String> ENUM_CONSTANTS = Stream.of(Alert.Status.values(), Alert.Resolution.values(),
                    AppUser.Status.values(), AuditEvent.Outcome.values(), Category.values(), Answer.values(),
                    Role.values())
            .flatMap(Stream::of).map(Enum::name).filter(n -> n.length() >= 4).toList();

    private static String around(String text, int start, int end) {
        return text.substring(Math.max(0, start - 30), Math.min(text.length(), end + 30)).replaceAll("\\s+", " ").strip();
    }

    /** axe-core's WCAG 2.0/2.1 A and AA rules; each violation with its impact, help and up to three elements. */
    @SuppressWarnings("unchecked")
    private static List<String> axe(WebDriver browser) {
        List<Map<String, Object>> violations = (List<Map<String, Object>>) js(browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                   resultTypes: ['violations']})
                  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ← ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
                      count: v.nodes.length}))))
                  .catch(e => done([{id: 'axe-error', impact: 'error', help: String(e), nodes: [], count: 0}]));
                """);
        return violations.stream().map(v -> "axe " + v.get("id") + " (" + v.get("impact") + ", " + v.get("count")
                + " elements): " + v.get("help") + " " + v.get("nodes")).collect(Collectors.toList());
    }

    /** Text fields, selects and text areas whose border is under 3:1 against what surrounds them (WCAG 1.4.11). */
    @SuppressWarnings("unchecked")
    private static List<String> fieldBorders(WebDriver browser) {
        List<String> weak = (List<String>) js(browser).executeScript("""
                const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
                const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
                    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                const behind = el => { for (let p = el.parentElement; p; p = p.parentElement) {
                    const c = rgb(getComputedStyle(p).backgroundColor);
                    if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c; }
                  return [255, 255, 255]; };
                const out = [];
                const skip = ['hidden', 'checkbox', 'radio', 'file', 'submit', 'button', 'reset', 'image', 'range', 'color'];
                for (const el of document.querySelectorAll('input, select, textarea')) {
                  if (el.tagName === 'INPUT' && skip.includes(el.type)) continue;
                  if (!el.checkVisibility()) continue;
                  const s = getComputedStyle(el);
                  const a = lum(rgb(s.borderTopColor)), b = lum(behind(el));
                  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                  if (ratio < 3) out.push(el.tagName.toLowerCase() + (el.name ? '[name=' + el.name + ']' : '')
                      + ' border ' + s.borderTopColor + ' is ' + ratio.toFixed(2) + ':1');
                }
                return out;
                """);
        return weak.stream().map(w -> "field border under 3:1: " + w).toList();
    }
}
