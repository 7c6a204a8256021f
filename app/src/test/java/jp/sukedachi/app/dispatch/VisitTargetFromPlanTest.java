package jp.sukedachi.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import jp.sukedachi.app.plan.ContractDraft;
import jp.sukedachi.app.plan.PlanDraft;
import jp.sukedachi.app.plan.PlanService;
import jp.sukedachi.app.plan.PlanType;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A visit's target arrival comes from the company's plan (issue 17): a company whose contract promises 6 hours gets
 * 6, one without a contract the provider's setting (here 30 hours).
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000", "sukedachi.dispatch.target-arrival-hours=30"})
class VisitTargetFromPlanTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    TestWorld world;
    @Autowired
    DispatchFixture fixture;
    @Autowired
    Visits visits;
    @Autowired
    PlanService plans;

    @Test
    void theTargetArrivalIsThePlansForACompanyWithAContractAndTheSettingForOneWithout() {
        Actor admin = world.admin().actor();
        Tenant contracted = world.tenant(admin, TestWorld.unique("契約あり"));
        Tenant without = world.tenant(admin, TestWorld.unique("契約なし"));
        var plan = plans.create(admin, new PlanDraft(TestWorld.unique("早い駆け付け"), PlanType.NETWORK, 1, 9_800L,
                0L, 2, 1, 6, null, null, null));
        // From yesterday (Japan time), so the contract is in force whatever the hour of the run.
        plans.setContract(admin, contracted.id(), new ContractDraft(plan.id(),
                java.time.LocalDate.now(jp.sukedachi.app.shared.Formats.TOKYO).minusDays(1), null, 1, 0));

        Visit fast = fixture.request(admin, fixture.incident(admin, contracted, "契約ありの会社の事故"), "大阪市北区1-1");
        assertThat(Duration.between(fast.requestedAt(), fast.targetArrival())).isEqualTo(Duration.ofHours(6));
        assertThat(visits.targetArrivalHours(contracted.id())).isEqualTo(6);

        Visit usual = fixture.request(admin, fixture.incident(admin, without, "契約なしの会社の事故"), "大阪市北区1-2");
        assertThat(Duration.between(usual.requestedAt(), usual.targetArrival())).isEqualTo(Duration.ofHours(30));
        assertThat(visits.targetArrivalHours(without.id())).isEqualTo(30);
    }
}
