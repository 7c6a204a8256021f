package jp.sukedachi.app.report.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.incident.Incident;
import jp.sukedachi.app.incident.IncidentStatus;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.selfcheck.Answer;
import jp.sukedachi.app.selfcheck.Attempt;
import jp.sukedachi.app.selfcheck.SecurityActionService;
import jp.sukedachi.app.selfcheck.SelfCheckService;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.shared.Tokens;
import jp.sukedachi.app.support.MutableClock;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.app.triage.SilentDeviceWatch;
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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Proof-of-check letters made through the real services with a clock the test moves (H2 and PostgreSQL, see the
 * subclasses). Company A has a device since 10 June 2026 and another since 16 August, two incidents in the
 * period (one opened before it and closed in it, one still open), one closed before it, a self-check and a ★
 * declaration; company B has its own of each. On 3 October the last three whole months are July to September.
 * The letter's page and PDF are compared with those records; B's never appear in A's letter; only A's owner
 * makes and revokes A's letters; after revocation the verification page shows nothing; the token is not stored.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.initial-delay-ms=3600000000", "sukedachi.statement.issuer=助太刀セキュリティ株式会社",
        "sukedachi.public-url=https://sukedachi.example.jp/"})
@AutoConfigureMockMvc
@Import(ProofLetterContract.Clocks.class)
abstract class ProofLetterContract {
    static final Instant START = japan(2026, 6, 10, 9, 0);

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
    DeviceService devices;
    @Autowired
    Incidents incidents;
    @Autowired
    SelfCheckService selfChecks;
    @Autowired
    SecurityActionService securityAction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SilentDeviceWatch watch;
    @Autowired
    AlertQueries alertQueries;
    @Autowired
    AlertService alertService;
    @Autowired
    LetterFactsReader letterFacts;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    /** The records are made once per database: the clock only moves forward. */
    static final Map<Class<?>, World> BUILT = new java.util.concurrent.ConcurrentHashMap<>();
    World w;

    record World(Login admin, Tenant a, Tenant b, Login ownerA, Login memberA, Login ownerB, Device first,
            Device second, Incident closedBefore, Incident closedIn, Incident stillOpen, Incident bravoIncident,
            Attempt check, Tenant empty, Login ownerEmpty, long silentSeconds) {
    }

