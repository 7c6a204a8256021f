package jp.sukedachi.app.demo;

import java.time.LocalDate;
import java.util.List;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.plan.ContractDraft;
import jp.sukedachi.app.plan.Plan;
import jp.sukedachi.app.plan.PlanDraft;
import jp.sukedachi.app.plan.PlanService;
import jp.sukedachi.app.plan.PlanType;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.stereotype.Component;

/**
 * The demo's plans and contracts (issue 17): three class 1 plans within the price caps — network watch at 9,800 yen
 * a month, PC and server watch at 1,800 yen per device, and both at 9,800 yen plus 1,500 yen per device — and a
 * contract for every demo company that fits its registered devices, running since the first of the month half a
 * year ago.
 */
@Component
class DemoPlans {
    private final PlanService plans;
    private final DeviceDirectory devices;

    DemoPlans(PlanService plans, DeviceDirectory devices) {
        this.plans = plans;
        this.devices = devices;
    }

    void seed(Actor admin, List<Tenant> companies) {
        Plan network = plans.create(admin, new PlanDraft("ネットワーク監視 ライト", PlanType.NETWORK, 1, 9_800L, 0L, 2, 1,
                24, 12_000L, 6_000L, 8_000L));
        Plan endpoint = plans.create(admin, new PlanDraft("端末監視 スタンダード", PlanType.ENDPOINT, 1, 0L, 1_800L, 2, 1,
                24, 12_000L, 6_000L, 8_000L));
        Plan hybrid = plans.create(admin, new PlanDraft("併用 安心パック", PlanType.HYBRID, 1, 9_800L, 1_500L, 4, 2, 8,
                12_000L, 6_000L, 8_000L));
        LocalDate start = LocalDate.now(Formats.TOKYO).minusMonths(6).withDayOfMonth(1);
        for (Tenant company : companies) {
            int networkDevices = 0;
            int endpoints = 0;
            for (Device d : devices.devicesOf(admin, company.id())) {
                if ("device.kind.endpoint".equals(d.kindLabelKey())) {
                    endpoints++;
                } else {
                    networkDevices++;
                }
            }
            Plan plan = endpoints == 0 ? network : networkDevices == 0 ? endpoint : hybrid;
            plans.setContract(admin, company.id(), new ContractDraft(plan.id(), start, null, networkDevices, endpoints));
        }
    }
}
