package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.detect.sigma.EventFiles;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.testkit.Datasets;
import org.junit.jupiter.api.Test;

/**
 * The scan detector on Stratosphere's CTU-Normal-44 day 2 ({@code 012-zeek-mixed}): a normal Windows host with a
 * public address (147.32.83.161), attacked from the Internet for 24 hours; every flow to it is labelled
 * {@code Malicious/External-Attack-to-Device}. Scored per source and per flow (a flow is found when it belongs to a
 * found scan: same source, same target for a vertical scan or same port for a horizontal one, from the start of the
 * window that crossed the threshold to the end of that event-day, the time the scan is not told again).
 */
class ScanDetectorDatasetTest {
    private static final TenantId COMPANY = new TenantId(UUID.fromString("00000000-0000-0000-0000-000000000012"));
    private static final DeviceId ZEEK = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000d3"));

    private static List<SecurityEvent> flows() throws IOException {
        var records = EventFiles.records(Datasets.path("stratosphere-zeek-labeled/012-zeek-mixed/data/conn.log.labeled"));
        EventFiles.Parsed parsed = EventFiles.parse(records, LogFormats.standard(), 0);
        assertThat(parsed.unparsed()).isZero();
        return parsed.events().stream().map(e -> e.withOwner(COMPANY, ZEEK, e.timestampMillis())).toList();
    }

    private static boolean malicious(SecurityEvent e) {
        return "Malicious".equals(e.original("label"));
    }

    private static List<Detection> run(ScanDetector d, List<SecurityEvent> flows) {
        List<Detection> out = new ArrayList<>();
        for (SecurityEvent e : flows) { // in the file's order, as a sensor sends them
            d.detect(e, out::add);
        }
        d.advance(Long.MAX_VALUE / 2, out::add);
        return out;
    }

    /** Whether a flow belongs to a found scan. */
    private static boolean inScan(SecurityEvent f, Detection d, long windowMillis) {
        Map<String, String> c = d.context();
        if (!c.get("source").equals(f.get(Ecs.SOURCE_IP))) {
            return false;
        }
        boolean same = c.get("kind").equals("vertical") ? c.get("target").equals(f.get(Ecs.DESTINATION_IP))
                : c.get("port").equals(f.get(Ecs.DESTINATION_PORT));
        long endOfDay = (Math.floorDiv(d.timestampMillis(), 86_400_000L) + 1) * 86_400_000L;
        long t = f.timestampMillis();
        return same && t >= d.timestampMillis() - windowMillis && t < endOfDay;
    }

    /** Precision and recall of one run, per source and per flow, printed; returns [pSrc, rSrc, pFlow, rFlow]. */
    private static double[] score(String what, List<SecurityEvent> flows, List<Detection> found, long windowMillis) {
        Set<String> badSources = new HashSet<>();
        Set<String> goodSources = new HashSet<>();
        for (SecurityEvent f : flows) {
            (malicious(f) ? badSources : goodSources).add(f.get(Ecs.SOURCE_IP));
        }
        goodSources.removeAll(badSources);
        Set<String> foundSources = new HashSet<>();
        found.forEach(d -> foundSources.add(d.context().get("source")));
        long tpSrc = foundSources.stream().filter(badSources::contains).count();
        int tpFlow = 0;
        int fpFlow = 0;
        int bad = 0;
        for (SecurityEvent f : flows) {
            boolean m = malicious(f);
            bad += m ? 1 : 0;
            if (found.stream().anyMatch(d -> inScan(f, d, windowMillis))) {
                if (m) {
                    tpFlow++;
                } else {
                    fpFlow++;
                }
            }
        }
        double pSrc = foundSources.isEmpty() ? 1 : (double) tpSrc / foundSources.size();
        double rSrc = (double) tpSrc / badSources.size();
        double pFlow = tpFlow + fpFlow == 0 ? 1 : (double) tpFlow / (tpFlow + fpFlow);
        double rFlow = (double) tpFlow / bad;
        System.out.printf(
                "scan on 012-zeek-mixed, %s: %d detections from %s; per source precision %.3f recall %.4f (%d of %d"
                        + " attacking sources); per flow precision %.3f recall %.4f (%d of %d malicious flows)%n",
                what, found.size(), new TreeMap<>(count(found)), pSrc, rSrc, tpSrc, badSources.size(), pFlow, rFlow,
                tpFlow, bad);
        return new double[] {pSrc, rSrc, pFlow, rFlow};
    }

    private static Map<String, Integer> count(List<Detection> found) {
        Map<String, Integer> n = new HashMap<>();
        found.forEach(d -> n.merge(d.context().get("source") + " " + d.context().get("kind"), 1, Integer::sum));
        return n;
    }

