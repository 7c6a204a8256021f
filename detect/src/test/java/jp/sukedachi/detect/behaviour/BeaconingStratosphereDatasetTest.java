package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.testkit.Datasets;
import org.junit.jupiter.api.Test;

/**
 * Real captures from the Stratosphere Lab (../shared/datasets/stratosphere-zeek-labeled), read with the ingest
 * module's Zeek TSV parser and scored per flow and per (source, destination, port) pair.
 *
 * <p>The captures are excerpts shorter than an hour (001: the first 1,000 flows, 50 minutes), so the production
 * persistence of two hours can never be reached on them: the detector runs with {@value #MINUTES} minutes and the
 * default eight beats. The judgement itself (period, whole multiples, the binomial test) is the production one.
 * A flow counts as found when its pair was told by the end of the capture.
 */
class BeaconingStratosphereDatasetTest {
    private static final int MINUTES = 10;
    private static final TenantId LAB = new TenantId(UUID.fromString("00000000-0000-0000-0000-00000000cafe"));
    private static final DeviceId SENSOR = new DeviceId(UUID.fromString("00000000-0000-0000-0000-00000000beef"));

    /** One conn.log flow: its pair and whether the capture's labels call it malicious. */
    private record Flow(String pair, boolean malicious, String label) {
    }

    /** Per flow and per pair: true/false positives and negatives. */
    private record Score(int tp, int fp, int fn, int tn) {
        double precision() {
            return tp + fp == 0 ? 1.0 : tp / (double) (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "precision %.3f recall %.3f (tp %d, fp %d, fn %d, tn %d)", precision(),
                    recall(), tp, fp, fn, tn);
        }
    }

    private record Result(List<Flow> flows, Set<String> toldPairs, List<Detection> detections) {
        Score perFlow() {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int tn = 0;
            for (Flow f : flows) {
                boolean found = toldPairs.contains(f.pair());
                if (found && f.malicious()) {
                    tp++;
                } else if (found) {
                    fp++;
                } else if (f.malicious()) {
                    fn++;
                } else {
                    tn++;
                }
            }
            return new Score(tp, fp, fn, tn);
        }

        /** A pair is malicious when any of its flows is. */
        Score perPair(int minFlows) {
            Map<String, Boolean> malicious = new LinkedHashMap<>();
            Map<String, Integer> count = new LinkedHashMap<>();
            for (Flow f : flows) {
                malicious.merge(f.pair(), f.malicious(), Boolean::logicalOr);
                count.merge(f.pair(), 1, Integer::sum);
            }
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int tn = 0;
            for (Map.Entry<String, Boolean> e : malicious.entrySet()) {
                if (count.get(e.getKey()) < minFlows) {
                    continue;
                }
                boolean found = toldPairs.contains(e.getKey());
                if (found && e.getValue()) {
                    tp++;
                } else if (found) {
                    fp++;
                } else if (e.getValue()) {
                    fn++;
                } else {
                    tn++;
                }
            }
            return new Score(tp, fp, fn, tn);
        }

        long flowsLabelled(String label, boolean found) {
            return flows.stream().filter(f -> f.label().equals(label) && toldPairs.contains(f.pair()) == found).count();
        }
    }

    /** Reads a conn.log through the Zeek parser into the detector; {@code malicious} judges a line's columns. */
    private static Result run(String file, Predicate<String[]> malicious, int labelColumnFromEnd) throws IOException {
        RecordParser parser = LogFormats.standard().byId("zeek").orElseThrow().newParser();
        BeaconingDetector detector = new BeaconingDetector(Allowlist.standard(), Duration.ofMinutes(MINUTES),
                BeaconingDetector.DEFAULT_MIN_BEATS, BeaconingDetector.DEFAULT_MAX_PAIRS_PER_COMPANY);
        List<Flow> flows = new ArrayList<>();
        List<Detection> detections = new ArrayList<>();
        Path path = Datasets.path("stratosphere-zeek-labeled/" + file);
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            SecurityEvent e;
            try {
                e = parser.parse(line, 0);
            } catch (MalformedRecordException ex) {
                throw new AssertionError(line, ex);
            }
            if (e == null || line.startsWith("#")) {
                continue;
            }
            e = e.withOwner(LAB, SENSOR, e.timestampMillis());
            String[] cols = line.split("\t", -1);
            String label = labelColumnFromEnd > 0 ? cols[cols.length - labelColumnFromEnd] : "";
            flows.add(new Flow(pair(e), malicious.test(cols), label));
            detector.detect(e, detections::add);
        }
        Set<String> told = new HashSet<>();
        for (Detection d : detections) {
            told.add(d.context().get("host.ip") + " " + d.context().get("destination.ip") + " "
                    + d.context().get("destination.port"));
        }
        return new Result(flows, told, detections);
    }

    private static String pair(SecurityEvent e) {
        return e.get(Ecs.SOURCE_IP) + " " + e.get(Ecs.DESTINATION_IP) + " " + e.get(Ecs.DESTINATION_PORT);
    }

    private static void print(String name, Result r) {
        System.out.println(name + ": " + r.flows().size() + " flows; told " + r.toldPairs());
        System.out.println(name + " per flow: " + r.perFlow());
        System.out.println(name + " per pair (all pairs): " + r.perPair(1));
        System.out.println(name + " per pair (pairs with >= 8 flows): " + r.perPair(BeaconingDetector.DEFAULT_MIN_BEATS));
        r.detections().forEach(d -> System.out.println("  " + d.severity() + " " + d.title()));
    }

    @Test
    void theNjRatCommandAndControlFlowsOfCapture001AreBeaconingAndNothingElseIs() throws IOException {
        Result r = run("001-zeek-scenario-malicious/labeled-conn.log", c -> c[c.length - 2].equals("Malicious"), 2);
        print("001 NjRAT", r);
        Score flows = r.perFlow();
        // 237 of the 244 malicious flows are the C2 pair (41.108.179.197:1177); the other seven are one or two flows
        // each to web servers, which no rhythm-based detector can call periodic: recall per flow ≥ 0.95.
        assertThat(flows.recall()).isGreaterThanOrEqualTo(0.95);
        // Precision: nothing labelled Background or Benign may be found.
        assertThat(flows.precision()).isEqualTo(1.0);
        assertThat(r.flowsLabelled("Background", true)).isZero();
        assertThat(r.flowsLabelled("Benign", true)).isZero();
        // Per pair, among pairs with enough flows to have a rhythm at all, every malicious one is found, none else.
        Score pairs = r.perPair(BeaconingDetector.DEFAULT_MIN_BEATS);
        assertThat(pairs.recall()).isEqualTo(1.0);
        assertThat(pairs.precision()).isEqualTo(1.0);
        assertThat(r.toldPairs()).containsExactly("192.168.1.115 41.108.179.197 1177");
    }

    @Test
    void theAndroidRatOfCapture003AndTheSimdaBotOfCapture005AreScoredAndPrinted() throws IOException {
        Result rat = run("003-zeek-scenario-malicious/conn.log", c -> c[5].equals("1337"), 0);
        print("003 AndroidTester RAT (port 1337 malicious)", rat);
        Result simda = run("005-zeek-scenario-malicious/conn.log", c -> c[2].equals("192.168.1.116"), 0);
        print("005 Simda (every flow of the infected host malicious)", simda);
        // Whatever is found in these captures must be from the infected hosts (nothing benign exists in 005 but DNS).
        assertThat(rat.perFlow().fp()).as("003 false positives").isLessThanOrEqualTo(rat.flows().size() / 10);
        assertThat(simda.perFlow().fp()).as("005 false positives").isZero();
    }
}
