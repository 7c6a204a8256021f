package jp.sukedachi.ingest.parse.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import org.junit.jupiter.api.Test;

/**
 * Wazuh alerts. The datasets hold Wazuh's test inputs but no alerts, so these are written here in the shape
 * {@code alerts.json} has (Wazuh 4.x), with made-up hosts and addresses.
 */
class WazuhAlertsParserTest {
    private static final long RECEIVED = 1_700_000_000_000L;

    static final String SSHD_ALERT = """
            {"timestamp":"2024-06-01T10:15:30.123+0900","rule":{"level":5,"description":"sshd: authentication failed.",\
            "id":"5760","mitre":{"id":["T1110.001","T1021.004"],"tactic":["Credential Access","Lateral Movement"]},\
            "firedtimes":3,"mail":false,"groups":["syslog","sshd","authentication_failed"],"pci_dss":["10.2.4","10.2.5"]},\
            "agent":{"id":"003","name":"web01","ip":"10.0.1.15"},"manager":{"name":"wazuh-manager"},\
            "id":"1717204530.123456","full_log":"Jun  1 10:15:29 web01 sshd[2214]: Failed password for root from 198.51.100.23 port 53712 ssh2",\
            "predecoder":{"program_name":"sshd","timestamp":"Jun  1 10:15:29","hostname":"web01"},\
            "decoder":{"parent":"sshd","name":"sshd"},"data":{"srcip":"198.51.100.23","srcport":"53712","dstuser":"root"},\
            "location":"/var/log/auth.log"}""";

    /** A Sysmon process-create alert: data.win is the eventchannel record, escaped the Wazuh way. */
    static final String SYSMON_ALERT = """
            {"timestamp":"2024-06-01T01:02:03.456+0000","rule":{"level":12,"description":"Suspicious rundll32 MiniDump of lsass",\
            "id":"92900","groups":["sysmon","sysmon_eid1_detections","windows"]},\
            "agent":{"id":"007","name":"PC-SALES-01","ip":"192.168.10.21"},"manager":{"name":"wazuh-manager"},\
            "id":"1717203723.99","decoder":{"name":"windows_eventchannel"},\
            "data":{"win":{"system":{"providerName":"Microsoft-Windows-Sysmon","eventID":"1","level":"4",\
            "systemTime":"2024-06-01T01:02:03.4448391Z","channel":"Microsoft-Windows-Sysmon/Operational",\
            "computer":"PC-SALES-01.corp.example.jp","severityValue":"INFORMATION","message":"\\"Process Create:\\""},\
            "eventdata":{"utcTime":"2024-06-01 01:02:03.440","processId":"4824",\
            "image":"C:\\\\\\\\Windows\\\\\\\\System32\\\\\\\\rundll32.exe",\
            "commandLine":"\\\\\\"C:\\\\\\\\Windows\\\\\\\\System32\\\\\\\\rundll32.exe\\\\\\" C:\\\\\\\\windows\\\\\\\\System32\\\\\\\\comsvcs.dll MiniDump 756 C:\\\\\\\\Temp\\\\\\\\l.dmp full",\
            "user":"CORP\\\\\\\\sato","parentImage":"C:\\\\\\\\Windows\\\\\\\\System32\\\\\\\\WindowsPowerShell\\\\\\\\v1.0\\\\\\\\powershell.exe",\
            "hashes":"SHA1=7662A8D2F23C3474DEC6EF8E2B0365B0B86714EE,MD5=F68AF942FD7CCC0E7BAB1A2335D2AD26"}}},\
            "location":"EventChannel"}""";

    static final String FIM_ALERT = """
            {
              "timestamp": "2024-06-01T03:00:00.000+0000",
              "rule": {"level": 7, "description": "Integrity checksum changed.", "id": "550", "groups": ["ossec", "syscheck", "syscheck_entry_modified", "syscheck_file"]},
              "agent": {"id": "003", "name": "web01", "ip": "10.0.1.15"},
              "manager": {"name": "wazuh-manager"},
              "full_log": "File '/etc/passwd' modified\\nMode: realtime\\n",
              "syscheck": {"path": "/etc/passwd", "mode": "realtime", "size_after": "2301", "event": "modified",
                "md5_after": "0123456789abcdef0123456789abcdef", "sha1_after": "0123456789abcdef0123456789abcdef01234567",
                "sha256_after": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
              "decoder": {"name": "syscheck_integrity_changed"},
              "location": "syscheck"
            }""";

    private final LogFormats formats = new LogFormats(WindowsFormats.all());
    private final RecordParser parser = new WazuhAlertsFormat().newParser();

