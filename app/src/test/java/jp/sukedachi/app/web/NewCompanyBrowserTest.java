package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.support.Chromium;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A provider admin's first day in a real Chromium, with a real SMTP server (GreenMail): a company saved with a
 * blank identifier (the field's pattern is a valid expression for the browser, which checks it with the v flag),
 * then its owner invited, in Japanese and in English, and the invitation mail arrives with the page's link.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
                "sukedachi.notify.from=invite@provider.example.jp"})
class NewCompanyBrowserTest {
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
            .dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    TestWorld world;
    @Autowired
    TenantRepository tenants;
    @Autowired
    AuditRepository audit;

    WebDriver browser;
    WebDriverWait wait;
    Login admin;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start();
        // A page that reloads between finding an element and reading it leaves a stale reference: look again.
        wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        admin = world.admin();
        Chromium.logIn(browser, url(""), admin);
        wait.until(d -> d.getCurrentUrl().contains("/login/totp") || !d.getCurrentUrl().contains("/login"));
        if (browser.getCurrentUrl().contains("/login/totp")) {
            browser.findElement(By.id("code")).sendKeys(world.currentCode(admin));
            browser.findElement(By.cssSelector("#totp-form button[type=submit]")).click();
            wait.until(d -> !d.getCurrentUrl().contains("/login"));
        }
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    @Test
    void blankIdentifierCreatesTheCompanyAndThePatternIsValidForTheBrowser() {
        browser.get(url("/admin/tenants/new"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-form")));
        // An invalid pattern is ignored by the browser (every value passes) and reported on the console.
        String check = "const f = document.getElementById('slug'); f.value = arguments[0];"
                + " const ok = f.checkValidity(); return ok + ' ' + f.validity.patternMismatch;";
        assertThat(js(check, "Bad_Slug")).isEqualTo("false true");
        assertThat(js(check, "-leading")).isEqualTo("false true");
        assertThat(js(check, "sakura-seiki-2")).isEqualTo("true false");
        assertThat(js(check, "")).isEqualTo("true false");
        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).extracting(LogEntry::getMessage).noneMatch(m -> m.contains("pattern") || m.contains("regular expression"));

        StringBuilder name = new StringBuilder("たかはし製作所");
        UUID.randomUUID().toString().replace("-", "").chars().forEach(c -> name.append((char) ('あ' + Character.digit(c, 16))));
        browser.findElement(By.id("name")).sendKeys(name);
        new Select(browser.findElement(By.id("industry"))).selectByValue("E");
        new Select(browser.findElement(By.id("employeeBand"))).selectByIndex(2);
        browser.findElement(By.cssSelector("#tenant-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches("/tenants/[0-9a-f-]{36}$"));
        Tenant created = tenants.findVisible(admin.actor()).stream().filter(t -> t.name().equals(name.toString())).findFirst().orElseThrow();
        assertThat(created.slug()).matches("t-[a-z0-9]{6}");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(name, created.slug());
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .noneMatch(m -> m.contains("pattern"));
    }

    @Test
    void theInvitationArrivesByMailWithThePagesLinkInTheInvitersLanguage() throws Exception {
        Tenant company = world.tenant(admin.actor(), TestWorld.unique("Invite"));

        String ownerMail = TestWorld.unique("owner") + "@sme.example.jp";
        String link = invite(ownerMail, "山田 一郎", company);
        assertThat(browser.findElement(By.id("invite-mail")).getText()).contains("招待メールを送りました", ownerMail);
        MimeMessage ja = mailTo(ownerMail);
        assertThat(ja.getSubject()).contains(company.name(), "招待されました");
        assertThat(decoded(ja)).contains("山田 一郎 様", link, "パスワードを決めて").doesNotContain("Dear");
        assertThat(ja.getFrom()[0].toString()).isEqualTo("invite@provider.example.jp");

        // The same in English when the admin works in English.
        browser.get(url("/users?lang=en"));
        String memberMail = TestWorld.unique("member") + "@sme.example.jp";
        String enLink = invite(memberMail, "Ken Sato", company);
        assertThat(browser.findElement(By.id("invite-mail")).getText()).contains("An invitation mail was sent to " + memberMail);
        MimeMessage en = mailTo(memberMail);
        assertThat(en.getSubject()).contains("You are invited", company.name());
        assertThat(decoded(en)).contains("Dear Ken Sato", enLink, "choose your own password").doesNotContain("様");
        assertThat(audit.find(admin.actor(), new AuditRepository.Filter(AuditAction.INVITATION_MAILED.name(), null, null,
                null, null)).stream().filter(e -> e.outcome() == Outcome.SUCCESS).map(e -> e.target()))
                .contains(ownerMail, memberMail);

        // The link in the mail opens the page where the invited person chooses a password.
        browser.manage().deleteAllCookies();
        browser.get(enLink);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("input[type=password]"))).isNotEmpty();
    }

    /** Last: the mail server goes away for good, so the failure is said on the page and audited. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anInvitationMailThatCannotBeSentIsSaidPlainlyAndAudited() {
        Tenant company = world.tenant(admin.actor(), TestWorld.unique("NoMail"));
        SMTP.stop();
        String mail = TestWorld.unique("unlucky") + "@sme.example.jp";
        String link = invite(mail, "鈴木 花子", company);
        assertThat(link).contains("/invite/");
        assertThat(browser.findElement(By.id("invite-mail")).getText())
                .contains("招待メールを " + mail + " に送れませんでした", "下のリンクを 鈴木 花子 さんに直接伝えてください");
        assertThat(audit.find(admin.actor(), new AuditRepository.Filter(AuditAction.INVITATION_MAILED.name(), null, null,
                null, null))).anySatisfy(e -> {
                    assertThat(e.target()).isEqualTo(mail);
                    assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
                });
    }

    /** Fills the invite form for the company's owner; returns the link the page shows. */
    private String invite(String email, String displayName, Tenant company) {
        browser.get(url("/users"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("invite-form")));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("displayName")).sendKeys(displayName);
        new Select(browser.findElement(By.id("role"))).selectByValue("TENANT_OWNER");
        new Select(browser.findElement(By.id("tenantId"))).selectByValue(company.id().toString());
        browser.findElement(By.cssSelector("#invite-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("invite-link")));
        return browser.findElement(By.id("invite-link")).getText().strip();
    }

    private static MimeMessage mailTo(String address) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : SMTP.getReceivedMessages()) {
                if (Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address))) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + address + " in 20 s");
    }

    /** The mail's text as its reader sees it (decoded from its transfer encoding). */
    private static String decoded(MimeMessage message) throws Exception {
        return String.valueOf(message.getContent());
    }
}
