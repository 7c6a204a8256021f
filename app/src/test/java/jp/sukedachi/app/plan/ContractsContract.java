package jp.sukedachi.app.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Plans and contracts on a real database (H2 and PostgreSQL, see the subclasses): a company has at most one
 * contract in force on a day and its history is kept; a contract keeps the prices agreed when it was made, whatever
 * its plan costs later; a device count that breaks a cap at those prices is refused and leaves the contract as it
 * was; a company's owner reads only their own contract; every change is audited.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000"})
abstract class ContractsContract {
    @Autowired
    PlanService service;
    @Autowired
    Plans plans;
    @Autowired
    TestWorld world;
    @Autowired
    JdbcClient jdbc;

    Actor admin;
    Tenant company;
    Plan endpointPlan;

    @BeforeEach
    void aCompanyAndAnEndpointPlanWithABaseFee() {
        admin = world.admin().actor();
        company = world.tenant(admin, TestWorld.unique("Contracted"));
        // 1,500 yen per PC + 5,000 yen base: within the 2,000 yen cap from 10 endpoints on.
        endpointPlan = service.create(admin, new PlanDraft(TestWorld.unique("端末監視"), PlanType.ENDPOINT, 1, 5_000L,
                1_500L, 4, 2, 6, 15_000L, 7_000L, 9_000L));
    }

    private ContractDraft draft(Plan plan, LocalDate start, LocalDate end, int devices, int endpoints) {
        return new ContractDraft(plan.id(), start, end, devices, endpoints);
    }

    @Test
    void aContractInForceCarriesItsPlansPriceRatesAndTargetArrivalThroughThePlansApi() {
        LocalDate start = LocalDate.of(2026, 4, 1);
        service.setContract(admin, company.id(), draft(endpointPlan, start, null, 1, 12));
        var terms = plans.contractOf(company.id(), LocalDate.of(2026, 6, 15)).orElseThrow();
        assertThat(terms.planName()).isEqualTo(endpointPlan.name());
        assertThat(terms.type()).isEqualTo(PlanType.ENDPOINT);
        assertThat(terms.endpoints()).isEqualTo(12);
        assertThat(terms.devices()).isEqualTo(1);
        assertThat(terms.monthlyFeeYen()).isEqualTo(5_000 + 1_500 * 12);
        assertThat(terms.targetArrivalHours()).isEqualTo(6);
        assertThat(terms.onsiteYenPerHour()).isEqualTo(15_000);
        assertThat(terms.travelYenPerHour()).isEqualTo(7_000);
        assertThat(terms.deskYenPerHour()).isEqualTo(9_000);
        assertThat(terms.deskHoursPerMonth()).isEqualTo(4);
        assertThat(terms.visitsPerYear()).isEqualTo(2);
        assertThat(plans.contractOf(company.id(), start.minusDays(1))).isEmpty();
    }

    @Test
    void aLaterStartEndsTheRunningContractTheDayBeforeSoOneIsInForceAndTheHistoryIsKept() {
        LocalDate first = LocalDate.of(2026, 1, 1);
        LocalDate second = LocalDate.of(2026, 7, 1);
        service.setContract(admin, company.id(), draft(endpointPlan, first, null, 0, 10));
        service.setContract(admin, company.id(), draft(endpointPlan, second, null, 0, 20));
        assertThat(plans.contractOf(company.id(), second.minusDays(1)).orElseThrow().endpoints()).isEqualTo(10);
        assertThat(plans.contractOf(company.id(), second).orElseThrow().endpoints()).isEqualTo(20);
        var history = service.history(admin, company.id()).contracts();
        assertThat(history).extracting(c -> c.start() + " " + c.end() + " " + c.endpoints())
                .containsExactly("2026-07-01 null 20", "2026-01-01 2026-06-30 10");
        // A first day before the latest contract's would rewrite the past: refused.
        assertThatThrownBy(() -> service.setContract(admin, company.id(), draft(endpointPlan, first.plusDays(1), null,
                0, 30))).isInstanceOf(InvalidInput.class).hasMessageContaining("start");
        assertThat(jdbc.sql("select action from audit_event where tenant_id = :t and action like 'CONTRACT%' order by id")
                .param("t", company.id()).query(String.class).list())
                .containsExactly("CONTRACT_STARTED", "CONTRACT_ENDED", "CONTRACT_STARTED");
    }

