package jp.sukedachi.app.lifecycle;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes the companies whose grace period is over, hourly (and a minute after start). */
@Component
class OffboardingJob {
    private final Offboardings offboardings;

    OffboardingJob(Offboardings offboardings) {
        this.offboardings = offboardings;
    }

    @Scheduled(initialDelayString = "${sukedachi.lifecycle.offboarding-check-initial-ms:60000}",
            fixedDelayString = "${sukedachi.lifecycle.offboarding-check-ms:3600000}")
    void run() {
        offboardings.runDue();
    }
}
