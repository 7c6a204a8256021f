package jp.sukedachi.app.lifecycle;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Offboarding settings under {@code sukedachi.lifecycle.*}.
 *
 * @param offboardingGraceDays days between the start of an offboarding and the deletion of everything of the
 *                             company (30); the admin can cancel within them
 */
@ConfigurationProperties("sukedachi.lifecycle")
record OffboardingSettings(Integer offboardingGraceDays) {
    OffboardingSettings {
        offboardingGraceDays = Settings.within("sukedachi.lifecycle.offboarding-grace-days", offboardingGraceDays,
                30, 0, 3650);
    }
}
