package jp.sukedachi.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.selfcheck.Answer;
import jp.sukedachi.app.selfcheck.Attempt;
import jp.sukedachi.app.selfcheck.SelfCheckService;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.MutableClock;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.TenantId;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A company's October 2026 (Japan time) built through the real services with a clock the test moves: attacks its
 * device blocked, a C2 contact and a scan (alerts), an incident, a self-check; another company's month next to it.
 * The report is rendered through {@link ReportRendering} and read back from the PDF's text; its numbers are compared
 * with the database's (H2 and PostgreSQL, see the subclasses).
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.initial-delay-ms=3600000000"})
@Import(MonthlyReportContract.Clocks.class)
abstract class MonthlyReportContract {
    static final YearMonth OCTOBER_2026 = YearMonth.of(2026, 10);
    static final Instant OCTOBER = ZonedDateTime.of(2026, 10, 1, 0, 0, 0, 0, Formats.TOKYO).toInstant();
    static final Instant NOVEMBER = ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, Formats.TOKYO).toInstant();

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(OCTOBER.minus(Duration.ofDays(40)));
        }
    }

    @Autowired
    ReportRendering reports;
    @Autowired
    TestWorld world;
    @Autowired
    MutableClock clock;
    @Autowired
    DeviceService devices;
    @Autowired
    Triage triage;
    @Autowired
    AlertQueries alertQueries;
    @Autowired
    AlertService alertService;
    @Autowired
    Incidents incidents;
    @Autowired
    SelfCheckService selfChecks;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    static final Map<Class<?>, World> BUILT = new ConcurrentHashMap<>();
    World built;

    record World(Login admin, Tenant a, Tenant b, Login ownerA, Login ownerB, Device utm, Attempt september,
            Attempt october, String bravoTitle) {
    }

    private void moveTo(Instant at) {
        clock.advance(Duration.between(clock.instant(), at));
    }

    private static Instant october(int day, int hour) {
        return ZonedDateTime.of(2026, 10, day, hour, 0, 0, 0, Formats.TOKYO).toInstant();
    }

    private static List<Answer> answers(int done) {
        List<Answer> a = new ArrayList<>(Collections.nCopies(25, Answer.NO));
        for (int i = 0; i < done; i++) {
            a.set(i, Answer.DONE);
        }
        a.set(24, Answer.UNKNOWN);
        return a;
    }

    @BeforeEach
    void theMonth() {
        built = BUILT.get(getClass());
        if (built != null) {
            return;
        }
        Login admin = world.admin();
        Tenant a = world.tenant(admin.actor(), TestWorld.unique("株式会社さくら精機"));
        Tenant b = world.tenant(admin.actor(), TestWorld.unique("Bravo Trading"));
        Login ownerA = world.smeUser(a, Role.TENANT_OWNER);
        Login ownerB = world.smeUser(b, Role.TENANT_OWNER);
        Device utm = devices.register(admin.actor(), a.id(), new DeviceDraft("本社UTM", "utm", "auto", List.of()))
                .device();
        Device bravoUtm = devices.register(admin.actor(), b.id(), new DeviceDraft("bravo-utm", "utm", "auto",
                List.of())).device();
        // A self-check in August (the clock starts 40 days before October): the trend starts there.
        Attempt september = selfChecks.submit(admin.actor(), a.id(), answers(8));

        moveTo(october(3, 10));
        for (int i = 0; i < 5; i++) {
            detect(a, utm, "ET SCAN blocked probe", Severity.LOW, Category.BLOCKED);
        }
        detect(a, utm, "Blocked exploit attempt", Severity.MEDIUM, Category.BLOCKED);
        moveTo(october(5, 10));
        detect(a, utm, "c2 contact", Severity.HIGH, Category.C2);
        detect(a, utm, "odd scan", Severity.LOW, Category.SCAN);
        detect(a, utm, "Unknown device 192.168.1.77", Severity.LOW, Category.UNKNOWN_DEVICE);
        Alert scan = alertQueries.alertsOf(admin.actor(), a.id(), 50).stream()
                .filter(x -> x.title().equals("odd scan")).findFirst().orElseThrow();
        alertService.close(admin.actor(), scan.id(), Alert.Resolution.FALSE_POSITIVE);
        moveTo(october(5, 11));
        incidents.openForCompany(admin.actor(), a.id(), new Incidents.Opening("ランサムウェアの疑い", null, "HIGH"));
        moveTo(october(12, 9));
        Attempt octoberCheck = selfChecks.submit(ownerA.actor(), a.id(), answers(14));

        // Another company's month: nothing of it may appear in A's report.
        String bravoTitle = "bravo-secret-" + UUID.randomUUID().toString().substring(0, 8);
        detect(b, bravoUtm, bravoTitle, Severity.HIGH, Category.PHISHING);
        detect(b, bravoUtm, bravoTitle + "-blocked", Severity.LOW, Category.BLOCKED);

        moveTo(NOVEMBER.plus(Duration.ofDays(1)));
        built = new World(admin, a, b, ownerA, ownerB, utm, september, octoberCheck, bravoTitle);
        BUILT.put(getClass(), built);
    }

    private void detect(Tenant t, Device d, String title, Severity severity, Category category) {
        triage.keep(List.of(new Detection(new TenantId(t.id()), new DeviceId(d.id()), clock.millis(), "intel",
                "rule:" + title, title, severity, category, null, Map.of())), clock.instant());
    }

    // ------------------------------------------------------------------------------------------ reading

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private long count(String sql, UUID tenant) {
        return jdbc.sql(sql).param("t", tenant).param("from", java.sql.Timestamp.from(OCTOBER))
                .param("to", java.sql.Timestamp.from(NOVEMBER)).query(Long.class).single();
    }

    /** A row of the figures table: the label, then the value on the same line. */
    static void assertFigure(String text, String label, String value) {
        assertThat(Pattern.compile(Pattern.quote(label) + "\\s+" + Pattern.quote(value) + "(\\s|$)",
                Pattern.MULTILINE).matcher(text).find()).as("%s %s in%n%s", label, value, text).isTrue();
    }

    // ------------------------------------------------------------------------------------------ tests

    @Test
    void theReportsNumbersEqualTheDatabasesAndTheCompanyIsNamedInJapanese() throws Exception {
        World w = built;
        RenderedReport r = reports.render(w.ownerA().actor(), w.a().id(), OCTOBER_2026, Locale.JAPANESE, null);
        String text = text(r.pdf());

        long blocked = count("select count(*) from detection where tenant_id = :t and category = 'BLOCKED'"
                + " and at >= :from and at < :to", w.a().id());
        long alerts = count("select count(*) from alert where tenant_id = :t and first_seen >= :from"
                + " and first_seen < :to", w.a().id());
        long human = count("select count(*) from alert where tenant_id = :t and needs_human = true"
                + " and first_seen >= :from and first_seen < :to", w.a().id());
        long malware = count("select count(*) from detection where tenant_id = :t and category in"
                + " ('MALWARE_DOWNLOAD', 'RANSOMWARE', 'C2') and at >= :from and at < :to", w.a().id());
        long incidentsOpened = count("select count(*) from incident where tenant_id = :t and created_at >= :from"
                + " and created_at < :to", w.a().id());
        assertThat(blocked).isEqualTo(6);
        // The six blocks are counted, not alerted (issue 19): every alert of the month needs a human.
        assertThat(alerts).isEqualTo(3);
        assertThat(human).isEqualTo(3);
        assertThat(incidentsOpened).isEqualTo(1);

        assertThat(r.figures()).isEqualTo(new ReportFigures(0, blocked, malware, alerts, human, incidentsOpened, 1,
                w.october().total()));
        assertThat(r.figures().selfCheckScore()).isEqualTo(14 * 4 - 1);
        assertThat(r.headline()).isEqualTo("今月、監視機器は 6 件の攻撃を止めました。対応が必要だったのは 3 件で、そのうち 2 件は"
                + "今も対応を続けています。事故（インシデント）として対応したものが 1 件あり、月末の時点で 1 件が対応中でした。");
        assertThat(text.replaceAll("\\s", "")).contains(r.headline().replaceAll("\\s", ""));
        assertThat(text).contains(w.a().name(), "月次レポート（2026年10月）");
        assertFigure(text, "監視機器が止めた攻撃", blocked + " 件");
        assertFigure(text, "知らせ（アラート）", alerts + " 件");
        assertFigure(text, "人の確認が必要だった知らせ", human + " 件");
        assertFigure(text, "事故（インシデント）", incidentsOpened + " 件");
        assertFigure(text, "ウイルス（マルウェア）の検知", malware + " 件");
        assertFigure(text, "自社診断の点数（月末）", w.october().total() + " 点（100 点満点）");
        // The sections: what was blocked by title, each alert's outcome, the incident, the device, the trend.
        assertThat(text).contains("ET SCAN blocked probe", "Blocked exploit attempt", "攻撃者のサーバーとの通信",
                "誤検知（危険ではない）と確認", "ランサムウェアの疑い", "本社UTM", "100.0%",
                "自社診断の点数の移り変わり", "2026/8", "2026/9", "2026/10", Integer.toString(w.september().total()),
                "次にやるとよいこと（3つ）", "理由：", "新しく見つかった機器", "見慣れない機器の接続",
                "社内の機器の一覧をつくり", "Unknown device 192.168.1.77");
        // No internal id (a device's or an alert's UUID) is shown to a person.
        assertThat(text).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(text).as("the trend starts at the first self-check").doesNotContain("2026/7", "2025/11");
        assertThat(r.pages()).isEqualTo(pageCount(r.pdf())).isGreaterThanOrEqualTo(2);
        assertThat(text).contains("1 / " + r.pages(), r.pages() + " / " + r.pages());
    }

    @Test
    void anotherCompanysNameAndAlertTitlesAreAbsentFromThisCompanysReport() throws Exception {
        World w = built;
        String text = text(reports.render(w.admin().actor(), w.a().id(), OCTOBER_2026, Locale.JAPANESE, null).pdf());
        assertThat(text).doesNotContain(w.b().name()).doesNotContain(w.bravoTitle()).doesNotContain("bravo");
        // And B's own report has B's figures only.
        RenderedReport theirs = reports.render(w.ownerB().actor(), w.b().id(), OCTOBER_2026, Locale.JAPANESE, null);
        assertThat(theirs.figures().blocked()).isEqualTo(1);
        assertThat(theirs.figures().alertsNeedingHuman()).isEqualTo(1);
        assertThat(text(theirs.pdf())).contains(w.b().name(), w.bravoTitle() + "-blocked")
                .doesNotContain(w.a().name(), "ET SCAN blocked probe", "本社UTM");
    }

    @Test
    void anOwnerOfAnotherCompanyAskingForThisCompanysReportIsNotFound() {
        World w = built;
        assertThatThrownBy(() -> reports.render(w.ownerB().actor(), w.a().id(), OCTOBER_2026, Locale.JAPANESE, null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theEnglishReportHasNoJapaneseHeadingsAndCarriesTheAnalystsComment() throws Exception {
        World w = built;
        RenderedReport r = reports.render(w.admin().actor(), w.a().id(), OCTOBER_2026, Locale.ENGLISH,
                "Please replace the old router before December.");
        String text = text(r.pdf());
        assertThat(r.headline()).isEqualTo("This month your security devices stopped 6 attacks. 3 alerts needed a person"
                + " to act; 2 are still being handled. One incident was handled; one was still open at the end of the"
                + " month.");
        assertThat(text).contains("Monthly report (October 2026)", "The month in short", "Three next steps",
                "A comment from your analyst", "Please replace the old router before December.", "Why:");
        // Japanese appears only where the company itself wrote it (its name, its device, its incident).
        String rest = text.replace(w.a().name(), "").replace("本社UTM", "").replace("ランサムウェアの疑い", "");
        assertThat(rest).doesNotContainPattern("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
        assertThat(r.figures()).isEqualTo(reports.render(w.admin().actor(), w.a().id(), OCTOBER_2026, Locale.JAPANESE,
                null).figures());
    }

    @Test
    void theChartsAreVectorGraphicsNotImages() throws Exception {
        World w = built;
        byte[] pdf = reports.render(w.ownerA().actor(), w.a().id(), OCTOBER_2026, Locale.JAPANESE, null).pdf();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    assertThat(page.getResources().getXObject(name)).isNotInstanceOf(PDImageXObject.class);
                }
            }
        }
        assertThat(text(pdf)).contains("今月の件数", "不審なアクセスの種類");
    }

    @Test
    void aCompanyWithoutDevicesIsToldNothingWasWatched() throws Exception {
        World w = built;
        Tenant empty = world.tenant(w.admin().actor(), TestWorld.unique("空っぽ商事"));
        RenderedReport r = reports.render(w.admin().actor(), empty.id(), OCTOBER_2026, Locale.JAPANESE, null);
        assertThat(r.headline()).contains("見守る機器がまだ登録されていない");
        assertThat(r.figures()).isEqualTo(new ReportFigures(0, 0, 0, 0, 0, 0, 0, null));
        assertThat(text(r.pdf())).contains("見守る機器を登録する", "自社診断を受ける", "見守る機器がまだ登録されていません")
                .doesNotContain("新しく見つかった機器", "自社診断の点数の移り変わり");
    }

    private static int pageCount(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
    }

    // --- report-fix2 ---
    @Test
    void figuresPastTheListsCapsAreCountedAndTheCutListsSayHowManyMoreThereWere() throws Exception {
        Tenant c = world.tenant(built.admin().actor(), TestWorld.unique("株式会社おおぜい"));
        Login ownerC = world.smeUser(c, Role.TENANT_OWNER);
        // More closed alerts than the old 1,000-row read, then two still open: both must be in the opening sentence.
        jp.sukedachi.app.support.BulkRows.alerts(jdbcTemplate, c.id(), 1000, Category.SCAN, true, october(2, 9));
        jp.sukedachi.app.support.BulkRows.alerts(jdbcTemplate, c.id(), 2, Category.SCAN, false, october(20, 9));
        jp.sukedachi.app.support.BulkRows.alerts(jdbcTemplate, c.id(), MonthlyFactsReader.ALERT_CAP + 2,
                Category.UNKNOWN_DEVICE, true, october(21, 9));
        jp.sukedachi.app.support.BulkRows.incidents(jdbcTemplate, c.id(), MonthlyFactsReader.INCIDENT_CAP + 1,
                october(22, 9), null);

        RenderedReport r = reports.render(ownerC.actor(), c.id(), OCTOBER_2026, Locale.JAPANESE, null);
        String text = text(r.pdf()).replaceAll("\\s", "");
        long human = count("select count(*) from alert where tenant_id = :t and needs_human = true"
                + " and first_seen >= :from and first_seen < :to", c.id());
        long open = count("select count(*) from alert where tenant_id = :t and needs_human = true"
                + " and first_seen >= :from and first_seen < :to and status <> 'CLOSED'", c.id());
        long incidentsOpened = count("select count(*) from incident where tenant_id = :t and created_at >= :from"
                + " and created_at < :to", c.id());
        assertThat(open).isEqualTo(2);
        assertThat(r.figures().alertsNeedingHuman()).isEqualTo(human);
        assertThat(r.figures().incidentsOpened()).isEqualTo(incidentsOpened).isEqualTo(MonthlyFactsReader.INCIDENT_CAP + 1);
        assertThat(r.headline()).contains("そのうち " + open + " 件は今も対応を続けています");
        assertThat(text).contains("ほか2件は、表に載せていません。")
                .contains("ほか1件は、表に載せていません（件数には含みます）。");
        assertThat(text.split("Bulkincident", -1)).hasSize(MonthlyFactsReader.INCIDENT_CAP + 1);

        String english = text(reports.render(ownerC.actor(), c.id(), OCTOBER_2026, Locale.ENGLISH, null).pdf());
        assertThat(english.replaceAll("\\s+", " ")).contains("2 more are not listed.")
                .contains("One more incident is not listed (all are counted above).");
    }
}