    @Test
    void aDeviceCountThatPutsTheBaseFeeAboveTheCapIsRefusedWithTheReasonAndTheContractStaysAsItWas() {
        LocalDate start = LocalDate.of(2026, 4, 1);
        service.setContract(admin, company.id(), draft(endpointPlan, start, null, 0, 10));
        // 9 endpoints: 5,000 + 1,500 × 9 = 18,500 yen, 2,056 yen per PC: above 2,000.
        assertThatThrownBy(() -> service.setContract(admin, company.id(), draft(endpointPlan, start, null, 0, 9)))
                .isInstanceOfSatisfying(CapExceeded.class, e -> {
                    assertThat(e.breaches()).extracting(CapCheck.Breach::cap)
                            .containsExactly("tier1-endpoint-per-device-at-count");
                    assertThat(e.getMessage()).contains("2,056").contains("2,000");
                });
        assertThat(plans.contractOf(company.id(), start).orElseThrow().endpoints()).isEqualTo(10);
        assertThat(jdbc.sql("select action || ' ' || outcome from audit_event where tenant_id = :t and action like 'CONTRACT%' order by id")
                .param("t", company.id()).query(String.class).list())
                .containsExactly("CONTRACT_STARTED SUCCESS", "CONTRACT_REFUSED FAILURE");
    }

