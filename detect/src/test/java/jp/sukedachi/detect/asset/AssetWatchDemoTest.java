package jp.sukedachi.detect.asset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.simulate.SimRecord;
import jp.sukedachi.simulate.SimWorld;
import jp.sukedachi.simulate.Simulator;
import jp.sukedachi.simulate.Story;
import jp.sukedachi.simulate.Wire;
import org.junit.jupiter.api.Test;

/**
 * The demo's three weeks for thirty companies (office traffic at the demo's 8 records per company and hour, office
 * hours shape, and the attack cases) through the real parsers into asset-watch: case 4's Windows XP PC and case 5's
 * private iPhone are caught, and the offices' own devices raise nothing.
 */
class AssetWatchDemoTest {
    private static final Instant END = Instant.parse("2026-11-20T03:00:00Z");
    private static final Instant START = END.minus(Story.FULL);
    private static final long SEED = 20_261_120L;

    private record Found(Detection detection, SimRecord record) {
    }

    private static TenantId tenant(String slug) {
        return new TenantId(UUID.nameUUIDFromBytes(slug.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Found> run(Story story, Map<String, TenantId> companies) throws Exception {
        SimWorld world = SimWorld.of(30, SEED);
        world.companies().forEach(c -> companies.put(c.slug(), tenant(c.slug())));
        Simulator sim = new Simulator(world, SEED, 8, Simulator.Shape.OFFICE, story);
        LogFormats formats = LogFormats.standard();
        Map<String, Map<Wire, RecordParser>> parsers = new HashMap<>();
        AssetWatchDetector detector = new AssetWatchDetector();
        DeviceId device = new DeviceId(UUID.nameUUIDFromBytes("device".getBytes(StandardCharsets.UTF_8)));
        List<Found> found = new ArrayList<>();
        for (SimRecord r : sim.between(START, END)) {
            RecordParser p = parsers.computeIfAbsent(r.company(), k -> new EnumMap<>(Wire.class))
                    .computeIfAbsent(r.wire(), w -> formats.byId(w.format()).orElseThrow().newParser());
            SecurityEvent e = p.parse(r.line(), r.epochMillis());
            if (e == null) {
                continue;
            }
            e = e.withOwner(companies.get(r.company()), device, r.epochMillis());
            detector.detect(e, x -> found.add(new Found(x, r)));
        }
        return found;
    }

    @Test
    void theOfficesEverydayTrafficRaisesNothingAfterLearningOrBefore() throws Exception {
        Map<String, TenantId> companies = new HashMap<>();
        List<Found> found = run(null, companies);
        System.out.println("asset-watch on 30 offices x 3 weeks of everyday traffic: " + found.size() + " detections");
        assertThat(found).isEmpty();
    }

    @Test
    void theWindowsXpPcAndThePrivateIphoneAreCaughtAndNothingElse() throws Exception {
        Map<String, TenantId> companies = new HashMap<>();
        List<Found> found = run(new Story(START, END, SEED), companies);
        found.forEach(f -> System.out.println("asset-watch: case " + f.record().caseId() + " " + f.record().company()
                + " " + f.detection().category() + " " + f.detection().context()));
        assertThat(found).as("only case records raise anything").allMatch(f -> f.record().caseId() == 4
                || f.record().caseId() == 5);

        List<Detection> xp = found.stream().map(Found::detection)
                .filter(d -> d.tenant().equals(companies.get("hinode-shokuhin"))).toList();
        assertThat(xp).filteredOn(d -> d.category() == Category.OUTDATED_OS).isNotEmpty().allSatisfy(d -> {
            assertThat(d.detector()).isEqualTo("asset-watch");
            assertThat(d.context()).containsEntry("entity", "00:0c:29:4a:58:50").containsEntry("os", "Windows XP");
        });

        List<Detection> phone = found.stream().map(Found::detection)
                .filter(d -> d.tenant().equals(companies.get("tsubame-ryokan"))).toList();
        assertThat(phone).singleElement().satisfies(d -> {
            assertThat(d.category()).isEqualTo(Category.UNKNOWN_DEVICE);
            assertThat(d.context()).containsEntry("entity", "f2:3c:91:aa:10:07");
            assertThat(d.timestampMillis()).isGreaterThan(START.toEpochMilli() + 7 * 86_400_000L);
        });
        assertThat(found.stream().map(f -> f.detection().tenant()).distinct())
                .containsExactlyInAnyOrder(companies.get("hinode-shokuhin"), companies.get("tsubame-ryokan"));
    }
}
