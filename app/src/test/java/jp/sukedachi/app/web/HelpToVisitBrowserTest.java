package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.sukedachi.app.desk.TicketCategory;
import jp.sukedachi.app.desk.TicketPriority;
import jp.sukedachi.app.desk.TicketStatus;
import jp.sukedachi.app.dispatch.Availability;
import jp.sukedachi.app.dispatch.Responders;
import jp.sukedachi.app.dispatch.VisitStatus;
import jp.sukedachi.app.incident.IncidentStatus;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.security.SecretCipher;
import jp.sukedachi.app.security.Totp;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.UserService;
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
 * The whole human flow of issue 16 in real Chromium, through the pages only: the company's owner reports a ransom
 * screen from 困ったときは; the analyst opens the ticket from the desk queue, makes it a ransomware incident (its
 * playbook's tasks appear), asks for a visit and assigns the responder; the responder, on a 390 px phone, checks
 * in, records the work, the findings and the customer's sign-off and checks out; the owner reads the visit and its
 * timeline in plain Japanese, with no enum name and no id in the text. Only the world (company, people, the
 * responder's prefectures) is made through services.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
class HelpToVisitBrowserTest extends BrowserTestBase {
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** tasks_ja.yml, isolate: the ransomware playbook's first task. */
    private static final String ISOLATE = "対象のパソコンの LAN ケーブルを抜き、Wi-Fi を切ってください（電源は切らないでください）";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    UserService users;
    @Autowired
    Totp totp;
    @Autowired
    SecretCipher cipher;
    @Autowired
    Responders responders;

    /** What {@link #look()} found wrong on the pages of the flow, reported together at the end. */
    private final List<String> problems = new ArrayList<>();

    /** A person with a Japanese name (the test world's names carry the role's enum name, which a page may show). */
    private Login person(Tenant tenant, Role role, String name, boolean withTotp) {
        String password = TestWorld.password();
        String secret = withTotp ? totp.newSecret() : null;
        AppUser user = users.provision(tenant == null ? null : tenant.id(),
                TestWorld.unique(role.name().toLowerCase()) + "@flow.example.jp", name, role, password,
                secret == null ? null : cipher.encrypt(secret));
        return new Login(user, password, secret);
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    /** Null when the page fits the window (scrollWidth <= innerWidth); else the widths in words. */
    private String sidewaysScrolling() {
        long scroll = ((Number) js().executeScript("return document.documentElement.scrollWidth")).longValue();
        long inner = ((Number) js().executeScript("return window.innerWidth")).longValue();
        return scroll <= inner ? null : "scrolls sideways at " + inner + " px (" + scroll + " px wide)";
    }

    private void assertNoSidewaysScrolling() {
        assertThat(sidewaysScrolling()).as(browser.getCurrentUrl()).isNull();
    }

    /** Checks the page as every page of the flow must be: no sideways scrolling, no enum name or id in the text. */
    private void look() {
        String where = browser.getCurrentUrl().substring(url("").length());
        String sideways = sidewaysScrolling();
        if (sideways != null) {
            problems.add(where + " " + sideways);
        }
        String text = browser.findElement(By.tagName("body")).getText();
        unplain(text).forEach(p -> problems.add(where + ": " + p));
    }

    /** On a phone the menu folds behind a button: tap it first. */
    private void openMenu() {
        WebElement toggle = browser.findElement(By.id("menu-toggle"));
        if (toggle.isDisplayed() && "false".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
        }
    }

    private String mainText() {
        return browser.findElement(By.id("main")).getText();
    }

    /** The next person uses the same browser: the session cookie goes. */
    private void switchPerson() {
        browser.manage().deleteAllCookies();
    }

    private void setLocal(WebElement input, String value) {
        js().executeScript("arguments[0].value = arguments[1];", input, value);
    }

    @Test
    void theOwnerReportsRansomwareTheAnalystSendsAResponderWhoRecordsTheVisitAndTheOwnerReadsItInJapanese() {
        Login admin = person(null, Role.PROVIDER_ADMIN, "高木 管理", true);
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("なにわ精密工業"));
        Login owner = person(tenant, Role.TENANT_OWNER, "山田 花子", false);
        Login analyst = person(null, Role.ANALYST, "佐藤 健", true);
        Login responder = person(null, Role.RESPONDER, "鈴木 大輔", true);
        responders.save(admin.actor(), responder.user().id(), List.of("27"), "AVAILABLE", null, null, "090-1111-2222");
        String subject = TestWorld.unique("画面に身代金を求める表示");

        // 1. The owner, on a phone, reports something strange from 困ったときは.
        browser.manage().window().setSize(new Dimension(390, 844));
        logIn(owner);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header a[href='/my/help']")));
        openMenu();
        browser.findElement(By.cssSelector("header a[href='/my/help']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("help-choices")));
        look();
        browser.findElement(By.id("help-suspicious")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("help-form")));
        look();
        browser.findElement(By.cssSelector("#help-form input[name=subject]")).sendKeys(subject);
        browser.findElement(By.cssSelector("#help-form textarea[name=body]"))
                .sendKeys("朝から事務所のパソコンの画面に、身代金を払えという英語の表示が出ています。共有フォルダのファイルが開けません。");
        browser.findElement(By.cssSelector("#help-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/my/help/tickets/"));
        look();
        assertThat(mainText()).contains(subject);
        browser.get(url("/my/help"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-tickets")));
        look();
        assertThat(browser.findElement(By.id("my-tickets")).getText()).contains(subject);

        // 2. The analyst opens the ticket from the desk queue and makes it a ransomware incident.
        switchPerson();
        browser.manage().window().setSize(new Dimension(1280, 900));
        logInWithCode(analyst);
        browser.findElement(By.cssSelector("header a[href='/desk']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("desk-queue")));
        look();
        browser.findElement(By.linkText(subject)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("make-incident")));
        look();
        assertThat(browser.findElement(By.id("make-incident")).getText()).isEqualTo("インシデントにする");
        browser.findElement(By.id("make-incident")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incident-new-form")));
        look();
        assertThat(browser.findElement(By.id("incident-from-ticket")).getText()).contains(subject);
        new Select(browser.findElement(By.cssSelector("#incident-new-form select[name=type]")))
                .selectByValue(IncidentType.RANSOMWARE.name());
        browser.findElement(By.id("incident-open")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tasks")));
        look();
        String incidentPath = browser.getCurrentUrl().substring(url("").length());
        assertThat(incidentPath).matches("/incidents/" + UUID_TEXT.pattern());
        assertThat(browser.findElements(By.cssSelector("#tasks .task-text"))).extracting(WebElement::getText)
                .contains(ISOLATE);
        assertThat(browser.findElement(By.id("incident-type")).getText()).isEqualTo("ランサムウェア");

        // 3. The analyst asks for a visit from the incident's visits panel and assigns the responder.
        browser.findElement(By.id("request-visit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("visit-request-form")));
        look();
        WebElement address = browser.findElement(By.cssSelector("#visit-request-form input[name=address]"));
        address.clear();
        address.sendKeys("大阪府東大阪市高井田元町一丁目二番三号 なにわ精密ビル2階");
        WebElement contact = browser.findElement(By.cssSelector("#visit-request-form input[name=contactName]"));
        contact.clear();
        contact.sendKeys("山田 花子");
        WebElement phone = browser.findElement(By.cssSelector("#visit-request-form input[name=contactPhone]"));
        phone.clear();
        phone.sendKeys("06-1234-5678");
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        ZonedDateTime start = ZonedDateTime.now(Formats.TOKYO).withSecond(0).withNano(0);
        setLocal(browser.findElement(By.cssSelector("#visit-request-form input[name=windowStart]")),
                local.format(start));
        setLocal(browser.findElement(By.cssSelector("#visit-request-form input[name=windowEnd]")),
                local.format(start.plusHours(3)));
        browser.findElement(By.cssSelector("#visit-request-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("assign-form")));
        look();
        String visitId = browser.getCurrentUrl().replaceAll(".*/dispatch/visits/", "");
        browser.findElement(By.cssSelector("#assign-form input[value='" + responder.user().id() + "']")).click();
        browser.findElement(By.cssSelector("#assign-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("visit-facts"), "鈴木 大輔"));
        look();
        assertThat(browser.findElement(By.cssSelector("#visit-facts h2")).getText()).isEqualTo("担当者が決まりました");

        String myIncident = incidentPath.replace("/incidents/", "/my/incidents/");

        // Meanwhile the owner, on the phone, reads who is coming and when.
        switchPerson();
        browser.manage().window().setSize(new Dimension(390, 844));
        logIn(owner);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href='" + myIncident + "']")));
        browser.findElement(By.cssSelector("a[href='" + myIncident + "']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("next-visit")));
        look();
        assertThat(browser.findElement(By.id("next-visit")).getText()).contains("技術者 鈴木 大輔 が伺います");

        // 4. The responder, on a phone, checks in, records the work and the sign-off, checks out.
        switchPerson();
        logInWithCode(responder);
        browser.get(url("/visits"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("visits-today")));
        look();
        assertNoSidewaysScrolling();
        browser.findElement(By.cssSelector("#visits-today li[data-visit='" + visitId + "'] a.visit-tap")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("visit-check-in")));
        look();
        assertThat(browser.findElement(By.id("visit-what")).getText()).contains("ランサムウェア");
        assertNoSidewaysScrolling();
        browser.findElement(By.id("check-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("record-form")));
        look();
        assertNoSidewaysScrolling();
        browser.findElement(By.id("workDone"))
                .sendKeys("感染したパソコン1台をLANから外し、電源を入れたまま保全しました。脅迫文の画面を撮影しました。");
        browser.findElement(By.id("findings")).sendKeys("共有フォルダのファイルが暗号化されていました。バックアップ用ディスクは無事です。");
        browser.findElement(By.id("signedOffBy")).sendKeys("山田 花子");
        browser.findElement(By.id("travelMinutes")).sendKeys("40");
        browser.findElement(By.id("check-out")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("visit-done")));
        look();
        assertThat(browser.findElement(By.id("visit-status")).getText()).contains("訪問が終わりました");
        assertThat(browser.findElement(By.id("done-signed")).getText()).isEqualTo("山田 花子");
        assertNoSidewaysScrolling();

        // 5. The owner reads the incident, the visit and its timeline in plain Japanese.
        switchPerson();
        logIn(owner);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href='" + myIncident + "']")));
        browser.findElement(By.cssSelector("a[href='" + myIncident + "']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incident-visits")));
        look();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
        String visitsPanel = browser.findElement(By.id("incident-visits")).getText();
        assertThat(visitsPanel).contains("鈴木 大輔", "訪問が終わりました", "山田 花子", "到着", "退出",
                "電源を入れたまま保全しました", "暗号化されていました");
        assertThat(browser.findElement(By.id("todo")).getText()).contains(ISOLATE);
        List<String> kinds = browser.findElements(By.cssSelector("#timeline li")).stream()
                .map(li -> li.getAttribute("data-kind")).filter(k -> k.startsWith("visit.")).toList();
        assertThat(kinds).contains("visit.requested", "visit.assigned", "visit.checked_in", "visit.checked_out");
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("技術者の訪問を依頼しました", "訪問する技術者が決まりました",
                "技術者 鈴木 大輔 が到着しました", "技術者 鈴木 大輔 が作業を終えて退出しました");
        assertPlainJapanese(browser.findElement(By.tagName("body")).getText());
        assertNoSidewaysScrolling();
        // The request the owner sent now says it is being handled.
        browser.get(url("/my/help"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-tickets")));
        look();
        browser.findElement(By.linkText(subject)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
        look();
        // ... and where to follow the case: the desk's public reply written when the incident was opened.
        assertThat(mainText()).contains("「対応中の事故」（記録 #").contains("として対応を始めました");
        assertThat(problems).as("pages of the flow that are not plain or scroll sideways").isEmpty();
    }

    /** No enum name of the flow's states and kinds, no id, anywhere a person reads. */
    private void assertPlainJapanese(String text) {
        assertThat(unplain(text)).as(text).isEmpty();
    }

    private static List<String> unplain(String text) {
        List<String> found = new ArrayList<>();
        var uuid = UUID_TEXT.matcher(text);
        if (uuid.find()) {
            found.add("an id " + uuid.group());
        }
        List<String> names = new ArrayList<>();
        Stream.of(IncidentType.values(), IncidentStatus.values(), VisitStatus.values(), TicketStatus.values(),
                TicketCategory.values(), TicketPriority.values(), Availability.values(), Role.values())
                .flatMap(Arrays::stream).map(e -> ((Enum<?>) e).name()).forEach(names::add);
        names.addAll(List.of("ON_SITE", "CHECKED_IN", "CHECKED_OUT", "LOW", "MEDIUM", "HIGH", "CRITICAL"));
        for (String name : names) {
            if (Pattern.compile("\\b" + name + "\\b").matcher(text).find()) {
                found.add("the enum name " + name);
            }
        }
        for (String key : List.of("visit.", "incident.", "desk.", "help.", "??")) {
            if (text.contains(key)) {
                found.add("a message key or missing message " + key);
            }
        }
        return found;
    }
}
