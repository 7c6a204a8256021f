package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.DetectorContract;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;

/**
 * The brute-force detector under the shared contract: twelve failed Windows network logons to the file server from
 * one LAN PC over six minutes (the restart falls after the ninth), then the right password; later eleven failed
 * SSH passwords for root from the Internet.
 */
class BruteForceDetectorContractTest extends DetectorContract {
    private static final long SECOND = 1000;

    @Override
    protected Detector newDetector() {
        return new BruteForceDetector();
    }

    static List<Step> steps(TenantId company, DeviceId device) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long t = T0 + i * 30 * SECOND;
            steps.add(feed(ScanAuthLines.parse("windows",
                    ScanAuthLines.windowsLogon(t, 4625, "FS01", "sato", "192.168.10.77"), company, device)));
            if (i % 4 == 3) {
                steps.add(advance(t));
            }
        }
        steps.add(feed(ScanAuthLines.parse("windows",
                ScanAuthLines.windowsLogon(T0 + 7 * 60 * SECOND, 4624, "FS01", "sato", "192.168.10.77"), company, device)));
        steps.add(advance(T0 + 2 * 60 * 60 * SECOND));
        // Later, someone on the Internet tries root on the web server.
        for (int i = 0; i < 11; i++) {
            long t = T0 + 3 * 60 * 60 * SECOND + i * 7 * SECOND;
            steps.add(feed(ScanAuthLines.parse("syslog",
                    ScanAuthLines.sshdFailed(t, "web01", "root", "203.0.113.50", 40_000 + i), company, device)));
        }
        return steps;
    }

    @Override
    protected List<Step> scenario(TenantId company, DeviceId device) {
        return steps(company, device);
    }

    @Override
    protected int halfWay(List<Step> steps) {
        return 11; // nine failures in
    }

    @Test
    void tenFailuresFromTheLanAreMediumAndTheSuccessAfterThemIsHigh() {
        List<Detection> found = run(newDetector(), scenario(COMPANY_A, DEVICE_A));
        assertThat(found).extracting(Detection::ruleId)
                .containsExactly(BruteForceDetector.GUESSING, BruteForceDetector.GUESSED, BruteForceDetector.GUESSING);
        assertThat(found).extracting(Detection::severity)
                .containsExactly(Detection.Severity.MEDIUM, Detection.Severity.HIGH, Detection.Severity.LOW);
        assertThat(found.getFirst().context()).containsEntry("origin", "lan").containsEntry("entity", "sato@FS01")
                .containsEntry("remote", "192.168.10.77").containsEntry("failures", "10")
                .containsEntry("succeeded", "false");
        assertThat(found.get(1).context()).containsEntry("succeeded", "true").containsEntry("failures", "10");
        assertThat(found.get(2).context()).containsEntry("origin", "internet").containsEntry("entity", "root@web01")
                .containsEntry("remote", "203.0.113.50").containsEntry("succeeded", "false");
    }

    @Test
    void anotherDetectorsStateOrADamagedOneIsRefused() {
        Detector brute = newDetector();
        run(brute, scenario(COMPANY_A, DEVICE_A).subList(0, 11));
        byte[] good = brute.snapshot();
        assertThat(brute.snapshot()).as("the same array while nothing changed").isSameAs(good);
        assertThatThrownBy(() -> newDetector().restore(new ScanDetector().snapshot()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not this detector's");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> newDetector().restore(longer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> newDetector().restore(Arrays.copyOf(good, 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
    }

    @Test
    void snapshotsTakenAfterEveryStepEndInTheBytesOfOneTakenOnlyAtTheEnd() {
        assertSnapshotsAlongTheWayChangeNothing();
    }
}
