package jp.sukedachi.app.triage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.triage.*}.
 *
 * @param windowHours   an open alert grows with detections whose batch starts within this many hours of its last
 *                      event; later ones open a new alert (24 by default)
 * @param burstMinimum  a company's blocked detections of one Japan day open the "unusually many attacks were blocked
 *                      today" alert from this many on (200 by default) ...
 * @param burstFactor   ... when they are also more than this many times its median day over the baseline (10)
 * @param baselineDays  the days before the day that make the baseline (14); the rule waits until the company has
 *                      sent something on at least half of them (a new customer has no baseline yet)
 */
@ConfigurationProperties("sukedachi.triage")
public record TriageSettings(Integer windowHours, Integer burstMinimum, Integer burstFactor, Integer baselineDays) {
    public TriageSettings {
        if (windowHours == null || windowHours < 1) {
            windowHours = 24;
        }
        if (burstMinimum == null || burstMinimum < 1) {
            burstMinimum = 200;
        }
        if (burstFactor == null || burstFactor < 1) {
            burstFactor = 10;
        }
        if (baselineDays == null || baselineDays < 2 || baselineDays > 90) {
            baselineDays = 14;
        }
    }

}
