package jp.sukedachi.app.triage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.triage.*}.
 *
 * @param windowHours an open alert grows with detections whose batch starts within this many hours of its last
 *                    event; later ones open a new alert (24 by default)
 */
@ConfigurationProperties("sukedachi.triage")
public record TriageSettings(Integer windowHours) {
    public TriageSettings {
        if (windowHours == null || windowHours < 1) {
            windowHours = 24;
        }
    }
}