    @Test
    void sshdAlert() throws Exception {
        assertThat(formats.detect(SSHD_ALERT).orElseThrow().id()).isEqualTo("wazuh-alerts");
        SecurityEvent e = parser.parse(SSHD_ALERT, RECEIVED);
        assertThat(e.format()).isEqualTo("wazuh-alerts");
        assertThat(e.timestamp()).hasToString("2024-06-01T01:15:30.123Z");
        assertThat(e.get(Ecs.EVENT_KIND)).isEqualTo("alert");
        assertThat(e.get(Ecs.EVENT_MODULE)).isEqualTo("wazuh");
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("5760");
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("sshd: authentication failed.");
        assertThat(e.get(Ecs.RULE_CATEGORY)).isEqualTo("syslog,sshd,authentication_failed");
        assertThat(e.get(Ecs.EVENT_SEVERITY)).isEqualTo("5");
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("web01");
        assertThat(e.get(Ecs.HOST_IP)).isEqualTo("10.0.1.15");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("198.51.100.23");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("53712");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("root");
        assertThat(e.get(Ecs.MESSAGE)).startsWith("Jun  1 10:15:29 web01 sshd[2214]: Failed password");
        assertThat(e.original("rule.level")).isEqualTo("5");
        assertThat(e.original("rule.mitre.id")).isEqualTo("T1110.001,T1021.004");
        assertThat(e.original("agent.id")).isEqualTo("003");
        assertThat(e.original("data.srcip")).isEqualTo("198.51.100.23");
        assertThat(e.original("decoder.name")).isEqualTo("sshd");
        assertThat(e.original("location")).isEqualTo("/var/log/auth.log");
    }

    @Test
    void windowsAlertGetsTheWindowsMapping() throws Exception {
        assertThat(formats.detect(SYSMON_ALERT).orElseThrow().id()).isEqualTo("wazuh-alerts");
        assertThat(new WindowsEventFormat().sniff(SYSMON_ALERT)).isEqualTo(90);
        SecurityEvent e = parser.parse(SYSMON_ALERT, RECEIVED);
        assertThat(e.original("EventID")).isEqualTo("1");
        assertThat(e.original("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(e.original("Image")).isEqualTo("C:\\Windows\\System32\\rundll32.exe");
        assertThat(e.original("CommandLine")).isEqualTo(
                "\"C:\\Windows\\System32\\rundll32.exe\" C:\\windows\\System32\\comsvcs.dll MiniDump 756 C:\\Temp\\l.dmp full");
        assertThat(e.original("ParentImage")).isEqualTo("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        assertThat(e.original("Computer")).isEqualTo("PC-SALES-01.corp.example.jp");
        assertThat(e.original("rule.id")).isEqualTo("92900");
        assertThat(e.get(Ecs.EVENT_KIND)).isEqualTo("alert");
        assertThat(e.get(Ecs.EVENT_MODULE)).isEqualTo("sysmon");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("process");
        assertThat(e.get(Ecs.PROCESS_EXECUTABLE)).isEqualTo("C:\\Windows\\System32\\rundll32.exe");
        assertThat(e.get(Ecs.PROCESS_NAME)).isEqualTo("rundll32.exe");
        assertThat(e.get(Ecs.PROCESS_PID)).isEqualTo("4824");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("sato");
        assertThat(e.get(Ecs.USER_DOMAIN)).isEqualTo("CORP");
        assertThat(e.get(Ecs.FILE_HASH_MD5)).isEqualTo("f68af942fd7ccc0e7bab1a2335d2ad26");
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("PC-SALES-01"); // the agent's name wins over Computer
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("92900");
        assertThat(e.get(Ecs.EVENT_SEVERITY)).isEqualTo("12");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("Process Create:"); // no full_log: the event's message
        assertThat(e.timestamp()).hasToString("2024-06-01T01:02:03.456Z");
    }

    @Test
    void prettyPrintedFimAlert() throws Exception {
        assertThat(formats.detect(FIM_ALERT).orElseThrow().id()).isEqualTo("wazuh-alerts");
        SecurityEvent e = parser.parse(FIM_ALERT, RECEIVED);
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("550");
        assertThat(e.get(Ecs.FILE_PATH)).isEqualTo("/etc/passwd");
        assertThat(e.get(Ecs.FILE_NAME)).isEqualTo("passwd");
        assertThat(e.get(Ecs.FILE_HASH_SHA256)).isEqualTo("a".repeat(64));
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("modified");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("File '/etc/passwd' modified\nMode: realtime\n");
    }

    @Test
    void jsonWithoutRuleIsNotAnAlert() {
        assertThatThrownBy(() -> parser.parse("{\"agent\":{\"name\":\"x\"}}", RECEIVED))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("no rule");
        assertThat(new WazuhAlertsFormat().sniff("{\"agent\":{\"name\":\"x\"}}")).isZero();
    }

    @Test
    void blankIsNull() throws Exception {
        assertThat(parser.parse("  \r\n", RECEIVED)).isNull();
    }
}
