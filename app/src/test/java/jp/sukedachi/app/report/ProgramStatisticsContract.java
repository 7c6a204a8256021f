package jp.sukedachi.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.dispatch.Responders;
import jp.sukedachi.app.dispatch.VisitRecord;
import jp.sukedachi.app.dispatch.VisitRequest;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.report.ProgramStatistics.Figures;
import jp.sukedachi.app.report.ProgramStatistics.GroupBy;
import jp.sukedachi.app.report.ProgramStatistics.Statistics;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.MutableClock;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantDraft;
import jp.sukedachi.app.tenant.TenantService;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The program statistics over the first quarter of 2031 (a clock the test moves, so no other data falls in it):
 * three companies (manufacturing in Osaka, construction in Tokyo, one whose industry, size and prefecture are not
 * known) with devices, blocked and detected accesses, malware, alerts, an incident and a finished visit; a fourth
 * company registered after the period. The groups add up to the totals for every grouping, the totals equal what the
 * rows give, the company registered later is not counted; the API answers JSON, CSV and PDF, refuses bad input
 * naming the parameter (400), other types (406) and company users (403); the page draws its charts for staff.
 * H2 and PostgreSQL (subclasses).
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.initial-delay-ms=3600000000"})
@AutoConfigureMockMvc
@Import(ProgramStatisticsContract.Clocks.class)
abstract class ProgramStatisticsContract {
    static final LocalDate FROM = LocalDate.of(2031, 1, 1);
    static final LocalDate TO = LocalDate.of(2031, 3, 31);

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(at(1, 5, 9));
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    MutableClock clock;
    @Autowired
    TenantService tenants;
    @Autowired
    DeviceService devices;
    @Autowired
    Triage triage;
    @Autowired
    Incidents incidents;
    @Autowired
    Visits visits;
    @Autowired
    Responders responders;
    @Autowired
    ProgramStatistics statistics;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    static final Map<Class<?>, World> BUILT = new java.util.concurrent.ConcurrentHashMap<>();
    World built;

    record World(Login admin, Login analyst, Login owner, Tenant osaka, Tenant tokyo, Tenant unknown, Tenant later) {
    }

    static Instant at(int month, int day, int hour) {
        return ZonedDateTime.of(2031, month, day, hour, 0, 0, 0, Formats.TOKYO).toInstant();
    }

    private void moveTo(Instant at) {
        clock.advance(Duration.between(clock.instant(), at));
    }

    @BeforeEach
    void theQuarter() {
        built = BUILT.get(getClass());
        if (built != null) {
            return;
        }
        Login admin = world.admin();
        Login analyst = world.staff(Role.ANALYST, true);
        Tenant osaka = world.tenant(admin.actor(), TestWorld.unique("大阪製作所"));
        Tenant tokyo = tenants.create(admin.actor(), new TenantDraft(TestWorld.unique("東京建設"), null, null, "D", "1-5",
                "13", null, null, null));
        Tenant unknown = tenants.create(admin.actor(), new TenantDraft(TestWorld.unique("Unknown Co"), null, null, null,
                null, null, null, null, null));
        Login owner = world.smeUser(osaka, Role.TENANT_OWNER);
        UUID osakaUtm = devices.register(admin.actor(), osaka.id(), new DeviceDraft("utm-01", "utm", "auto", List.of()))
                .device().id();
        devices.register(admin.actor(), osaka.id(), new DeviceDraft("pc-agent", "endpoint", "auto", List.of()));
        UUID tokyoUtm = devices.register(admin.actor(), tokyo.id(), new DeviceDraft("utm-01", "utm", "auto", List.of()))
                .device().id();
        UUID sensor = devices.register(admin.actor(), unknown.id(), new DeviceDraft("ids", "ids-sensor", "auto",
                List.of())).device().id();

        keep(osaka, osakaUtm, at(1, 10, 10), Category.BLOCKED, Category.BLOCKED, Category.C2, Category.SCAN);
        keep(osaka, osakaUtm, at(2, 3, 10), Category.BLOCKED, Category.MALWARE_DOWNLOAD);
        keep(tokyo, tokyoUtm, at(1, 20, 23), Category.BLOCKED, Category.PASSWORD_GUESSING);
        keep(unknown, sensor, at(3, 31, 23), Category.RANSOMWARE, Category.BLOCKED);
        // After the period (April 1st in Japan): not counted.
        keep(unknown, sensor, at(4, 1, 0), Category.C2);

        moveTo(at(1, 11, 9));
        UUID incident = incidents.openForCompany(admin.actor(), osaka.id(), new Incidents.Opening("C2 通信", null,
                "HIGH")).id();
        Login responder = world.staff(Role.RESPONDER, true);
        responders.save(admin.actor(), responder.user().id(), List.of("27"), "AVAILABLE", null, null, "090-0000-0000");
        UUID visit = visits.request(admin.actor(), incident, new VisitRequest(clock.instant(),
                clock.instant().plus(Duration.ofHours(4)), "大阪市北区1-2-3", "", "", "")).id();
        visits.assign(admin.actor(), visit, responder.user().id());
        moveTo(at(1, 11, 13));
        visits.checkIn(responder.actor(), visit);
        moveTo(at(1, 11, 15));
        visits.checkOut(responder.actor(), visit, new VisitRecord("PCを切り離した", null, false, "山田 花子", 40, 120,
                null));
        moveTo(at(3, 2, 9));
        incidents.openForCompany(admin.actor(), tokyo.id(), new Incidents.Opening("パスワード攻撃", null, "MEDIUM"));

        moveTo(at(4, 2, 9));
        Tenant later = world.tenant(admin.actor(), TestWorld.unique("後から来た会社"));
        devices.register(admin.actor(), later.id(), new DeviceDraft("utm-01", "utm", "auto", List.of()));
        built = new World(admin, analyst, owner, osaka, tokyo, unknown, later);
        BUILT.put(getClass(), built);
    }