    static Instant japan(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, Formats.TOKYO).toInstant();
    }

    private void moveTo(Instant at) {
        clock.advance(Duration.between(clock.instant(), at));
    }

    @BeforeEach
    void theRecords() {
        w = BUILT.get(getClass());
        if (w != null) {
            return;
        }
        Login admin = world.admin();
        Tenant a = world.tenant(admin.actor(), TestWorld.unique("株式会社みなと精工"));
        Tenant b = world.tenant(admin.actor(), TestWorld.unique("Bravo"));
        Tenant empty = world.tenant(admin.actor(), TestWorld.unique("株式会社これから"));
        Login ownerA = world.smeUser(a, Role.TENANT_OWNER);
        Login memberA = world.smeUser(a, Role.TENANT_MEMBER);
        Login ownerB = world.smeUser(b, Role.TENANT_OWNER);
        Login ownerEmpty = world.smeUser(empty, Role.TENANT_OWNER);

        Device first = devices.register(admin.actor(), a.id(), new DeviceDraft("本社UTM", "utm", "auto", List.of()))
                .device();
        devices.register(admin.actor(), b.id(), new DeviceDraft("bravo-utm", "utm", "auto", List.of()));
        moveTo(japan(2026, 6, 20, 10, 0));
        Incident closedBefore = open(admin, a, "六月の件", IncidentType.PHISHING);
        Incident bravoIncident = open(admin, b, "bravo incident", IncidentType.RANSOMWARE);
        moveTo(japan(2026, 6, 25, 10, 0));
        incidents.changeStatus(admin.actor(), closedBefore.id(), IncidentStatus.CLOSED, null);
        moveTo(japan(2026, 6, 28, 10, 0));
        Incident closedIn = open(admin, a, "月末のマルウェア", IncidentType.MALWARE);
        moveTo(japan(2026, 7, 2, 15, 0));
        incidents.changeStatus(admin.actor(), closedIn.id(), IncidentStatus.CLOSED, null);
        // The first device sends nothing: the watch alarms on 10 July and staff close the alert a day later.
        moveTo(japan(2026, 7, 10, 9, 0));
        watch.check();
        Alert silence = alertQueries.alertsOf(admin.actor(), a.id(), 50).stream()
                .filter(x -> x.detector().equals("watch") && x.entity().equals("device:" + first.id())).findFirst()
                .orElseThrow();
        moveTo(japan(2026, 7, 11, 9, 0));
        alertService.close(admin.actor(), silence.id(), Alert.Resolution.BENIGN);
        long silentSeconds = Duration.between(silence.firstSeen().minus(Duration.ofMinutes(
                first.expectedIntervalMinutes())), clock.instant()).toSeconds();
        moveTo(japan(2026, 8, 16, 0, 0));
        Device second = devices.register(admin.actor(), a.id(), new DeviceDraft("支店のパソコン監視", "endpoint", "auto",
                List.of())).device();
        moveTo(japan(2026, 8, 20, 11, 0));
        Incident stillOpen = open(admin, a, "不審なログイン", IncidentType.UNAUTHORISED_ACCESS);
        moveTo(japan(2026, 9, 15, 14, 0));
        List<Answer> answers = new java.util.ArrayList<>(Collections.nCopies(25, Answer.DONE));
        answers.set(7, Answer.NO);
        answers.set(12, Answer.PARTLY);
        Attempt check = selfChecks.submit(ownerA.actor(), a.id(), answers);
        moveTo(japan(2026, 9, 16, 10, 0));
        securityAction.declare(ownerA.actor(), a.id(), "MINATO-0001", 1, LocalDate.of(2026, 9, 16));
        selfChecks.submit(ownerB.actor(), b.id(), Collections.nCopies(25, Answer.PARTLY));
        securityAction.declare(ownerB.actor(), b.id(), "BRAVO-SA-0042", 2, LocalDate.of(2026, 9, 1));
        moveTo(japan(2026, 10, 3, 9, 0));
        w = new World(admin, a, b, ownerA, memberA, ownerB, first, second, closedBefore, closedIn, stillOpen,
                bravoIncident, check, empty, ownerEmpty, silentSeconds);
        BUILT.put(getClass(), w);
    }

    private Incident open(Login admin, Tenant t, String title, IncidentType type) {
        return incidents.openForCompany(admin.actor(), t.id(), new Incidents.Opening(title, type, "HIGH"));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(authentication(world.authentication(who))).with(csrf())).andReturn()
                .getResponse();
    }

    /** A letter made on the owner's page: its id and the token shown once after the redirect. */
    record Made(UUID id, String token) {
    }

    private Made make(Login owner, String months) throws Exception {
        MvcResult r = mvc.perform(post("/my/letters").param("months", months).with(csrf())
                .with(authentication(world.authentication(owner)))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(302);
        String location = r.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/my/letters/");
        String token = (String) r.getFlashMap().get("token");
        assertThat(token).hasSize(43);
        return new Made(UUID.fromString(location.substring("/my/letters/".length())), token);
    }

    private MockHttpServletResponse verify(String token, String lang) throws Exception {
        MockHttpServletRequestBuilder request = get("/v/" + token);
        if (lang != null) {
            request = request.param("lang", lang);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private String pdfText(Login owner, Made letter, String language) throws Exception {
        MockHttpServletResponse r = call(owner, post("/my/letters/" + letter.id() + "/pdf").param("token", letter.token())
                .param("language", language));
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        assertThat(r.getContentType()).isEqualTo("application/pdf");
        try (var pdf = Loader.loadPDF(r.getContentAsByteArray())) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    /** Watched share of a period in percent with one decimal, rounded down (as the letter prints it). */
    static String share(Instant from, Instant to, Instant periodStart, Instant periodEnd) {
        long permille = Duration.between(from, to).toSeconds() * 1000
                / Duration.between(periodStart, periodEnd).toSeconds();
        return permille / 10 + "." + permille % 10 + "%";
    }

    // ------------------------------------------------------------------------------------------ tests

    @Test
    void theVerificationPageStatesTheRecordsOfTheLastThreeMonths() throws Exception {
        Made letter = make(w.ownerA(), "3");
        MockHttpServletResponse page = verify(letter.token(), "ja");
        assertThat(page.getStatus()).isEqualTo(200);
        String html = page.getContentAsString();
        Instant july = japan(2026, 7, 1, 0, 0);
        Instant october = japan(2026, 10, 1, 0, 0);
        assertThat(html).contains(w.a().name(), "2026年7月1日から2026年9月30日まで", "助太刀セキュリティ株式会社",
                // The first device all the period less its day of silence, the second from 16 August (46 of 92 days).
                w.first().name(), share(july.plusSeconds(w.silentSeconds()), october, july, october), w.second().name(),
                share(w.second().createdAt(), october, july, october), "50.0%",
                // The incident opened in June and closed on 2 July is in; the one closed in June is not.
                "#" + w.closedIn().number(), "対応を終えました（2026年7月2日）", "#" + w.stillOpen().number(), "対応中",
                "対応したインシデントは 2 件で、そのうち 1 件は対応を終えています",
                w.check().total() + " 点（100 点満点。2026年9月15日に回答）", "★ を宣言（2026年9月16日。宣言 ID MINATO-0001）");
        assertThat(w.check().total()).isEqualTo(23 * 4 + 2);
        assertThat(w.silentSeconds()).as("a day and an hour of silence").isEqualTo(25 * 3600);
        assertThat(share(july.plusSeconds(w.silentSeconds()), october, july, october)).isEqualTo("98.8%");
        assertThat(html).doesNotContain("#" + w.closedBefore().number() + "<");
        // Incident titles are the company's internal words: the letter names the kind only.
        assertThat(html).doesNotContain("月末のマルウェア").contains("マルウェア");
    }

    @Test
    void thePdfSaysWhatThePageSaysWithTheVerificationLink() throws Exception {
        Made letter = make(w.ownerA(), "3");
        String text = pdfText(w.ownerA(), letter, "ja");
        assertThat(text.replaceAll("\\s+", "")).contains("https://sukedachi.example.jp/v/" + letter.token());
        assertThat(text).contains("セキュリティ監視の確認書", w.a().name(), "2026年7月1日から2026年9月30日まで",
                w.first().name(), w.second().name(), "98.8%", "50.0%", "#" + w.closedIn().number(),
                "#" + w.stillOpen().number(), "対応中", w.check().total() + " 点", "MINATO-0001",
                "助太刀セキュリティ株式会社");
        String english = pdfText(w.ownerA(), letter, "en");
        assertThat(english).contains("Proof of security monitoring", "1 July 2026 to 30 September 2026",
                "Being handled", "Closed (2 July 2026)", "declared").doesNotContain("監視した期間", "確認書");
        // The PDF is only for the token the letter was made with.
        assertThat(call(w.ownerA(), post("/my/letters/" + letter.id() + "/pdf").param("token", Tokens.random()))
                .getStatus()).isEqualTo(400);
        assertThat(call(w.ownerA(), post("/my/letters/" + letter.id() + "/pdf").param("token", letter.token())
                .param("language", "fr")).getStatus()).isEqualTo(400);
    }

    @Test
    void anotherCompanysRecordsNeverAppearInALetter() throws Exception {
        Made letter = make(w.ownerA(), "12");
        String page = verify(letter.token(), null).getContentAsString();
        String pdf = pdfText(w.ownerA(), letter, "ja");
        String own = call(w.ownerA(), get("/my/letters/" + letter.id())).getContentAsString();
        for (String text : List.of(page, pdf, own)) {
            assertThat(text).doesNotContain(w.b().name(), "bravo-utm", "BRAVO-SA-0042", "★★",
                    "#" + w.bravoIncident().number() + " ", w.empty().name());
        }
        // B's owner makes B's letter: B's facts, none of A's.
        Made theirs = make(w.ownerB(), "3");
        assertThat(verify(theirs.token(), null).getContentAsString()).contains(w.b().name(), "bravo-utm",
                "BRAVO-SA-0042").doesNotContain(w.a().name(), w.first().name(), "MINATO-0001");
    }

    @Test
    void onlyTheCompanysOwnerMakesOrRevokesALetter() throws Exception {
        Made letter = make(w.ownerA(), "3");
        assertThat(call(w.memberA(), post("/my/letters").param("months", "3")).getStatus()).isEqualTo(403);
        assertThat(call(w.memberA(), get("/my/letters")).getStatus()).isEqualTo(403);
        assertThat(call(w.memberA(), post("/my/letters/" + letter.id() + "/revoke").param("confirm", "yes"))
                .getStatus()).isEqualTo(403);
        assertThat(call(w.admin(), post("/my/letters").param("months", "3")).getStatus()).isEqualTo(403);
        // Another company's owner: A's letter is not found, to revoke, to read or to print.
        assertThat(call(w.ownerB(), post("/my/letters/" + letter.id() + "/revoke").param("confirm", "yes"))
                .getStatus()).isEqualTo(404);
        assertThat(call(w.ownerB(), post("/my/letters/" + letter.id() + "/revoke")).getStatus())
                .as("not found before anything else").isEqualTo(404);
        assertThat(call(w.ownerB(), get("/my/letters/" + letter.id())).getStatus()).isEqualTo(404);
        assertThat(call(w.ownerB(), post("/my/letters/" + letter.id() + "/pdf").param("token", letter.token()))
                .getStatus()).isEqualTo(404);
        assertThat(call(w.ownerB(), get("/tenants/" + w.a().id() + "/letters")).getStatus()).isIn(403, 404);
        assertThat(call(w.ownerB(), get("/my/letters")).getContentAsString()).doesNotContain(w.a().name());
        assertThat(verify(letter.token(), null).getStatus()).as("still valid").isEqualTo(200);
        // Staff read the company's letters, and cannot revoke them.
        MockHttpServletResponse staff = call(w.admin(), get("/tenants/" + w.a().id() + "/letters"));
        assertThat(staff.getStatus()).isEqualTo(200);
        assertThat(staff.getContentAsString()).contains(w.a().name(), "2026年7月1日から2026年9月30日まで")
                .doesNotContain("/revoke");
        assertThat(call(w.admin(), post("/my/letters/" + letter.id() + "/revoke").param("confirm", "yes"))
                .getStatus()).isEqualTo(403);
    }

    @Test
    void aRevokedLetterShowsNothingOfTheCompany() throws Exception {
        Made letter = make(w.ownerA(), "6");
        assertThat(verify(letter.token(), null).getStatus()).isEqualTo(200);
        assertThat(call(w.ownerA(), post("/my/letters/" + letter.id() + "/revoke")).getStatus())
                .as("not confirmed").isEqualTo(400);
        assertThat(verify(letter.token(), null).getStatus()).isEqualTo(200);
        MockHttpServletResponse revoked = call(w.ownerA(), post("/my/letters/" + letter.id() + "/revoke")
                .param("confirm", "yes"));
        assertThat(revoked.getStatus()).isEqualTo(302);
        for (String lang : new String[] {null, "ja", "en"}) {
            MockHttpServletResponse page = verify(letter.token(), lang);
            assertThat(page.getStatus()).isEqualTo(404);
            assertThat(page.getContentAsString()).contains("有効な確認書はありません", "No valid letter")
                    .doesNotContain(w.a().name(), w.first().name(), "MINATO-0001", "2026年", letter.token());
        }
        // Unknown and malformed tokens look the same.
        assertThat(verify(Tokens.random(), null).getStatus()).isEqualTo(404);
        assertThat(verify("short", null).getStatus()).isEqualTo(404);
        // The PDF of a revoked letter is no longer printed; revoking again changes nothing.
        assertThat(call(w.ownerA(), post("/my/letters/" + letter.id() + "/pdf").param("token", letter.token()))
                .getStatus()).isEqualTo(400);
        assertThat(call(w.ownerA(), post("/my/letters/" + letter.id() + "/revoke").param("confirm", "yes"))
                .getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LETTER_REVOKED' and target = :t")
                .param("t", letter.id().toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theTokenIsStoredOnlyAsItsHash() throws Exception {
        Made letter = make(w.ownerA(), "3");
        Map<String, Object> row = jdbc.sql("select * from proof_letter where id = :id").param("id", letter.id())
                .query().singleRow();
        assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains(letter.token()));
        assertThat(row.get("token_hash")).isEqualTo(Tokens.sha256(letter.token()));
        assertThat(jdbc.sql("select count(*) from audit_event where detail like :t or target like :t")
                .param("t", "%" + letter.token() + "%").query(Long.class).single()).isZero();
        // After the page the owner lands on, the link is not shown again.
        assertThat(call(w.ownerA(), get("/my/letters/" + letter.id())).getContentAsString())
                .doesNotContain(letter.token()).contains("一度だけ表示しました");
    }

    @Test
    void theVerificationPageIsNotIndexedCachedOrReferred() throws Exception {
        Made letter = make(w.ownerA(), "3");
        MockHttpServletResponse page = verify(letter.token(), "en");
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("Cache-Control")).contains("no-store");
        assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.getHeader("X-Robots-Tag")).contains("noindex");
        assertThat(page.getContentAsString()).contains("noindex", "Proof of security monitoring", "This letter is valid",
                "1 July 2026 to 30 September 2026").doesNotContain("監視した機器");
        long views = jdbc.sql("select views from proof_letter where id = :id").param("id", letter.id())
                .query(Long.class).single();
        assertThat(views).isEqualTo(1);
        verify(letter.token(), "ja");
        assertThat(jdbc.sql("select views from proof_letter where id = :id").param("id", letter.id())
                .query(Long.class).single()).isEqualTo(2);
        // Two openings on one day: one audit entry (the day's first).
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LETTER_VIEWED' and target = :t")
                .param("t", letter.id().toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void thePeriodNeverStartsBeforeTheFirstDeviceAndABadPeriodIsRefused() throws Exception {
        Made six = make(w.ownerA(), "6");
        assertThat(verify(six.token(), null).getContentAsString()).contains("2026年6月10日から2026年9月30日まで");
        MockHttpServletResponse page = call(w.ownerA(), get("/my/letters"));
        assertThat(page.getContentAsString()).contains("直近 3 か月（2026年7月1日から2026年9月30日まで）",
                "最初の機器を登録した日から（2026年6月10日から2026年9月30日まで）");
        MvcResult four = mvc.perform(post("/my/letters").param("months", "4").with(csrf())
                .with(authentication(world.authentication(w.ownerA())))).andReturn();
        assertThat(four.getResponse().getStatus()).isEqualTo(400);
        // The error page (a forward MockMvc does not follow) names the problem in the reader's words.
        assertThat(four.getRequest().getAttribute("errorText")).asString().contains("3 か月、6 か月、12 か月");
        assertThat(call(w.ownerA(), post("/my/letters")).getStatus()).isEqualTo(400);
        // A company without a device has no period to prove.
        assertThat(call(w.ownerEmpty(), get("/my/letters")).getContentAsString()).contains("まだ確認書はつくれません");
        assertThat(call(w.ownerEmpty(), post("/my/letters").param("months", "3")).getStatus()).isEqualTo(400);
    }

    // --- report-fix2 ---
    @Test
    void incidentsPastTheIncidentListsCapAreAllCountedAsClosedAndAsNotListed() {
        Tenant many = world.tenant(w.admin().actor(), TestWorld.unique("株式会社おおぜい"));
        Login owner = world.smeUser(many, Role.TENANT_OWNER);
        // One more than the incident list's own cap (500), all opened and closed in the period.
        int count = 501;
        jp.sukedachi.app.support.BulkRows.incidents(jdbcTemplate, many.id(), count, japan(2026, 7, 2, 9, 0),
                japan(2026, 7, 3, 9, 0));
        LetterPeriod period = new LetterPeriod(3, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30), false);

        LetterFacts facts = letterFacts.read(owner.actor(), many, period, clock.instant());

        long inDatabase = jdbc.sql("select count(*) from incident where tenant_id = :t and closed_at is not null")
                .param("t", many.id()).query(Long.class).single();
        assertThat(inDatabase).isEqualTo(count);
        assertThat(facts.incidentsClosed()).isEqualTo(inDatabase);
        assertThat(facts.incidents()).hasSize(LetterFactsReader.INCIDENTS_LISTED);
        assertThat(facts.incidents().size() + facts.incidentsNotListed()).isEqualTo(inDatabase);
        assertThat(facts.incidents().getFirst().closedOn()).isNotNull();
    }
}
