package jp.sukedachi.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.plan.PlanService;
import jp.sukedachi.app.plan.PlanType;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo has three class 1 plans and every company a contract in force today that counts its devices. */
@SpringBootTest(properties = {"sukedachi.demo=true", "sukedachi.demo-world.traffic=false"})
class DemoPlansTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    PlanService plans;
    @Autowired
    TenantRepository tenants;
    @Autowired
    DeviceDirectory devices;

    @Test
    void everyDemoCompanyHasAContractInForceThatFitsItsDevicesOnAClass1Plan() {
        Actor staff = new Actor(new java.util.UUID(0, 1), "demo-test", Role.ANALYST, null);
        assertThat(plans.plans(staff).plans()).extracting(p -> p.type() + " " + p.tier() + " " + p.monthlyYen() + " "
                + p.perDeviceYen()).contains("NETWORK 1 9800 0", "ENDPOINT 1 0 1800", "HYBRID 1 9800 1500");
        var companies = tenants.findVisible(staff);
        assertThat(companies).hasSize(30);
        for (Tenant company : companies) {
            var contract = plans.contract(staff, company.id()).orElseThrow(() -> new AssertionError(company.name()));
            var usage = plans.usage(staff, company.id());
            int registered = devices.devicesOf(staff, company.id()).size();
            assertThat(contract.devices() + contract.endpoints()).as(company.name()).isEqualTo(registered);
            assertThat(contract.tier()).isEqualTo(1);
            assertThat(contract.type() == PlanType.ENDPOINT ? contract.perDeviceYen() : contract.monthlyYen())
                    .isLessThanOrEqualTo(contract.type() == PlanType.ENDPOINT ? 2_000 : 10_000);
            assertThat(usage.devices()).isEqualTo(contract.devices());
        }
    }
}
