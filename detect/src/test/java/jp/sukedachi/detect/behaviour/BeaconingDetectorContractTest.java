package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.DetectorContract;
import jp.sukedachi.detect.DetectorState;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;

/**
 * Beaconing under the shared contract: a PC calling its server every ten minutes (±10%) for forty hours among
 * random browsing, told when it becomes periodic and again each new event day; the half-way cut falls in the middle
 * of a ring of beats, so a restart must bring back every beat, the learned names and what was told.
 */
class BeaconingDetectorContractTest extends DetectorContract {
    private static final long MINUTE = 60_000;

    @Override
    protected Detector newDetector() {
        return new BeaconingDetector();
    }

    @Override
    protected List<Step> scenario(TenantId company, DeviceId device) {
        SplittableRandom r = new SplittableRandom(company.value().getLeastSignificantBits());
        List<Step> steps = new ArrayList<>();
        steps.add(feed(Beats.dns(company, device, T0, "192.168.1.20", "cdn.example.net", "198.51.100.80")));
        long next = T0;
        long hour = T0;
        for (long t = T0; t < T0 + 40 * 60 * MINUTE; t += MINUTE) {
            if (t >= next) {
                steps.add(feed(Beats.utm(company, device, t, "192.168.1.20", "203.0.113.66", 443, 900 + r.nextInt(50))));
                next = t + 10 * MINUTE + r.nextLong(-MINUTE, MINUTE);
            }
            if (r.nextInt(4) == 0) {
                steps.add(feed(Beats.utm(company, device, t + r.nextLong(MINUTE), "192.168.1.21",
                        "198.51.100." + (80 + r.nextInt(3)), 443, 2_000 + r.nextInt(50_000))));
            }
            if (t - hour >= 60 * MINUTE) {
                steps.add(advance(t));
                hour = t;
            }
        }
        return steps;
    }

    @Test
    void theScenarioTellsTheBeaconOncePerEventDay() {
        List<Detection> found = run(newDetector(), scenario(COMPANY_A, DEVICE_A));
        assertThat(found).extracting(d -> d.context().get("remote")).containsOnly("203.0.113.66");
        // 12:26 UTC on day one, then once on each of the next two UTC days.
        assertThat(found).hasSize(3);
    }

    @Test
    void aStateOfAnotherDetectorOrDamagedOrUnknownIsRefused() {
        Detector d = newDetector();
        List<Step> steps = scenario(COMPANY_A, DEVICE_A);
        run(d, steps.subList(0, steps.size() / 2));
        byte[] state = d.snapshot();
        byte[] mail = new MailBurstDetector().snapshot();
        assertThatThrownBy(() -> newDetector().restore(mail)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not this detector's state");
        assertThatThrownBy(() -> newDetector().restore(Arrays.copyOf(state, state.length - 7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
        byte[] longer = Arrays.copyOf(state, state.length + 1);
        assertThatThrownBy(() -> newDetector().restore(longer)).isInstanceOf(IllegalArgumentException.class);
        byte[] future = DetectorState.write(0x42434e47, BeaconingDetector.FORMAT_VERSION + 1, out -> { });
        assertThatThrownBy(() -> newDetector().restore(future)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
        byte[] noise = new byte[200];
        new SplittableRandom(1).nextBytes(noise);
        assertThatThrownBy(() -> newDetector().restore(noise)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSnapshotIsTheSameArrayWhileNothingChanged() {
        Detector d = newDetector();
        List<Step> steps = scenario(COMPANY_A, DEVICE_A);
        int feed = 100;
        while (!(steps.get(feed) instanceof Feed)) {
            feed++;
        }
        run(d, steps.subList(0, feed));
        byte[] first = d.snapshot();
        assertThat(d.snapshot()).isSameAs(first);
        run(d, steps.subList(feed, feed + 1));
        assertThat(d.snapshot()).isNotSameAs(first);
    }

    @Test
    void snapshotsTakenAfterEveryStepEndInTheBytesOfOneTakenOnlyAtTheEnd() {
        assertSnapshotsAlongTheWayChangeNothing();
    }
}
