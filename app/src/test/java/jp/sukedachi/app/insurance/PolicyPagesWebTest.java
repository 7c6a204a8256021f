package jp.sukedachi.app.insurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.app.plan.ContractDraft;
import jp.sukedachi.app.plan.PlanDraft;
import jp.sukedachi.app.plan.PlanService;
import jp.sukedachi.app.plan.PlanType;
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
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The policy pages and API through the whole web stack: staff record a policy on the company's page and over the
 * API (201), an overlapping period or limits that do not fit answer 422 with the reason; the company's owner and
 * members read their own policy in plain words with the worked example computed by the claim arithmetic; another
 * company's owner and an insurer get 404; the admin adds insurers and assigns the insurer's staff.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class PolicyPagesWebTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    PolicyFixture fixture;
    @Autowired
    PolicyRegistry policies;
    @Autowired
    PlanService plans;
    @Autowired
    ObjectMapper json;

    Login admin;
    Tenant tenant;
    Insurer insurer;
    LocalDate today;

    @BeforeEach
    void setUp() {
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("保険工業"));
        insurer = fixture.insurer(admin.actor());
        today = policies.today();
    }

    private <B extends AbstractMockHttpServletRequestBuilder<B>> MockHttpServletResponse call(Login who, B request)
            throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(world.authentication(who)))).andReturn()
                .getResponse();
    }

    private String body(LocalDate from, LocalDate to, String number, long forensicPerClaim) {
        return """
                {"insurerId":"%s","policyNumber":"%s","from":"%s","to":"%s","annualLimitYen":1000000,
                 "deductibleYen":50000,"coveragePercent":100,"lines":[
                 {"line":"FIRST_RESPONSE","perClaimLimitYen":300000,"perYearLimitYen":300000},
                 {"line":"ONSITE_VISIT","perClaimLimitYen":300000,"perYearLimitYen":500000},
                 {"line":"FORENSIC","perClaimLimitYen":%d,"perYearLimitYen":500000}]}"""
                .formatted(insurer.id(), number, from, to, forensicPerClaim);
    }

    @Test
    void staffRecordAPolicyOnTheCompanysPageAndAnOverlappingOneIsRefusedWithTheReason() throws Exception {
        String companyPage = call(admin, get("/tenants/" + tenant.id())).getContentAsString();
        assertThat(companyPage).contains("/tenants/" + tenant.id() + "/policy");
        String page = call(admin, get("/tenants/" + tenant.id() + "/policy")).getContentAsString();
        assertThat(page).contains("この会社の保険契約はまだありません").contains(insurer.name()).contains("name=\"claim.FORENSIC\"");
        var created = call(admin, post("/tenants/" + tenant.id() + "/policy").param("insurerId", insurer.id().toString())
                .param("policyNumber", "WEB-001").param("from", today.toString())
                .param("to", today.plusYears(1).minusDays(1).toString()).param("annualLimitYen", "1,000,000")
                .param("deductibleYen", "50,000").param("coveragePercent", "100").param("claim.FORENSIC", "500,000")
                .param("year.FORENSIC", "500000円"));
        assertThat(created.getStatus()).isEqualTo(302);
        PolicyTerms stored = policies.activeFor(tenant.id(), today).orElseThrow();
        assertThat(stored.lines()).containsExactly(new PolicyTerms.Line(CoverageLine.FORENSIC, 500_000, 500_000));
        assertThat(call(admin, get("/tenants/" + tenant.id() + "/policy")).getContentAsString()).contains("WEB-001")
                .contains("1,000,000 円").contains("有効");
        var overlap = call(admin, post("/tenants/" + tenant.id() + "/policy").param("insurerId", insurer.id().toString())
                .param("policyNumber", "WEB-002").param("from", today.plusMonths(6).toString())
                .param("to", today.plusMonths(18).toString()).param("annualLimitYen", "1000000")
                .param("claim.FORENSIC", "500000").param("year.FORENSIC", "500000"));
        assertThat(overlap.getStatus()).isEqualTo(422);
        assertThat(overlap.getContentAsString()).contains("保険契約 WEB-001").contains("重なっています")
                .contains("value=\"WEB-002\"");
        var notANumber = call(admin, post("/tenants/" + tenant.id() + "/policy/" + stored.policyId())
                .param("insurerId", insurer.id().toString()).param("policyNumber", "WEB-001")
                .param("from", today.toString()).param("to", today.plusYears(1).toString())
                .param("annualLimitYen", "百万"));
        assertThat(notANumber.getStatus()).isEqualTo(400);
        assertThat(notANumber.getContentAsString()).contains("半角の数字");
        // Only provider staff keep a company's policy.
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        assertThat(call(owner, get("/tenants/" + tenant.id() + "/policy")).getStatus()).isEqualTo(403);
        assertThat(call(world.staff(Role.INSURER, true), get("/tenants/" + tenant.id() + "/policy")).getStatus())
                .isEqualTo(403);
    }

    @Test
    void theApiStoresAPolicyAnswers422WithTheReasonAndTheCompanyReadsOnlyItsOwn() throws Exception {
        String path = "/api/v1/tenants/" + tenant.slug() + "/policy";
        var created = call(admin, put(path).contentType(MediaType.APPLICATION_JSON)
                .content(body(today, today.plusYears(1).minusDays(1), "API-001", 500_000)));
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode policy = json.readTree(created.getContentAsString());
        assertThat(policy.get("annualLimitYen").isIntegralNumber()).isTrue();
        assertThat(policy.get("annualLimitYen").asLong()).isEqualTo(1_000_000);
        assertThat(policy.get("from").asString()).isEqualTo(today.toString());
        assertThat(policy.get("inForceToday").asBoolean()).isTrue();
        var overlap = call(admin, put(path).contentType(MediaType.APPLICATION_JSON)
                .content(body(today.plusDays(10), today.plusYears(2), "API-002", 500_000)));
        assertThat(overlap.getStatus()).isEqualTo(422);
        JsonNode problem = json.readTree(overlap.getContentAsString());
        assertThat(problem.get("field").asString()).isEqualTo("from");
        assertThat(problem.get("detail").asString()).contains("API-001");
        var tooHigh = call(admin, put(path).contentType(MediaType.APPLICATION_JSON)
                .content(body(today.plusYears(1), today.plusYears(2).minusDays(1), "API-002", 600_000)));
        assertThat(tooHigh.getStatus()).isEqualTo(422);
        assertThat(json.readTree(tooHigh.getContentAsString()).get("field").asString()).isEqualTo("lines.FORENSIC");
        var negative = call(admin, put(path).contentType(MediaType.APPLICATION_JSON).content(
                body(today.plusYears(1), today.plusYears(2).minusDays(1), "API-002", 500_000)
                        .replace("\"deductibleYen\":50000", "\"deductibleYen\":-1")));
        assertThat(negative.getStatus()).isEqualTo(422);
        assertThat(call(admin, put(path).contentType(MediaType.APPLICATION_JSON).content("{\"from\":\"not a date\"}"))
                .getStatus()).isEqualTo(400);
        // Changing it by id answers 200.
        var changed = call(admin, put(path).contentType(MediaType.APPLICATION_JSON).content(
                body(today, today.plusYears(1).minusDays(1), "API-001", 400_000)
                        .replaceFirst("\\{", "{\"id\":\"" + policy.get("id").asString() + "\",")));
        assertThat(changed.getStatus()).isEqualTo(200);

        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        Login member = world.smeUser(tenant, Role.TENANT_MEMBER);
        for (Login reader : List.of(owner, member)) {
            var read = call(reader, get(path));
            assertThat(read.getStatus()).isEqualTo(200);
            JsonNode current = json.readTree(read.getContentAsString()).get("current");
            assertThat(current.get("policyNumber").asString()).isEqualTo("API-001");
            assertThat(current.get("lines").toString()).contains("\"perClaimLimitYen\":400000");
        }
        assertThat(call(owner, put(path).contentType(MediaType.APPLICATION_JSON)
                .content(body(today.plusYears(1), today.plusYears(2).minusDays(1), "OWN-1", 500_000))).getStatus())
                .isEqualTo(403);
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("他社"));
        Login otherOwner = world.smeUser(other, Role.TENANT_OWNER);
        assertThat(call(otherOwner, get(path)).getStatus()).isEqualTo(404);
        Login insurerUser = world.staff(Role.INSURER, true);
        call(admin, put("/api/v1/insurers/" + insurer.id() + "/users/" + insurerUser.user().id()));
        assertThat(call(insurerUser, get(path)).getStatus()).isEqualTo(404);
        assertThat(call(otherOwner, get("/api/v1/tenants/" + other.slug() + "/policy")).getContentAsString())
                .contains("\"policies\":[]").doesNotContain("API-001");
    }

    @Test
    void theOwnerReadsThePolicyInPlainWordsWithTheWorkedExampleComputedByTheClaimArithmetic() throws Exception {
        var plan = plans.create(admin.actor(), new PlanDraft(TestWorld.unique("見守り"), PlanType.NETWORK, 1, 9_800L, 0L,
                4, 2, 6, 12_345L, 6_000L, 8_000L));
        plans.setContract(admin.actor(), tenant.id(), new ContractDraft(plan.id(), today.minusMonths(1), null, 1, 0));
        PolicyTerms policy = policies.save(admin.actor(), tenant.id(), null, PolicyFixture.typical(insurer.id(),
                "MY-001", today.minusMonths(1), today.plusMonths(11)));
        // The owner's case: visits of 3.5 h and 2 h at the contract's 12,345 yen an hour, and an 800,000 yen invoice.
        ClaimArithmetic.Result expected = ClaimArithmetic.compute(policy, List.of(
                new ClaimArithmetic.Claimed(CoverageLine.ONSITE_VISIT, ClaimArithmetic.yenForMinutes(210, 12_345)),
                new ClaimArithmetic.Claimed(CoverageLine.ONSITE_VISIT, ClaimArithmetic.yenForMinutes(120, 12_345)),
                new ClaimArithmetic.Claimed(CoverageLine.FORENSIC, 800_000)), Map.of(), 0);
        assertThat(expected.selfBurdenYen()).isPositive();
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        Login member = world.smeUser(tenant, Role.TENANT_MEMBER);
        for (Login reader : List.of(owner, member)) {
            var page = call(reader, get("/my/insurance"));
            assertThat(page.getStatus()).isEqualTo(200);
            assertThat(page.getContentAsString()).contains(insurer.name()).contains("MY-001").contains("03-0000-0000")
                    .contains("専門業者による原因調査（フォレンジック）").contains("1 回の事故で 500,000 円まで")
                    .contains("まず 50,000 円は貴社のご負担です").contains("技術者の駆け付け 2 回（計 5.5 時間）")
                    .contains("1 時間 12,345 円")
                    .contains("保険から " + PolicyTexts.yen(expected.payableYen(), Locale.JAPANESE) + "、貴社のご負担 "
                            + PolicyTexts.yen(expected.selfBurdenYen(), Locale.JAPANESE))
                    .contains("取引先やお客様への損害賠償").contains("身代金");
        }
        String english = call(owner, get("/my/insurance").param("lang", "en")).getContentAsString();
        assertThat(english).contains("Investigation of the cause by a specialist company (forensics)")
                .contains("The insurance pays " + PolicyTexts.yen(expected.payableYen(), Locale.ENGLISH) + "; you pay "
                        + PolicyTexts.yen(expected.selfBurdenYen(), Locale.ENGLISH));
        // The contract page links here; staff have no such page of their own; another company sees its own (none).
        assertThat(call(owner, get("/my/contract")).getContentAsString()).contains("href=\"/my/insurance\"");
        assertThat(call(admin, get("/my/insurance")).getStatus()).isEqualTo(403);
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("他社"));
        String otherPage = call(world.smeUser(other, Role.TENANT_OWNER), get("/my/insurance")).getContentAsString();
        assertThat(otherPage).contains("まだ登録されていません").doesNotContain("MY-001").doesNotContain(insurer.name());
    }

    @Test
    void theAdminAddsAnInsurerAndAssignsItsStaffWhoThenSeeOnlyTheirOwnInsurer() throws Exception {
        var page = call(admin, post("/admin/insurers").param("name", "").param("contactName", "窓口"));
        assertThat(page.getStatus()).isEqualTo(400);
        String name = TestWorld.unique("みらい損保");
        var created = call(admin, post("/admin/insurers").param("name", name).param("contactName", "保険金お支払い課")
                .param("contactEmail", "claims@mirai.example.jp"));
        assertThat(created.getStatus()).isEqualTo(302);
        assertThat(call(admin, post("/admin/insurers").param("name", name).param("contactName", "x")
                .param("contactPhone", "1")).getStatus()).isEqualTo(409);
        Login insurerUser = world.staff(Role.INSURER, true);
        String list = call(admin, get("/admin/insurers")).getContentAsString();
        assertThat(list).contains(name).contains(insurerUser.user().login()).contains("value=\"claims@mirai.example.jp\"");
        Insurer mirai = json.readerForListOf(Insurer.class).<List<Insurer>>readValue(
                call(admin, get("/api/v1/insurers")).getContentAsString()).stream()
                .filter(i -> i.name().equals(name)).findFirst().orElseThrow();
        assertThat(call(admin, post("/admin/insurers/members/" + insurerUser.user().id())
                .param("insurerId", mirai.id().toString())).getStatus()).isEqualTo(302);
        assertThat(policies.insurerOf(insurerUser.user().id())).contains(mirai.id());
        assertThat(call(insurerUser, get("/api/v1/insurers")).getContentAsString()).contains(name)
                .doesNotContain(insurer.name());
        assertThat(call(insurerUser, get("/api/v1/insurers/" + insurer.id())).getStatus()).isEqualTo(404);
        // Assigning someone who is not insurer staff is refused with the reason (422), over the API too.
        Login analyst = world.staff(Role.ANALYST, true);
        var wrong = call(admin, put("/api/v1/insurers/" + mirai.id() + "/users/" + analyst.user().id()));
        assertThat(wrong.getStatus()).isEqualTo(422);
        assertThat(call(admin, post("/admin/insurers/members/" + analyst.user().id())
                .param("insurerId", mirai.id().toString())).getStatus()).isEqualTo(422);
        // The API: the admin adds insurers (201); others may not (403); the analyst reads the list.
        var api = call(admin, post("/api/v1/insurers").contentType(MediaType.APPLICATION_JSON).content(
                "{\"name\":\"" + TestWorld.unique("API損保") + "\",\"contactName\":\"窓口\",\"contactPhone\":\"03-1111-2222\"}"));
        assertThat(api.getStatus()).isEqualTo(201);
        assertThat(call(analyst, post("/api/v1/insurers").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"contactName\":\"y\",\"contactPhone\":\"1\"}")).getStatus()).isEqualTo(403);
        assertThat(call(analyst, get("/api/v1/insurers")).getContentAsString()).contains(name);
        assertThat(call(world.smeUser(tenant, Role.TENANT_OWNER), get("/api/v1/insurers")).getStatus()).isEqualTo(403);
        assertThat(call(analyst, get("/admin/insurers")).getStatus()).isEqualTo(403);
    }
}
