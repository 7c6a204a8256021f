package jp.sukedachi.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.JobLocks;
import jp.sukedachi.app.report.ArchivedReport.Status;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.MutableClock;
import jp.sukedachi.app.support.OwnerReading;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantDraft;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.TenantService;
import jp.sukedachi.app.tenant.UserService;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The monthly report archive on a real database (H2 and PostgreSQL, see the subclasses) with a real SMTP server
 * (GreenMail) and the real rendering: the schedule's run archives one report per company and month and a rerun adds
 * none; the mail goes once to each contact (the contact address and the active owners, compared without case) with
 * the PDF attached and the analyst's comment in it; nothing is sent twice by a second run, a second instance or two
 * sweeps at once; a report nobody commented goes out after the delay; a failing address is retried and then shown
 * as failed; the API lists, generates (201, 409, regenerate) and serves the PDF only to whom it belongs.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.enabled=false", "sukedachi.notify.digest-cron=-", "sukedachi.notify.sweep-initial-ms=3600000",
        "sukedachi.report.catch-up=false", "sukedachi.report.sweep-initial-ms=3600000000",
        "sukedachi.report.max-attempts=2", "sukedachi.report.send-delay=3d",
        "sukedachi.notify.from=reports@provider.example.jp", "sukedachi.notify.public-url=https://portal.example.jp"})
@AutoConfigureMockMvc
@Import(MonthlyReportArchiveContract.Clocks.class)
abstract class MonthlyReportArchiveContract {
    /** One SMTP server for every subclass in this JVM (recipients are unique per test, so they never mix). */
    static final GreenMail SMTP = OwnerReading.smtp();
    /** 2026-09-10 in Japan: each test moves the clock on by about a month, never back. */
    static final Instant START = ZonedDateTime.of(2026, 9, 10, 9, 0, 0, 0, Formats.TOKYO).toInstant();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    MutableClock clock;
    @Autowired
    ReportJob job;
    @Autowired
    ReportArchive archive;
    @Autowired
    ReportArchiveRepository repository;
    @Autowired
    TenantService tenantService;
    @Autowired
    TenantRepository tenants;
    @Autowired
    UserService users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    // for a second instance of the job (another server on the same database)
    @Autowired
    ReportMailer mailer;
    @Autowired
    ReportSettings settings;
    @Autowired
    JobLocks jobLocks;
    @Autowired
    AuditLog audit;
    @Autowired
    MessageSource messages;
    @Autowired
    PlatformTransactionManager transactions;

    Login admin;
    Login analyst;

    @BeforeEach
    void staff() {
        admin = world.admin();
        analyst = world.staff(Role.ANALYST, true);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** A company whose contact address is its first owner's in capitals, with a second owner and a member. */
    record Company(Tenant tenant, Login owner, Login secondOwner, Login member) {
        List<String> recipients() {
            return List.of(owner.user().login(), secondOwner.user().login());
        }
    }

    Company company(String prefix) {
        String name = TestWorld.unique(prefix);
        String boss = TestWorld.unique("boss") + "@sme.example.jp";
        Tenant t = tenantService.create(admin.actor(), new TenantDraft(name, null, null, "E", "21-50", "27", "社長",
                boss.toUpperCase(Locale.ROOT), "06-1234-5678"));
        Login owner = new Login(users.provision(t.id(), boss, "社長", Role.TENANT_OWNER, TestWorld.password(), null),
                null, null);
        return new Company(tenants.find(admin.actor(), t.id()).orElseThrow(), owner,
                world.smeUser(t, Role.TENANT_OWNER), world.smeUser(t, Role.TENANT_MEMBER));
    }

    /** Moves the clock to 06:00 on the 1st after the current month (Japan time) and returns the month just ended. */
    YearMonth monthEnds() {
        YearMonth month = YearMonth.from(clock.instant().atZone(Formats.TOKYO));
        Instant first = month.plusMonths(1).atDay(1).atTime(6, 0).atZone(Formats.TOKYO).toInstant();
        clock.advance(Duration.between(clock.instant(), first));
        return month;
    }

    /** Another server on the same database: its own job bean with its own claim id. */
    ReportJob secondInstance() {
        return new ReportJob(archive, repository, mailer, tenants, settings, jobLocks, audit, messages, clock,
                transactions, "");
    }

    List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            try {
                Address[] to = m.getAllRecipients();
                if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                    out.add(m);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(authentication(world.authentication(who))).with(csrf())).andReturn()
                .getResponse();
    }

