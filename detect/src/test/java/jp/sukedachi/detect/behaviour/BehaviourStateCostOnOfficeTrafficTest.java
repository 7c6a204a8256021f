package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.simulate.SimRecord;
import jp.sukedachi.simulate.SimWorld;
import jp.sukedachi.simulate.Simulator;
import jp.sukedachi.simulate.Story;
import org.junit.jupiter.api.Test;

/**
 * What the four behaviour detectors cost the pipeline over three weeks of thirty companies' office traffic at the
 * live rate, fed in batches as DetectionStage does (every detector's detect, then advance to the batch's newest
 * time, then snapshot): it PRINTS the mean CPU time of detect per event, the mean snapshot time, how often a snapshot was a
 * new array and its mean size. Timing is never asserted; what is asserted is that the last state, restored into a
 * new detector, snapshots to the same bytes.
 */
class BehaviourStateCostOnOfficeTrafficTest {
    private static final Instant END = Instant.parse("2026-11-20T03:00:00Z");
    private static final Instant START = END.minus(Story.FULL);
    private static final int BATCH = 500;

    @Test
    void theFourBehaviourDetectorsSnapshotCheaplyOverThreeWeeksOfThirtyCompaniesAndRestoreToTheSameBytes()
            throws MalformedRecordException {
        List<Supplier<Detector>> makers = List.of(ScanDetector::new, BruteForceDetector::new, BeaconingDetector::new,
                MailBurstDetector::new);
        List<Detector> detectors = makers.stream().map(Supplier::get).toList();
        int n = detectors.size();
        long[] detectNanos = new long[n];
        long[] snapshotNanos = new long[n];
        long[] newArrays = new long[n];
        long[] newBytes = new long[n];
        byte[][] lastState = new byte[n][];
        long snapshots = 0;
        long events = 0;
        List<Detection> found = new ArrayList<>();
        // CPU time of this thread, not the wall clock: the build machine is shared
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();

        Simulator office = new Simulator(SimWorld.of(30, 2026), 2026, 60, Simulator.Shape.OFFICE, null);
        LogFormats formats = LogFormats.standard();
        Map<jp.sukedachi.simulate.Wire, RecordParser> parsers = new EnumMap<>(jp.sukedachi.simulate.Wire.class);
        for (jp.sukedachi.simulate.Wire w : jp.sukedachi.simulate.Wire.values()) {
            parsers.put(w, formats.byId(w.format()).orElseThrow().newParser());
        }
        List<SecurityEvent> batch = new ArrayList<>(BATCH);
        for (Instant t = START; t.isBefore(END); t = t.plus(Duration.ofHours(1))) {
            for (SimRecord r : office.between(t, t.plus(Duration.ofHours(1)))) {
                SecurityEvent e = parsers.get(r.wire()).parse(r.line(), r.epochMillis());
                if (e == null) {
                    continue;
                }
                batch.add(e.withOwner(SimulatedTraffic.company(r.company()),
                        SimulatedTraffic.device(r.company(), r.device()), r.epochMillis()));
                if (batch.size() == BATCH) {
                    long newest = batch.stream().mapToLong(SecurityEvent::timestampMillis).max().orElseThrow();
                    for (int i = 0; i < n; i++) {
                        Detector d = detectors.get(i);
                        long t0 = cpu.getCurrentThreadCpuTime();
                        for (SecurityEvent ev : batch) {
                            d.detect(ev, found::add);
                        }
                        d.advance(newest, found::add);
                        long t1 = cpu.getCurrentThreadCpuTime();
                        byte[] s = d.snapshot();
                        snapshotNanos[i] += cpu.getCurrentThreadCpuTime() - t1;
                        detectNanos[i] += t1 - t0;
                        if (s != lastState[i]) {
                            newArrays[i]++;
                            newBytes[i] += s == null ? 0 : s.length;
                            lastState[i] = s;
                        }
                    }
                    snapshots++;
                    events += batch.size();
                    batch.clear();
                }
            }
        }
        System.out.printf("STATE COST over %,d events in %,d batches of %d (30 companies, 3 weeks, office traffic)%n",
                events, snapshots, BATCH);
        for (int i = 0; i < n; i++) {
            System.out.printf("STATE COST %-12s detect+advance %,6.0f ns/event; snapshot mean %,9.1f µs; new array "
                            + "in %5.1f%% of batches, mean %,9d bytes; final %,9d bytes%n",
                    detectors.get(i).id(), detectNanos[i] / (double) events, snapshotNanos[i] / 1000.0 / snapshots,
                    100.0 * newArrays[i] / snapshots, newArrays[i] == 0 ? 0 : newBytes[i] / newArrays[i],
                    lastState[i] == null ? 0 : lastState[i].length);
        }
        assertThat(events).isGreaterThan(500_000);
        for (int i = 0; i < n; i++) {
            Detector fresh = makers.get(i).get();
            fresh.restore(lastState[i]);
            assertThat(fresh.snapshot()).as(detectors.get(i).id()).isEqualTo(lastState[i]);
        }
    }
}
