package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.simulate.DemoIntel;
import jp.sukedachi.simulate.SimWorld;
import jp.sukedachi.simulate.Simulator;
import jp.sukedachi.simulate.Story;
import org.junit.jupiter.api.Test;

/**
 * The ground truth of the demo: three weeks of the thirty demo companies' everyday office traffic (the
 * simulator's OFFICE shape, through the real parsers) raise nothing from either detector, while the story's case 1
 * (a PC calling its C2 every 10.5 minutes) is beaconing and case 6 (a laptop mailing fifty partner servers) is a
 * mail burst.
 */
class BehaviourOnSimulatedOfficeTest {
    private static final Instant END = Instant.parse("2026-11-20T03:00:00Z");
    private static final Instant START = END.minus(Story.FULL);
    /** The demo world's seed (DemoWorld.WORLD_SEED in the app). */
    private static final long SEED = 2026;

    private static Map<String, Long> byCompanyAndDetector(List<Detection> detections) {
        Map<String, Long> out = new TreeMap<>();
        for (Detection d : detections) {
            out.merge(d.detector() + " " + d.tenant() + " " + d.context().get("entity") + " → " + d.context().get("remote")
                    + (d.detector().equals("beaconing") && !d.context().get("remote").startsWith("203.0.113.") ? " " + d.title() : ""),
                    1L, Long::sum);
        }
        return out;
    }

    @Test
    void threeWeeksOfEverydayOfficeTrafficAtTheLiveRateRaiseNothing() {
        SimWorld world = SimWorld.of(30, SEED);
        Simulator office = new Simulator(world, SEED, 60, Simulator.Shape.OFFICE, null);
        BeaconingDetector beaconing = new BeaconingDetector();
        MailBurstDetector mail = new MailBurstDetector();
        SimulatedTraffic.Run run = SimulatedTraffic.run(office, START, END, List.of(beaconing, mail));
        System.out.printf("office traffic: %,d events over 3 weeks, 30 companies; detectors %.0f ns/event "
                        + "(parsing %.0f ns/event); state %,d + %,d bytes%n", run.events(),
                run.detectorNanos() / (double) run.events(), run.parsedNanos() / (double) run.events(),
                beaconing.snapshot().length, mail.snapshot().length);
        assertThat(run.events()).isGreaterThan(500_000);
        assertThat(byCompanyAndDetector(run.detections())).isEmpty();
    }

    @Test
    void theDemoStoryIsFoundByItsNamedDetectorsAndNothingElseIs() {
        SimWorld world = SimWorld.of(30, SEED);
        Simulator demo = new Simulator(world, SEED, 8, Simulator.Shape.OFFICE, new Story(START, END, SEED));
        SimulatedTraffic.Run run = SimulatedTraffic.run(demo, START, END,
                List.of(new BeaconingDetector(), new MailBurstDetector()));
        Map<String, Long> found = byCompanyAndDetector(run.detections());
        System.out.println("demo story: " + found);

        List<Detection> beacons = run.detections().stream().filter(d -> d.detector().equals("beaconing")).toList();
        List<Detection> caseOne = beacons.stream()
                .filter(d -> d.tenant().equals(SimulatedTraffic.company("kawasemi-kensetsu"))).toList();
        assertThat(caseOne).isNotEmpty().allSatisfy(d -> {
            assertThat(d.category()).isEqualTo(Category.BEACONING);
            assertThat(d.context()).containsEntry("remote", DemoIntel.BEACON_C2).containsEntry("destination.port", "443");
            assertThat(Double.parseDouble(d.context().get("periodSeconds"))).isBetween(9.0 * 60, 12.0 * 60);
        });
        // Once when it starts, then at most once per day: the C2 runs for 20 days.
        assertThat(caseOne).hasSizeBetween(19, 22);
        Instant infected = END.minus(Duration.ofDays(20));
        assertThat(Instant.ofEpochMilli(caseOne.getFirst().timestampMillis()))
                .isBetween(infected, infected.plus(Duration.ofHours(8)));
        // The other beacons are the C2 of other cases (Emotet, the XP worm): attackers, never the office's services.
        assertThat(beacons.stream().map(d -> d.context().get("remote")).distinct().toList())
                .allMatch(remote -> remote.startsWith("203.0.113."));

        List<String> bursts = run.detections().stream().filter(d -> d.detector().equals("mail-burst"))
                .map(d -> d.tenant() + " " + d.category() + " " + d.context().get("servers")).toList();
        assertThat(bursts).hasSize(1).allSatisfy(b -> assertThat(b)
                .startsWith(SimulatedTraffic.company("aozora-unyu") + " MAIL_BURST 192.0.2."));
        assertThat(run.detections()).allMatch(d -> d.detector().equals("beaconing") || d.detector().equals("mail-burst"));
    }
}