    @Test
    void anOwnerReadsTheirOwnContractOnlyAndAMemberNone() {
        Tenant other = world.tenant(admin, TestWorld.unique("Other"));
        LocalDate today = service.today();
        service.setContract(admin, company.id(), draft(endpointPlan, today, null, 0, 10));
        service.setContract(admin, other.id(), draft(endpointPlan, today, null, 0, 11));
        Actor owner = world.smeUser(company, Role.TENANT_OWNER).actor();
        assertThat(service.contract(owner, company.id()).orElseThrow().endpoints()).isEqualTo(10);
        assertThat(service.contract(owner, other.id())).isEmpty();
        assertThat(service.history(owner, other.id()).contracts()).isEmpty();
        assertThat(service.usage(owner, other.id()).endpoints()).isZero();
        assertThatThrownBy(() -> service.setContract(owner, company.id(), draft(endpointPlan, today, null, 0, 20)))
                .isInstanceOf(AccessDeniedException.class);
        Actor member = world.smeUser(company, Role.TENANT_MEMBER).actor();
        assertThatThrownBy(() -> service.contract(member, company.id())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aContractForACompanyThatDoesNotExistIsNotFoundAndNothingIsStored() {
        java.util.UUID nobody = java.util.UUID.randomUUID();
        assertThatThrownBy(() -> service.setContract(admin, nobody, draft(endpointPlan, LocalDate.of(2026, 4, 1), null,
                0, 10))).isInstanceOf(jp.sukedachi.app.shared.NotFoundException.class);
        assertThat(jdbc.sql("select count(*) from contract where tenant_id = :t").param("t", nobody)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aPlanInUseIsRetiredNotDeletedAndARetiredPlanTakesNoNewContract() {
        service.setContract(admin, company.id(), draft(endpointPlan, LocalDate.of(2026, 4, 1), null, 0, 10));
        assertThat(service.inUse(endpointPlan.id())).isTrue();
        Plan retired = service.setRetired(admin, endpointPlan.id(), true);
        assertThat(retired.retired()).isTrue();
        Tenant newcomer = world.tenant(admin, TestWorld.unique("Newcomer"));
        assertThatThrownBy(() -> service.setContract(admin, newcomer.id(), draft(endpointPlan,
                LocalDate.of(2026, 5, 1), null, 0, 10))).isInstanceOf(InvalidInput.class).hasMessageContaining("planId");
        // The running contract keeps its plan, and its counts may still change.
        service.setContract(admin, company.id(), draft(endpointPlan, LocalDate.of(2026, 5, 1), null, 0, 12));
        assertThat(plans.contractOf(company.id(), LocalDate.of(2026, 5, 1)).orElseThrow().endpoints()).isEqualTo(12);
    }

    private PlanDraft endpointPlanAt(long perDeviceYen, long onsiteYenPerHour, int targetArrivalHours) {
        return new PlanDraft(endpointPlan.name(), PlanType.ENDPOINT, 1, 5_000L, perDeviceYen, 3, 1,
                targetArrivalHours, onsiteYenPerHour, 8_000L, 10_000L);
    }

    @Test
    void aPlanPriceRiseLeavesTheRunningContractAsAgreedAndANewContractOnThePlanGetsTheNewPrice() {
        service.setContract(admin, company.id(), draft(endpointPlan, LocalDate.of(2026, 4, 1), null, 0, 12));
        // 1,600 yen per PC: the running contract at 12 PCs would be 24,200 yen, above 2,000 × 12. The new price is
        // for new contracts only, so it is saved and the running contract is not re-checked.
        service.update(admin, endpointPlan.id(), endpointPlanAt(1_600L, 18_000L, 12), false);
        assertThat(service.plan(admin, endpointPlan.id()).perDeviceYen()).isEqualTo(1_600);

        for (LocalDate day : List.of(LocalDate.of(2026, 4, 30), LocalDate.of(2026, 6, 15))) {
            var agreed = plans.contractOf(company.id(), day).orElseThrow();
            assertThat(agreed.perDeviceYen()).as("per PC on %s", day).isEqualTo(1_500);
            assertThat(agreed.monthlyFeeYen()).as("fee on %s", day).isEqualTo(5_000 + 1_500 * 12);
            assertThat(agreed.onsiteYenPerHour()).isEqualTo(15_000);
            assertThat(agreed.travelYenPerHour()).isEqualTo(7_000);
            assertThat(agreed.deskYenPerHour()).isEqualTo(9_000);
            assertThat(agreed.targetArrivalHours()).isEqualTo(6);
            assertThat(agreed.deskHoursPerMonth()).isEqualTo(4);
            assertThat(agreed.visitsPerYear()).isEqualTo(2);
        }
        assertThat(service.history(admin, company.id()).contracts()).extracting(ContractTerms::monthlyFeeYen)
                .containsExactly(23_000L);

        Tenant newcomer = world.tenant(admin, TestWorld.unique("Newcomer"));
        service.setContract(admin, newcomer.id(), draft(endpointPlan, LocalDate.of(2026, 6, 1), null, 0, 20));
        var fresh = plans.contractOf(newcomer.id(), LocalDate.of(2026, 6, 15)).orElseThrow();
        assertThat(fresh.perDeviceYen()).isEqualTo(1_600);
        assertThat(fresh.monthlyFeeYen()).isEqualTo(5_000 + 1_600 * 20);
        assertThat(fresh.onsiteYenPerHour()).isEqualTo(18_000);
        assertThat(fresh.targetArrivalHours()).isEqualTo(12);
    }

    @Test
    void staffMoveARunningContractToThePlansCurrentPriceBySavingItWithANewFirstDay() {
        service.setContract(admin, company.id(), draft(endpointPlan, LocalDate.of(2026, 4, 1), null, 0, 20));
        service.update(admin, endpointPlan.id(), endpointPlanAt(1_600L, 18_000L, 12), false);
        LocalDate moved = LocalDate.of(2026, 7, 1);
        service.setContract(admin, company.id(), draft(endpointPlan, moved, null, 0, 20));
        var before = plans.contractOf(company.id(), moved.minusDays(1)).orElseThrow();
        var after = plans.contractOf(company.id(), moved).orElseThrow();
        assertThat(before.monthlyFeeYen()).isEqualTo(5_000 + 1_500 * 20);
        assertThat(before.end()).isEqualTo(moved.minusDays(1));
        assertThat(after.monthlyFeeYen()).isEqualTo(5_000 + 1_600 * 20);
        assertThat(after.onsiteYenPerHour()).isEqualTo(18_000);
        assertThat(after.targetArrivalHours()).isEqualTo(12);
        // Correcting the new contract on its first day with another plan takes that plan's terms.
        Plan network = service.create(admin, new PlanDraft(TestWorld.unique("ネットワーク"), PlanType.NETWORK, 1, 9_800L,
                0L, 2, 1, 24, 12_000L, 6_000L, 8_000L));
        service.setContract(admin, company.id(), draft(network, moved, null, 1, 20));
        var corrected = plans.contractOf(company.id(), moved).orElseThrow();
        assertThat(corrected.contractId()).isEqualTo(after.contractId());
        assertThat(corrected.type()).isEqualTo(PlanType.NETWORK);
        assertThat(corrected.monthlyFeeYen()).isEqualTo(9_800);
        assertThat(corrected.targetArrivalHours()).isEqualTo(24);
    }

    @Test
    void aDeviceCountChangeOfTheRunningContractIsCheckedAgainstItsAgreedPricesNotThePlansCurrentOnes() {
        LocalDate start = LocalDate.of(2026, 4, 1);
        service.setContract(admin, company.id(), draft(endpointPlan, start, null, 0, 10));
        // At the plan's new 1,000 yen, 9 PCs would cost 14,000 yen (fits); at the agreed 1,500 yen, 2,056 yen per PC.
        service.update(admin, endpointPlan.id(), endpointPlanAt(1_000L, 15_000L, 6), false);
        assertThatThrownBy(() -> service.setContract(admin, company.id(), draft(endpointPlan, start, null, 0, 9)))
                .isInstanceOfSatisfying(CapExceeded.class, e -> assertThat(e.getMessage()).contains("2,056"));
        assertThat(plans.contractOf(company.id(), start).orElseThrow().endpoints()).isEqualTo(10);
        // At the plan's new 1,600 yen, 12 PCs would cost 24,200 yen (above 24,000); at the agreed price 23,000 fits.
        service.update(admin, endpointPlan.id(), endpointPlanAt(1_600L, 15_000L, 6), false);
        service.setContract(admin, company.id(), draft(endpointPlan, start, null, 0, 12));
        var corrected = plans.contractOf(company.id(), start).orElseThrow();
        assertThat(corrected.endpoints()).isEqualTo(12);
        assertThat(corrected.perDeviceYen()).isEqualTo(1_500);
        assertThat(corrected.monthlyFeeYen()).isEqualTo(23_000);
    }
}
