package jp.sukedachi.app.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.Triage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Incidents through the real filter chain: the analyst opens one from the alert page and works it on its page
 * (5W1H, status, owner, tasks, timeline, messages, evidence); the owner reads it in plain words and never sees an
 * internal entry, the team's tasks or the evidence, on any page or API answer; the API opens, lists, reads and
 * changes incidents; every IncidentExtension is drawn on both pages and answered under its name.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
@Import(IncidentWebTest.TestExtension.class)
class IncidentWebTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    /** An extension as dispatch or the reporting routes add one: a panel and a member of the API answer. */
    @TestConfiguration
    static class TestExtension {
        @Bean
        IncidentExtension nextVisit() {
            return new IncidentExtension() {
                @Override
                public String name() {
                    return "testVisit";
                }

                @Override
                public String fragment() {
                    return "incident-test/panel :: panel";
                }

                @Override
                public Object data(Actor actor, IncidentSummary incident) {
                    return Map.of("note", "次の訪問は明日 10 時", "forIncident", incident.number());
                }
            };
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    Incidents incidents;
    @Autowired
    Triage triage;
    @Autowired
    AlertQueries alerts;
    @Autowired
    ObjectMapper json;

    Login admin;
    Login analyst;
    Tenant a;
    Tenant b;
    Login ownerA;
    Login ownerB;

    @BeforeEach
    void companies() {
        admin = world.admin();
        analyst = world.staff(Role.ANALYST, true);
        a = world.tenant(admin.actor(), TestWorld.unique("Case A"));
        b = world.tenant(admin.actor(), TestWorld.unique("Case B"));
        ownerA = world.smeUser(a, Role.TENANT_OWNER);
        ownerB = world.smeUser(b, Role.TENANT_OWNER);
    }

    MockHttpServletResponse call(Login who, AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(world.authentication(who)))).andReturn()
                .getResponse();
    }

    String page(Login who, String url) throws Exception {
        MockHttpServletResponse r = call(who, get(url));
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    JsonNode api(Login who, AbstractMockHttpServletRequestBuilder<?> request, String body, int status) throws Exception {
        MockHttpServletResponse r = call(who, request.contentType(MediaType.APPLICATION_JSON).content(body));
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        String text = r.getContentAsString(StandardCharsets.UTF_8);
        return text.isEmpty() ? null : json.readTree(text);
    }

    UUID opened(MockHttpServletResponse r) throws Exception {
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(302);
        return UUID.fromString(r.getRedirectedUrl().replaceAll(".*/incidents/([0-9a-f-]{36}).*", "$1"));
    }

    @Test
    void theAnalystOpensAnIncidentFromTheAlertPageAndWorksItOnItsPage() throws Exception {
        Alert alert = IncidentLifecycleContract.alertsOf(triage, alerts, admin.actor(), a, "keiri-pc").getFirst();
        assertThat(page(analyst, "/alerts/" + alert.id())).contains("action=\"/incidents\"")
                .contains("name=\"alerts\" value=\"" + alert.id() + "\"");
        assertThat(page(analyst, "/incidents/new?alerts=" + alert.id())).contains("1 件のアラート");
        UUID id = opened(call(analyst, post("/incidents").param("alerts", alert.id().toString())
                .param("title", "経理 PC の Emotet").param("type", "MALWARE")));
        assertThat(page(analyst, "/alerts/" + alert.id())).contains("href=\"/incidents/" + id + "\"");

        String detail = page(analyst, "/incidents/" + id);
        assertThat(detail).contains("経理 PC の Emotet", "マルウェア感染（Emotet など）", "対応開始", "keiri-pc",
                "LAN ケーブルを抜き", "お客様が行う", "次の訪問は明日 10 時", "staff-view",
                "ext-of-" + incidents.get(admin.actor(), id).number());
        // The queue: open ones, filtered by company and type.
        assertThat(page(analyst, "/incidents")).contains("経理 PC の Emotet");
        assertThat(page(analyst, "/incidents?type=MALWARE&tenant=" + a.slug())).contains("経理 PC の Emotet");
        assertThat(page(analyst, "/incidents?type=PHISHING")).doesNotContain("経理 PC の Emotet");
        assertThat(page(analyst, "/incidents?status=CLOSED")).doesNotContain("経理 PC の Emotet");

        assertThat(opened(call(analyst, post("/incidents/" + id + "/facts").param("title", "経理 PC の Emotet")
                .param("type", "MALWARE").param("severity", "CRITICAL").param("foundBy", "経理の佐藤さん")
                .param("foundAt", "2026-05-01T09:30").param("what", "請求書の添付を開いた").param("hosts", "keiri-pc\nnas-01"))))
                .isEqualTo(id);
        assertThat(opened(call(analyst, post("/incidents/" + id + "/status").param("status", "CONTAINED")))).isEqualTo(id);
        assertThat(opened(call(analyst, post("/incidents/" + id + "/owner").param("owner", "me")))).isEqualTo(id);
        assertThat(opened(call(analyst, post("/incidents/" + id + "/tasks").param("text", "NAS のログを取る")))).isEqualTo(id);
        long first = incidents.tasks(admin.actor(), id).getFirst().id();
        assertThat(opened(call(analyst, post("/incidents/" + id + "/tasks/" + first + "/done")))).isEqualTo(id);
        assertThat(opened(call(analyst, post("/incidents/" + id + "/timeline").param("text", "取引先への連絡を検討")))).isEqualTo(id);
        assertThat(opened(call(analyst, post("/incidents/" + id + "/messages").param("body", "電源は切らずにお待ちください"))))
                .isEqualTo(id);
        assertThat(opened(call(analyst, multipart("/incidents/" + id + "/evidence").file(new MockMultipartFile("file",
                "fw.log", "text/plain", "deny 203.0.113.66".getBytes(StandardCharsets.UTF_8))).param("note", "UTM のログ"))))
                .isEqualTo(id);
        // A refused change answers in words, not with a server error.
        assertThat(call(analyst, post("/incidents/" + id + "/status").param("status", "OPEN")).getStatus()).isEqualTo(400);

        Incident now = incidents.get(admin.actor(), id);
        assertThat(now.status()).isEqualTo(IncidentStatus.CONTAINED);
        assertThat(now.severity()).isEqualTo("CRITICAL");
        assertThat(now.ownerId()).isEqualTo(analyst.user().id());
        assertThat(now.hosts()).containsExactly("keiri-pc", "nas-01");
        assertThat(now.facts().foundAt()).isEqualTo(java.time.Instant.parse("2026-05-01T00:30:00Z"));
        detail = page(analyst, "/incidents/" + id);
        assertThat(detail).contains("経理の佐藤さん", "請求書の添付を開いた", "封じ込め済み", "NAS のログを取る",
                "取引先への連絡を検討", "社内のみ", "電源は切らずにお待ちください", "fw.log",
                Hashes.sha256("deny 203.0.113.66".getBytes(StandardCharsets.UTF_8)));
        long evidence = incidents.evidence(admin.actor(), id).getFirst().id();
        MockHttpServletResponse download = call(analyst, get("/incidents/" + id + "/evidence/" + evidence));
        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment").contains("fw.log");
        assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.getContentAsString()).isEqualTo("deny 203.0.113.66");
        // The English page reads as English.
        assertThat(page(analyst, "/incidents/" + id + "?lang=en")).contains("First-response tasks", "Contained",
                "Unplug the PC");
    }

    @Test
    void theOwnerReadsTheIncidentInPlainWordsAndNeverAnInternalEntryOnAnyPageOrApiAnswer() throws Exception {
        Incident i = incidents.openForCompany(analyst.actor(), a.id(),
                new Incidents.Opening("画面に脅迫文が出た件", IncidentType.RANSOMWARE, "CRITICAL"));
        incidents.addNote(analyst.actor(), i.id(), "社内限定メモ-7Q 身代金の額は伝えない", false);
        incidents.addTask(analyst.actor(), i.id(), "チーム専用の作業-7Q", false);
        incidents.addEvidence(analyst.actor(), i.id(), "secret-evidence-7Q.txt", "text/plain",
                "x".getBytes(StandardCharsets.UTF_8), null);
        incidents.addNote(analyst.actor(), i.id(), "バックアップの確認をお願いしました", true);
        List<String> internal = List.of("社内限定メモ-7Q", "チーム専用の作業-7Q", "secret-evidence-7Q", "身代金の額");

        List<String> companyUrls = List.of("/", "/my/incidents", "/my/incidents/" + i.id(), "/api/v1/incidents",
                "/api/v1/incidents/" + i.id(), "/my/incidents/" + i.id() + "?lang=en");
        for (String url : companyUrls) {
            String body = page(ownerA, url);
            for (String secret : internal) {
                assertThat(body).as(url).doesNotContain(secret);
            }
        }
        String mine = page(ownerA, "/my/incidents/" + i.id());
        assertThat(mine).contains("画面に脅迫文が出た件", "いますぐお願いしたいこと", "LAN ケーブルを抜き",
                "担当チームが状況を調べ", "バックアップの確認をお願いしました", "company-view", "次の訪問は明日 10 時");
        assertThat(page(ownerA, "/")).contains("/my/incidents/" + i.id());
        assertThat(page(ownerA, "/my/incidents/" + i.id() + "?lang=en")).contains("What we need you to do now");
        JsonNode answer = json.readTree(page(ownerA, "/api/v1/incidents/" + i.id()));
        assertThat(answer.get("evidence").size()).isZero();
        assertThat(answer.get("tasks").valueStream()).allMatch(t -> t.get("forCompany").asBoolean());
        assertThat(answer.get("extensions").get("testVisit").get("note").asString()).isEqualTo("次の訪問は明日 10 時");
        // The staff see what the company does not.
        assertThat(page(analyst, "/incidents/" + i.id())).contains("社内限定メモ-7Q", "チーム専用の作業-7Q",
                "secret-evidence-7Q.txt");

        // The owner writes to the team and checks off their own task; staff pages and changes stay closed.
        assertThat(call(ownerA, post("/my/incidents/" + i.id() + "/messages").param("body", "LAN ケーブルを抜きました"))
                .getStatus()).isEqualTo(302);
        long own = incidents.tasks(ownerA.actor(), i.id()).getFirst().id();
        assertThat(call(ownerA, post("/my/incidents/" + i.id() + "/tasks/" + own + "/done")).getStatus()).isEqualTo(302);
        assertThat(page(analyst, "/incidents/" + i.id())).contains("LAN ケーブルを抜きました");
        assertThat(incidents.tasks(admin.actor(), i.id()).getFirst().doneBy()).isEqualTo(ownerA.user().login());
        assertThat(call(ownerA, get("/incidents/" + i.id())).getStatus()).isEqualTo(403);
        assertThat(call(ownerA, get("/incidents")).getStatus()).isEqualTo(403);
        long file = incidents.evidence(admin.actor(), i.id()).getFirst().id();
        assertThat(call(ownerA, get("/api/v1/incidents/" + i.id() + "/evidence/" + file)).getStatus()).isEqualTo(403);
        api(ownerA, patch("/api/v1/incidents/" + i.id()), "{\"status\":\"CLOSED\"}", 403);
        // Another company: nothing.
        assertThat(call(ownerB, get("/my/incidents/" + i.id())).getStatus()).isEqualTo(404);
        assertThat(call(ownerB, get("/api/v1/incidents/" + i.id())).getStatus()).isEqualTo(404);
        assertThat(page(ownerB, "/my/incidents")).doesNotContain("画面に脅迫文が出た件");
    }

    @Test
    void theApiOpensListsReadsAndChangesIncidents() throws Exception {
        JsonNode created = api(analyst, post("/api/v1/incidents"), """
                {"tenant":"%s","title":"取引先を装ったメール","type":"PHISHING"}""".formatted(a.slug()), 201);
        String id = created.get("id").asString();
        assertThat(created.get("type").asString()).isEqualTo("PHISHING");
        assertThat(created.get("status").asString()).isEqualTo("OPEN");
        assertThat(created.get("tasks").size()).isPositive();
        assertThat(created.get("timeline").get(0).get("text").asString()).isEqualTo("インシデントとして対応を始めました");
        assertThat(created.get("extensions").get("testVisit").get("forIncident").asLong())
                .isEqualTo(created.get("number").asLong());
        api(analyst, post("/api/v1/incidents"), "{\"alertIds\":[]}", 400);
        JsonNode noTitle = api(analyst, post("/api/v1/incidents"), "{\"tenant\":\"" + a.slug() + "\"}", 400);
        assertThat(noTitle.get("field").asString()).isEqualTo("title");
        api(ownerA, post("/api/v1/incidents"), "{\"tenant\":\"" + a.slug() + "\",\"title\":\"x\"}", 403);

        JsonNode changed = api(analyst, patch("/api/v1/incidents/" + id), """
                {"status":"CONTAINED","what":"添付を開いた","severity":"high","ownerId":"%s"}"""
                .formatted(analyst.user().id()), 200);
        assertThat(changed.get("status").asString()).isEqualTo("CONTAINED");
        assertThat(changed.get("severity").asString()).isEqualTo("HIGH");
        assertThat(changed.get("facts").get("what").asString()).isEqualTo("添付を開いた");
        assertThat(changed.get("ownerId").asString()).isEqualTo(analyst.user().id().toString());
        api(analyst, patch("/api/v1/incidents/" + id), "{\"status\":\"OPEN\"}", 400);
        api(analyst, patch("/api/v1/incidents/" + id), "{\"severity\":\"HUGE\"}", 400);
        api(analyst, patch("/api/v1/incidents/" + id), "{\"what\":\"" + "w".repeat(4001) + "\"}", 400);

        long task = changed.get("tasks").get(0).get("id").asLong();
        JsonNode done = api(analyst, post("/api/v1/incidents/" + id + "/tasks/" + task + "/done"), "", 200);
        assertThat(done.get("doneBy").asString()).isEqualTo(analyst.user().login());
        JsonNode undone = api(analyst, post("/api/v1/incidents/" + id + "/tasks/" + task + "/done"), "{\"done\":false}", 200);
        assertThat(undone.hasNonNull("doneAt")).isFalse();
        assertThat(api(analyst, post("/api/v1/incidents/" + id + "/tasks"), "{\"text\":\"送信元をブロック\"}", 201)
                .get("id").asLong()).isPositive();
        api(analyst, post("/api/v1/incidents/" + id + "/timeline"), "{\"text\":\"類似ドメインを確認\"}", 201);
        api(analyst, post("/api/v1/incidents/" + id + "/timeline"), "{\"text\":\"\"}", 400);

        JsonNode staffView = json.readTree(page(analyst, "/api/v1/incidents/" + id));
        assertThat(staffView.get("timeline").toString()).contains("類似ドメインを確認");
        assertThat(json.readTree(page(ownerA, "/api/v1/incidents/" + id)).get("timeline").toString())
                .doesNotContain("類似ドメインを確認");
        assertThat(page(analyst, "/api/v1/incidents?type=PHISHING&tenant=" + a.slug())).contains(id);
        assertThat(page(analyst, "/api/v1/incidents?status=CLOSED")).doesNotContain(id);
        assertThat(page(ownerB, "/api/v1/incidents")).doesNotContain(id);
        assertThat(page(analyst, "/api/v1/openapi")).contains("/api/v1/incidents/{id}", "/api/v1/incidents/{id}/timeline");
    }
}
