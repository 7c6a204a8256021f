package jp.sukedachi.app.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.regex.Pattern;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The reporting page, the panel on the incident pages and the API: staff answer the facts, read the drafts (never
 * sent) and mark duties; the company reads a plain list without staff's notes; another company gets 404.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.enabled=false"})
@AutoConfigureMockMvc
class ReportingWebTest {
    static final Pattern UUID_TEXT = Pattern.compile(">[^<]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[^<]*<");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    Incidents incidents;
    @Autowired
    ObjectMapper json;

    Login analyst;
    Tenant a;
    Login ownerA;
    Login ownerB;
    Incident incident;

    @BeforeEach
    void setUp() {
        analyst = world.staff(Role.ANALYST, true);
        Login admin = world.admin();
        a = world.tenant(admin.actor(), TestWorld.unique("レポート商事"));
        ownerA = world.smeUser(a, Role.TENANT_OWNER);
        ownerB = world.smeUser(world.tenant(admin.actor(), TestWorld.unique("Other")), Role.TENANT_OWNER);
        incident = incidents.openForCompany(analyst.actor(), a.id(),
                new Incidents.Opening("経理PCのファイルが開けない", IncidentType.RANSOMWARE, "CRITICAL"));
        describe(incident);
    }

    /** The 5W1H record and hosts as staff wrote them on the incident page. */
    void describe(Incident i) {
        incidents.update(analyst.actor(), i.id(), new Incidents.Change(null, null, null,
                new Incident.FiveW1H("経理の山田", null, "脅迫文が表示された", "本社2階", "始業時に気づいた",
                        "顧客名簿が暗号化された"), List.of("KEIRI-PC01"), null));
    }

