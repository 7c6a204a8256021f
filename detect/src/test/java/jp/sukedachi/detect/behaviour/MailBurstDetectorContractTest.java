package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.DetectorContract;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;

/**
 * Mail bursts under the shared contract: two days of a PC's usual mail, a burst to many servers on the first day
 * and another on the third; the half-way cut falls inside the second burst's window, so a restart must bring back
 * the window, the baseline and the burst already told.
 */
class MailBurstDetectorContractTest extends DetectorContract {
    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;

    @Override
    protected Detector newDetector() {
        return new MailBurstDetector();
    }

    @Override
    protected List<Step> scenario(TenantId company, DeviceId device) {
        SplittableRandom r = new SplittableRandom(company.value().getLeastSignificantBits());
        List<Step> steps = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            for (long t = T0 + day * DAY; t < T0 + day * DAY + 8 * 60 * MINUTE; t += 20 * MINUTE) {
                steps.add(feed(Beats.utm(company, device, t, "192.168.1.20", "192.0.2.25", 587, 10_000)));
            }
            steps.add(advance(T0 + day * DAY + 8 * 60 * MINUTE));
            if (day != 1) {
                long burst = T0 + day * DAY + 9 * 60 * MINUTE;
                for (int k = 0; k < 40; k++) {
                    steps.add(feed(Beats.utm(company, device, burst + k * 40_000L, "192.168.1.20",
                            "198.51.100." + (1 + r.nextInt(120)), 25, 5_000)));
                }
                steps.add(advance(burst + 40 * 40_000L));
            }
        }
        return steps;
    }

    /** Ten connections into the last burst. */
    @Override
    protected int halfWay(List<Step> steps) {
        return steps.size() - 31;
    }

    @Test
    void aStateOfAnotherDetectorOrDamagedIsRefused() {
        Detector d = newDetector();
        List<Step> steps = scenario(COMPANY_A, DEVICE_A);
        run(d, steps.subList(0, halfWay(steps)));
        byte[] state = d.snapshot();
        assertThatThrownBy(() -> newDetector().restore(new BeaconingDetector().snapshot()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not this detector's state");
        assertThatThrownBy(() -> newDetector().restore(Arrays.copyOf(state, state.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
        byte[] noise = new byte[64];
        new SplittableRandom(9).nextBytes(noise);
        assertThatThrownBy(() -> newDetector().restore(noise)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotsTakenAfterEveryStepEndInTheBytesOfOneTakenOnlyAtTheEnd() {
        assertSnapshotsAlongTheWayChangeNothing();
    }
}
