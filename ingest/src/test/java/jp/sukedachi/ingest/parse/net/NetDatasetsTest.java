package jp.sukedachi.ingest.parse.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.ingest.parse.net.NetDatasets.LogFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Suricata EVE and Zeek file of the shared datasets parses without a single malformed record,
 * with one event per data line, and auto-detection picks the right format. Each file gets a fresh
 * parser, as a stream would.
 */
class NetDatasetsTest {
    /** Distinct from every timestamp in the data, so a record whose time did not parse shows. */
    private static final long RECEIVED = 4_102_444_800_000L; // 2100-01-01

    private static final LogFormats FORMATS = new LogFormats(NetFormats.all());

    static Stream<LogFile> suricataFiles() {
        return NetDatasets.suricataEve().stream();
    }

    static Stream<LogFile> zeekFiles() {
        return Stream.of(NetDatasets.stratosphereZeek(), NetDatasets.brimdataZeek(), NetDatasets.apt29Zeek())
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suricataFiles")
    void everySuricataFileParses(LogFile file) {
        List<SecurityEvent> events = parseAll(new SuricataEveFormat(), file);
        for (SecurityEvent e : events) {
            assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("suricata." + e.original("event_type"));
            assertThat(e.get(Ecs.EVENT_KIND)).isIn("alert", "event", "metric");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zeekFiles")
    void everyZeekFileParses(LogFile file) {
        List<SecurityEvent> events = parseAll(new ZeekFormat(), file);
        for (SecurityEvent e : events) {
            assertThat(e.original("_path")).as("_path of %s", e.raw()).isNotNull();
            assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("zeek." + e.original("_path"));
        }
        if (!file.lines().isEmpty()) {
            assertThat(FORMATS.detect(file.lines().getFirst()).map(LogFormat::id)).as("first line").contains("zeek");
        }
    }

    /** The same WRCCDC logs as TSV and as JSON normalise to the same ECS fields and times. */
    @Test
    void brimdataTsvAndJsonGiveTheSameEcsFields() {
        List<LogFile> files = NetDatasets.brimdataZeek();
        int compared = 0;
        for (LogFile tsv : files) {
            if (!tsv.name().contains("zeek-default/")) {
                continue;
            }
            String log = tsv.name().substring(tsv.name().lastIndexOf('/') + 1).replace(".log.gz", "");
            LogFile json = files.stream().filter(f -> f.name().endsWith("zeek-json/" + log + ".json.gz")).findFirst().orElseThrow();
            List<SecurityEvent> a = parseAll(new ZeekFormat(), tsv);
            List<SecurityEvent> b = parseAll(new ZeekFormat(), json);
            assertThat(a).as(log).hasSameSizeAs(b);
            for (int i = 0; i < a.size(); i++) {
                Map<String, String> ecsA = a.get(i).ecsFields();
                Map<String, String> ecsB = b.get(i).ecsFields();
                assertThat(ecsA).as("%s line %d", log, i).isEqualTo(ecsB);
                assertThat(a.get(i).timestampMillis()).as("%s line %d", log, i).isEqualTo(b.get(i).timestampMillis());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    /** Parses every line with one fresh parser; asserts no malformed record and one event per data line. */
    private static List<SecurityEvent> parseAll(LogFormat format, LogFile file) {
        RecordParser parser = format.newParser();
        List<SecurityEvent> events = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        int dataLines = 0;
        String firstData = null;
        for (String line : file.lines()) {
            if (NetDatasets.isDataLine(line)) {
                dataLines++;
                if (firstData == null) {
                    firstData = line;
                }
            }
            try {
                SecurityEvent e = parser.parse(line, RECEIVED);
                if (e != null) {
                    events.add(e);
                }
            } catch (MalformedRecordException ex) {
                malformed.add(ex.getMessage() + ": " + line);
            }
        }
        System.out.printf("DATASET %-80s lines=%6d events=%6d malformed=%d%n", file.name(), file.lines().size(),
                events.size(), malformed.size());
        assertThat(malformed).as("malformed records in %s", file).isEmpty();
        assertThat(events).as("events in %s", file).hasSize(dataLines);
        for (SecurityEvent e : events) {
            assertThat(e.format()).isEqualTo(format.id());
            assertThat(e.timestampMillis()).as("timestamp parsed: %s", e.raw()).isNotEqualTo(RECEIVED);
            assertThat(e.raw()).isNotNull();
        }
        if (firstData != null) {
            assertThat(FORMATS.detect(firstData).map(LogFormat::id)).as("detected format of the first data line of %s", file)
                    .contains(format.id());
        }
        return events;
    }
}
