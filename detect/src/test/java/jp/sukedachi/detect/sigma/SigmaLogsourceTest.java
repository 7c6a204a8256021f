package jp.sukedachi.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormats;
import org.junit.jupiter.api.Test;

/** Log source dispatch and field mapping, as declared in the mapping data files. */
class SigmaLogsourceTest {
    private static final String PROC = SigmaTestRules.processRule(
            "    sel:\n        Image|endswith: '\\whoami.exe'\n        ParentImage|endswith: '\\cmd.exe'\n    condition: sel\n");

    @Test
    void processCreationIsSysmon1AndSecurity4688WithRenamedFields() {
        assertThat(SigmaTestRules.matchesEvent(PROC, SigmaTestRules.sysmon(1, "Image", "C:\\whoami.exe", "ParentImage", "C:\\cmd.exe")))
                .isTrue();
        assertThat(SigmaTestRules.matchesEvent(PROC, SigmaTestRules.windows("Security", 4688,
                "NewProcessName", "C:\\whoami.exe", "ParentProcessName", "C:\\cmd.exe"))).isTrue();
        assertThat(SigmaTestRules.matchesEvent(PROC, SigmaTestRules.sysmon(11, "Image", "C:\\whoami.exe", "ParentImage", "C:\\cmd.exe")))
                .as("file_event is another category").isFalse();
        assertThat(SigmaTestRules.matchesEvent(PROC, SigmaTestRules.windows("Security", 4624, "Image", "C:\\whoami.exe",
                "ParentImage", "C:\\cmd.exe"))).isFalse();
    }

    @Test
    void extraConditionsOfAMappingApply() {
        String rule = """
                title: t
                id: x
                logsource: {product: windows, category: registry_add}
                detection:
                    sel:
                        TargetObject|contains: '\\Run\\'
                    condition: sel
                """;
        assertThat(SigmaTestRules.matchesEvent(rule, SigmaTestRules.sysmon(12, "EventType", "CreateKey", "TargetObject", "HKLM\\Run\\x")))
                .isTrue();
        assertThat(SigmaTestRules.matchesEvent(rule, SigmaTestRules.sysmon(12, "EventType", "DeleteKey", "TargetObject", "HKLM\\Run\\x")))
                .isFalse();
    }

    @Test
    void theSameRuleMatchesEvtxDumpWinlogbeatAndWazuhLayouts() throws Exception {
        SigmaRule rule = SigmaTestRules.parse(PROC);
        SigmaEngine.Matcher m = SigmaEngine.compile(List.of(rule), LogsourceMappings.standard()).newMatcher();
        LogFormats formats = LogFormats.standard();
        String evtx = """
                {"Event":{"System":{"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"pc"},
                 "EventData":{"Image":"C:\\\\Windows\\\\whoami.exe","ParentImage":"C:\\\\Windows\\\\cmd.exe"}}}""";
        String winlogbeat = """
                {"@timestamp":"2020-10-18T23:50:05.917Z","winlog":{"event_id":1,"channel":"Microsoft-Windows-Sysmon/Operational",
                 "computer_name":"pc","event_data":{"Image":"C:\\\\Windows\\\\whoami.exe","ParentImage":"C:\\\\Windows\\\\cmd.exe"}}}""";
        String wazuh = """
                {"timestamp":"2020-10-18T23:50:05.917+0000","rule":{"id":"61603","level":3},"agent":{"id":"001","name":"pc"},
                 "data":{"win":{"system":{"eventID":"1","channel":"Microsoft-Windows-Sysmon/Operational","computer":"pc"},
                 "eventdata":{"image":"C:\\\\Windows\\\\whoami.exe","parentImage":"C:\\\\Windows\\\\cmd.exe"}}}}""";
        for (String text : List.of(evtx, winlogbeat, wazuh)) {
            String oneLine = text.replace("\n", "");
            var format = formats.detect(oneLine).orElseThrow();
            SecurityEvent e = format.newParser().parse(oneLine, 0);
            assertThat(m.match(e)).as(format.id() + " " + e.originalFields()).containsExactly(rule);
        }
    }

    @Test
    void zeekServicesDispatchOnTheLogPath() throws Exception {
        String rule = """
                title: t
                id: x
                logsource: {category: dns}
                detection:
                    sel:
                        query|endswith: '.evil.example'
                    condition: sel
                """;
        SecurityEvent dns = SecurityEvent.builder("zeek").original("_path", "dns").original("query", "a.evil.example").build();
        SecurityEvent http = SecurityEvent.builder("zeek").original("_path", "http").original("query", "a.evil.example").build();
        assertThat(SigmaTestRules.matchesEvent(rule, dns)).isTrue();
        assertThat(SigmaTestRules.matchesEvent(rule, http)).isFalse();
    }

    @Test
    void firewallCategoryReadsNormalisedFields() {
        String rule = """
                title: t
                id: x
                logsource: {category: firewall}
                detection:
                    sel:
                        dst_port: 4444
                    condition: sel
                """;
        SecurityEvent e = SecurityEvent.builder("fortigate").set("destination.port", "4444").build();
        assertThat(SigmaTestRules.matchesEvent(rule, e)).isTrue();
        assertThat(SigmaTestRules.matchesEvent(rule, SecurityEvent.builder("fortigate").set("destination.port", "443").build())).isFalse();
    }

    @Test
    void unknownLogSourcesAreReportedNotDropped() {
        SigmaRule r = SigmaTestRules.parse("""
                title: t
                id: x
                logsource: {product: aws, service: cloudtrail}
                detection: {sel: {eventName: x}, condition: sel}
                """);
        SigmaEngine e = SigmaEngine.compile(List.of(r), LogsourceMappings.standard());
        assertThat(e.activeRules()).isEmpty();
        assertThat(e.unmapped()).singleElement().satisfies(u ->
                assertThat(u.reason()).isEqualTo("no event source for log source product=aws service=cloudtrail"));
    }
}