    ArchivedReport japanese(Company c, YearMonth month) {
        return repository.find(admin.actor(), c.tenant().id(), month, "ja").orElseThrow();
    }

    long count(Company c, YearMonth month) {
        return jdbc.sql("select count(*) from monthly_report where tenant_id = :t and report_month = :m")
                .param("t", c.tenant().id()).param("m", month.toString()).query(Long.class).single();
    }

    // ------------------------------------------------------------------------------------------ tests

    @Test
    void theScheduledRunArchivesOneReportPerCompanyAndMonthAndARerunAddsNothing() throws Exception {
        Company a = company("ArchiveA");
        Company b = company("ArchiveB");
        YearMonth month = monthEnds();

        ReportJob.Run first = job.generate(month, true, false);
        assertThat(first.generated()).isGreaterThanOrEqualTo(2);
        assertThat(first.failed()).isZero();
        ReportJob.Run again = job.generate(month, true, false);
        assertThat(again.generated()).isZero();
        assertThat(secondInstance().generate(month, true, false).generated()).isZero();
        assertThat(count(a, month)).isEqualTo(1);
        assertThat(count(b, month)).isEqualTo(1);

        ArchivedReport r = japanese(a, month);
        byte[] pdf = repository.pdf(admin.actor(), r.id()).orElseThrow();
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(r.sha256()).isEqualTo(Hashes.sha256(pdf));
        assertThat(r.headline()).isNotBlank();
        assertThat(r.status()).isEqualTo(Status.WAITING);
        assertThat(r.sendAfter()).isEqualTo(r.generatedAt().plus(Duration.ofDays(3)));
        assertThat(pdfText(pdf)).contains(a.tenant().name()).doesNotContain(b.tenant().name());
        // a company created after the month is not reported for it
        Company later = company("ArchiveLater");
        job.generate(month, true, false);
        assertThat(count(later, month)).isZero();
        // nothing is mailed before the delay or a send
        job.sweep();
        assertThat(mailsTo(a.owner().user().login())).isEmpty();
    }

