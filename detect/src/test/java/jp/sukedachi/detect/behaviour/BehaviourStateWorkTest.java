package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;

/**
 * The work the scan and brute-force detectors do per event and per snapshot: the whole company is swept at most
 * once per event-minute, and a snapshot encodes again only the companies that changed since the last one.
 */
class BehaviourStateWorkTest {
    private static final long T0 = 1_600_000_000_000L;
    private static final DeviceId DEVICE = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000da"));

    private static TenantId company(int i) {
        return new TenantId(new UUID(0, 0x100 + i));
    }

    @Test
    void aThousandConnectionsWithinOneEventMinuteSweepTheCompanyOnceNotPerEvent() {
        ScanDetector scan = new ScanDetector();
        for (int i = 0; i < 1_000; i++) {
            // every 50 ms, each a new source: the time moves forward on every event
            scan.detect(ScanAuthLines.parse("zeek", ScanAuthLines.zeekConn(T0 + i * 50L, "192.168.1." + (i % 250),
                    40_000 + i, "192.168.2.1", 1 + i % 10, "REJ"), company(0), DEVICE), d -> { });
        }
        assertThat(scan.sweeps).isBetween(1L, 2L);
    }

    @Test
    void aSnapshotEncodesAgainOnlyTheScanCompanyThatChanged() {
        ScanDetector scan = new ScanDetector();
        for (int c = 0; c < 10; c++) {
            scan.detect(ScanAuthLines.parse("zeek", ScanAuthLines.zeekConn(T0, "192.168.1.5", 40_000, "192.168.2.1",
                    22, "REJ"), company(c), DEVICE), d -> { });
        }
        byte[] first = scan.snapshot();
        assertThat(scan.encodedCompanies).isEqualTo(10);
        scan.detect(ScanAuthLines.parse("zeek", ScanAuthLines.zeekConn(T0 + 1_000, "192.168.1.5", 40_001,
                "192.168.2.1", 23, "REJ"), company(3), DEVICE), d -> { });
        byte[] second = scan.snapshot();
        assertThat(second).isNotEqualTo(first);
        assertThat(scan.encodedCompanies).isEqualTo(11);
        assertThat(scan.snapshot()).isSameAs(second);
    }

    @Test
    void aSnapshotEncodesAgainOnlyTheBruteForceCompanyThatChanged() {
        BruteForceDetector brute = new BruteForceDetector();
        for (int c = 0; c < 10; c++) {
            brute.detect(ScanAuthLines.parse("syslog", ScanAuthLines.sshdFailed(T0, "web01", "root", "203.0.113.50",
                    40_000), company(c), DEVICE), d -> { });
        }
        brute.snapshot();
        assertThat(brute.encodedCompanies).isEqualTo(10);
        brute.detect(ScanAuthLines.parse("syslog", ScanAuthLines.sshdFailed(T0 + 1_000, "web01", "root",
                "203.0.113.50", 40_001), company(7), DEVICE), d -> { });
        brute.snapshot();
        assertThat(brute.encodedCompanies).isEqualTo(11);
    }
}