    private void keep(Tenant t, UUID device, Instant at, Category... categories) {
        List<Detection> batch = new java.util.ArrayList<>();
        for (int i = 0; i < categories.length; i++) {
            batch.add(new Detection(new TenantId(t.id()), new DeviceId(device), at.toEpochMilli() + i, "intel",
                    "rule-" + categories[i] + "-" + i, "Detection " + categories[i], Severity.HIGH, categories[i], null,
                    Map.of()));
        }
        triage.keep(batch, clock.instant());
    }

    private Statistics quarter(GroupBy groupBy) {
        return statistics.compute(built.analyst().actor(), new ProgramStatistics.Period(FROM, TO), groupBy,
                Locale.JAPANESE);
    }

    @Test
    void theGroupsAddUpToTheTotalsForEveryGrouping() {
        List<ToLongFunction<Figures>> additive = List.of(Figures::events, Figures::suspiciousAccesses,
                Figures::blocked, Figures::malware, Figures::alerts, Figures::alertsNeedingHuman, Figures::incidents,
                Figures::visits, Figures::claims);
        for (GroupBy g : GroupBy.values()) {
            Statistics s = quarter(g);
            for (ToLongFunction<Figures> f : additive) {
                assertThat(s.groups().stream().mapToLong(x -> f.applyAsLong(x.figures())).sum()).as("%s", g)
                        .isEqualTo(f.applyAsLong(s.totals()));
                assertThat(s.months().stream().mapToLong(x -> f.applyAsLong(x.figures())).sum()).as("months")
                        .isEqualTo(f.applyAsLong(s.totals()));
            }
            if (g != GroupBy.MONTH) {
                assertThat(s.groups().stream().mapToLong(x -> x.figures().companies()).sum()).as("%s companies", g)
                        .isEqualTo(s.totals().companies());
                assertThat(s.groups().stream().mapToLong(x -> x.figures().deviceTotal()).sum()).as("%s devices", g)
                        .isEqualTo(s.totals().deviceTotal());
            }
        }
        Statistics byIndustry = quarter(GroupBy.INDUSTRY);
        assertThat(byIndustry.groups()).extracting(ProgramStatistics.Group::key).containsExactly("D", "E", "unknown");
        assertThat(byIndustry.groups().getLast().label()).isEqualTo("不明");
        assertThat(quarter(GroupBy.PREFECTURE).groups()).extracting(ProgramStatistics.Group::key)
                .containsExactly("13", "27", "unknown");
        assertThat(quarter(GroupBy.SIZE).groups()).extracting(ProgramStatistics.Group::key)
                .containsExactly("1-5", "21-50", "unknown");
    }

