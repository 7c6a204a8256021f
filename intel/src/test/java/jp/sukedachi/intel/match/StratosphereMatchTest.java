package jp.sukedachi.intel.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;
import jp.sukedachi.testkit.Datasets;
import org.junit.jupiter.api.Test;

/**
 * Ground truth from Stratosphere's CTU-Malware-Capture-Botnet-230-1 (NjRAT): every flow is labelled.
 * The destination addresses of the flows labelled Malicious / CC become indicators; then each flow is
 * parsed by the production Zeek parser and matched: all C2 flows must hit, no Benign flow may.
 */
class StratosphereMatchTest {
    private static List<SecurityEvent> flows(TenantId tenant) throws Exception {
        Path log = Datasets.path("stratosphere-zeek-labeled/001-zeek-scenario-malicious/labeled-conn.log");
        RecordParser parser = LogFormats.standard().byId("zeek").orElseThrow().newParser();
        List<SecurityEvent> events = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            SecurityEvent e = parser.parse(line, 0L);
            if (e != null) {
                events.add(e.withOwner(tenant, null, 0L));
            }
        }
        return events;
    }

    private static Set<String> c2(List<SecurityEvent> events) {
        Set<String> c2 = new LinkedHashSet<>();
        for (SecurityEvent e : events) {
            if ("Malicious".equals(e.original("label")) && "CC".equals(e.original("detailedlabel"))) {
                c2.add(e.get(Ecs.DESTINATION_IP));
            }
        }
        return c2;
    }

    @Test
    void njratCommandAndControlFlows() throws Exception {
        List<SecurityEvent> events = flows(TenantId.random());
        Set<String> c2 = c2(events);
        List<Indicator> indicators = c2.stream()
                .map(ip -> new Indicator(ip.indexOf(':') >= 0 ? IndicatorType.IPV6 : IndicatorType.IPV4, ip,
                        "stratosphere", 100, "botnet_cc", "NjRAT", null, null, null, null, null))
                .toList();
        IntelMatcher matcher = IntelMatcher.of(IndicatorSnapshot.of(indicators));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        int cc = 0;
        int ccMatched = 0;
        int benign = 0;
        int benignMatched = 0;
        int background = 0;
        int backgroundMatched = 0;
        for (SecurityEvent e : events) {
            boolean hit = !matcher.match(e, now).isEmpty();
            switch (String.valueOf(e.original("label"))) {
                case "Malicious" -> {
                    if ("CC".equals(e.original("detailedlabel"))) {
                        cc++;
                        ccMatched += hit ? 1 : 0;
                    }
                }
                case "Benign" -> {
                    benign++;
                    benignMatched += hit ? 1 : 0;
                }
                case "Background" -> {
                    background++;
                    backgroundMatched += hit ? 1 : 0;
                }
                default -> throw new AssertionError("unlabelled flow: " + e);
            }
        }
        System.out.printf("Stratosphere 230-1 (NjRAT): %d C2 addresses; C2 flows matched %d/%d, benign matched %d/%d,"
                + " background matched %d/%d%n", c2.size(), ccMatched, cc, benignMatched, benign, backgroundMatched,
                background);
        assertThat(cc).isEqualTo(244);
        assertThat(ccMatched).isEqualTo(cc);
        assertThat(benign).isEqualTo(9);
        assertThat(benignMatched).isZero();
        assertThat(background).isEqualTo(739);
    }

    @Test
    void aMatcherThatHasSeenTheBeaconsReportsThemAsAFreshOneDoes() throws Exception {
        // The matcher keeps the last hits' reports per thread: over a real C2 capture (the same addresses event
        // after event) with two companies, several sources, a company's own list and an indicator that expires
        // halfway, every event's detections equal those of a matcher that sees it first.
        TenantId a = TenantId.random();
        TenantId b = TenantId.random();
        List<SecurityEvent> events = new ArrayList<>();
        int i = 0;
        for (SecurityEvent e : flows(a)) {
            events.add(i++ % 3 == 0 ? e.withOwner(b, null, 0L) : e);
        }
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Instant halfway = now.plusSeconds(events.size() / 2);
        List<Indicator> indicators = new ArrayList<>();
        int n = 0;
        for (String ip : c2(events)) {
            IndicatorType type = ip.indexOf(':') >= 0 ? IndicatorType.IPV6 : IndicatorType.IPV4;
            indicators.add(new Indicator(type, ip, "stratosphere", 100, "botnet_cc", "NjRAT", null, null, null, null, null));
            indicators.add(new Indicator(type, ip, "threatfox", 40, n % 2 == 0 ? "payload_delivery" : null, null, null,
                    null, n % 3 == 0 ? halfway : null, null, null));
            indicators.add(new Indicator(type, ip, "own-soc", 90, "c2", "LockBit", null, null, null, b.value(), null));
            n++;
        }
        IndicatorSnapshot snapshot = IndicatorSnapshot.of(indicators);
        IntelMatcher seasoned = IntelMatcher.of(snapshot);
        int hits = 0;
        for (int k = 0; k < events.size(); k++) {
            SecurityEvent e = events.get(k);
            Instant at = now.plusSeconds(k);
            List<jp.sukedachi.event.Detection> expected = IntelMatcher.of(snapshot).match(e, at);
            assertThat(seasoned.match(e, at)).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected);
            hits += expected.isEmpty() ? 0 : 1;
        }
        assertThat(hits).as("events that hit (the 244 C2 flows and more to the same addresses)").isGreaterThanOrEqualTo(244);
    }
}
