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
    @Test
    void njratCommandAndControlFlows() throws Exception {
        Path log = Datasets.path("stratosphere-zeek-labeled/001-zeek-scenario-malicious/labeled-conn.log");
        RecordParser parser = LogFormats.standard().byId("zeek").orElseThrow().newParser();
        TenantId tenant = TenantId.random();
        List<SecurityEvent> events = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            SecurityEvent e = parser.parse(line, 0L);
            if (e != null) {
                events.add(e.withOwner(tenant, null, 0L));
            }
        }
        Set<String> c2 = new LinkedHashSet<>();
        for (SecurityEvent e : events) {
            if ("Malicious".equals(e.original("label")) && "CC".equals(e.original("detailedlabel"))) {
                c2.add(e.get(Ecs.DESTINATION_IP));
            }
        }
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
}
