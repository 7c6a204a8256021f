package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
 * The scan detector under the shared contract: a LAN host sweeping 20 ports of a server over 10 minutes (the
 * restart falls in the middle of that window), then port 445 on 18 hosts, with advances between.
 */
class ScanDetectorContractTest extends DetectorContract {
    private static final long SECOND = 1000;

    @Override
    protected Detector newDetector() {
        return new ScanDetector();
    }

    @Override
    protected List<Step> scenario(TenantId company, DeviceId device) {
        List<Step> steps = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            long t = T0 + p * 25 * SECOND;
            steps.add(feed(ScanAuthLines.parse("fortigate",
                    ScanAuthLines.fortiAccept(t, "192.168.10.23", 50_000 + p, "192.168.10.5", 20 + p), company, device)));
            if (p % 5 == 4) {
                steps.add(advance(t));
            }
        }
        for (int h = 0; h < 18; h++) {
            long t = T0 + 20 * 60 * SECOND + h * 10 * SECOND;
            steps.add(feed(ScanAuthLines.parse("zeek",
                    ScanAuthLines.zeekConn(t, "192.168.10.23", 51_000 + h, "192.168.10." + (100 + h), 445, "REJ"),
                    company, device)));
        }
        steps.add(advance(T0 + 60 * 60 * SECOND));
        return steps;
    }

    @Override
    protected int halfWay(List<Step> steps) {
        return 10; // eight ports in: the vertical window is open
    }

    @Test
    void theScenarioFindsOneVerticalAndOneHorizontalScanFromTheLan() {
        List<Detection> found = run(newDetector(), scenario(COMPANY_A, DEVICE_A));
        assertThat(found).extracting(Detection::ruleId).containsExactly(ScanDetector.VERTICAL, ScanDetector.HORIZONTAL);
        assertThat(found).allSatisfy(d -> {
            assertThat(d.context()).containsEntry("origin", "lan").containsEntry("entity", "192.168.10.23")
                    .doesNotContainKey("remote");
            assertThat(d.severity()).isEqualTo(Detection.Severity.HIGH);
        });
    }

    @Test
    void anotherDetectorsStateOrADamagedOneIsRefused() {
        Detector scan = newDetector();
        run(scan, scenario(COMPANY_A, DEVICE_A).subList(0, 10));
        byte[] good = scan.snapshot();
        assertThat(scan.snapshot()).as("the same array while nothing changed").isSameAs(good);
        Detector other = new BruteForceDetector();
        run(other, BruteForceDetectorContractTest.steps(COMPANY_A, DEVICE_A));
        assertThatThrownBy(() -> newDetector().restore(other.snapshot())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not this detector's");
        assertThatThrownBy(() -> newDetector().restore(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
        assertThatThrownBy(() -> new ScanDetector(Duration.ofMinutes(30), Duration.ofHours(6), 15, 15, 100).restore(good))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another window");
    }

    @Test
    void snapshotsTakenAfterEveryStepEndInTheBytesOfOneTakenOnlyAtTheEnd() {
        assertSnapshotsAlongTheWayChangeNothing();
    }
}
