package jp.sukedachi.ingest.parse.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import org.junit.jupiter.api.Test;

/** Every Windows record in the three public datasets parses, with counts pinned. */
class WindowsDatasetsTest {
    private static final long RECEIVED = 1_700_000_000_000L;
    private final LogFormats formats = new LogFormats(WindowsFormats.all());
    private final LogFormat windows = formats.byId("windows").orElseThrow();

    @Test
    void sigmaRegressionEventsAllParse() throws Exception {
        RecordParser parser = windows.newParser();
        List<Path> files = WinTestData.sigmaEventFiles();
        int records = 0;
        Map<String, Integer> byChannelId = new TreeMap<>();
        for (Path f : files) {
            List<String> docs = WinTestData.frameDocuments(WinTestData.read(f));
            assertThat(docs).as(f.toString()).isNotEmpty();
            for (String doc : docs) {
                assertThat(formats.detect(doc)).as(f.toString()).contains(windows);
                SecurityEvent e = parse(parser, doc, f.toString());
                assertCommon(e, f.toString());
                byChannelId.merge(e.original("Channel") + ":" + e.original("EventID"), 1, Integer::sum);
                records++;
            }
        }
        assertThat(files).hasSize(152);
        assertThat(records).isEqualTo(187);
        String sysmon = "Microsoft-Windows-Sysmon/Operational:";
        assertThat(byChannelId).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry(sysmon + "1", 108), Map.entry(sysmon + "7", 4), Map.entry(sysmon + "11", 33),
                Map.entry(sysmon + "12", 5), Map.entry(sysmon + "13", 30), Map.entry(sysmon + "16", 1),
                Map.entry(sysmon + "17", 1), Map.entry("Microsoft-Windows-TaskScheduler/Operational:142", 1),
                Map.entry("Microsoft-Windows-WMI-Activity/Operational:5858", 1),
                Map.entry("Microsoft-Windows-Windows Defender/Operational:1119", 1),
                Map.entry("Security:4648", 1), Map.entry("Security:4701", 1)));
    }

    @Test
    void otrfAtomicHostLogsAllParse() throws Exception {
        List<Path> zips = WinTestData.otrfZips();
        assertThat(zips).hasSize(20);
        int records = 0;
        int blank = 0;
        int withTimestamp = 0;
        Map<String, Integer> modules = new TreeMap<>();
        for (Path zip : zips) {
            RecordParser parser = windows.newParser(); // one stream per file, as a receiver would
            for (String line : WinTestData.zipLines(zip)) {
                if (line.isBlank()) {
                    assertThat(parser.parse(line, RECEIVED)).isNull();
                    blank++;
                    continue;
                }
                assertThat(windows.sniff(line)).isEqualTo(90);
                SecurityEvent e = parse(parser, line, zip.getFileName().toString());
                assertCommon(e, zip.toString());
                if (e.timestampMillis() != RECEIVED) {
                    withTimestamp++;
                }
                modules.merge(e.get(Ecs.EVENT_MODULE), 1, Integer::sum);
                records++;
            }
        }
        assertThat(records).isEqualTo(16_285);
        assertThat(blank).isEqualTo(1);
        // Every record has @timestamp or Sysmon's UtcTime, except 2,218 non-Sysmon events in the 7 exports
        // whose only time is a zone-less TimeCreated on a 12-hour local clock (10:xx for 02:xx UTC): those are
        // deliberately left at the receive time rather than stamped hours off.
        assertThat(withTimestamp).isEqualTo(16_285 - 2_218);
        assertThat(modules.keySet()).contains("sysmon", "security", "powershell", "system");
    }

    @Test
    void wazuhWindowsCasesAllParse() throws Exception {
        RecordParser parser = windows.newParser();
        int json = 0;
        int legacy = 0;
        Map<String, Integer> perFile = new TreeMap<>();
        for (String file : WinTestData.WAZUH_WINDOWS_FILES) {
            for (WinTestData.Rec rec : WinTestData.wazuhCases(file)) {
                if (!rec.text().startsWith("{")) {
                    // Pre-eventchannel agents sent "WinEvtLog:" syslog lines; not JSON, so not this format.
                    assertThat(rec.text()).contains("WinEvtLog:");
                    assertThat(windows.sniff(rec.text())).isZero();
                    assertThatThrownBy(() -> parser.parse(rec.text(), RECEIVED))
                            .isInstanceOf(MalformedRecordException.class).hasMessage("not a JSON object");
                    legacy++;
                    continue;
                }
                assertThat(formats.detect(rec.text())).as(rec.source()).contains(windows);
                SecurityEvent e = parse(parser, rec.text(), rec.source());
                assertCommon(e, rec.source());
                assertThat(e.timestampMillis()).as(rec.source()).isNotEqualTo(RECEIVED);
                perFile.merge(file, 1, Integer::sum);
                json++;
            }
        }
        assertThat(json).isEqualTo(182);
        assertThat(legacy).isEqualTo(3);
        assertThat(perFile).containsEntry("sysmon_eid_1.ini", 63).containsEntry("win_security.ini", 9);
    }

    private static SecurityEvent parse(RecordParser parser, String text, String where) {
        try {
            SecurityEvent e = parser.parse(text, RECEIVED);
            assertThat(e).as(where).isNotNull();
            return e;
        } catch (MalformedRecordException ex) {
            throw new AssertionError(where + ": " + ex.getMessage(), ex);
        }
    }

    private static void assertCommon(SecurityEvent e, String where) {
        assertThat(e.format()).isEqualTo("windows");
        assertThat(e.original("EventID")).as(where).isNotBlank();
        assertThat(e.get(Ecs.EVENT_CODE)).as(where).isEqualTo(e.original("EventID"));
        assertThat(e.get(Ecs.WINLOG_CHANNEL)).as(where).isNotBlank();
        assertThat(e.get(Ecs.HOST_NAME)).as(where).isNotBlank();
        assertThat(e.get(Ecs.EVENT_MODULE)).as(where).isNotBlank();
        if ("sysmon".equals(e.get(Ecs.EVENT_MODULE)) && "1".equals(e.original("EventID"))) {
            assertThat(e.get(Ecs.PROCESS_EXECUTABLE)).as(where).isEqualTo(e.original("Image"));
            assertThat(e.get(Ecs.EVENT_CATEGORY)).as(where).isEqualTo("process");
        }
    }
}
