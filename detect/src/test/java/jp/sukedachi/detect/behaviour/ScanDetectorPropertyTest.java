package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;

/** The scan thresholds and window, on seeded random traffic through the real parsers. */
class ScanDetectorPropertyTest {
    private static final TenantId COMPANY = new TenantId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final DeviceId UTM = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000d1"));
    /** 2026-05-29T01:00:00Z: the hourly sweeps below stay within one UTC day. */
    private static final long T0 = 1_780_016_400_000L;
    private static final long MINUTE = 60_000;

    private static SecurityEvent deny(long t, String src, String dst, int port, SplittableRandom r) {
        return ScanAuthLines.parse("fortigate", ScanAuthLines.fortiDeny(t, src, 1024 + r.nextInt(60_000), dst, port),
                COMPANY, UTM);
    }

    /** A LAN connection as the Zeek or the Suricata sensor on the mirror port logs it. */
    private static SecurityEvent lanConn(long t, String src, String dst, int port, SplittableRandom r) {
        if (r.nextInt(3) == 0) {
            return ScanAuthLines.parse("suricata-eve",
                    ScanAuthLines.suricataFlow(t, src, 1024 + r.nextInt(60_000), dst, port), COMPANY, UTM);
        }
        return ScanAuthLines.parse("zeek", ScanAuthLines.zeekConn(t, src, 1024 + r.nextInt(60_000), dst, port,
                r.nextBoolean() ? "S0" : "REJ"), COMPANY, UTM);
    }

    private static List<Detection> run(List<SecurityEvent> events) {
        ScanDetector d = new ScanDetector();
        List<Detection> out = new ArrayList<>();
        for (SecurityEvent e : events) {
            d.detect(e, out::add);
        }
        d.advance(events.getLast().timestampMillis() + 60 * MINUTE, out::add);
        return out;
    }

