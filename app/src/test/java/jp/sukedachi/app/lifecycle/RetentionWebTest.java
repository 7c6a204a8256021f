package jp.sukedachi.app.lifecycle;

import static jp.sukedachi.app.shared.SqlTimes.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.embedded.EmbeddedPipeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * /admin/retention and /api/v1/retention through the real filter chain: the provider admin reads what each kind is
 * and why it is kept, changes it, is refused below a minimum (422 with the reason, nothing stored), runs the
 * clean-up and sees what it deleted; nobody else gets in. And the company's events leave the app's journal.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
@AutoConfigureMockMvc
class RetentionWebTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    RetentionPolicies policies;
    @Autowired
    Clock clock;
    @Autowired
    EventPipeline pipeline;
    @Autowired
    TenantJournal tenantJournal;

    Login admin;

    @BeforeEach
    void nothingSaved() {
        jdbc.sql("delete from retention_setting").update();
        jdbc.sql("delete from retention_run").update();
        jdbc.sql("update retention_job set running_since = null, running_by = null, last_finished_at = null")
                .update();
        admin = world.admin();
    }

    MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder request, int status) throws Exception {
        var response = mvc.perform(request.with(authentication(world.authentication(who)))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        return response;
    }

    String page(Login who, String url) throws Exception {
        return call(who, get(url), 200).getContentAsString();
    }

    JsonNode api(Login who, MockHttpServletRequestBuilder request, int status) throws Exception {
        return json.readTree(call(who, request, status).getContentAsString());
    }

    static MockHttpServletRequestBuilder body(MockHttpServletRequestBuilder b, String content) {
        return b.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(content);
    }

    static MockHttpServletRequestBuilder form(String... pairs) {
        MockHttpServletRequestBuilder b = post("/admin/retention").with(csrf());
        List<String> given = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            b.param(pairs[i], pairs[i + 1]);
            given.add(pairs[i]);
        }
        String[][] defaults = {{"detections", "90"}, {"evidence", "365"}, {"alerts", "730"}, {"tickets", "1095"},
            {"audit", "1095"}};
        for (String[] d : defaults) {
            if (!given.contains(d[0])) {
                b.param(d[0], d[1]);
            }
        }
        return b;
    }

    @Test
    void theAdminReadsWhatEachKindIsAndChangesHowLongItIsKept() throws Exception {
        String ja = page(admin, "/admin/retention");
        assertThat(ja).contains("データの保存期間", "検知の記録", "アラートの証拠（もとのログ）", "対応が終わったアラート",
                "終わったご相談（相談窓口の記録）", "操作の記録（監査ログ）", "最短 1 年（365 日）",
                "62 日から 3,650 日までの間で指定できます（初期値は 90 日）", "name=\"detections\"", "value=\"90\"",
                "value=\"1095\"", "受け取ったログの一時保管", "最長 7 日、または合計 2,048 MB", "毎日 3 時（日本時間）",
                "まだ削除は行われていません").doesNotContain("DETECTIONS", "MORE_LEFT");
        String en = page(admin, "/admin/retention?lang=en");
        assertThat(en).contains("How long data is kept", "Closed alerts", "Audit log (who did what)",
                "Between 62 days and 3,650 days (default: 90 days).", "Kept for at most 7 days", "No clean-up has run");
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Kept"));
        assertThat(page(admin, "/tenants/" + tenant.id())).contains("href=\"/admin/retention\"");

        var saved = call(admin, form("detections", "120", "audit", "1500"), 302);
        assertThat(saved.getRedirectedUrl()).isEqualTo("/admin/retention?saved");
        assertThat(page(admin, "/admin/retention?saved")).contains("保存しました", "value=\"120\"", "value=\"1500\"");
        assertThat(policies.days()).containsEntry(RetentionKind.DETECTIONS, 120)
                .containsEntry(RetentionKind.AUDIT, 1500).containsEntry(RetentionKind.ALERTS, 730);

        JsonNode got = api(admin, get("/api/v1/retention"), 200);
        assertThat(got.get("kinds").get(0).get("kind").asString()).isEqualTo("detections");
        assertThat(got.get("kinds").get(0).get("days").asInt()).isEqualTo(120);
        assertThat(got.get("kinds").get(0).get("defaultDays").asInt()).isEqualTo(90);
        assertThat(got.get("kinds").get(4).get("minDays").asInt()).isEqualTo(365);
        assertThat(got.get("journal").get("retentionDays").asInt()).isEqualTo(7);
        JsonNode put = api(admin, body(put("/api/v1/retention"), "{\"tickets\": 2000}"), 200);
        assertThat(put.get("kinds").get(3).get("days").asInt()).isEqualTo(2000);
        assertThat(put.get("kinds").get(0).get("days").asInt()).isEqualTo(120);
    }

    @Test
    void aRetentionBelowItsMinimumIsRefusedWithTheReasonAndNothingIsStored() throws Exception {
        String refused = call(admin, form("detections", "100", "audit", "100"), 422).getContentAsString();
        assertThat(refused).contains("365 日より短くはできません（入力は 100 日）", "value=\"100\"");
        String en = call(admin, form("audit", "100").param("lang", "en"), 422).getContentAsString();
        assertThat(en).contains("It cannot be shorter than 365 days (you entered 100). Nothing was saved.");
        assertThat(call(admin, form("tickets", "three years"), 400).getContentAsString())
                .contains("日数を数字で入力してください");

        JsonNode problem = api(admin, body(put("/api/v1/retention"), "{\"audit\": 100}"), 422);
        assertThat(problem.get("field").asString()).isEqualTo("audit");
        assertThat(problem.get("limit").asInt()).isEqualTo(365);
        assertThat(problem.get("detail").asString()).contains("at least 365 days");
        assertThat(api(admin, body(put("/api/v1/retention"), "{\"evidence\": 1000}"), 422).get("field").asString())
                .isEqualTo("evidence");
        assertThat(api(admin, body(put("/api/v1/retention"), "{\"alerts\": 99999}"), 422).get("limit").asInt())
                .isEqualTo(3650);
        assertThat(api(admin, body(put("/api/v1/retention"), "{\"forever\": 100}"), 400).get("field").asString())
                .isEqualTo("forever");
        call(admin, body(put("/api/v1/retention"), "{\"audit\": \"long\"}"), 400);
        call(admin, body(put("/api/v1/retention"), "{}"), 400);
        assertThat(jdbc.sql("select count(*) from retention_setting").query(Long.class).single()).isZero();
    }

    @Test
    void afterACleanUpEachKindShowsWhenItRanAndHowManyRowsItDeleted() throws Exception {
        UUID tenant = world.tenant(admin.actor(), TestWorld.unique("Old")).id();
        for (int i = 0; i < 3; i++) {
            jdbc.sql("""
                    insert into detection (tenant_id, at, detector, rule_id, title, severity, created_at, category)
                    values (:t, :at, 'intel', 'r1', 'old', 'LOW', :at, 'OTHER')""").param("t", tenant)
                    .param("at", utc(clock.instant().minus(Duration.ofDays(200)))).update();
        }
        var ran = call(admin, post("/admin/retention/run").with(csrf()), 302);
        assertThat(ran.getRedirectedUrl()).isEqualTo("/admin/retention?ran");
        String shown = page(admin, "/admin/retention?ran");
        assertThat(shown).contains("古いデータの削除を実行しました", "件を削除しました。");
        String detections = shown.substring(shown.indexOf("id=\"retention-detections\""),
                shown.indexOf("id=\"retention-evidence\""));
        assertThat(detections).contains(" に 3 件を削除しました。");
        String en = page(admin, "/admin/retention?lang=en");
        assertThat(en.substring(en.indexOf("id=\"retention-detections\""), en.indexOf("id=\"retention-evidence\"")))
                .contains(", 3 rows deleted.");
        JsonNode got = api(admin, get("/api/v1/retention"), 200);
        assertThat(got.get("kinds").get(0).get("lastRun").get("deleted").asInt()).isEqualTo(3);
        assertThat(got.get("kinds").get(0).get("lastRun").get("outcome").asString()).isEqualTo("DONE");
    }

    @Test
    void onlyTheProviderAdminReachesRetention() throws Exception {
        Login analyst = world.staff(Role.ANALYST, true);
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Nosy"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        for (Login who : List.of(analyst, owner)) {
            call(who, get("/admin/retention"), 403);
            call(who, form("audit", "400"), 403);
            call(who, post("/admin/retention/run").with(csrf()), 403);
            call(who, get("/api/v1/retention"), 403);
            call(who, body(put("/api/v1/retention"), "{\"audit\": 400}"), 403);
        }
        assertThat(jdbc.sql("select count(*) from retention_setting").query(Long.class).single()).isZero();
    }

    @Test
    void theCompanysEventsLeaveTheAppsJournalAndTheOthersStay() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<SecurityEvent> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID t = i % 2 == 0 ? a : b;
            events.add(SecurityEvent.builder("test").tenant(new TenantId(t)).timestamp(i).received(i)
                    .raw("event " + i + " of " + t).build());
        }
        pipeline.submit(events);
        Path dir = ((EmbeddedPipeline) pipeline).journal().directory();
        assertThat(holds(dir, a)).isTrue();

        assertThat(tenantJournal.erase(a)).isEqualTo(4);

        assertThat(holds(dir, a)).as("company a's id in a journal file").isFalse();
        assertThat(holds(dir, b)).isTrue();
        assertThat(tenantJournal.erase(a)).isZero();
    }

    /** Whether a segment file of the journal holds the company's id, binary (as encoded) or as text. */
    private static boolean holds(Path dir, UUID tenant) throws Exception {
        byte[] binary = ByteBuffer.allocate(16).putLong(tenant.getMostSignificantBits())
                .putLong(tenant.getLeastSignificantBits()).array();
        String text = tenant.toString();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".seg")).toList()) {
                byte[] data = Files.readAllBytes(p);
                if (new String(data, StandardCharsets.ISO_8859_1).contains(new String(binary,
                        StandardCharsets.ISO_8859_1)) || new String(data, StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
