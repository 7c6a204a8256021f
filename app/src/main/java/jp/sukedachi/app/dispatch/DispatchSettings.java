package jp.sukedachi.app.dispatch;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.dispatch.*}.
 *
 * @param targetArrivalHours how long after a visit is requested the responder should be on site (24), for a
 *                           company without a contract; with one, its plan's target arrival time applies
 * @param maxEvidenceMb      the largest photo or file a responder may attach to a visit, in MB (10; the server's
 *                           upload limit spring.servlet.multipart.max-file-size must allow it)
 */
@ConfigurationProperties("sukedachi.dispatch")
record DispatchSettings(Integer targetArrivalHours, Integer maxEvidenceMb) {
    DispatchSettings {
        targetArrivalHours = Settings.within("sukedachi.dispatch.target-arrival-hours", targetArrivalHours, 24, 1,
                24 * 30);
        maxEvidenceMb = Settings.within("sukedachi.dispatch.max-evidence-mb", maxEvidenceMb, 10, 1, 100);
    }

    long maxEvidenceBytes() {
        return maxEvidenceMb * 1024L * 1024L;
    }
}
