package jp.sukedachi.app.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.LocalDate;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * The plan and contract pages and API through the whole web stack: a plan within the caps is created (201 with
 * Location), one above a class 1 cap is 422 naming the cap, malformed input 400; the form shows the same reason in
 * Japanese or English; staff set a contract and see the devices sending against it, with a warning when more send
 * than contracted; the owner reads their own contract in plain words and never another company's; a plan's new
 * price leaves running contracts as agreed, and the plan page says so.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class PlanWebTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    PlanService service;
    @Autowired
    DeviceService devices;
    @Autowired
    DeviceDirectory directory;
    @Autowired
    JdbcClient jdbc;

    Login admin;

    @BeforeEach
    void setUp() {
        admin = world.admin();
    }

    private <B extends AbstractMockHttpServletRequestBuilder<B>> MockHttpServletResponse call(Login who, B request)
            throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(world.authentication(who)))).andReturn()
                .getResponse();
    }

    private MockHttpServletResponse postPlan(Login who, String json) throws Exception {
        return call(who, post("/api/v1/plans").contentType(MediaType.APPLICATION_JSON).content(json));
    }

    @Test
    void aNetworkPlanOf10000YenIsCreatedWith201AndLocationAnd10001IsRefused422NamingTheClass1Cap() throws Exception {
        String name = TestWorld.unique("ネットワーク");
        var created = postPlan(admin, """
                {"name":"%s","type":"network","tier":1,"monthlyYen":10000,"perDeviceYen":0}""".formatted(name));
        assertThat(created.getStatus()).isEqualTo(201);
        String location = created.getHeader("Location");
        assertThat(location).startsWith("/api/v1/plans/");
        String one = call(admin, get(location)).getContentAsString();
        assertThat(one).contains("\"name\":\"" + name + "\"").contains("\"type\":\"network\"")
                .contains("\"monthlyYen\":10000").contains("\"targetArrivalHours\":24");

        var refused = postPlan(admin, """
                {"name":"%s","type":"network","tier":1,"monthlyYen":10001,"perDeviceYen":0}"""
                .formatted(TestWorld.unique("高すぎる")));
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString()).contains("\"cap\":\"tier1-network-monthly\"")
                .contains("\"limit\":10000").contains("\"actual\":10001").contains("10,000").contains("10,001");
    }

    @Test
    void anEndpointPlanOf2000YenPerDeviceIsCreatedAnd2001Or2100IsRefused422NamingThePerDeviceCap() throws Exception {
        assertThat(postPlan(admin, """
                {"name":"%s","type":"endpoint","tier":1,"monthlyYen":0,"perDeviceYen":2000}"""
                .formatted(TestWorld.unique("端末"))).getStatus()).isEqualTo(201);
        for (int price : new int[] {2001, 2100}) {
            var refused = postPlan(admin, """
                    {"name":"%s","type":"endpoint","tier":1,"monthlyYen":0,"perDeviceYen":%d}"""
                    .formatted(TestWorld.unique("端末高"), price));
            assertThat(refused.getStatus()).isEqualTo(422);
            assertThat(refused.getContentAsString()).contains("\"cap\":\"tier1-endpoint-per-device\"")
                    .contains("\"actual\":" + price).contains("1類");
        }
    }

    @Test
    void malformedPlansAre400NamingTheFieldAndOnlyTheProviderAdminMayDefineOne() throws Exception {
        var noType = postPlan(admin, "{\"name\":\"x\",\"tier\":1,\"monthlyYen\":100}");
        assertThat(noType.getStatus()).isEqualTo(400);
        assertThat(noType.getContentAsString()).contains("\"field\":\"type\"");
        var badType = postPlan(admin, "{\"name\":\"x\",\"type\":\"cloud\",\"tier\":1,\"monthlyYen\":100}");
        assertThat(badType.getStatus()).isEqualTo(400);
        var badTier = postPlan(admin, "{\"name\":\"x\",\"type\":\"network\",\"tier\":3,\"monthlyYen\":100}");
        assertThat(badTier.getStatus()).isEqualTo(400);
        assertThat(badTier.getContentAsString()).contains("\"field\":\"tier\"");
        var notANumber = postPlan(admin, "{\"name\":\"x\",\"type\":\"network\",\"tier\":1,\"monthlyYen\":\"lots\"}");
        assertThat(notANumber.getStatus()).isEqualTo(400);
        assertThat(postPlan(admin, "{not json").getStatus()).isEqualTo(400);
        var tooLong = postPlan(admin, "{\"name\":\"%s\",\"type\":\"network\",\"tier\":1,\"monthlyYen\":100}"
                .formatted("長".repeat(101)));
        assertThat(tooLong.getStatus()).isEqualTo(400);
        assertThat(tooLong.getContentAsString()).contains("\"limit\":100");
        Login analyst = world.staff(Role.ANALYST, true);
        assertThat(postPlan(analyst, "{\"name\":\"x\",\"type\":\"network\",\"tier\":1,\"monthlyYen\":100}")
                .getStatus()).isEqualTo(403);
        assertThat(call(analyst, get("/api/v1/plans")).getStatus()).isEqualTo(200);
        assertThat(call(admin, get("/api/v1/openapi")).getContentAsString()).contains("/api/v1/plans/{id}")
                .contains("/api/v1/tenants/{slug}/contract");
    }

    @Test
    void thePlanFormShowsTheCapInPlainWordsInJapaneseAndEnglishAndKeepsWhatWasTyped() throws Exception {
        String name = TestWorld.unique("フォームのプラン");
        var ja = call(admin, post("/admin/plans").param("name", name).param("type", "ENDPOINT").param("tier", "1")
                .param("monthlyYen", "0").param("perDeviceYen", "2,100"));
        assertThat(ja.getStatus()).isEqualTo(200);
        assertThat(ja.getContentAsString()).contains("1台あたり月額 2,000 円").contains("2,100 円")
                .contains("保存していません").contains("value=\"" + name + "\"");
        var en = call(admin, post("/admin/plans").param("lang", "en").param("name", name).param("type", "NETWORK")
                .param("tier", "1").param("monthlyYen", "10001"));
        assertThat(en.getContentAsString()).contains("at most 10,000 yen a month").contains("10,001");
        var ok = call(admin, post("/admin/plans").param("name", name).param("type", "NETWORK").param("tier", "1")
                .param("monthlyYen", "9,800"));
        assertThat(ok.getStatus()).isEqualTo(302);
        String page = call(admin, get(ok.getRedirectedUrl())).getContentAsString();
        assertThat(page).contains(name).contains("9800");
        assertThat(call(admin, get("/admin/plans")).getContentAsString()).contains(name).contains("月額 9,800 円");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'PLAN_REFUSED'").query(Long.class)
                .single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void staffSeeContractedAgainstSendingDevicesWithAWarningAndTheOwnerReadsOnlyTheirOwnContract() throws Exception {
        Tenant company = world.tenant(admin.actor(), TestWorld.unique("送信工業"));
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("よその会社"));
        Plan plan = service.create(admin.actor(), new PlanDraft(TestWorld.unique("併用"), PlanType.HYBRID, 1, 9_800L,
                1_500L, 0, 1, 24, null, null, null));
        // Two UTMs send; the contract counts one network device and three PCs.
        for (int i = 0; i < 2; i++) {
            var d = devices.register(admin.actor(), company.id(), new DeviceDraft(TestWorld.unique("utm"), "utm",
                    "auto", java.util.List.of())).device();
            directory.touch(d.id(), java.time.Instant.now());
        }
        LocalDate today = service.today();
        var set = call(admin, post("/tenants/" + company.id() + "/contract").param("planId", plan.id().toString())
                .param("start", today.toString()).param("devices", "1").param("endpoints", "3"));
        assertThat(set.getStatus()).isEqualTo(302);
        String staffPage = call(admin, get("/tenants/" + company.id() + "/contract")).getContentAsString();
        assertThat(staffPage).contains("契約 1 台、送信中 2 台").contains("契約 3 台、送信中 0 台")
                .contains("id=\"usage-over\"").contains("14,300");
        assertThat(call(admin, get("/tenants/" + company.id())).getContentAsString())
                .contains("/tenants/" + company.id() + "/contract");

        String otherPlanName = TestWorld.unique("よその会社だけのプラン");
        Plan otherPlan = service.create(admin.actor(), new PlanDraft(otherPlanName, PlanType.NETWORK, 1, 5_000L, 0L,
                0, 1, 24, null, null, null));
        service.setContract(admin.actor(), other.id(), new ContractDraft(otherPlan.id(), today, null, 1, 0));

        Login owner = world.smeUser(company, Role.TENANT_OWNER);
        String mine = call(owner, get("/my/contract")).getContentAsString();
        assertThat(mine).contains(plan.name()).contains("月額 14,300 円").contains("1台 1,500 円 × 3 台")
                .contains("契約 1 台、送信中 2 台").contains("my-contract-links").doesNotContain(otherPlanName);
        String mineEn = call(owner, get("/my/contract").param("lang", "en")).getContentAsString();
        assertThat(mineEn).contains("14,300 yen a month").contains("contracted 1, sending now 2");
        String api = call(owner, get("/api/v1/tenants/" + company.slug() + "/contract")).getContentAsString();
        assertThat(api).contains("\"monthlyFeeYen\":14300").contains("\"overContract\":true");
        assertThat(call(owner, get("/api/v1/tenants/" + other.slug() + "/contract")).getStatus()).isEqualTo(404);
        assertThat(call(owner, get("/tenants/" + other.id() + "/contract")).getStatus()).isIn(403, 404);
        assertThat(call(owner, put("/api/v1/tenants/" + company.slug() + "/contract")
                .contentType(MediaType.APPLICATION_JSON).content("{\"planId\":\"" + plan.id()
                        + "\",\"start\":\"" + today + "\",\"devices\":9,\"endpoints\":9}")).getStatus()).isEqualTo(403);
        Login member = world.smeUser(company, Role.TENANT_MEMBER);
        assertThat(call(member, get("/my/contract")).getStatus()).isEqualTo(403);
    }

    @Test
    void aContractCountThatBreaksTheCapIsRefused422OverTheApiAndOnTheFormWithTheReason() throws Exception {
        Tenant company = world.tenant(admin.actor(), TestWorld.unique("基本料金"));
        Plan plan = service.create(admin.actor(), new PlanDraft(TestWorld.unique("基本料金つき端末"), PlanType.ENDPOINT,
                1, 5_000L, 1_500L, 0, 1, 24, null, null, null));
        String today = service.today().toString();
        var ok = call(admin, put("/api/v1/tenants/" + company.slug() + "/contract")
                .contentType(MediaType.APPLICATION_JSON).content("{\"planId\":\"" + plan.id() + "\",\"start\":\""
                        + today + "\",\"devices\":0,\"endpoints\":10}"));
        assertThat(ok.getStatus()).isEqualTo(200);
        assertThat(ok.getContentAsString()).contains("\"endpoints\":10").contains("\"monthlyFeeYen\":20000");
        var refused = call(admin, put("/api/v1/tenants/" + company.slug() + "/contract")
                .contentType(MediaType.APPLICATION_JSON).content("{\"planId\":\"" + plan.id() + "\",\"start\":\""
                        + today + "\",\"devices\":0,\"endpoints\":9}"));
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString()).contains("\"cap\":\"tier1-endpoint-per-device-at-count\"")
                .contains("2,056");
        var badDay = call(admin, put("/api/v1/tenants/" + company.slug() + "/contract")
                .contentType(MediaType.APPLICATION_JSON).content("{\"planId\":\"" + plan.id()
                        + "\",\"start\":\"next week\",\"devices\":0,\"endpoints\":10}"));
        assertThat(badDay.getStatus()).isEqualTo(400);
        var form = call(admin, post("/tenants/" + company.id() + "/contract").param("planId", plan.id().toString())
                .param("start", today).param("devices", "0").param("endpoints", "9"));
        assertThat(form.getStatus()).isEqualTo(200);
        assertThat(form.getContentAsString()).contains("18,500 円を 9 台で割ると1台あたり 2,056 円")
                .contains("value=\"9\"");
        assertThat(service.contract(admin.actor(), company.id()).orElseThrow().endpoints()).isEqualTo(10);
    }

    @Test
    void aPlanPriceChangeOverTheApiLeavesTheRunningContractsFeeAndThePlanPageSaysSoInJapaneseAndEnglish()
            throws Exception {
        Tenant company = world.tenant(admin.actor(), TestWorld.unique("価格改定"));
        String name = TestWorld.unique("併用の改定");
        Plan plan = service.create(admin.actor(), new PlanDraft(name, PlanType.HYBRID, 1, 9_800L, 1_500L, 0, 1, 24,
                null, null, null));
        service.setContract(admin.actor(), company.id(), new ContractDraft(plan.id(), service.today(), null, 1, 3));

        var changed = call(admin, put("/api/v1/plans/" + plan.id()).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name":"%s","type":"hybrid","tier":1,"monthlyYen":10000,"perDeviceYen":2000}"""
                        .formatted(name)));
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(changed.getContentAsString()).contains("\"perDeviceYen\":2000");
        String contract = call(admin, get("/api/v1/tenants/" + company.slug() + "/contract")).getContentAsString();
        assertThat(contract).contains("\"monthlyFeeYen\":14300").contains("\"perDeviceYen\":1500");
        Login owner = world.smeUser(company, Role.TENANT_OWNER);
        assertThat(call(owner, get("/my/contract")).getContentAsString()).contains("月額 14,300 円");

        assertThat(call(admin, get("/admin/plans/" + plan.id())).getContentAsString()).contains(
                "変更後の価格は、これから結ぶ契約に使われます。いまの契約は契約時の価格のままです。");
        assertThat(call(admin, get("/admin/plans/" + plan.id()).param("lang", "en")).getContentAsString())
                .contains("A changed price applies to contracts made from now on. Current contracts keep the price "
                        + "agreed when they were made.");
    }
}