    private MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(world.authentication(who)))).andReturn()
                .getResponse();
    }

    @Test
    void staffAnswerTheFactsReadTheDraftsAndMarkADutySent() throws Exception {
        String base = "/incidents/" + incident.id() + "/reporting";
        var before = call(analyst, get(base));
        assertThat(before.getStatus()).isEqualTo(200);
        assertThat(before.getContentAsString()).contains("自動では送られません", "判断に必要な質問にまだ答えていません",
                a.name(), "経理の山田", "KEIRI-PC01", "警察").doesNotContain("個人情報保護委員会への速報");

        var saved = call(analyst, post(base + "/facts").param("personalData", "YES").param("people", "30"));
        assertThat(saved.getRedirectedUrl()).isEqualTo(base);
        String page = call(analyst, get(base)).getContentAsString();
        assertThat(page).contains("個人情報保護委員会への速報", "個人情報保護委員会への確報", "30人分", "顧客名簿が暗号化された",
                "https://www.ppc.go.jp/", "大阪府の警察本部")
                .doesNotContain("PPC_PRELIMINARY", "RANSOMWARE", "NOT_NEEDED", "reporting.", "??");
        assertThat(UUID_TEXT.matcher(page).find()).isFalse();

        var sent = call(analyst, post(base + "/police/sent").param("sentAt", "2026-06-02T09:00").param("back",
                "incident"));
        assertThat(sent.getRedirectedUrl()).isEqualTo("/incidents/" + incident.id() + "#ext-reporting");
        JsonNode api = json.readTree(call(analyst, get("/api/v1/incidents/" + incident.id() + "/reporting"))
                .getContentAsString());
        JsonNode police = duty(api.get("reporting").get("duties"), "police");
        assertThat(police.get("status").asString()).isEqualTo("SENT");
        assertThat(police.get("doneAt").asString()).isEqualTo("2026-06-02T00:00:00Z");
        assertThat(api.get("drafts").size()).isGreaterThanOrEqualTo(5);

        // The incident page draws the panel with the deadline in words.
        String incidentPage = call(analyst, get("/incidents/" + incident.id())).getContentAsString();
        assertThat(incidentPage).contains("届け出・連絡先と期限", "2026-06-02 09:00 に連絡済み", "判断材料の入力と下書き");
    }

    @Test
    void theApiTakesFactsAndMarksAndRefusesBadInputWithAFieldError() throws Exception {
        String base = "/api/v1/incidents/" + incident.id() + "/reporting";
        var answer = call(analyst, post(base + "/facts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"personalData\":\"MAYBE\",\"people\":1200,\"partnersAffected\":true}"));
        assertThat(answer.getStatus()).isEqualTo(200);
        JsonNode duties = json.readTree(answer.getContentAsString()).get("reporting").get("duties");
        assertThat(duty(duties, "partners")).isNotNull();
        assertThat(duty(duties, "ppc-final")).isNotNull();
        var notNeeded = call(analyst, post(base + "/partners/not-needed").contentType(MediaType.APPLICATION_JSON)
                .content("{\"note\":\"取引先のデータは別のサーバーにあり影響なし\"}"));
        assertThat(notNeeded.getStatus()).isEqualTo(200);
        assertThat(duty(json.readTree(notNeeded.getContentAsString()).get("duties"), "partners").get("status")
                .asString()).isEqualTo("NOT_NEEDED");
        assertThat(call(analyst, post(base + "/facts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"personalData\":\"LOTS\"}")).getStatus()).isEqualTo(400);
        assertThat(call(analyst, post(base + "/facts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"personalData\":\"YES\",\"people\":-3}")).getStatus()).isEqualTo(400);
        assertThat(call(analyst, post(base + "/police/not-needed").contentType(MediaType.APPLICATION_JSON)
                .content("{\"note\":\"" + "x".repeat(1001) + "\"}")).getStatus()).isEqualTo(400);
        assertThat(call(analyst, post(base + "/nobody/sent").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .getStatus()).isEqualTo(404);
        assertThat(call(analyst, post(base + "/police/sent").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sentAt\":\"2999-01-01T00:00:00Z\"}")).getStatus()).isEqualTo(400);
    }

    @Test
    void theCompanyReadsAPlainListAndAnotherCompanyGets404() throws Exception {
        call(analyst, post("/incidents/" + incident.id() + "/reporting/facts").param("personalData", "YES")
                .param("people", "30"));
        call(analyst, post("/incidents/" + incident.id() + "/reporting/ipa/not-needed").param("note",
                "社内メモ：警察経由で共有"));
        var company = call(ownerA, get("/my/incidents/" + incident.id()));
        assertThat(company.getStatus()).isEqualTo(200);
        assertThat(company.getContentAsString()).contains("届け出・連絡が必要な先", "個人情報保護委員会への速報")
                .doesNotContain("社内メモ", analyst.user().login(), "連絡済みにする", "IPA（情報処理推進機構）への届出");
        JsonNode own = json.readTree(call(ownerA, get("/api/v1/incidents/" + incident.id() + "/reporting"))
                .getContentAsString());
        assertThat(own.get("duties").size()).isGreaterThan(3);
        assertThat(own.toString()).doesNotContain("社内メモ", "doneBy", "note");
        // The company marks nothing and reads no drafts.
        assertThat(call(ownerA, get("/incidents/" + incident.id() + "/reporting")).getStatus()).isIn(403, 404);
        assertThat(call(ownerA, post("/api/v1/incidents/" + incident.id() + "/reporting/police/sent")
                .contentType(MediaType.APPLICATION_JSON).content("{}")).getStatus()).isEqualTo(403);
        // Another company's owner: nothing at all.
        for (var request : List.of(get("/api/v1/incidents/" + incident.id() + "/reporting"),
                get("/incidents/" + incident.id() + "/reporting"),
                post("/incidents/" + incident.id() + "/reporting/facts").param("personalData", "NO"),
                post("/api/v1/incidents/" + incident.id() + "/reporting/police/sent")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))) {
            var r = call(ownerB, request);
            assertThat(r.getStatus()).isEqualTo(404);
            assertThat(r.getContentAsString()).doesNotContain(a.name(), "経理の山田");
        }
    }

    private static JsonNode duty(JsonNode duties, String party) {
        for (JsonNode d : duties) {
            if (d.get("party").asString().equals(party)) {
                return d;
            }
        }
        return null;
    }
}
