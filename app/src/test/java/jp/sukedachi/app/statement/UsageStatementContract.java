package jp.sukedachi.app.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.dispatch.Responders;
import jp.sukedachi.app.dispatch.VisitRecord;
import jp.sukedachi.app.dispatch.VisitRequest;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.IncidentStatus;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.plan.ContractDraft;
import jp.sukedachi.app.plan.ContractTerms;
import jp.sukedachi.app.plan.PlanDraft;
import jp.sukedachi.app.plan.PlanService;
import jp.sukedachi.app.plan.PlanType;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.MutableClock;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.app.triage.SilentDeviceWatch;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.TenantId;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The usage statement of a month built through the real services on H2 with a clock the test moves: October 2026
 * (Japan time) of a company with a device silent for a day, a device registered in the middle of the month, alerts,
 * two incidents, a ticket with logged minutes and a finished visit. The CSV's and the PDF's figures are compared
 * with what the test created (H2 and PostgreSQL, see the subclasses); another company's statements are not found; the API negotiates PDF or CSV.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.initial-delay-ms=3600000000", "sukedachi.statement.issuer=助太刀セキュリティ株式会社"})
@AutoConfigureMockMvc
@Import(UsageStatementContract.Clocks.class)
abstract class UsageStatementContract {
    /** 2026-10-01 00:00 in Japan. */
    static final Instant OCTOBER = ZonedDateTime.of(2026, 10, 1, 0, 0, 0, 0, Formats.TOKYO).toInstant();
    static final Instant NOVEMBER = ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, Formats.TOKYO).toInstant();
    static final long MONTH_SECONDS = Duration.between(OCTOBER, NOVEMBER).toSeconds();

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(OCTOBER);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    MutableClock clock;
    @Autowired
    DeviceService devices;
    @Autowired
    SilentDeviceWatch watch;
    @Autowired
    AlertQueries alertQueries;
    @Autowired
    AlertService alertService;
    @Autowired
    Triage triage;
    @Autowired
    Incidents incidents;
    @Autowired
    Tickets tickets;
    @Autowired
    Visits visits;
    @Autowired
    Responders responders;
    @Autowired
    PlanService plans;

    /**
     * The month is built once per database: the clock only moves forward (the silent-device watch looks at most once
     * a minute).
     */
    static final Map<Class<?>, World> BUILT = new java.util.concurrent.ConcurrentHashMap<>();
    World built;

    record World(Login admin, Tenant a, Tenant b, Login ownerA, Login memberA, Login ownerB, ContractTerms contract,
            Device silent, Device midMonth, long silentSeconds, long onSiteMinutes, long travelMinutes,
            long deskMinutes) {
    }

    private void moveTo(Instant at) {
        clock.advance(Duration.between(clock.instant(), at));
    }

    private static Instant october(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 10, day, hour, minute, 0, 0, Formats.TOKYO).toInstant();
    }

    @BeforeEach
    void theMonth() {
        built = BUILT.get(getClass());
        if (built != null) {
            return;
        }
        Login admin = world.admin();
        Tenant a = world.tenant(admin.actor(), TestWorld.unique("株式会社さくら精機"));
        Tenant b = world.tenant(admin.actor(), TestWorld.unique("Bravo"));
        Login ownerA = world.smeUser(a, Role.TENANT_OWNER);
        Login memberA = world.smeUser(a, Role.TENANT_MEMBER);
        Login ownerB = world.smeUser(b, Role.TENANT_OWNER);
        devices.register(admin.actor(), b.id(), new DeviceDraft("bravo-utm", "utm", "auto", List.of()));
        // A has a hybrid plan since September (B has no contract: its statement says so).
        var plan = plans.create(admin.actor(), new PlanDraft(TestWorld.unique("あんしん併用プラン"), PlanType.HYBRID, 1,
                9_800L, 1_500L, null, null, null, null, null, null));
        ContractTerms contract = plans.setContract(admin.actor(), a.id(), new ContractDraft(plan.id(),
                java.time.LocalDate.of(2026, 9, 1), null, 1, 3));

        // A device registered at the month's first minute that sends nothing: the watch alarms after its hour.
        Device silent = devices.register(admin.actor(), a.id(), new DeviceDraft("本社UTM", "utm", "auto", List.of()))
                .device();
        moveTo(october(1, 1, 1));
        watch.check();
        Alert silentAlert = silentAlertOf(admin, a, silent);
        // Staff close it the next day: the silence ends there.
        moveTo(october(2, 0, 0));
        alertService.close(admin.actor(), silentAlert.id(), Alert.Resolution.BENIGN);
        Instant closedAt = clock.instant();
        long silentSeconds = Duration.between(silentAlert.firstSeen().minus(Duration.ofMinutes(
                silent.expectedIntervalMinutes())), closedAt).toSeconds();

        // A high alert left open and a low one found to be a false alarm.
        moveTo(october(5, 10, 0));
        detect(a, silent, "c2 contact", Severity.HIGH, Category.C2);
        detect(a, silent, "odd scan", Severity.LOW, Category.SCAN);
        Alert low = alertQueries.alertsOf(admin.actor(), a.id(), 50).stream()
                .filter(x -> x.title().equals("odd scan")).findFirst().orElseThrow();
        alertService.close(admin.actor(), low.id(), Alert.Resolution.FALSE_POSITIVE);

        // An incident opened on the 5th, visited on the 8th and closed on the 10th; another opened on the 20th.
        moveTo(october(5, 11, 0));
        UUID first = incidents.openForCompany(admin.actor(), a.id(), new Incidents.Opening("ランサムウェアの疑い", null,
                "HIGH")).id();
        moveTo(october(6, 9, 0));
        UUID ticket = tickets.open(ownerA.actor(), a.id(), new Tickets.Draft("メールが怪しい", "添付を開いてしまいました",
                null, null, null, null, null, null)).id();
        tickets.logTime(admin.actor(), ticket, 45, "電話で確認");
        moveTo(october(7, 9, 0));
        tickets.logTime(admin.actor(), ticket, 30, "折り返し");
        moveTo(october(8, 9, 0));
        Login responder = world.staff(Role.RESPONDER, true);
        responders.save(admin.actor(), responder.user().id(), List.of("27"), "AVAILABLE", null, null, "090-0000-0000");
        UUID visit = visits.request(admin.actor(), first, new VisitRequest(clock.instant(),
                clock.instant().plus(Duration.ofHours(4)), "大阪市北区1-2-3", "", "", "")).id();
        visits.assign(admin.actor(), visit, responder.user().id());
        moveTo(october(8, 13, 0));
        visits.checkIn(responder.actor(), visit);
        moveTo(october(8, 15, 30));
        visits.checkOut(responder.actor(), visit, new VisitRecord("PCを切り離した", null, false, "山田 花子", 40, 150,
                "受付で待った時間を除く"));
        moveTo(october(10, 17, 0));
        incidents.changeStatus(admin.actor(), first, IncidentStatus.CLOSED, null);
        // A device registered in the middle of the month.
        moveTo(october(16, 12, 0));
        Device midMonth = devices.register(admin.actor(), a.id(), new DeviceDraft("支店のパソコン監視", "endpoint",
                "auto", List.of())).device();
        moveTo(october(20, 9, 0));
        incidents.openForCompany(admin.actor(), a.id(), new Incidents.Opening("不審なログイン", null, null));

        // Another company's work in the same month must not count.
        Tenant other = b;
        UUID otherTicket = tickets.open(ownerB.actor(), other.id(), new Tickets.Draft("bravo question", "bravo body",
                null, null, null, null, null, null)).id();
        tickets.logTime(admin.actor(), otherTicket, 90, null);

        moveTo(NOVEMBER.plus(Duration.ofDays(2)));
        built = new World(admin, a, b, ownerA, memberA, ownerB, contract, silent, midMonth, silentSeconds, 150, 40, 45 + 30);
        BUILT.put(getClass(), built);
    }

    private Alert silentAlertOf(Login admin, Tenant t, Device d) {
        return alertQueries.alertsOf(admin.actor(), t.id(), 50).stream()
                .filter(x -> x.detector().equals("watch") && x.entity().equals("device:" + d.id())).findFirst()
                .orElseThrow();
    }

    private void detect(Tenant t, Device d, String title, Severity severity, Category category) {
        triage.apply(List.of(new Detection(new TenantId(t.id()), new DeviceId(d.id()), clock.millis(), "intel",
                "rule:" + title, title, severity, category, null, Map.of())));
    }

    // ------------------------------------------------------------------------------------------ reading

    private MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(authentication(world.authentication(who)))).andReturn().getResponse();
    }

    private String csvOf(Login who, Tenant t, String month) throws Exception {
        MockHttpServletResponse r = call(who, get("/api/v1/tenants/" + t.slug() + "/statements").param("month", month)
                .header("Accept", "text/csv"));
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        assertThat(r.getContentType()).startsWith("text/csv");
        assertThat(r.getHeader("Content-Disposition")).contains("usage-statement-" + t.slug() + "-" + month + ".csv");
        byte[] body = r.getContentAsByteArray();
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF); // the BOM Excel needs to read UTF-8
        return new String(body, StandardCharsets.UTF_8).substring(1);
    }

    /** The CSV's rows as section|item|subject → value. */
    static Map<String, String> facts(String csv) {
        Map<String, String> facts = new HashMap<>();
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines.getFirst()).isEqualTo("区分,項目,対象,値,単位");
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            assertThat(cells).as(line).hasSize(5);
            facts.put(cells.get(0) + "|" + cells.get(1) + "|" + cells.get(2), cells.get(3));
        }
        return facts;
    }

    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    static String hours(long seconds) {
        long tenths = (seconds * 10 + 1800) / 3600;
        return tenths / 10 + "." + tenths % 10;
    }

    static String share(long seconds) {
        long permille = seconds * 1000 / MONTH_SECONDS;
        return permille / 10 + "." + permille % 10;
    }

    // ------------------------------------------------------------------------------------------ tests

    @Test
    void theCsvCarriesTheMonthsFiguresAsCreated() throws Exception {
        World w = built;
        Map<String, String> f = facts(csvOf(w.admin(), w.a(), "2026-10"));
        assertThat(f.get("明細|会社名|")).isEqualTo(w.a().name());
        assertThat(f.get("明細|対象月|")).isEqualTo("2026-10");
        assertThat(f.get("明細|発行者|")).isEqualTo("助太刀セキュリティ株式会社");
        assertThat(f.get("契約とご利用料金|プラン名|")).isEqualTo(w.contract().planName());
        assertThat(f.get("契約とご利用料金|監視の種類|")).isEqualTo("併用型");
        assertThat(f.get("契約とご利用料金|サービスの区分|")).isEqualTo("1類");
        assertThat(f.get("契約とご利用料金|月額の基本料金（税抜）|")).isEqualTo("9800");
        assertThat(f.get("契約とご利用料金|月額のご利用料金（税抜）|")).isEqualTo(Long.toString(9_800 + 3 * 1_500))
                .isEqualTo(Long.toString(w.contract().monthlyFeeYen()));

        String silent = w.silent().name();
        long watched = MONTH_SECONDS - w.silentSeconds();
        assertThat(w.silentSeconds()).as("a day of silence").isBetween(23 * 3600L, 24 * 3600L);
        assertThat(f.get("監視した機器|登録されていた時間|" + silent)).isEqualTo(hours(MONTH_SECONDS)).isEqualTo("744.0");
        assertThat(f.get("監視した機器|データが届かなかった時間|" + silent)).isEqualTo(hours(w.silentSeconds()));
        assertThat(f.get("監視した機器|監視した時間|" + silent)).isEqualTo(hours(watched));
        assertThat(f.get("監視した機器|月のうち監視した割合|" + silent)).isEqualTo(share(watched));

        assertThat(f.get("アラート（危険の知らせ）への対応|件数|高")).isEqualTo("1");
        assertThat(f.get("アラート（危険の知らせ）への対応|対応中|高")).isEqualTo("1");
        assertThat(f.get("アラート（危険の知らせ）への対応|件数|中")).as("the silent-device alert").isEqualTo("1");
        assertThat(f.get("アラート（危険の知らせ）への対応|問題なしと確認|中")).isEqualTo("1");
        assertThat(f.get("アラート（危険の知らせ）への対応|件数|低")).isEqualTo("1");
        assertThat(f.get("アラート（危険の知らせ）への対応|誤検知と確認|低")).isEqualTo("1");
        assertThat(f.get("アラート（危険の知らせ）への対応|件数|緊急")).isEqualTo("0");

        assertThat(f.get("インシデント（事故）への対応|この月に対応を始めたインシデント|")).isEqualTo("2");
        assertThat(f.get("インシデント（事故）への対応|この月に対応を終えたインシデント|")).isEqualTo("1");
        assertThat(f.get("インシデント（事故）への対応|期間の終わりに対応中のインシデント|")).isEqualTo("1");
        assertThat(f.get("相談窓口|この月に受け付けたご相談|")).isEqualTo("1");
        assertThat(f.get("相談窓口|この月に窓口が対応した時間|")).isEqualTo(Long.toString(w.deskMinutes()));
        assertThat(f.get("駆け付け（技術者の訪問）|この月に完了した訪問|")).isEqualTo("1");
        assertThat(f.get("駆け付け（技術者の訪問）|現地で作業した時間|")).isEqualTo(hours(w.onSiteMinutes() * 60));
        assertThat(f.get("駆け付け（技術者の訪問）|移動にかかった時間|")).isEqualTo(hours(w.travelMinutes() * 60));
        assertThat(f.get("監視した機器|監視時間の求め方|")).contains("差し引いた");
        assertThat(f.get("注記|数値の出典|")).contains("記録").contains("助太刀セキュリティ株式会社");
        assertThat(f.keySet()).noneMatch(k -> k.contains("bravo"));
    }

    @Test
    void aDeviceRegisteredMidMonthIsCountedFromItsRegistration() throws Exception {
        World w = built;
        Map<String, String> f = facts(csvOf(w.ownerA(), w.a(), "2026-10"));
        long registered = Duration.between(w.midMonth().createdAt(), NOVEMBER).toSeconds();
        assertThat(registered).isEqualTo(Duration.ofHours(15 * 24 + 12).toSeconds());
        String name = w.midMonth().name();
        assertThat(f.get("監視した機器|登録されていた時間|" + name)).isEqualTo(hours(registered)).isEqualTo("372.0");
        assertThat(f.get("監視した機器|監視した時間|" + name)).isEqualTo(hours(registered));
        assertThat(f.get("監視した機器|月のうち監視した割合|" + name)).isEqualTo(share(registered)).isEqualTo("50.0");
        assertThat(f.get("監視した機器|登録日|" + name)).isEqualTo("2026-10-16");
        // In September the company had no device yet, and the month before the device is simply absent.
        Map<String, String> september = facts(csvOf(w.ownerA(), w.a(), "2026-09"));
        assertThat(september.get("監視した機器|機器の台数|")).isEqualTo("0");
    }

    @Test
    void thePdfSaysTheSameInJapanese() throws Exception {
        World w = built;
        MockHttpServletResponse r = call(w.ownerA(), get("/api/v1/tenants/" + w.a().slug() + "/statements")
                .param("month", "2026-10").header("Accept", "application/pdf"));
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentType()).isEqualTo("application/pdf");
        assertThat(r.getHeader("Content-Disposition")).contains("usage-statement-" + w.a().slug() + "-2026-10.pdf");
        String text;
        try (var pdf = Loader.loadPDF(r.getContentAsByteArray())) {
            text = new PDFTextStripper().getText(pdf);
        }
        long watched = MONTH_SECONDS - w.silentSeconds();
        assertThat(text).contains("利用明細書（2026年10月）", w.a().name(), "助太刀セキュリティ株式会社",
                w.contract().planName(), "併用型", String.format(java.util.Locale.ROOT, "%,d 円", 9_800 + 3 * 1_500),
                w.silent().name(), w.midMonth().name(), hours(watched),
                share(watched) + "%", hours(w.silentSeconds()), "372.0", "50.0%", w.deskMinutes() + " 分",
                hours(w.onSiteMinutes() * 60) + " 時間", hours(w.travelMinutes() * 60) + " 時間", "監視時間は",
                "サービスの記録");
        assertThat(text).doesNotContain("bravo");
    }

    @Test
    void theOwnerOfOneCompanyGetsNotFoundForAnothersStatements() throws Exception {
        World w = built;
        assertThat(call(w.ownerA(), get("/api/v1/tenants/" + w.b().slug() + "/statements").param("month", "2026-10")
                .header("Accept", "text/csv")).getStatus()).isEqualTo(404);
        // Not found even with a malformed month or an unacceptable type: nothing about B is told.
        assertThat(call(w.ownerA(), get("/api/v1/tenants/" + w.b().slug() + "/statements").param("month", "x")
                .header("Accept", "application/json")).getStatus()).isEqualTo(404);
        assertThat(call(w.ownerA(), get("/tenants/" + w.b().id() + "/statements")).getStatus()).isEqualTo(404);
        assertThat(call(w.ownerA(), get("/tenants/" + w.b().id() + "/statements/pdf")).getStatus()).isEqualTo(404);
        assertThat(call(w.ownerA(), get("/tenants/" + w.b().id() + "/statements/csv")).getStatus()).isEqualTo(404);
        // The owner's own page shows their company only; B's owner reads B's.
        MockHttpServletResponse mine = call(w.ownerA(), get("/my/statements").param("month", "2026-10"));
        assertThat(mine.getStatus()).isEqualTo(200);
        assertThat(mine.getContentAsString()).contains(w.a().name()).contains(w.silent().name())
                .doesNotContain(w.b().name()).contains("/my/statements/pdf?month=2026-10");
        Map<String, String> theirs = facts(new String(call(w.ownerB(), get("/my/statements/csv").param("month",
                "2026-10")).getContentAsByteArray(), StandardCharsets.UTF_8).substring(1));
        assertThat(theirs.get("明細|会社名|")).isEqualTo(w.b().name());
        assertThat(theirs.get("相談窓口|この月に窓口が対応した時間|")).isEqualTo("90");
        assertThat(theirs.get("契約とご利用料金|契約|")).isEqualTo("この月に有効な契約はありません");
        // A member of the company does not read fees and figures; staff read any company's.
        assertThat(call(w.memberA(), get("/my/statements")).getStatus()).isEqualTo(403);
        assertThat(call(w.admin(), get("/tenants/" + w.a().id() + "/statements").param("month", "2026-10"))
                .getContentAsString()).contains(w.a().name()).contains("2026-10");
    }

    @Test
    void theApiAnswersPdfOrCsvByAcceptAndRefusesOtherTypesAndBadMonths() throws Exception {
        World w = built;
        String url = "/api/v1/tenants/" + w.a().slug() + "/statements";
        MockHttpServletResponse json = call(w.ownerA(), get(url).param("month", "2026-10")
                .header("Accept", "application/json"));
        assertThat(json.getStatus()).isEqualTo(406);
        assertThat(json.getContentAsString()).contains("application/pdf").contains("text/csv");
        assertThat(call(w.ownerA(), get(url).param("month", "2026-10").header("Accept", "text/csv;q=0.9, application/pdf;q=0.5"))
                .getContentType()).startsWith("text/csv");
        assertThat(call(w.ownerA(), get(url).param("month", "2026-10").header("Accept", "*/*")).getContentType())
                .isEqualTo("application/pdf");
        for (String bad : List.of("2026-13", "10-2026", "2026-1", "2026-10-01", "")) {
            MockHttpServletResponse r = call(w.ownerA(), get(url).param("month", bad).header("Accept", "text/csv"));
            if (bad.isEmpty()) {
                // No month: the last finished month (October, the clock being in November).
                assertThat(r.getStatus()).isEqualTo(200);
                assertThat(facts(new String(r.getContentAsByteArray(), StandardCharsets.UTF_8).substring(1))
                        .get("明細|対象月|")).isEqualTo("2026-10");
                continue;
            }
            assertThat(r.getStatus()).as(bad).isEqualTo(400);
            assertThat(r.getContentType()).startsWith("text/plain");
            assertThat(r.getContentAsString()).contains("YYYY-MM");
        }
        MockHttpServletResponse future = call(w.ownerA(), get(url).param("month", "2026-12").header("Accept", "text/csv"));
        assertThat(future.getStatus()).isEqualTo(400);
        assertThat(future.getContentAsString()).contains("has not begun");
        // English for a client that asks for it: the same figures under English labels.
        MockHttpServletResponse english = call(w.ownerA(), get(url).param("month", "2026-10")
                .header("Accept", "text/csv").header("Accept-Language", "en"));
        List<String> rows = List.of(new String(english.getContentAsByteArray(), StandardCharsets.UTF_8).substring(1)
                .split("\r\n"));
        assertThat(rows.getFirst()).isEqualTo("Section,Item,Subject,Value,Unit");
        assertThat(rows).contains("Consultation desk,Desk time in this month,,"
                + w.deskMinutes() + ",minutes");
        // The running month is allowed and says it runs to the time of writing.
        Map<String, String> november = facts(csvOf(w.ownerA(), w.a(), "2026-11"));
        assertThat(november.get("明細|対象期間|")).contains("月の途中");
    }
}
