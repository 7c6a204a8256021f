package jp.sukedachi.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.RecordParser;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private static final Instant END = Instant.parse("2026-11-20T03:00:00Z");
    private static final Instant START = END.minus(Story.FULL);

    private static Simulator simulator(long seed) {
        return simulator(seed, 20);
    }

    private static Simulator simulator(long seed, double rate) {
        SimWorld world = SimWorld.of(30, seed);
        return new Simulator(world, seed, rate, Simulator.Shape.OFFICE, new Story(START, END, seed));
    }

    @Test
    void theSameSeedGivesTheSameRecordsHoweverTheWindowIsCut() {
        List<SimRecord> whole = simulator(7).between(END.minus(Duration.ofHours(30)), END);
        List<SimRecord> first = simulator(7).between(END.minus(Duration.ofHours(30)), END.minus(Duration.ofMinutes(17 * 60 + 13)));
        List<SimRecord> second = simulator(7).between(END.minus(Duration.ofMinutes(17 * 60 + 13)), END);
        assertThat(whole).hasSizeGreaterThan(1_000);
        assertThat(concat(first, second)).containsExactlyInAnyOrderElementsOf(whole);
        assertThat(simulator(7).between(END.minus(Duration.ofHours(30)), END)).isEqualTo(whole);
        assertThat(simulator(8).between(END.minus(Duration.ofHours(30)), END)).isNotEqualTo(whole);
    }

    private static List<SimRecord> concat(List<SimRecord> a, List<SimRecord> b) {
        var out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void everyRecordParsesWithTheDevicesOwnFormat() throws Exception {
        LogFormats formats = LogFormats.standard();
        Map<Wire, RecordParser> parsers = new EnumMap<>(Wire.class);
        for (Wire w : Wire.values()) {
            parsers.put(w, formats.byId(w.format()).orElseThrow().newParser());
        }
        List<SimRecord> records = simulator(1, 3).between(START, END);
        Map<Wire, Integer> perWire = new EnumMap<>(Wire.class);
        Map<Integer, Integer> perCase = new HashMap<>();
        for (SimRecord r : records) {
            SecurityEvent e = parsers.get(r.wire()).parse(r.line(), r.epochMillis());
            assertThat(e).as(r.line()).isNotNull();
            assertThat(e.timestamp().toEpochMilli()).as(r.line()).isBetween(r.epochMillis() - 1000, r.epochMillis() + 1000);
            perWire.merge(r.wire(), 1, Integer::sum);
            perCase.merge(r.caseId(), 1, Integer::sum);
        }
        assertThat(perWire).containsKeys(Wire.values());
        // Case 3 is exactly the 129 attempts of the report over the full window.
        assertThat(perCase.get(3)).isEqualTo(129);
        // Case 1: about 4,126 connections a month → 21 days ≈ 2,890 (plus the download and the sensor's view).
        assertThat(perCase.get(1)).isBetween(2_800, 3_800);
        assertThat(perCase.keySet()).containsAll(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8));
    }

    @Test
    void theCasesCarryTheFieldsTheirDetectorsNeed() throws Exception {
        LogFormats formats = LogFormats.standard();
        List<SimRecord> records = simulator(3, 0).between(START, END);
        boolean mailHash = false;
        boolean c2FromPc = false;
        boolean dnsName = false;
        boolean sysmonC2 = false;
        for (SimRecord r : records) {
            if (r.caseId() == 0) {
                continue;
            }
            SecurityEvent e = formats.byId(r.wire().format()).orElseThrow().newParser().parse(r.line(), System.currentTimeMillis());
            mailHash |= DemoIntel.INVOICE_XLSM_SHA256.equals(e.get(Ecs.FILE_HASH_SHA256));
            c2FromPc |= DemoIntel.BEACON_C2.equals(e.get(Ecs.DESTINATION_IP)) && e.get(Ecs.SOURCE_IP).startsWith("192.168.");
            dnsName |= DemoIntel.RANSOM_LOADER_DOMAIN.equals(e.get(Ecs.DNS_QUESTION_NAME));
            sysmonC2 |= "3".equals(e.get(Ecs.EVENT_CODE)) && DemoIntel.EMOTET_C2_A.equals(e.get(Ecs.DESTINATION_IP));
        }
        assertThat(mailHash).isTrue();
        assertThat(c2FromPc).isTrue();
        assertThat(dnsName).isTrue();
        assertThat(sysmonC2).isTrue();
    }

    @Test
    void aCompressedStoryKeepsEveryCaseInsideTheWindow() {
        Instant start = END.minus(Duration.ofHours(12));
        SimWorld world = SimWorld.of(30, 5);
        List<SimRecord> records = new Simulator(world, 5, 0, Simulator.Shape.FLAT, new Story(start, END, 5))
                .between(start, END);
        // With no office traffic, only the cases and the devices' two-hourly status records are left.
        assertThat(records.stream().filter(r -> r.caseId() == 0)).allMatch(r -> r.line().contains("perf-stats")
                || r.line().contains("\"stats\"") || r.line().contains("\"LogonType\":\"5\""));
        assertThat(records.stream().map(SimRecord::caseId).distinct()).contains(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(records.stream().filter(r -> r.caseId() == 3)).hasSize(129);
        assertThat(records).allMatch(r -> r.epochMillis() >= start.toEpochMilli() && r.epochMillis() < END.toEpochMilli());
    }

    @Test
    void theWorldHasThirtyVariedCompaniesWithTheirOwnDevices() {
        SimWorld world = SimWorld.of(30, 1);
        assertThat(world.companies()).hasSize(30);
        assertThat(world.companies().stream().map(SimWorld.Company::industry).distinct().count()).isGreaterThanOrEqualTo(10);
        assertThat(world.companies().stream().map(SimWorld.Company::prefecture).distinct().count()).isGreaterThanOrEqualTo(20);
        assertThat(world.companies().stream().map(SimWorld.Company::slug).distinct()).hasSize(30);
        assertThat(world.companies()).allMatch(c -> c.has(Wire.FORTIGATE_SYSLOG));
        assertThat(world.companies().stream().flatMap(c -> c.devices().stream()).map(SimWorld.Device::sourceIp)
                .filter(java.util.Objects::nonNull).distinct()).hasSize(30);
        assertThat(SimWorld.of(40, 1).companies().get(35).slug()).isEqualTo("sim-company-36");
    }

    @Test
    void demoIntelIsWellFormedAndFictional() {
        for (DemoIntel.Ioc i : DemoIntel.INDICATORS) {
            if (i.type().equals("sha256_hash")) {
                assertThat(i.value()).matches("[0-9a-f]{64}");
            }
            if (i.type().equals("ip:port")) {
                assertThat(i.value()).startsWith("203.0.113.");
            }
        }
        assertThat(DemoIntel.threatFoxCsv("2026-11-01 00:00:00")).contains("DEMO DATA").contains(DemoIntel.BEACON_C2);
    }
}
