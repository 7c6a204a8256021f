package jp.sukedachi.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.OffsetDateTime;
import jp.sukedachi.app.incident.IncidentSummary;
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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * The dispatch pages and API through the whole web stack: staff request, see in the queue and assign a visit; the
 * responder's pages (home, list, visit with map and phone links, the camera input) and their steps; bad input
 * answers 400 with the reason (a window ending before it starts, check-out before check-in, a file over the cap),
 * never 500; company users have no dispatch pages.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000", "sukedachi.dispatch.max-evidence-mb=1"})
@AutoConfigureMockMvc
class DispatchWebTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    DispatchFixture fixture;
    @Autowired
    Visits visits;

    Login admin;
    Tenant tenant;
    IncidentSummary incident;
    Login responder;

    @BeforeEach
    void setUp() {
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("ウェブ工業"));
        incident = fixture.incident(admin.actor(), tenant, "事務所のパソコンが暗号化された");
        responder = fixture.responder(admin.actor(), "27", "13");
    }

    private <B extends AbstractMockHttpServletRequestBuilder<B>> MockHttpServletResponse call(Login who, B request) throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(world.authentication(who)))).andReturn().getResponse();
    }

    @Test
    void staffRequestAVisitFromTheIncidentSeeItInTheQueueAndAssignTheResponderCoveringTheRegion() throws Exception {
        String form = call(admin, get("/dispatch/incidents/" + incident.id() + "/visits/new")).getContentAsString();
        assertThat(form).contains(tenant.contactName()).contains(tenant.contactPhone()).contains("name=\"address\"");
        var bad = call(admin, post("/dispatch/incidents/" + incident.id() + "/visits").param("address", "大阪市北区1-1")
                .param("windowStart", "2026-12-08T12:00").param("windowEnd", "2026-12-08T10:00"));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString()).contains("希望日時の「まで」は「から」より後にしてください");
        var created = call(admin, post("/dispatch/incidents/" + incident.id() + "/visits").param("address", "大阪市北区1-1")
                .param("windowStart", "2026-12-08T10:00").param("windowEnd", "2026-12-08T12:00").param("notes", "UTMの確認"));
        assertThat(created.getStatus()).isEqualTo(302);
        String visitPath = created.getRedirectedUrl();
        String queue = call(admin, get("/dispatch")).getContentAsString();
        assertThat(queue).contains(tenant.name()).contains("12月8日 10:00〜12:00").contains("担当者を手配中");
        String page = call(admin, get(visitPath)).getContentAsString();
        assertThat(page).contains(responder.user().displayName()).contains("この地域の担当");
        assertThat(call(admin, post(visitPath + "/assign").param("responderId", responder.user().id().toString()))
                .getStatus()).isEqualTo(302);
        assertThat(call(admin, get(visitPath)).getContentAsString()).contains("担当者が決まりました");
        assertThat(call(admin, post(visitPath + "/assign").param("responderId", admin.user().id().toString()))
                .getStatus()).isEqualTo(400);
        // The responders page edits prefectures and availability.
        assertThat(call(admin, get("/dispatch/responders")).getContentAsString()).contains(responder.user().displayName());
        assertThat(call(admin, post("/dispatch/responders/" + responder.user().id()).param("prefectures", "27")
                .param("prefectures", "99").param("availability", "AVAILABLE")).getStatus()).isEqualTo(400);
        assertThat(call(admin, post("/dispatch/responders/" + responder.user().id()).param("prefectures", "28")
                .param("availability", "OFF").param("availabilityNote", "健康診断")).getStatus()).isEqualTo(302);
        assertThat(call(admin, get("/dispatch/responders")).getContentAsString()).contains("健康診断").contains("休みです");
    }

    @Test
    void theResponderWorksTheirVisitFromThePhonePagesAndBadStepsAnswer400() throws Exception {
        Visit visit = fixture.request(admin.actor(), incident, "大阪府大阪市北区梅田1-2-3 4階");
        visits.assign(admin.actor(), visit.id(), responder.user().id());
        String path = "/visits/" + visit.id();
        assertThat(call(responder, get("/")).getContentAsString()).contains(path).contains("大阪府大阪市北区梅田1-2-3");
        assertThat(call(responder, get("/visits")).getContentAsString()).contains(path).contains("ランサムウェア");
        String page = call(responder, get(path)).getContentAsString();
        assertThat(page).contains("https://www.google.com/maps/search/?api=1&amp;query=")
                .contains("href=\"tel:0612345678\"").contains("事務所のパソコンが暗号化された")
                .contains("bring the USB stick").doesNotContain(tenant.contactEmail());
        var early = call(responder, post(path + "/check-out").param("workDone", "isolated"));
        assertThat(early.getStatus()).isEqualTo(400);
        assertThat(early.getContentAsString()).contains("先に「到着しました」を押してください");
        assertThat(call(responder, post(path + "/check-in")).getStatus()).isEqualTo(302);
        page = call(responder, get(path)).getContentAsString();
        assertThat(page).contains("accept=\"image/*\"").contains("capture=\"environment\"").contains("id=\"check-out\"");
        byte[] big = new byte[1024 * 1024 + 10];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        var oversize = call(responder, multipart(path + "/evidence").file(new MockMultipartFile("file", "big.jpg",
                "image/jpeg", big)));
        assertThat(oversize.getStatus()).isEqualTo(400);
        assertThat(oversize.getContentAsString()).contains("1 MB まで");
        byte[] small = java.util.Arrays.copyOf(big, 2048);
        assertThat(call(responder, multipart(path + "/evidence").file(new MockMultipartFile("file", "ok.jpg",
                "image/jpeg", small))).getStatus()).isEqualTo(302);
        long evidenceId = visits.evidence(admin.actor(), visit.id()).getFirst().id();
        var download = call(responder, get(path + "/evidence/" + evidenceId));
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.getContentAsByteArray()).isEqualTo(small);
        assertThat(call(responder, post(path + "/check-out").param("workDone", "isolated").param("travelMinutes", "abc"))
                .getStatus()).isEqualTo(400);
        assertThat(call(responder, post(path + "/check-out").param("workDone", "隔離しました").param("signedOffBy", "山田 花子")
                .param("travelMinutes", "30")).getStatus()).isEqualTo(302);
        assertThat(call(responder, get(path)).getContentAsString()).contains("訪問が終わりました").contains("山田 花子");
        // A company user has no dispatch pages; another responder cannot open the visit.
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        assertThat(call(owner, get("/visits")).getStatus()).isEqualTo(403);
        assertThat(call(owner, get("/dispatch")).getStatus()).isEqualTo(403);
        assertThat(call(fixture.responder(admin.actor(), "27"), get(path)).getStatus()).isEqualTo(404);
    }

    @Test
    void theIncidentPageShowsTheVisitsToStaffAndTheNextVisitInPlainWordsToTheCompany() throws Exception {
        Visit visit = fixture.request(admin.actor(), incident, "大阪市北区");
        visits.assign(admin.actor(), visit.id(), responder.user().id());
        String staffPage = call(admin, get("/incidents/" + incident.id())).getContentAsString();
        assertThat(staffPage).contains("/dispatch/visits/" + visit.id())
                .contains("/dispatch/incidents/" + incident.id() + "/visits/new");
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        String companyPage = call(owner, get("/my/incidents/" + incident.id())).getContentAsString();
        assertThat(companyPage).contains("に技術者 " + responder.user().displayName() + " が伺います")
                .doesNotContain("bring the USB stick").contains("訪問する技術者が決まりました");
        assertThat(call(owner, get("/api/v1/incidents/" + incident.id())).getContentAsString()).contains("\"visits\"");
    }

    @Test
    void theApiRequestsAVisitWithItsTargetArrivalAndRefusesBadInputWith400() throws Exception {
        String base = "/api/v1/incidents/" + incident.id() + "/visits";
        var created = call(admin, post(base).contentType(MediaType.APPLICATION_JSON).content("""
                {"windowStart":"2026-12-08T10:00:00+09:00","windowEnd":"2026-12-08T12:00:00+09:00",
                 "address":"大阪市北区1-1","contactName":"山田","contactPhone":"06-0000-0000","notes":"UTM"}"""));
        assertThat(created.getStatus()).isEqualTo(201);
        String json = created.getContentAsString();
        assertThat(json).contains("\"targetArrival\":\"").contains("\"status\":\"REQUESTED\"")
                .contains("\"windowStart\":\"2026-12-08T01:00:00Z\"");
        String id = json.replaceAll("(?s).*?\"id\":\"([0-9a-f-]{36})\".*", "$1");
        Instant target = Instant.parse(json.replaceAll("(?s).*\"targetArrival\":\"([^\"]+)\".*", "$1"));
        assertThat(target).isAfter(Instant.now().plusSeconds(23 * 3600)).isBefore(Instant.now().plusSeconds(25 * 3600));
        assertThat(call(admin, post(base).contentType(MediaType.APPLICATION_JSON).content("""
                {"windowStart":"2026-12-08T12:00:00+09:00","windowEnd":"2026-12-08T10:00:00+09:00","address":"x"}"""))
                .getStatus()).isEqualTo(400);
        assertThat(call(admin, post(base).contentType(MediaType.APPLICATION_JSON).content("""
                {"windowStart":"tomorrow","windowEnd":"2026-12-08T10:00:00+09:00","address":"x"}""")).getStatus())
                .isEqualTo(400);
        assertThat(call(admin, get(base)).getContentAsString()).contains(id);
        assertThat(call(responder, get("/api/v1/visits")).getContentAsString()).isEqualTo("[]");
        assertThat(call(responder, post("/api/v1/visits/" + id + "/check-in")).getStatus()).isEqualTo(404);
        assertThat(call(admin, post("/api/v1/visits/" + id + "/assign").contentType(MediaType.APPLICATION_JSON)
                .content("{\"responderId\":\"" + responder.user().id() + "\"}")).getStatus()).isEqualTo(200);
        assertThat(call(responder, get("/api/v1/visits")).getContentAsString()).contains(id);
        var early = call(responder, post("/api/v1/visits/" + id + "/check-out").contentType(MediaType.APPLICATION_JSON)
                .content("{\"workDone\":\"x\"}"));
        assertThat(early.getStatus()).isEqualTo(400);
        assertThat(early.getContentAsString()).contains("check in first");
        assertThat(call(responder, post("/api/v1/visits/" + id + "/check-in")).getStatus()).isEqualTo(200);
        byte[] big = new byte[1024 * 1024 + 10];
        big[0] = '%';
        big[1] = 'P';
        big[2] = 'D';
        big[3] = 'F';
        assertThat(call(responder, multipart("/api/v1/visits/" + id + "/evidence").file(new MockMultipartFile("file",
                "report.pdf", "application/pdf", big))).getStatus()).isEqualTo(400);
        var uploaded = call(responder, multipart("/api/v1/visits/" + id + "/evidence").file(new MockMultipartFile(
                "file", "report.pdf", "application/pdf", java.util.Arrays.copyOf(big, 100))));
        assertThat(uploaded.getStatus()).isEqualTo(201);
        assertThat(uploaded.getContentAsString()).contains("\"sha256\":\"");
        var done = call(responder, post("/api/v1/visits/" + id + "/check-out").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"workDone":"isolated","findings":"admin password reused","signedOffBy":"山田","travelMinutes":25}"""));
        assertThat(done.getStatus()).isEqualTo(200);
        assertThat(done.getContentAsString()).contains("\"status\":\"DONE\"").contains("\"travelMinutes\":25");
        OffsetDateTime.parse(done.getContentAsString().replaceAll("(?s).*\"checkedOutAt\":\"([^\"]+)\".*", "$1"));
        // A company user may read its own visits through the API, but not request one.
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        assertThat(call(owner, get("/api/v1/visits")).getContentAsString()).contains(id);
        assertThat(call(owner, post(base).contentType(MediaType.APPLICATION_JSON).content("{}")).getStatus())
                .isEqualTo(403);
        assertThat(call(admin, get("/api/v1/openapi")).getContentAsString()).contains("/api/v1/incidents/{id}/visits")
                .contains("/api/v1/visits/{id}/check-out");
    }
}
