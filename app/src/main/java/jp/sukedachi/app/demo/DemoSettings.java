package jp.sukedachi.app.demo;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.demo-world.*} (the demo world is seeded when {@code sukedachi.demo} is on).
 *
 * @param companies      SME tenants in the demo world (30)
 * @param traffic        send synthetic traffic (true)
 * @param historyHours   hours of history generated at the first start (504, three weeks)
 * @param historyRate    everyday events per company and hour in the history (8)
 * @param liveRate       everyday events per company and hour once live (60)
 * @param liveIntervalMs how often live traffic is sent (5000)
 */
@ConfigurationProperties("sukedachi.demo-world")
record DemoSettings(Integer companies, Boolean traffic, Integer historyHours, Double historyRate, Double liveRate,
        Long liveIntervalMs) {
    DemoSettings {
        companies = Settings.within("sukedachi.demo-world.companies", companies, 30, 0, 10_000);
        traffic = traffic == null || traffic;
        historyHours = Settings.within("sukedachi.demo-world.history-hours", historyHours, 504, 0, 24 * 366);
        historyRate = Settings.atLeast("sukedachi.demo-world.history-rate", historyRate, 8, 0);
        liveRate = Settings.atLeast("sukedachi.demo-world.live-rate", liveRate, 60, 0);
        liveIntervalMs = Settings.atLeast("sukedachi.demo-world.live-interval-ms", liveIntervalMs, 5000, 1);
    }
}
