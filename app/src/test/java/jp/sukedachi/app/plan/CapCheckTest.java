package jp.sukedachi.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The price caps of the service criteria, checked without a database (issue 17's cases, to the yen). */
class CapCheckTest {
    private static final CapCheck.Tier2 TIER2 = new CapCheck.Tier2(50_000, 3_000);

    private static List<String> caps(List<CapCheck.Breach> breaches) {
        return breaches.stream().map(CapCheck.Breach::cap).toList();
    }

    @Test
    void aNetworkPlanOf10000YenAMonthIsAcceptedAsClass1() {
        assertThat(CapCheck.ofPlan(PlanType.NETWORK, 1, 10_000, 0, TIER2)).isEmpty();
    }

    @Test
    void aNetworkPlanOf10001YenIsRefusedAsClass1NamingTheCapAndBothAmounts() {
        var breaches = CapCheck.ofPlan(PlanType.NETWORK, 1, 10_001, 0, TIER2);
        assertThat(caps(breaches)).containsExactly("tier1-network-monthly");
        assertThat(breaches.getFirst().limit()).isEqualTo(10_000);
        assertThat(breaches.getFirst().actual()).isEqualTo(10_001);
        assertThat(breaches.getFirst().args()).containsExactly("10,000", "10,001");
        assertThat(breaches.getFirst().english()).contains("1類").contains("10,000").contains("10,001");
    }

    @Test
    void anEndpointPlanOf2000YenPerDeviceIsAcceptedAnd2001IsRefused() {
        assertThat(CapCheck.ofPlan(PlanType.ENDPOINT, 1, 0, 2_000, TIER2)).isEmpty();
        var breaches = CapCheck.ofPlan(PlanType.ENDPOINT, 1, 0, 2_001, TIER2);
        assertThat(caps(breaches)).containsExactly("tier1-endpoint-per-device");
        assertThat(breaches.getFirst().args()).containsExactly("2,000", "2,001");
    }

    @Test
    void anEndpointPlanAt2100YenPerDeviceIsRefusedAsClass1() {
        assertThat(caps(CapCheck.ofPlan(PlanType.ENDPOINT, 1, 0, 2_100, TIER2)))
                .containsExactly("tier1-endpoint-per-device");
    }

    @Test
    void aHybridPlanIsCappedOnItsNetworkPartAndPerDeviceEachOnItsOwn() {
        assertThat(CapCheck.ofPlan(PlanType.HYBRID, 1, 10_000, 2_000, TIER2)).isEmpty();
        assertThat(caps(CapCheck.ofPlan(PlanType.HYBRID, 1, 10_001, 2_001, TIER2)))
                .containsExactly("tier1-hybrid-network-monthly", "tier1-hybrid-per-device");
        // The network part of a hybrid plan is its own cap: it never counts against the per-device cap.
        assertThat(CapCheck.ofContract(PlanType.HYBRID, 1, 10_000, 2_000, 1, TIER2)).isEmpty();
    }

    @Test
    void anEndpointPlansBaseFeeIsSpreadOverTheContractsEndpointsAndCountsAgainstThePerDeviceCap() {
        // 1,500 per device + 5,000 base: 10 endpoints → 20,000 = 2,000 each (accepted); 9 → 18,500 = 2,056 each.
        assertThat(CapCheck.ofPlan(PlanType.ENDPOINT, 1, 5_000, 1_500, TIER2)).isEmpty();
        assertThat(CapCheck.ofContract(PlanType.ENDPOINT, 1, 5_000, 1_500, 10, TIER2)).isEmpty();
        var breaches = CapCheck.ofContract(PlanType.ENDPOINT, 1, 5_000, 1_500, 9, TIER2);
        assertThat(caps(breaches)).containsExactly("tier1-endpoint-per-device-at-count");
        assertThat(breaches.getFirst().actual()).isEqualTo(2_056); // 18,500 / 9 rounded up
        assertThat(breaches.getFirst().args()).containsExactly("2,000", "2,056", 9, "5,000", "18,500");
    }

    @Test
    void aBaseFeeOnTopOfTheFullPerDevicePriceFitsNoCountAndIsRefusedWhenThePlanIsDefined() {
        assertThat(caps(CapCheck.ofPlan(PlanType.ENDPOINT, 1, 1, 2_000, TIER2)))
                .containsExactly("tier1-endpoint-base-fee");
    }

    @Test
    void class2IsForNetworkAndHybridPlansWithAtLeast50EndpointsWithinItsSettings() {
        assertThat(caps(CapCheck.ofPlan(PlanType.ENDPOINT, 2, 0, 1_000, TIER2))).containsExactly("tier2-type");
        assertThat(CapCheck.ofPlan(PlanType.NETWORK, 2, 50_000, 0, TIER2)).isEmpty();
        assertThat(caps(CapCheck.ofPlan(PlanType.NETWORK, 2, 50_001, 0, TIER2)))
                .containsExactly("tier2-network-monthly");
        assertThat(caps(CapCheck.ofPlan(PlanType.HYBRID, 2, 20_000, 3_001, TIER2)))
                .containsExactly("tier2-per-device");
        assertThat(CapCheck.ofContract(PlanType.HYBRID, 2, 20_000, 3_000, 50, TIER2)).isEmpty();
        var few = CapCheck.ofContract(PlanType.HYBRID, 2, 20_000, 3_000, 49, TIER2);
        assertThat(caps(few)).containsExactly("tier2-min-endpoints");
        assertThat(few.getFirst().args()).containsExactly(50, 49);
    }
}