    @Test
    void theAnalystsCommentGoesOutOnceToEachContactWithThePdfAttached() throws Exception {
        Company c = company("MailCo");
        YearMonth month = monthEnds();
        job.generate(month, true, false);
        ArchivedReport r = japanese(c, month);

        String comment = "今月は大きな問題はありませんでした。ルーターの更新をお願いします。";
        MockHttpServletResponse commented = call(analyst, post("/tenants/" + c.tenant().id() + "/reports/" + r.id()
                + "/comment").param("comment", comment));
        assertThat(commented.getStatus()).isEqualTo(302);
        ArchivedReport withComment = japanese(c, month);
        assertThat(withComment.comment()).isEqualTo(comment);
        assertThat(withComment.commentBy()).isEqualTo(analyst.user().login());
        byte[] pdf = repository.pdf(admin.actor(), r.id()).orElseThrow();
        assertThat(pdfText(pdf).replaceAll("\\s+", "")).contains(comment.replaceAll("\\s+", ""));
        String page = call(analyst, get("/tenants/" + c.tenant().id() + "/reports")).getContentAsString();
        assertThat(page).contains(comment);
        // the contact address and the first owner's are one recipient, shown once
        assertThat(page.toLowerCase(Locale.ROOT)).contains(c.owner().user().login())
                .contains(c.secondOwner().user().login()).doesNotContain(c.member().user().login());
        assertThat(page.toLowerCase(Locale.ROOT).split(c.owner().user().login(), -1)).hasSize(2);

        assertThat(call(analyst, post("/tenants/" + c.tenant().id() + "/reports/" + r.id() + "/send")).getStatus())
                .isEqualTo(302);
        assertThat(job.sweep()).isGreaterThanOrEqualTo(2);

        for (String to : c.recipients()) {
            List<MimeMessage> mails = mailsTo(to);
            assertThat(mails).as(to).hasSize(1);
            ReportMails mail = ReportMails.read(mails.getFirst());
            assertThat(mail.subject()).contains(c.tenant().name());
            assertThat(mail.text()).contains(comment).contains(withComment.headline())
                    .contains("https://portal.example.jp/my/reports");
            assertThat(mail.fileName()).isEqualTo("monthly-report-" + c.tenant().slug() + "-" + month + ".pdf");
            assertThat(mail.contentType()).startsWith("application/pdf");
            assertThat(new String(mail.pdf(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            assertThat(Hashes.sha256(mail.pdf())).isEqualTo(japanese(c, month).sha256());
            assertThat(mails.getFirst().getFrom()[0].toString()).isEqualTo("reports@provider.example.jp");
        }
        assertThat(mailsTo(c.member().user().login())).isEmpty();
        ArchivedReport sent = japanese(c, month);
        assertThat(sent.status()).isEqualTo(Status.SENT);
        assertThat(sent.sentAt()).isNotNull();

        // a rerun, a second server (a restart) and the delay passing send nothing more
        clock.advance(Duration.ofDays(5));
        job.generate(month, true, false);
        // (other tests' reports fall due meanwhile and go out: only this company's mails are counted)
        job.sweep();
        secondInstance().sweep();
        for (String to : c.recipients()) {
            assertThat(mailsTo(to)).as(to).hasSize(1);
        }
        // once sent, neither a comment nor a second send is taken
        assertThat(call(analyst, post("/tenants/" + c.tenant().id() + "/reports/" + r.id() + "/send")).getStatus())
                .isEqualTo(400);
        assertThat(call(analyst, post("/tenants/" + c.tenant().id() + "/reports/" + r.id() + "/comment")
                .param("comment", "later")).getStatus()).isEqualTo(400);
    }

    @Test
    void twoSweepsAtOnceSendEachMailOnce() throws Exception {
        List<Company> companies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            companies.add(company("Race" + i));
        }
        YearMonth month = monthEnds();
        job.generate(month, true, false);
        for (Company c : companies) {
            archive.sendNow(analyst.actor(), japanese(c, month));
        }
        ReportJob other = secondInstance();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> sweeps = List.of(job::sweep, other::sweep);
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(sweeps)) {
                total += f.get();
            }
            assertThat(total).isEqualTo(8);
        } finally {
            pool.shutdown();
        }
        for (Company c : companies) {
            for (String to : c.recipients()) {
                assertThat(mailsTo(to)).as(to).hasSize(1);
            }
            assertThat(japanese(c, month).status()).isEqualTo(Status.SENT);
        }
    }

    @Test
    void withoutACommentTheReportGoesOutWhenTheDelayHasPassed() throws Exception {
        Company c = company("DelayCo");
        YearMonth month = monthEnds();
        job.generate(month, true, false);
        clock.advance(Duration.ofDays(2));
        job.sweep();
        assertThat(mailsTo(c.owner().user().login())).isEmpty();
        assertThat(japanese(c, month).status()).isEqualTo(Status.WAITING);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        job.sweep();
        for (String to : c.recipients()) {
            assertThat(mailsTo(to)).as(to).hasSize(1);
            assertThat(ReportMails.read(mailsTo(to).getFirst()).text()).doesNotContain("担当アナリストより");
        }
        assertThat(japanese(c, month).status()).isEqualTo(Status.SENT);
    }