    /**
     * The sources that, by the labels alone, sent {@code minPorts} refused attempts to distinct ports of the attacked
     * host within {@code window}: what a scan detector with that window can find at all. Counted here by brute force
     * over each source's flows sorted by time, independently of the detector's sliding state.
     */
    private static Set<String> labelledScanners(List<SecurityEvent> flows, Duration window, int minPorts) {
        Map<String, List<SecurityEvent>> bySource = new HashMap<>();
        for (SecurityEvent f : flows) {
            int srcPort = Integer.parseInt(f.get(Ecs.SOURCE_PORT) == null ? "0" : f.get(Ecs.SOURCE_PORT));
            int dstPort = f.get(Ecs.DESTINATION_PORT) == null ? -1 : Integer.parseInt(f.get(Ecs.DESTINATION_PORT));
            boolean answer = srcPort > 0 && srcPort < 1024 && dstPort >= 1024;
            if (malicious(f) && dstPort >= 0 && !answer && ScanDetector.refused(f)) {
                bySource.computeIfAbsent(f.get(Ecs.SOURCE_IP), k -> new ArrayList<>()).add(f);
            }
        }
        Set<String> out = new HashSet<>();
        bySource.forEach((src, fs) -> {
            fs.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
            for (int i = 0; i < fs.size(); i++) {
                Set<String> ports = new HashSet<>();
                for (int j = i; j < fs.size()
                        && fs.get(j).timestampMillis() - fs.get(i).timestampMillis() <= window.toMillis(); j++) {
                    ports.add(fs.get(j).get(Ecs.DESTINATION_IP) + ":" + fs.get(j).get(Ecs.DESTINATION_PORT));
                }
                if (ports.size() >= minPorts) {
                    out.add(src);
                    return;
                }
            }
        });
        return out;
    }

    @Test
    void internetScannersOfTheAttackedHostAreFoundAsLowInternetScansAndNothingElseIs() throws IOException {
        List<SecurityEvent> flows = flows();
        assertThat(flows).hasSizeGreaterThan(4_000);
        for (Duration window : List.of(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1),
                ScanDetector.DEFAULT_INTERNET_WINDOW, Duration.ofHours(24))) {
            List<Detection> found = run(new ScanDetector(ScanDetector.DEFAULT_WINDOW, window, 15, 15,
                    ScanDetector.DEFAULT_MAX_SOURCES), flows);
            double[] s = score("Internet window " + window.toMinutes() + " min"
                    + (window.equals(ScanDetector.DEFAULT_INTERNET_WINDOW) ? " (the default)" : "") + ", 15 ports/hosts",
                    flows, found, window.toMillis());
            Set<String> foundSources = new HashSet<>();
            found.forEach(d -> foundSources.add(d.context().get("source")));
            // What the labels say scanned fast enough to be seen with this window is exactly what is found.
            Set<String> reachable = labelledScanners(flows, window, 15);
            System.out.printf("  recall against the %d sources whose labelled flows reach 15 ports within the window: %s%n",
                    reachable.size(), reachable.isEmpty() ? "n/a" : String.format("%.3f",
                            (double) foundSources.stream().filter(reachable::contains).count() / reachable.size()));
            assertThat(foundSources).as("window %s", window).isEqualTo(reachable);
            // Every source found attacked the host (precision 1 per source and per flow) ...
            assertThat(s[0]).as("precision per source, window %s", window).isEqualTo(1.0);
            assertThat(s[2]).as("precision per flow, window %s", window).isEqualTo(1.0);
            // ... and is the Internet, counted rather than alerted on: nothing here needs a human.
            assertThat(found).allSatisfy(d -> {
                assertThat(d.context()).containsEntry("origin", "internet").containsEntry("entity", "147.32.83.161");
                assertThat(d.severity()).isEqualTo(Severity.LOW);
            });
        }
    }

    @Test
    void withTheDefaultsTheThreeFastestScannersOfTheAttackedHostAreFound() throws IOException {
        List<SecurityEvent> flows = flows();
        List<Detection> found = run(new ScanDetector(), flows);
        Set<String> sources = new HashSet<>();
        found.forEach(d -> sources.add(d.context().get("source")));
        assertThat(sources).isEqualTo(labelledScanners(flows, ScanDetector.DEFAULT_INTERNET_WINDOW, 15)).hasSize(3);
        assertThat(found).allSatisfy(d -> assertThat(d.context()).containsEntry("windowMinutes", "360"));
    }

    @Test
    void benignAndBackgroundFlowsRaiseNothingFromTheLanOrAboveLow() throws IOException {
        List<SecurityEvent> benign = flows().stream().filter(f -> !malicious(f)).toList();
        assertThat(benign).hasSizeGreaterThan(1_500);
        for (Duration window : List.of(Duration.ofMinutes(10), ScanDetector.DEFAULT_INTERNET_WINDOW, Duration.ofHours(24))) {
            List<Detection> found = run(new ScanDetector(ScanDetector.DEFAULT_WINDOW, window, 15, 15,
                    ScanDetector.DEFAULT_MAX_SOURCES), benign);
            System.out.printf("scan on 012-zeek-mixed benign+background flows only (%d), Internet window %d min: %d detections%n",
                    benign.size(), window.toMinutes(), found.size());
            assertThat(found).noneMatch(d -> "lan".equals(d.context().get("origin")))
                    .noneMatch(d -> d.severity().compareTo(Severity.LOW) > 0);
            assertThat(found).isEmpty();
        }
    }
}