    /** {@code ports} distinct random ports of one target, at random times within {@code spanMinutes}. */
    private static List<SecurityEvent> vertical(SplittableRandom r, String src, String dst, int ports, double spanMinutes,
            boolean lan) {
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < ports) {
            int p = 1 + r.nextInt(65_000);
            if (!chosen.contains(p)) {
                chosen.add(p);
            }
        }
        List<SecurityEvent> out = new ArrayList<>();
        for (int i = 0; i < ports; i++) {
            long t = T0 + (long) (spanMinutes * MINUTE * i / Math.max(1, ports - 1));
            out.add(lan ? lanConn(t, src, dst, chosen.get(i), r) : deny(t, src, dst, chosen.get(i), r));
        }
        return out;
    }

    @Test
    void fourteenPortsOfOneHostAreNothingAndFifteenAreOneVerticalScan() {
        SplittableRandom r = new SplittableRandom(19);
        for (int round = 0; round < 40; round++) {
            boolean lan = r.nextBoolean();
            String src = lan ? "192.168.5." + (10 + r.nextInt(200)) : "203.0.113." + (1 + r.nextInt(250));
            String dst = lan ? "192.168.5.2" : "198.51.100.7";
            double span = r.nextDouble() * 9.5;
            assertThat(run(vertical(r, src, dst, 14, span, lan))).as("14 ports, round %d", round).isEmpty();
            List<Detection> found = run(vertical(r, src, dst, 15 + r.nextInt(30), span, lan));
            assertThat(found).as("15 or more ports, round %d", round).hasSize(1);
            Detection d = found.getFirst();
            assertThat(d.ruleId()).isEqualTo(ScanDetector.VERTICAL);
            assertThat(d.context()).containsEntry("origin", lan ? "lan" : "internet")
                    .containsEntry("entity", lan ? src : dst).containsEntry("ports", "15");
            assertThat(d.severity()).isEqualTo(lan ? Detection.Severity.HIGH : Detection.Severity.LOW);
            if (!lan) {
                assertThat(d.context()).containsEntry("remote", src);
            }
        }
    }

    @Test
    void onePortOnFourteenHostsIsNothingAndOnFifteenIsOneHorizontalScan() {
        SplittableRandom r = new SplittableRandom(20);
        for (int round = 0; round < 40; round++) {
            boolean lan = r.nextBoolean();
            String src = lan ? "10.1.2." + (10 + r.nextInt(200)) : "203.0.113." + (1 + r.nextInt(250));
            int port = new int[] {22, 445, 3389, 23, 5900}[r.nextInt(5)];
            for (int hosts : new int[] {14, 15 + r.nextInt(40)}) {
                List<SecurityEvent> events = new ArrayList<>();
                for (int h = 0; h < hosts; h++) {
                    long t = T0 + r.nextInt(9 * 60) * 1000L;
                    String dst = lan ? "10.1.3." + (h + 1) : "198.51.100." + (h + 1);
                    events.add(lan ? lanConn(t, src, dst, port, r) : deny(t, src, dst, port, r));
                }
                events.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
                List<Detection> found = run(events);
                if (hosts == 14) {
                    assertThat(found).as("14 hosts, round %d", round).isEmpty();
                } else {
                    assertThat(found).as("%d hosts, round %d", hosts, round).hasSize(1);
                    assertThat(found.getFirst().ruleId()).isEqualTo(ScanDetector.HORIZONTAL);
                    assertThat(found.getFirst().context()).containsEntry("port", Integer.toString(port))
                            .containsEntry("hosts", "15").containsEntry("origin", lan ? "lan" : "internet");
                }
            }
        }
    }

    @Test
    void aSlowScanSpreadBeyondTheWindowIsNotFound() {
        SplittableRandom r = new SplittableRandom(21);
        for (int round = 0; round < 30; round++) {
            int ports = 15 + r.nextInt(50);
            // At most 14 attempts fall into any 10 minutes: one every 10/14 minutes and a little more.
            double span = (ports - 1) * (10.0 / 14 + 0.01 + r.nextDouble());
            assertThat(run(vertical(r, "192.168.7.9", "192.168.7.1", ports, span, true))).as("round %d", round)
                    .isEmpty();
            // From the Internet the window is six hours: one probe every 6/14 hours and a little more.
            double internetSpan = (ports - 1) * (360.0 / 14 + 0.01 + r.nextDouble() * 30);
            assertThat(run(vertical(r, "203.0.113.8", "198.51.100.7", ports, internetSpan, false)))
                    .as("Internet, round %d", round).isEmpty();
            assertThat(run(vertical(r, "203.0.113.8", "198.51.100.7", ports, 355, false)))
                    .as("Internet within six hours, round %d", round).hasSize(1);
        }
    }

    @Test
    void manyOrdinaryHostsEachTouchingAFewPortsAreNeverFound() {
        SplittableRandom r = new SplittableRandom(22);
        List<SecurityEvent> events = new ArrayList<>();
        int[] usual = {53, 88, 135, 139, 389, 443, 445, 3268, 8080, 9100, 631, 5985};
        for (int i = 0; i < 20_000; i++) {
            long t = T0 + i * 300L;
            String src = "192.168.1." + (20 + r.nextInt(200));
            String dst = "192.168.1." + (1 + r.nextInt(5)); // the office's servers and printers
            events.add(lanConn(t, src, dst, usual[r.nextInt(usual.length)], r));
            if (r.nextInt(4) == 0) { // and the Internet knocking a few ports of the office's address
                events.add(deny(t, "198.51.100." + (128 + r.nextInt(128)), "203.0.113.10", usual[r.nextInt(8)], r));
            }
        }
        assertThat(run(events)).isEmpty();
    }

    @Test
    void aScanIsToldOncePerDayNotAgainInTheNextWindow() {
        SplittableRandom r = new SplittableRandom(23);
        List<SecurityEvent> events = new ArrayList<>();
        for (int w = 0; w < 6; w++) { // the same sweep every hour, each in a window of its own
            for (int p = 0; p < 20; p++) {
                events.add(lanConn(T0 + w * 60 * MINUTE + p * 1000L, "192.168.4.66", "192.168.4.1", 1000 + p, r));
                events.add(deny(T0 + w * 60 * MINUTE + p * 1000L, "203.0.113.99", "198.51.100.7", 1000 + p, r));
            }
        }
        assertThat(run(events)).extracting(d -> d.context().get("origin")).containsExactlyInAnyOrder("lan", "internet");
    }
}