    @Test
    void theTotalsEqualTheRowsAndACompanyRegisteredAfterThePeriodIsNotCounted() {
        Figures t = quarter(GroupBy.NONE).totals();
        Instant start = FROM.atStartOfDay(Formats.TOKYO).toInstant();
        Instant end = TO.plusDays(1).atStartOfDay(Formats.TOKYO).toInstant();
        assertThat(t.companies()).isEqualTo(3);
        assertThat(t.devices()).containsExactly(Map.entry("utm", 2L), Map.entry("ids-sensor", 1L),
                Map.entry("endpoint", 1L), Map.entry("shipper", 0L));
        assertThat(t.suspiciousAccesses()).isEqualTo(rows("select count(*) from detection where at >= :s and at < :e",
                start, end)).isEqualTo(10);
        assertThat(t.blocked()).isEqualTo(rows("select count(*) from detection where category = 'BLOCKED'"
                + " and at >= :s and at < :e", start, end)).isEqualTo(5);
        assertThat(t.malware()).isEqualTo(rows("select count(*) from detection where category in"
                + " ('MALWARE_DOWNLOAD', 'RANSOMWARE', 'C2') and at >= :s and at < :e", start, end)).isEqualTo(3);
        assertThat(t.alerts()).isEqualTo(rows("select count(*) from alert where first_seen >= :s and first_seen < :e",
                start, end));
        assertThat(t.alertsNeedingHuman()).isEqualTo(rows("select count(*) from alert where needs_human = true"
                + " and first_seen >= :s and first_seen < :e", start, end)).isEqualTo(5);
        assertThat(t.incidents()).isEqualTo(rows("select count(*) from incident where created_at >= :s"
                + " and created_at < :e", start, end)).isEqualTo(2);
        assertThat(t.visits()).isEqualTo(1);
        // By month: the Tokyo detection at 23:00 on Jan 20 is January; the ransomware at 23:00 on Mar 31 is March.
        Statistics s = quarter(GroupBy.MONTH);
        assertThat(s.months()).extracting(m -> m.figures().suspiciousAccesses()).containsExactly(6L, 2L, 2L);
        // Grouped by month, companies are those of each month; the period before any company counts none.
        Statistics before = statistics.compute(built.admin().actor(),
                new ProgramStatistics.Period(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 12, 31)), GroupBy.NONE,
                Locale.ENGLISH);
        assertThat(before.totals().companies()).isZero();
        Statistics april = statistics.compute(built.admin().actor(),
                new ProgramStatistics.Period(LocalDate.of(2031, 4, 1), LocalDate.of(2031, 4, 30)), GroupBy.NONE,
                Locale.ENGLISH);
        assertThat(april.totals().companies()).isEqualTo(4);
        assertThat(april.totals().malware()).isEqualTo(1);
        // A period cut inside months is summed from the days: Jan 11 to Feb 10 holds Tokyo's two of Jan 20 and
        // Osaka's two of Feb 3, not Osaka's four of Jan 10.
        Statistics cut = statistics.compute(built.admin().actor(),
                new ProgramStatistics.Period(LocalDate.of(2031, 1, 11), LocalDate.of(2031, 2, 10)), GroupBy.MONTH,
                Locale.JAPANESE);
        assertThat(cut.totals().suspiciousAccesses()).isEqualTo(4);
        assertThat(cut.months()).extracting(m -> m.figures().suspiciousAccesses()).containsExactly(2L, 2L);
    }

    private long rows(String sql, Instant start, Instant end) {
        return jdbc.sql(sql).param("s", java.sql.Timestamp.from(start)).param("e", java.sql.Timestamp.from(end))
                .query(Long.class).single();
    }

    private MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(authentication(world.authentication(who)))).andReturn().getResponse();
    }

    private MockHttpServletRequestBuilder api(String groupBy) {
        return get("/api/v1/statistics").param("from", FROM.toString()).param("to", TO.toString())
                .param("groupBy", groupBy);
    }

    @Test
    void theApiAnswersJsonCsvAndTheFactSheet() throws Exception {
        MockHttpServletResponse r = call(built.analyst(), api("industry").header("Accept", "application/json"));
        assertThat(r.getStatus()).isEqualTo(200);
        JsonNode body = json.readTree(r.getContentAsString(StandardCharsets.UTF_8));
        for (String field : List.of("companies", "devices", "suspiciousAccesses", "malware", "alertsNeedingHuman",
                "incidents", "visits", "claims", "funnel", "months", "groups")) {
            assertThat(body.has(field)).as(field).isTrue();
        }
        assertThat(body.get("companies").asLong()).isEqualTo(3);
        assertThat(body.get("suspiciousAccesses").asLong()).isEqualTo(10);
        assertThat(body.get("devices").get("utm").asLong()).isEqualTo(2);
        assertThat(body.get("months").size()).isEqualTo(3);
        long groupSum = 0;
        for (JsonNode g : body.get("groups")) {
            assertThat(g.has("key") && g.has("label")).isTrue();
            groupSum += g.get("alertsNeedingHuman").asLong();
        }
        assertThat(groupSum).isEqualTo(body.get("alertsNeedingHuman").asLong());
        assertThat(body.get("funnel").get(1).get("count").asLong()).isEqualTo(10);

        MockHttpServletResponse csv = call(built.admin(), api("prefecture").header("Accept", "text/csv"));
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).startsWith("text/csv");
        String text = csv.getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF").contains("\r\n").contains("東京都").contains("不明");
        assertThat(text.split("\r\n")).hasSize(1 + 3 + 1 + 3);

        MockHttpServletResponse pdf = call(built.analyst(), api("none").header("Accept", "application/pdf"));
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        try (var doc = Loader.loadPDF(pdf.getContentAsByteArray())) {
            assertThat(doc.getNumberOfPages()).isOne();
            String pdfText = new PDFTextStripper().getText(doc);
            assertThat(pdfText).contains("ファクトシート").contains("2031-01-01").contains("怪しい通信");
            assertVectorOnly(doc);
        }
        // A whole year (the page's default period) still fits one page.
        MockHttpServletResponse year = call(built.admin(), get("/statistics.pdf").param("from", "2030-04-01")
                .param("to", "2031-03-31").param("lang", "en"));
        assertThat(year.getStatus()).isEqualTo(200);
        try (var doc = Loader.loadPDF(year.getContentAsByteArray())) {
            assertThat(doc.getNumberOfPages()).isOne();
            assertThat(new PDFTextStripper().getText(doc)).contains("Program fact sheet").contains("Suspicious accesses");
            assertVectorOnly(doc);
        }
    }

    private static void assertVectorOnly(org.apache.pdfbox.pdmodel.PDDocument doc) throws Exception {
        for (var page : doc.getPages()) {
            for (var name : page.getResources().getXObjectNames()) {
                assertThat(page.getResources().isImageXObject(name)).as("image %s", name).isFalse();
            }
        }
    }

    @Test
    void badParametersAreRefusedNamingThemOtherTypesAre406AndCompanyUsersAre403() throws Exception {
        MockHttpServletResponse order = call(built.analyst(), get("/api/v1/statistics").param("from", "2031-03-01")
                .param("to", "2031-01-01"));
        assertThat(order.getStatus()).isEqualTo(400);
        assertThat(order.getContentAsString(StandardCharsets.UTF_8)).contains("\"field\":\"from\"");
        MockHttpServletResponse tooLong = call(built.analyst(), get("/api/v1/statistics").param("from", "2020-01-01")
                .param("to", "2025-01-01"));
        assertThat(tooLong.getStatus()).isEqualTo(400);
        assertThat(tooLong.getContentAsString(StandardCharsets.UTF_8)).contains("\"field\":\"to\"");
        MockHttpServletResponse group = call(built.analyst(), api("colour"));
        assertThat(group.getStatus()).isEqualTo(400);
        assertThat(group.getContentAsString(StandardCharsets.UTF_8)).contains("\"field\":\"groupBy\"");
        MockHttpServletResponse date = call(built.analyst(), get("/api/v1/statistics").param("from", "2031-02-30"));
        assertThat(date.getStatus()).isEqualTo(400);
        assertThat(date.getContentAsString(StandardCharsets.UTF_8)).contains("\"field\":\"from\"");
        assertThat(call(built.analyst(), api("industry").header("Accept", "image/png")).getStatus()).isEqualTo(406);
        assertThat(call(built.owner(), api("industry")).getStatus()).isEqualTo(403);
        assertThat(call(built.owner(), get("/statistics")).getStatus()).isEqualTo(403);
        assertThat(call(built.owner(), get("/statistics.csv")).getStatus()).isEqualTo(403);
        assertThat(call(world.staff(Role.RESPONDER, true), get("/statistics")).getStatus()).isEqualTo(403);
    }

    @Test
    void thePageDrawsTheFunnelAndTheTrendAndShowsABadPeriodWithItsReason() throws Exception {
        MockHttpServletResponse page = call(built.analyst(), get("/statistics").param("from", FROM.toString())
                .param("to", TO.toString()).param("groupBy", "size"));
        assertThat(page.getStatus()).isEqualTo(200);
        String html = page.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"funnel-chart\"").contains("id=\"trend-suspiciousAccesses\"")
                .contains("<polyline").contains("statistics.csv?from=2031-01-01").contains("不明");
        MockHttpServletResponse english = call(built.admin(), get("/statistics").param("lang", "en"));
        assertThat(english.getStatus()).isEqualTo(200);
        assertThat(english.getContentAsString(StandardCharsets.UTF_8)).contains("Program statistics")
                .doesNotContain("不明");
        MockHttpServletResponse bad = call(built.analyst(), get("/statistics").param("from", "2031-05-01")
                .param("to", "2031-01-01"));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString(StandardCharsets.UTF_8)).contains("id=\"statistics-error\"")
                .contains("終了日（2031-01-01）より後");
    }
}
