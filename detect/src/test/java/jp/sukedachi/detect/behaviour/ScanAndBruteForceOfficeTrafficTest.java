package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.simulate.SimRecord;
import jp.sukedachi.simulate.SimWorld;
import jp.sukedachi.simulate.Simulator;
import org.junit.jupiter.api.Test;

/**
 * The demo world's everyday office traffic (the simulator, OFFICE shape, the demo's 30 companies and seed, three
 * weeks at the demo's history rate and two days at its live rate), each device's records through the real parsers
 * as its receiver would: the Internet knocking at the UTMs (denied, from 198.51.100.128–255, a few ports each) and
 * the PCs' logons raise nothing from the LAN and nothing above LOW from either detector.
 */
class ScanAndBruteForceOfficeTrafficTest {
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    /** Records parsed, denied connections and logons among them (what the detectors judged), detections. */
    private record Run(int records, int denied, int logons, List<Detection> found) {
    }

    private static Run run(double ratePerCompanyHour, Duration span) throws MalformedRecordException {
        SimWorld world = SimWorld.of(30, 2026);
        Simulator sim = new Simulator(world, 2026, ratePerCompanyHour, Simulator.Shape.OFFICE, null);
        LogFormats formats = LogFormats.standard();
        Map<String, RecordParser> parsers = new HashMap<>();
        List<Detector> detectors = List.of(new ScanDetector(), new BruteForceDetector());
        List<Detection> found = new ArrayList<>();
        int records = 0;
        int denied = 0;
        int logons = 0;
        for (Instant from = START; from.isBefore(START.plus(span)); from = from.plus(Duration.ofHours(1))) {
            Instant to = from.plus(Duration.ofHours(1));
            for (SimRecord r : sim.between(from, to)) {
                String stream = r.company() + "/" + r.device();
                RecordParser p = parsers.computeIfAbsent(stream,
                        k -> formats.byId(r.wire().format()).orElseThrow().newParser());
                SecurityEvent e = p.parse(r.line(), r.epochMillis());
                if (e == null) {
                    continue;
                }
                records++;
                denied += ScanDetector.isConnection(e) && ScanDetector.refused(e) ? 1 : 0;
                logons += BruteForceDetector.logon(e) != null ? 1 : 0;
                e = e.withOwner(new TenantId(UUID.nameUUIDFromBytes(r.company().getBytes(StandardCharsets.UTF_8))),
                        new DeviceId(UUID.nameUUIDFromBytes(stream.getBytes(StandardCharsets.UTF_8))), r.epochMillis());
                for (Detector d : detectors) {
                    d.detect(e, found::add);
                }
            }
            for (Detector d : detectors) {
                d.advance(to.toEpochMilli(), found::add);
                d.snapshot(); // as the pipeline does after every batch
            }
        }
        return new Run(records, denied, logons, found);
    }

    private static void check(String what, Run run) {
        Map<String, Integer> byKind = new HashMap<>();
        run.found().forEach(d -> byKind.merge(d.detector() + "/" + d.context().get("origin") + "/" + d.severity(), 1,
                Integer::sum));
        System.out.printf("scan + brute-force on the simulator's office traffic, %s: %d records (%d denied connections,"
                + " %d logons), %d detections %s%n", what, run.records(), run.denied(), run.logons(), run.found().size(),
                byKind);
        assertThat(run.records()).isGreaterThan(10_000);
        assertThat(run.denied()).as("the Internet knocking reaches the scan detector").isGreaterThan(run.records() / 10);
        assertThat(run.logons()).as("the PCs' logons reach the brute-force detector").isGreaterThan(1_000);
        assertThat(run.found()).noneMatch(d -> "lan".equals(d.context().get("origin")))
                .noneMatch(d -> d.severity().compareTo(Severity.LOW) > 0);
    }

    @Test
    void threeWeeksOfEverydayOfficeTrafficRaiseNothingFromTheLanOrAboveLow() throws MalformedRecordException {
        check("30 companies, 3 weeks at 8 records per company and hour", run(8, Duration.ofDays(21)));
    }

    @Test
    void twoBusyDaysAtTheLiveRateRaiseNothingFromTheLanOrAboveLow() throws MalformedRecordException {
        check("30 companies, 2 weekdays at 60 records per company and hour", run(60, Duration.ofDays(2)));
    }
}
