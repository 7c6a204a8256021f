package jp.sukedachi.app.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.audit.AuditEvent;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The self-check API and pages through the real application: scoring answers with the next steps, clear 400s,
 * who may answer and who may only read, the SECURITY ACTION tracker with its yearly reminder, the audit log and
 * the provider overview.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class SelfCheckWebTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    ApiKeyService apiKeys;
    @Autowired
    AuditRepository audit;
    @Autowired
    SecurityActionService securityAction;

    final JsonMapper json = JsonMapper.builder().build();
    Login admin;
    Tenant tenant;
    Tenant other;
    Login owner;
    Login member;
    String key;

    @BeforeEach
    void world() {
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("自社診断商事"));
        other = world.tenant(admin.actor(), TestWorld.unique("Other"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
        member = world.smeUser(tenant, Role.TENANT_MEMBER);
        key = apiKeys.create(admin.actor(), "selfcheck-test").secret();
    }

    static String body(List<String> answers) {
        return "{\"answers\":[" + String.join(",", answers.stream().map(a -> "\"" + a + "\"").toList()) + "]}";
    }

    static List<String> words(String letters) {
        return ScoringTest.answers(letters).stream().map(Answer::code).toList();
    }

    private MockHttpServletRequestBuilder withKey(MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer " + key);
    }

    private MockHttpServletRequestBuilder as(Login who, MockHttpServletRequestBuilder request) {
        return request.with(authentication(world.authentication(who))).with(csrf());
    }

    private MockHttpServletResponse run(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        response.setCharacterEncoding("UTF-8");
        return response;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(MockHttpServletResponse response) throws Exception {
        return json.readValue(response.getContentAsString(), Map.class);
    }

    private String api() {
        return "/api/v1/tenants/" + tenant.slug();
    }

    private List<AuditEvent> audited(String action) {
        return audit.find(admin.actor(), new AuditRepository.Filter(action, null, null, null, null)).stream()
                .filter(e -> tenant.id().equals(e.tenantId())).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiScoresAnAttemptExplainsTheWeakItemsAndKeepsTheHistory() throws Exception {
        MockHttpServletResponse created = run(withKey(post(api() + "/selfcheck")).contentType(MediaType.APPLICATION_JSON)
                .content(body(words(SelfCheckContract.MIX))));
        assertThat(created.getStatus()).isEqualTo(201);
        Map<String, Object> result = map(created);
        assertThat(result.get("total")).isEqualTo(43);
        List<Map<String, Object>> parts = (List<Map<String, Object>>) result.get("parts");
        assertThat(parts).extracting(p -> p.get("score")).containsExactly(9, 24, 10);
        assertThat(parts).extracting(p -> p.get("items")).containsExactly("1-5", "6-18", "19-25");
        List<Map<String, Object>> weak = (List<Map<String, Object>>) result.get("weakItems");
        // Not done and don't know first, then partly: 3 (no) and 4 (unknown) lead.
        assertThat(weak).extracting(w -> w.get("item")).startsWith(3, 4);
        assertThat(weak.getFirst().get("answer")).isEqualTo("no");
        assertThat((String) weak.getFirst().get("question")).contains("パスワード");
        assertThat((String) weak.getFirst().get("nextStep")).contains("長いパスフレーズ");
        assertThat(weak.getFirst().get("lesson")).isEqualTo("/selfcheck/lessons/3");
        assertThat(weak).hasSize(16);

        // English when the caller asks for it.
        Map<String, Object> english = map(run(withKey(post(api() + "/selfcheck")).header("Accept-Language", "en")
                .contentType(MediaType.APPLICATION_JSON).content(body(Collections.nCopies(25, "partly")))));
        assertThat(english.get("total")).isEqualTo(50);
        assertThat((String) ((List<Map<String, Object>>) english.get("weakItems")).getFirst().get("nextStep"))
                .contains("automatic updates");

        List<Map<String, Object>> history = json.readValue(run(withKey(get(api() + "/selfcheck"))).getContentAsString(),
                List.class);
        assertThat(history).extracting(h -> h.get("total")).containsExactly(50, 43);
        assertThat((List<String>) history.get(1).get("answers")).hasSize(25).startsWith("done", "partly", "no", "unknown");
        assertThat(audited("SELFCHECK_SUBMITTED")).hasSize(2)
                .allMatch(e -> e.outcome() == AuditEvent.Outcome.SUCCESS);
        assertThat(audited("SELFCHECK_SUBMITTED").getLast().detail()).isEqualTo("total 43/100");
    }

    @Test
    void wrongAnswersGetAClearBadRequest() throws Exception {
        List<String> twentyFour = Collections.nCopies(24, "done");
        MockHttpServletResponse shortList = run(withKey(post(api() + "/selfcheck")).contentType(MediaType.APPLICATION_JSON)
                .content(body(twentyFour)));
        assertThat(shortList.getStatus()).isEqualTo(400);
        assertThat(shortList.getContentAsString()).contains("exactly 25").contains("got 24");

        List<String> wrong = new ArrayList<>(Collections.nCopies(25, "done"));
        wrong.set(9, "yes");
        MockHttpServletResponse badValue = run(withKey(post(api() + "/selfcheck")).contentType(MediaType.APPLICATION_JSON)
                .content(body(wrong)));
        assertThat(badValue.getStatus()).isEqualTo(400);
        assertThat(badValue.getContentAsString()).contains("item 10").contains("done, partly, no, unknown");

        MockHttpServletResponse broken = run(withKey(post(api() + "/selfcheck")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"answers\": [\"done\","));
        assertThat(broken.getStatus()).isEqualTo(400);
        assertThat(broken.getContentAsString()).contains("answers");

        MockHttpServletResponse missing = run(withKey(post(api() + "/selfcheck")).contentType(MediaType.APPLICATION_JSON)
                .content("{}"));
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(missing.getContentAsString()).contains("answers missing");

        // A body far larger than 25 answers is refused before it is read to the end.
        MockHttpServletResponse huge = run(withKey(post(api() + "/selfcheck")).contentType(MediaType.APPLICATION_JSON)
                .content(body(Collections.nCopies(5000, "unknown"))));
        assertThat(huge.getStatus()).isEqualTo(413);
        assertThat(audited("SELFCHECK_SUBMITTED")).isEmpty();
    }

    @Test
    void theOwnerAnswersMembersReadAndOtherCompaniesSeeNothing() throws Exception {
        String all = body(Collections.nCopies(25, "done"));
        assertThat(run(as(owner, post(api() + "/selfcheck")).contentType(MediaType.APPLICATION_JSON).content(all))
                .getStatus()).isEqualTo(201);
        assertThat(run(as(member, post(api() + "/selfcheck")).contentType(MediaType.APPLICATION_JSON).content(all))
                .getStatus()).isEqualTo(403);
        assertThat(run(as(member, get(api() + "/selfcheck"))).getContentAsString()).contains("\"total\":100");
        assertThat(run(as(member, get(api() + "/security-action"))).getStatus()).isEqualTo(200);

        Login stranger = world.smeUser(other, Role.TENANT_OWNER);
        for (String path : List.of("/selfcheck", "/security-action", "/selfcheck/peers")) {
            assertThat(run(as(stranger, get(api() + path))).getStatus()).as(path).isEqualTo(404);
        }
        assertThat(run(as(stranger, post(api() + "/selfcheck")).contentType(MediaType.APPLICATION_JSON).content(all))
                .getStatus()).isEqualTo(404);

        // Pages: members read the hub and results, but neither answer nor tick nor declare.
        assertThat(run(as(member, get("/selfcheck"))).getContentAsString()).contains("sc-latest").contains("100")
                .doesNotContain("id=\"start-check\"");
        assertThat(run(as(member, get("/selfcheck/check"))).getStatus()).isEqualTo(403);
        assertThat(run(as(member, post("/selfcheck/check").param("item1", "done"))).getStatus()).isEqualTo(403);
        assertThat(run(as(member, post("/selfcheck/security-action/rules").param("rule", "1"))).getStatus()).isEqualTo(403);
        assertThat(run(as(member, post("/selfcheck/security-action/declarations").param("code", "1")
                .param("level", "1").param("declaredOn", "2025-01-01"))).getStatus()).isEqualTo(403);
        assertThat(run(as(member, get("/selfcheck/overview"))).getStatus()).isEqualTo(403);
        assertThat(run(as(world.staff(Role.RESPONDER, true), get("/selfcheck"))).getStatus()).isEqualTo(403);
    }

    @Test
    void theOwnerFillsInTheFormAndSeesTheScoreWithTheNextSteps() throws Exception {
        String form = run(as(owner, get("/selfcheck/check"))).getContentAsString();
        assertThat(form).contains("name=\"item25\"").contains("できている").contains("わからない");

        // A form with questions left out comes back with them marked and nothing stored.
        String incomplete = run(as(owner, post("/selfcheck/check").param("item1", "done"))).getContentAsString();
        assertThat(incomplete).contains("id=\"check-missing\"").contains("24 問");
        assertThat(audited("SELFCHECK_SUBMITTED")).isEmpty();

        MockHttpServletRequestBuilder submit = as(owner, post("/selfcheck/check"));
        List<String> answers = words(SelfCheckContract.MIX);
        for (int i = 0; i < answers.size(); i++) {
            submit.param("item" + (i + 1), answers.get(i));
        }
        MockHttpServletResponse redirect = run(submit);
        assertThat(redirect.getStatus()).isEqualTo(302);
        assertThat(redirect.getRedirectedUrl()).startsWith("/selfcheck/attempts/");
        String page = run(as(owner, get(redirect.getRedirectedUrl()))).getContentAsString();
        assertThat(page).contains("id=\"score-total\">43<").contains("id=\"weak-items\"")
                .contains("id=\"weak-3\"").contains("単語を3つ以上つなげた長いパスフレーズ")
                .contains("href=\"/selfcheck/lessons/3\"").doesNotContain("id=\"weak-1\"");
        // The next attempt starts from the last answers.
        assertThat(run(as(owner, get("/selfcheck/check"))).getContentAsString())
                .containsPattern("name=\"item3\" value=\"no\" required[^>]*checked");
        // History with the trend chart drawn as SVG elements (no inline style under the CSP).
        String history = run(as(owner, get("/selfcheck/history"))).getContentAsString();
        assertThat(history).contains("<svg class=\"chart trend\"").contains("<polyline class=\"line\"")
                .doesNotContain("style=");
    }

    @Test
    void securityActionTrackerRecordsRulesAndDeclarationsAndRemindsAfterElevenMonths() throws Exception {
        assertThat(run(as(owner, post("/selfcheck/security-action/rules").param("rule", "1", "2", "3", "4", "5")))
                .getStatus()).isEqualTo(302);
        String tracker = run(as(owner, get("/selfcheck/security-action"))).getContentAsString();
        assertThat(tracker).contains("★ 一つ星を宣言する準備ができています").contains("基本方針をまだ公開していません");

        String old = LocalDate.now(jp.sukedachi.app.shared.Formats.TOKYO).minusMonths(12).toString();
        assertThat(run(as(owner, post("/selfcheck/security-action/declarations").param("code", "2025-0012345")
                .param("level", "1").param("declaredOn", old))).getStatus()).isEqualTo(302);
        assertThat(audited("SECURITY_ACTION_DECLARED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("level 1 declared " + old));
        assertThat(audited("SECURITY_ACTION_RULES_SAVED")).hasSize(1);
        assertThat(run(as(owner, get("/"))).getContentAsString()).contains("id=\"sa-review-due\"");
        assertThat(run(as(member, get("/selfcheck"))).getContentAsString()).contains("id=\"sa-review-due\"");

        @SuppressWarnings("unchecked")
        Map<String, Object> api = map(run(withKey(get(api() + "/security-action"))));
        assertThat(api.get("declaredLevel")).isEqualTo(1);
        assertThat(api.get("oneStarReady")).isEqualTo(true);
        assertThat(api.get("twoStarReady")).isEqualTo(false);
        assertThat(api.get("policyPublished")).isEqualTo(false);
        assertThat(api.get("reviewDue")).isEqualTo(true);
        assertThat(api.get("declaration")).isEqualTo(Map.of("id", "2025-0012345", "level", 1, "declaredOn", old));

        // Bad input is a 400 page, not a record: a future date, an unknown level, an ID with spaces.
        String tomorrow = LocalDate.now(jp.sukedachi.app.shared.Formats.TOKYO).plusDays(2).toString();
        assertThat(run(as(owner, post("/selfcheck/security-action/declarations").param("code", "1")
                .param("level", "1").param("declaredOn", tomorrow))).getStatus()).isEqualTo(400);
        assertThat(run(as(owner, post("/selfcheck/security-action/declarations").param("code", "1")
                .param("level", "3").param("declaredOn", old))).getStatus()).isEqualTo(400);
        assertThat(run(as(owner, post("/selfcheck/security-action/declarations").param("code", "a b")
                .param("level", "1").param("declaredOn", old))).getStatus()).isEqualTo(400);
        assertThat(audited("SECURITY_ACTION_DECLARED")).hasSize(1);
    }

    @Test
    void providerStaffSeeTheAdoptionOverview() throws Exception {
        run(withKey(post(api() + "/selfcheck")).contentType(MediaType.APPLICATION_JSON)
                .content(body(Collections.nCopies(25, "done"))));
        run(withKey(post(api() + "/selfcheck")).contentType(MediaType.APPLICATION_JSON)
                .content(body(Collections.nCopies(25, "no"))));
        Login analyst = world.staff(Role.ANALYST, true);
        String page = run(as(analyst, get("/selfcheck/overview"))).getContentAsString();
        assertThat(page).contains("id=\"adoption\"").contains("id=\"drops\"").contains(tenant.name());
        assertThat(run(as(admin, get("/selfcheck"))).getRedirectedUrl()).isEqualTo("/selfcheck/overview");
        assertThat(run(as(owner, get("/selfcheck/overview"))).getStatus()).isEqualTo(403);
        // The API is described in the OpenAPI document, with the request body's shape.
        String openApi = run(get("/api/v1/openapi")).getContentAsString();
        assertThat(openApi).contains("/api/v1/tenants/{slug}/selfcheck").contains("/api/v1/tenants/{slug}/security-action")
                .contains("SubmitRequest");
        // Every page in English too.
        assertThat(run(as(owner, get("/selfcheck").param("lang", "en"))).getContentAsString())
                .contains("Latest self-check").contains("needs both the self-check and a published basic policy").doesNotContain("最新の自社診断");
        // Navigation: owners get the hub, staff the overview.
        assertThat(run(as(owner, get("/"))).getContentAsString()).contains("href=\"/selfcheck\"");
        assertThat(run(as(analyst, get("/"))).getContentAsString()).contains("href=\"/selfcheck/overview\"");
    }
}