    @Test
    void aFailingAddressIsRetriedAndThenShownAsFailedWhileTheOthersGetTheirMail() throws Exception {
        Company c = company("BadAddress");
        // an address the mail library refuses to build a message for (stored before validation existed)
        jdbc.sql("update tenant set contact_email = 'no such@@example.jp' where id = :id")
                .param("id", c.tenant().id()).update();
        YearMonth month = monthEnds();
        job.generate(month, true, false);
        archive.sendNow(analyst.actor(), japanese(c, month));

        job.sweep();
        assertThat(mailsTo(c.owner().user().login())).hasSize(1);
        List<ArchivedReport.Delivery> deliveries = repository.deliveries(admin.actor(), japanese(c, month).id());
        ArchivedReport.Delivery bad = deliveries.stream().filter(d -> d.recipient().contains("no such")).findFirst()
                .orElseThrow();
        assertThat(bad.status()).isEqualTo("PENDING");
        assertThat(bad.attempts()).isEqualTo(1);
        assertThat(bad.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(japanese(c, month).status()).isEqualTo(Status.SENDING);

        job.sweep(); // not due yet: no attempt
        assertThat(repository.deliveries(admin.actor(), japanese(c, month).id()).stream()
                .filter(d -> d.recipient().contains("no such")).findFirst().orElseThrow().attempts()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        job.sweep();
        bad = repository.deliveries(admin.actor(), japanese(c, month).id()).stream()
                .filter(d -> d.recipient().contains("no such")).findFirst().orElseThrow();
        assertThat(bad.status()).isEqualTo("FAILED");
        assertThat(bad.attempts()).isEqualTo(2);
        assertThat(japanese(c, month).status()).isEqualTo(Status.FAILED);
        assertThat(mailsTo(c.owner().user().login())).hasSize(1);
        String page = call(analyst, get("/tenants/" + c.tenant().id() + "/reports")).getContentAsString();
        assertThat(page).contains("送れなかった宛先があります").contains("2 回失敗したため")
                .contains("メールアドレスの形が正しくありません").doesNotContain("Exception");
        // what is stored is a reason, not the exception: a refusal keeps only the SMTP reply code
        assertThat(jdbc.sql("select last_error from monthly_report_delivery where recipient like 'no such%' "
                + "and tenant_id = :t").param("t", c.tenant().id()).query(String.class).single()).isEqualTo("address:");
        assertThat(DeliveryErrors.reason(new org.springframework.mail.MailSendException("mail failed",
                new org.eclipse.angus.mail.smtp.SMTPSendFailedException("DATA", 552, "552 5.3.4 Message too big",
                        null, null, null, null)))).isEqualTo("refused:552");
        assertThat(messages.getMessage(DeliveryErrors.key("refused:552"), new Object[] {DeliveryErrors.detail(
                "refused:552")}, Locale.ENGLISH)).isEqualTo("The mail server did not accept the mail (reply code 552).");
        assertThat(DeliveryErrors.key("IllegalStateException: boom")).isEqualTo("reportArchive.deliveryError.other");
        String overview = call(analyst, get("/reports").param("month", month.toString())).getContentAsString();
        assertThat(overview).contains(c.tenant().name()).contains("送れなかった宛先があります");
    }

    @Test
    void theApiListsGeneratesAndServesReportsOnlyToWhomTheyBelong() throws Exception {
        Company c = company("ApiCo");
        Company other = company("ApiOther");
        YearMonth month = monthEnds();
        String path = "/api/v1/tenants/" + c.tenant().slug() + "/reports";

        MockHttpServletResponse created = call(admin, post(path).param("month", month.toString()));
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode body = json.readTree(created.getContentAsString());
        assertThat(body.get("month").asString()).isEqualTo(month.toString());
        assertThat(body.get("language").asString()).isEqualTo("ja");
        assertThat(body.get("status").asString()).isEqualTo("waiting");
        assertThat(body.get("pages").asInt()).isPositive();
        assertThat(body.get("headline").asString()).isNotBlank();
        assertThat(body.get("figures").has("alertsNeedingHuman")).isTrue();
        String id = body.get("id").asString();
        assertThat(created.getHeader("Location")).isEqualTo("/api/v1/reports/" + id);

        MockHttpServletResponse again = call(admin, post(path).param("month", month.toString()));
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getContentAsString()).contains(id).contains("regenerate=true");
        MockHttpServletResponse regenerated = call(admin, post(path).param("month", month.toString())
                .param("regenerate", "true"));
        assertThat(regenerated.getStatus()).isEqualTo(201);
        assertThat(json.readTree(regenerated.getContentAsString()).get("id").asString()).isEqualTo(id);
        assertThat(count(c, month)).isEqualTo(1);

        JsonNode list = json.readTree(call(admin, get(path).param("month", month.toString())).getContentAsString());
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("id").asString()).isEqualTo(id);
        assertThat(list.get(0).has("generatedAt")).isTrue();
        assertThat(list.get(0).has("sentAt")).isTrue();

        MockHttpServletResponse pdf = call(c.owner(), get("/api/v1/reports/" + id));
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.getContentAsByteArray(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(call(other.owner(), get("/api/v1/reports/" + id)).getStatus()).isEqualTo(404);
        assertThat(call(c.member(), get("/api/v1/reports/" + id)).getStatus()).isEqualTo(403);
        assertThat(call(other.owner(), get(path)).getStatus()).isEqualTo(404);
        assertThat(call(c.owner(), post(path).param("month", month.toString())).getStatus()).isEqualTo(403);

        YearMonth now = YearMonth.from(clock.instant().atZone(Formats.TOKYO));
        for (String bad : List.of("2026-13", "26-01", "x", now.plusMonths(1).toString(), "2019-12")) {
            MockHttpServletResponse refused = call(admin, post(path).param("month", bad));
            assertThat(refused.getStatus()).as(bad).isEqualTo(400);
            assertThat(refused.getContentAsString()).as(bad).contains("month");
        }
        assertThat(call(admin, post(path)).getStatus()).isEqualTo(400);
        assertThat(call(admin, get(path).param("month", "2026-1")).getStatus()).isEqualTo(400);
    }

    @Test
    void theOwnerDownloadsJapaneseAndEnglishAndAMemberIsRefused() throws Exception {
        Company c = company("OwnerCo");
        YearMonth month = monthEnds();
        job.generate(month, true, false);

        String page = call(c.owner(), get("/my/reports")).getContentAsString();
        assertThat(page).contains(japanese(c, month).headline()).contains("/my/reports/pdf?month=" + month);
        MockHttpServletResponse ja = call(c.owner(), get("/my/reports/pdf").param("month", month.toString()));
        assertThat(ja.getStatus()).isEqualTo(200);
        assertThat(ja.getContentAsByteArray()).isEqualTo(repository.pdf(admin.actor(), japanese(c, month).id())
                .orElseThrow());
        MockHttpServletResponse en = call(c.owner(), get("/my/reports/pdf").param("month", month.toString())
                .param("lang", "en"));
        assertThat(en.getStatus()).isEqualTo(200);
        ArchivedReport english = repository.find(admin.actor(), c.tenant().id(), month, "en").orElseThrow();
        assertThat(english.status()).isEqualTo(Status.KEPT);
        assertThat(en.getContentAsByteArray()).isEqualTo(repository.pdf(admin.actor(), english.id()).orElseThrow());
        // the second request serves the archived copy
        call(c.owner(), get("/my/reports/pdf").param("month", month.toString()).param("lang", "en"));
        assertThat(count(c, month)).isEqualTo(2);

        assertThat(call(c.member(), get("/my/reports")).getStatus()).isEqualTo(403);
        assertThat(call(c.member(), get("/my/reports/pdf").param("month", month.toString())).getStatus())
                .isEqualTo(403);
        assertThat(call(c.owner(), get("/tenants/" + c.tenant().id() + "/reports")).getStatus()).isEqualTo(403);
        assertThat(call(c.owner(), get("/my/reports/pdf").param("month", month.minusMonths(1).toString()))
                .getStatus()).isEqualTo(404);
        // staff download is audited
        call(analyst, get("/tenants/" + c.tenant().id() + "/reports/pdf").param("month", month.toString()));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'REPORT_DOWNLOADED' and tenant_id = :t")
                .param("t", c.tenant().id()).query(Long.class).single()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------ review fixes

    ReportJob jobWithSchedule(String schedule) {
        ReportSettings custom = new ReportSettings(schedule, settings.sendDelay(), settings.sweepMs(),
                settings.maxAttempts(), true);
        return new ReportJob(archive, repository, mailer, tenants, custom, jobLocks, audit, messages, clock,
                transactions, "");
    }

    String api(Company c) {
        return "/api/v1/tenants/" + c.tenant().slug() + "/reports";
    }

    @Test
    void aMailWhoseClaimAnotherInstanceTookOverIsNotSentAgainBySlowSender() throws Exception {
        Company c = company("SlowSmtp");
        YearMonth month = monthEnds();
        job.generate(month, true, false);
        archive.sendNow(analyst.actor(), japanese(c, month));
        // a sender claims the mails, then its SMTP server is slow past the claim timeout
        ReportJob slow = secondInstance();
        Instant claimedAt = clock.instant();
        List<ReportArchiveRepository.DueDelivery> claimed = new TransactionTemplate(transactions).execute(
                s -> repository.claimDue(slow.instance, claimedAt, claimedAt.minus(ReportJob.CLAIM_TIMEOUT), 1000));
        assertThat(claimed).extracting(ReportArchiveRepository.DueDelivery::recipient)
                .anyMatch(to -> to.equalsIgnoreCase(c.owner().user().login()));
        clock.advance(ReportJob.CLAIM_TIMEOUT.plusMinutes(1));
        job.sweep(); // the other instance takes the stale claims over and sends
        for (String to : c.recipients()) {
            assertThat(mailsTo(to)).as(to).hasSize(1);
        }
        // the slow sender reaches the mails of its old batch: each is checked right before sending, none goes twice
        assertThat(slow.sendClaimed(claimed)).isZero();
        for (String to : c.recipients()) {
            assertThat(mailsTo(to)).as(to).hasSize(1);
        }
        assertThat(japanese(c, month).status()).isEqualTo(Status.SENT);
    }

    @Test
    void withTheScheduleOffNothingIsCaughtUpOrRetried() {
        ReportJob off = jobWithSchedule("-");
        assertThat(off.catchUpWanted()).isFalse();
        assertThat(off.retryMissing()).isFalse();
        assertThat(jobWithSchedule("0 0 6 1 * *").catchUpWanted()).isTrue();
    }

    @Test
    void aCompanyWhoseReportFailedOnTheFirstIsRetriedFromTheSweepAtMostHourly() {
        Company c = company("RetryCo");
        YearMonth month = monthEnds();
        ReportJob on = jobWithSchedule("0 0 6 1 * *");
        // the 1st's run failed for this company: there is no report; the sweep's retry makes it
        assertThat(on.retryMissing()).isTrue();
        assertThat(count(c, month)).isEqualTo(1);
        jdbc.sql("delete from monthly_report where tenant_id = :t").param("t", c.tenant().id()).update();
        clock.advance(Duration.ofMinutes(30));
        assertThat(on.retryMissing()).isFalse();
        assertThat(count(c, month)).isZero();
        clock.advance(Duration.ofMinutes(31));
        assertThat(on.retryMissing()).isTrue();
        assertThat(count(c, month)).isEqualTo(1);
        assertThat(japanese(c, month).status()).isEqualTo(Status.WAITING);
    }

    @Test
    void aReportMadeWhileItsMonthRanIsNeverMailedUntilMadeWithTheWholeMonth() throws Exception {
        Company c = company("PartialCo");
        monthEnds();
        YearMonth running = YearMonth.from(clock.instant().atZone(Formats.TOKYO));
        clock.advance(Duration.ofDays(3));
        ArchivedReport partial = archive.generate(analyst.actor(), c.tenant(), running, "ja", false);
        assertThat(call(analyst, post("/tenants/" + c.tenant().id() + "/reports/" + partial.id() + "/send"))
                .getStatus()).isEqualTo(400);
        // the 1st's rerun did not happen (server down); the delay passes: the partial report is not mailed
        clock.advance(Duration.between(clock.instant(), partial.sendAfter().plusSeconds(60)));
        job.sweep();
        assertThat(mailsTo(c.owner().user().login())).isEmpty();
        assertThat(japanese(c, running).status()).isEqualTo(Status.WAITING);
        // once made again with the whole month it goes out
        job.generate(running, true, false);
        assertThat(japanese(c, running).generatedAt()).isAfterOrEqualTo(ReportArchive.monthEnd(running));
        job.sweep();
        for (String to : c.recipients()) {
            assertThat(mailsTo(to)).as(to).hasSize(1);
        }
    }

    @Test
    void aReportBeingOrAlreadyMailedIsNeitherRegeneratedNorCommentedAndKeepsThePdfThatWentOut() throws Exception {
        Company c = company("MailedCo");
        YearMonth month = monthEnds();
        job.generate(month, true, false);
        ArchivedReport waiting = japanese(c, month);
        archive.sendNow(analyst.actor(), waiting);
        ArchivedReport queued = japanese(c, month);

        MockHttpServletResponse refused = call(admin, post(api(c)).param("month", month.toString())
                .param("regenerate", "true"));
        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(refused.getContentAsString()).contains(queued.id().toString()).contains("mailed");
        var page = mvc.perform(post("/tenants/" + c.tenant().id() + "/reports/generate")
                .param("month", month.toString()).param("regenerate", "true")
                .with(authentication(world.authentication(analyst))).with(csrf())).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(302);
        assertThat(String.valueOf(page.getFlashMap().get("errorText"))).contains(month.toString())
                .contains("作り直せません");
        // a writer that read the report while it was waiting (a race) changes nothing either
        assertThat(repository.setComment(queued.id(), "late", analyst.user().login(), clock.instant())).isFalse();
        assertThat(repository.replaceDocument(waiting, new byte[] {1, 2, 3})).isFalse();
        assertThat(japanese(c, month).sha256()).isEqualTo(queued.sha256());

        job.sweep();
        ReportMails mail = ReportMails.read(mailsTo(c.owner().user().login()).getFirst());
        byte[] archived = repository.pdf(admin.actor(), queued.id()).orElseThrow();
        assertThat(Hashes.sha256(mail.pdf())).isEqualTo(queued.sha256()).isEqualTo(Hashes.sha256(archived));
        assertThat(call(admin, post(api(c)).param("month", month.toString()).param("regenerate", "true"))
                .getStatus()).isEqualTo(409);
        assertThat(japanese(c, month).sha256()).isEqualTo(queued.sha256());
    }

    @Test
    void theEnglishCopyIsMadeAgainAfterTheJapaneseReportChanges() throws Exception {
        Company c = company("EnglishCo");
        YearMonth month = monthEnds();
        job.generate(month, true, false);
        String pdfPath = "/my/reports/pdf";
        MockHttpServletResponse before = call(c.owner(), get(pdfPath).param("month", month.toString())
                .param("lang", "en"));
        assertThat(before.getStatus()).isEqualTo(200);
        String comment = "Please update the router firmware to 2.1 this month.";
        assertThat(pdfText(before.getContentAsByteArray())).doesNotContain("router firmware");

        archive.comment(analyst.actor(), japanese(c, month), comment);
        assertThat(repository.find(admin.actor(), c.tenant().id(), month, "en")).isEmpty();
        MockHttpServletResponse after = call(c.owner(), get(pdfPath).param("month", month.toString())
                .param("lang", "en"));
        assertThat(after.getStatus()).isEqualTo(200);
        assertThat(pdfText(after.getContentAsByteArray()).replaceAll("\\s+", " ")).contains("router firmware");
        // regenerating the Japanese report drops the English copy again
        archive.generate(analyst.actor(), c.tenant(), month, "ja", true);
        assertThat(repository.find(admin.actor(), c.tenant().id(), month, "en")).isEmpty();
    }

    @Test
    void twoFirstRequestsForTheEnglishCopyAtOnceBothGetIt() throws Exception {
        List<Company> companies = List.of(company("EnRaceA"), company("EnRaceB"), company("EnRaceC"));
        YearMonth month = monthEnds();
        job.generate(month, true, false);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Company c : companies) {
                CountDownLatch start = new CountDownLatch(1);
                Callable<Integer> request = () -> {
                    start.await();
                    return call(c.owner(), get("/my/reports/pdf").param("month", month.toString())
                            .param("lang", "en")).getStatus();
                };
                List<Future<Integer>> both = List.of(pool.submit(request), pool.submit(request));
                start.countDown();
                for (Future<Integer> f : both) {
                    assertThat(f.get()).isEqualTo(200);
                }
                assertThat(count(c, month)).isEqualTo(2);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theDemoBackfillWaitsForTheJobLockAndFailsLoudlyInsteadOfSkippingAMonth() throws Exception {
        Company c = company("BackfillCo");
        YearMonth month = monthEnds();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<?> run = holder.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                assertThat(jobLocks.tryLock(ReportJob.JOB)).isTrue();
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            locked.await();
            ReportBackfill backfill = new ReportBackfill(job, 3, Duration.ofMillis(20));
            assertThatThrownBy(() -> backfill.archiveWithoutMail(month, month))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(month.toString());
            assertThat(count(c, month)).isZero();
            release.countDown();
            run.get();
            assertThat(backfill.archiveWithoutMail(month, month)).isPositive();
            assertThat(count(c, month)).isEqualTo(1);
            assertThat(japanese(c, month).status()).isEqualTo(Status.KEPT);
        } finally {
            release.countDown();
            holder.shutdown();
        }
    }
}
