package jp.sukedachi.app.plan;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.plan.*}: the 2類 price caps. The 1類 caps are fixed by the criteria
 * ({@link CapCheck}); the 2類 ones are the provider's reading of the current criteria, so they are settings.
 * Confirm them with the current criteria before selling a 2類 plan.
 *
 * @param tier2 {@code network-monthly-yen}: the network part of a 2類 plan per month (50,000);
 *              {@code per-device-yen}: the price per endpoint of a 2類 hybrid plan per month (3,000)
 */
@ConfigurationProperties("sukedachi.plan")
record PlanSettings(Tier2 tier2) {
    PlanSettings {
        tier2 = tier2 == null ? new Tier2(null, null) : tier2;
    }

    record Tier2(Long networkMonthlyYen, Long perDeviceYen) {
        Tier2 {
            networkMonthlyYen = Settings.within("sukedachi.plan.tier2.network-monthly-yen", networkMonthlyYen, 50_000L,
                    0L, 10_000_000L);
            perDeviceYen = Settings.within("sukedachi.plan.tier2.per-device-yen", perDeviceYen, 3_000L, 0L,
                    1_000_000L);
        }
    }

    CapCheck.Tier2 caps() {
        return new CapCheck.Tier2(tier2.networkMonthlyYen(), tier2.perDeviceYen());
    }
}
