package jp.sukedachi.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Detector} must do, run against each detector by a test extending this one: the same events
 * give the same detections; a snapshot taken half-way and restored into a fresh instance continues exactly as an
 * uninterrupted run; one company's events and state never change another company's detections.
 *
 * <p>A detector's test gives a fresh detector and a scenario for a company and its device: events and the
 * stream's advances, in order, with something detected in both halves (for a windowed detector, a window open
 * across the half-way point).
 */
public abstract class DetectorContract {
    protected static final TenantId COMPANY_A = new TenantId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    protected static final TenantId COMPANY_B = new TenantId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
    protected static final DeviceId DEVICE_A = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000da"));
    protected static final DeviceId DEVICE_B = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000db"));
    /** 2020-09-13T12:26:40Z: long past, so a detector judging by the clock instead of the events' time shows. */
    protected static final long T0 = 1_600_000_000_000L;

    /** One step of a scenario: an event, or the stream reaching a time. */
    protected sealed interface Step permits Feed, Advance {
    }

    protected record Feed(SecurityEvent event) implements Step {
    }

    protected record Advance(long eventTimeMillis) implements Step {
    }

    protected static Step feed(SecurityEvent event) {
        return new Feed(event);
    }

    protected static Step advance(long eventTimeMillis) {
        return new Advance(eventTimeMillis);
    }

    /** A new instance, with no state. */
    protected abstract Detector newDetector();

    /** The scenario of one company, its events on its device. */
    protected abstract List<Step> scenario(TenantId company, DeviceId device);

    /** Where the scenario is cut for the snapshot. */
    protected int halfWay(List<Step> steps) {
        return steps.size() / 2;
    }

    protected static List<Detection> run(Detector d, List<Step> steps) {
        List<Detection> out = new ArrayList<>();
        for (Step s : steps) {
            switch (s) {
                case Feed f -> d.detect(f.event(), out::add);
                case Advance a -> d.advance(a.eventTimeMillis(), out::add);
            }
        }
        return out;
    }

    private static List<Detection> of(TenantId company, List<Detection> all) {
        return all.stream().filter(x -> company.equals(x.tenant())).toList();
    }

    /**
     * Snapshots taken after every step of two companies' scenarios end in the bytes of one taken only at the end: a
     * detector that keeps a company's encoded part between snapshots drops it whenever that company changes.
     */
    protected void assertSnapshotsAlongTheWayChangeNothing() {
        List<Step> steps = interleaved(scenario(COMPANY_A, DEVICE_A), scenario(COMPANY_B, DEVICE_B));
        Detector once = newDetector();
        run(once, steps);
        Detector along = newDetector();
        for (Step s : steps) {
            run(along, List.of(s));
            along.snapshot();
        }
        assertThat(along.snapshot()).isEqualTo(once.snapshot());
    }

    /** A's and B's steps taken in turn. */
    protected static List<Step> interleaved(List<Step> a, List<Step> b) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                out.add(a.get(i));
            }
            if (i < b.size()) {
                out.add(b.get(i));
            }
        }
        return out;
    }

    @Test
    void theSameEventsTwiceThroughTwoFreshInstancesGiveEqualDetections() {
        List<Step> steps = scenario(COMPANY_A, DEVICE_A);
        List<Detection> first = run(newDetector(), steps);
        List<Detection> second = run(newDetector(), steps);
        assertThat(of(COMPANY_A, first)).as("the scenario detects something").isNotEmpty();
        assertThat(second).isEqualTo(first);
        assertThat(first).allSatisfy(x -> assertThat(x.detector()).isEqualTo(newDetector().id()));
    }

    @Test
    void aSnapshotRestoredIntoAFreshInstanceContinuesLikeAnUninterruptedRun() {
        List<Step> steps = scenario(COMPANY_A, DEVICE_A);
        int half = halfWay(steps);
        List<Detection> uninterrupted = run(newDetector(), steps);

        Detector before = newDetector();
        List<Detection> resumed = new ArrayList<>(run(before, steps.subList(0, half)));
        byte[] state = before.snapshot();
        Detector after = newDetector();
        after.restore(state);
        List<Detection> secondHalf = run(after, steps.subList(half, steps.size()));
        resumed.addAll(secondHalf);

        assertThat(of(COMPANY_A, secondHalf)).as("something is detected after the restart").isNotEmpty();
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    @Test
    void anotherCompanysEventsInterleavedDoNotChangeACompanysDetections() {
        List<Step> a = scenario(COMPANY_A, DEVICE_A);
        List<Detection> alone = of(COMPANY_A, run(newDetector(), a));
        List<Detection> together = run(newDetector(), interleaved(a, scenario(COMPANY_B, DEVICE_B)));
        assertThat(of(COMPANY_B, together)).as("the other company is detected on too").isNotEmpty();
        assertThat(of(COMPANY_A, together)).isEqualTo(alone);
    }

    /**
     * B's detections after restoring a state taken half-way through A's events equal those after restoring a state
     * taken with A's events left out (the stream's advances only: what a detector holds for every company, such as
     * the watch's roster, is the same in both).
     */
    @Test
    void restoringOneCompanysStateNeverShowsInAnotherCompanysDetections() {
        List<Step> a = scenario(COMPANY_A, DEVICE_A);
        List<Step> b = scenario(COMPANY_B, DEVICE_B);
        List<Step> aFirstHalf = a.subList(0, halfWay(a));
        List<Step> bSecondHalf = b.subList(halfWay(b), b.size());

        Detector withA = newDetector();
        run(withA, aFirstHalf);
        Detector restored = newDetector();
        restored.restore(withA.snapshot());
        List<Detection> afterA = of(COMPANY_B, run(restored, bSecondHalf));

        Detector withoutA = newDetector();
        run(withoutA, aFirstHalf.stream().filter(s -> s instanceof Advance).toList());
        Detector baseline = newDetector();
        baseline.restore(withoutA.snapshot());
        List<Detection> afterNothing = of(COMPANY_B, run(baseline, bSecondHalf));

        assertThat(afterNothing).as("the other company is detected on").isNotEmpty();
        assertThat(afterA).isEqualTo(afterNothing);
    }
}
