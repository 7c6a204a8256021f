package jp.sukedachi.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.stream.Stream;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.OwnerReading;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In real Chromium: the company's owner on a phone (390 px) downloads last month's report (the file arrives and is a
 * PDF); the analyst at 1,280 px opens the company's reports from its page, adds a comment, sees it, presses send,
 * and the mail that goes out (GreenMail) carries the comment and the PDF.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false", "sukedachi.report.catch-up=false",
    "sukedachi.report.sweep-initial-ms=3600000000", "sukedachi.notify.sweep-initial-ms=3600000",
    "sukedachi.notify.digest-cron=-"})
class MonthlyReportBrowserTest extends BrowserTestBase {
    static final GreenMail SMTP = OwnerReading.smtp();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @Autowired
    ReportArchive archive;
    @Autowired
    ReportJob job;

    @Test
    void theOwnerDownloadsLastMonthsReportOnAPhone() throws Exception {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("株式会社とても長い名前の精密機械製作所"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        YearMonth last = YearMonth.now(Formats.TOKYO).minusMonths(1);
        archive.generate(admin.actor(), tenant, last, ReportArchive.JAPANESE, false);

        Path downloads = Files.createTempDirectory("report-downloads");
        ((ChromeDriver) browser).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.manage().window().setSize(new Dimension(390, 844));
        logIn(owner);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        browser.get(url("/my/reports"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("月次レポート");
        assertFitsWindow();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#report-" + last + " .report-downloads a.primary"))).click();
        Path file = downloads.resolve("monthly-report-" + tenant.slug() + "-" + last + ".pdf");
        wait.until(d -> Files.exists(file) && file.toFile().length() > 0 && !partial(downloads));
        byte[] pdf = Files.readAllBytes(file);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

        browser.get(url("/my/reports?lang=en"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Monthly reports");
        assertFitsWindow();
    }

    private static boolean partial(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void theAnalystAddsACommentBeforeSendingAndTheMailCarriesIt() throws Exception {
        Login admin = world.admin();
        Login analyst = world.staff(Role.ANALYST, true);
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("コメント商事"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        YearMonth last = YearMonth.now(Formats.TOKYO).minusMonths(1);
        archive.generate(admin.actor(), tenant, last, ReportArchive.JAPANESE, false);

        browser.manage().window().setSize(new Dimension(1280, 900));
        logInWithCode(analyst);
        browser.get(url("/tenants/" + tenant.id()));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("tenant-reports"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-" + last)));
        assertFitsWindow();
        String comment = "先月は不審な通信を 1 件止めました。パスワードの使い回しにご注意ください。";
        browser.findElement(By.cssSelector("#report-" + last + " .comment-form textarea")).sendKeys(comment);
        browser.findElement(By.cssSelector("#report-" + last + " .comment-form button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(browser.findElement(By.cssSelector("#report-" + last + " .report-comment-text")).getText())
                .isEqualTo(comment);
        browser.findElement(By.cssSelector("#report-" + last + " .send-form button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "送ります"));
        assertThat(browser.findElement(By.cssSelector("#report-" + last)).getText()).contains("送信中");

        job.sweep();
        var mails = OwnerReading.mailsTo(SMTP, owner.user().login());
        assertThat(mails).hasSize(1);
        MimeMessage m = SMTP.getReceivedMessages()[SMTP.getReceivedMessages().length - 1];
        assertThat(m.getSubject()).contains(tenant.name());
        assertThat(ReportMails.read(m).text()).contains(comment);
        browser.navigate().refresh();
        assertThat(browser.findElement(By.cssSelector("#report-" + last)).getText()).contains("送信済み");
    }
}
