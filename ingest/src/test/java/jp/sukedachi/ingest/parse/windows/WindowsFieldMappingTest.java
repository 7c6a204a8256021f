package jp.sukedachi.ingest.parse.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.testkit.Datasets;
import org.junit.jupiter.api.Test;

/** Field-level mapping on real records, one per layout, and the cross-layout identity Sigma relies on. */
class WindowsFieldMappingTest {
    private static final long RECEIVED = 1_700_000_000_000L;
    private final RecordParser parser = new WindowsEventFormat().newParser();

    // --- Sysmon 1 (process create), one real record per layout ---

    @Test
    void sysmonProcessCreateFromEvtxDump() throws Exception {
        Path file = Datasets.path("sigmahq-sigma/regression_data/rules-emerging-threats/2025/Malware/Shai-Hulud/"
                + "proc_creation_win_mal_shai_hulud_indicator/540703fb-a874-4385-a9d6-7cd1bfab268c.json");
        SecurityEvent e = parse(WinTestData.read(file));

        assertSystem(e, "1", "Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", "swachchhanda");
        assertThat(e.original("Image")).isEqualTo("C:\\Users\\xodih\\.dev-env\\bin\\Runner.Listener.exe");
        assertThat(e.original("CommandLine")).isEqualTo("\"C:\\Users\\xodih\\.dev-env\\bin\\Runner.Listener.exe\"  "
                + "configure --url https://github.com/test-owner/test-repo --unattended --token fake-token-123 --name SHA1HULUD");
        assertThat(e.original("ParentImage")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(e.original("ParentUser")).isEqualTo("swachchhanda\\xodih");
        assertThat(e.original("TerminalSessionId")).isEqualTo("1"); // a JSON number, kept as its text

        assertThat(e.timestamp()).hasToString("2025-11-28T08:30:20.966Z");
        assertThat(e.get(Ecs.TIMESTAMP)).isEqualTo("2025-11-28T08:30:20.966Z");
        assertProcessEcs(e, "C:\\Users\\xodih\\.dev-env\\bin\\Runner.Listener.exe", "Runner.Listener.exe", "6336",
                "C:\\Windows\\System32\\cmd.exe");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("xodih");
        assertThat(e.get(Ecs.USER_DOMAIN)).isEqualTo("swachchhanda");
        assertThat(e.get(Ecs.FILE_HASH_SHA1)).isEqualTo("8ae6c0dea8d61ea98e9f91380c2c34751bbc9ffd");
        assertThat(e.get(Ecs.FILE_HASH_MD5)).isEqualTo("79fd212d1a00daf7ae1168729ca1813a");
        assertThat(e.get(Ecs.PROCESS_HASH_SHA256))
                .isEqualTo("f191798f18c5b6700f3d7b266aa3aed71f4734c55685c09ca2cb1537da9f0dc9")
                .isEqualTo(e.get(Ecs.FILE_HASH_SHA256));
    }

    @Test
    void sysmonProcessCreateFromHelkFlat() throws Exception {
        String line = otrfLine("credential_access/host/psh_lsass_memory_dump_comsvcs.zip",
                "\"EventID\":1,", "comsvcs.dll MiniDump");
        SecurityEvent e = parse(line);

        assertSystem(e, "1", "Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", "WORKSTATION5");
        assertThat(e.original("Image")).isEqualTo("C:\\Windows\\System32\\rundll32.exe");
        assertThat(e.original("CommandLine")).isEqualTo("\"C:\\Windows\\System32\\rundll32.exe\" "
                + "C:\\windows\\System32\\comsvcs.dll MiniDump 756 C:\\Users\\wardog\\AppData\\Local\\Temp\\lsass-comsvcs.dmp full");
        assertThat(e.original("ParentImage")).isEqualTo("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        // Export bookkeeping is not an EventData field.
        assertThat(e.original("Task")).isNull();
        assertThat(e.original("Hostname")).isNull();

        // No @timestamp and a zone-less 12-hour TimeCreated in this export: Sysmon's UtcTime is the time.
        assertThat(e.timestamp()).hasToString("2020-10-18T23:50:05.910Z");
        assertProcessEcs(e, "C:\\Windows\\System32\\rundll32.exe", "rundll32.exe", "4824",
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        assertThat(e.get(Ecs.PROCESS_PARENT_COMMAND_LINE)).isEqualTo("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe ");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("wardog");
        assertThat(e.get(Ecs.USER_DOMAIN)).isEqualTo("WORKSTATION5");
        assertThat(e.get(Ecs.PROCESS_HASH_SHA256))
                .isEqualTo("11064e9edc605bd5b0c0a505538a0d5fd7de53883af342f091687cae8628acd0");
    }

    @Test
    void sysmonProcessCreateFromWazuh() throws Exception {
        String line = wazuhCase("sysmon_eid_1.ini", "Scripting interpreter spawned a new process", "\"eventID\":\"1\"");
        SecurityEvent e = parse(line);

        assertSystem(e, "1", "Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", "DESKTOP-2QKFOBA");
        // Wazuh's lower-camel names and its extra backslash escaping are undone.
        assertThat(e.original("Image")).isEqualTo("C:\\Windows\\System32\\wscript.exe");
        assertThat(e.original("CommandLine")).isEqualTo("\"C:\\Windows\\System32\\notepad.exe\"");
        assertThat(e.original("ParentImage")).isEqualTo("C:\\Windows\\System32\\cscript.exe");
        assertThat(e.original("ParentCommandLine")).isEqualTo("\"C:\\Windows\\system32\\cscript.exe\" .\\drop-payloads.vbe");
        assertThat(e.original("OriginalFileName")).isEqualTo("notepàd.exe");
        assertThat(e.original("image")).isNull();

        assertThat(e.timestamp()).hasToString("2021-04-28T20:11:55.364Z");
        assertProcessEcs(e, "C:\\Windows\\System32\\wscript.exe", "wscript.exe", "648", "C:\\Windows\\System32\\cscript.exe");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("AtomicRedTeamTest");
        assertThat(e.get(Ecs.USER_DOMAIN)).isEqualTo("DESKTOP-2QKFOBA");
        assertThat(e.get(Ecs.MESSAGE)).startsWith("Process Create:\r\nRuleName: technique_id=T1202").doesNotEndWith("\"");
    }

    /**
     * The same Sysmon 1 event written in all four layouts (evtx_dump, HELK flat, Winlogbeat nested, Wazuh)
     * gives identical originals and ECS fields, so one Sigma rule matches all of them.
     */
    @Test
    void sameEventInEveryLayoutIsIdentical() throws Exception {
        Path file = Datasets.path("sigmahq-sigma/regression_data/rules-emerging-threats/2025/Malware/Shai-Hulud/"
                + "proc_creation_win_mal_shai_hulud_indicator/540703fb-a874-4385-a9d6-7cd1bfab268c.json");
        SecurityEvent evtx = parse(WinTestData.read(file));
        Map<String, String> data = new LinkedHashMap<>(evtx.originalFields());
        String id = data.remove("EventID");
        String channel = data.remove("Channel");
        String provider = data.remove("Provider_Name");
        String computer = data.remove("Computer");
        String time = "2025-11-28T08:30:20.966901Z";

        StringBuilder flat = new StringBuilder("{\"@timestamp\":").append(q(time)).append(",\"EventID\":").append(id)
                .append(",\"Channel\":").append(q(channel)).append(",\"SourceName\":").append(q(provider))
                .append(",\"Hostname\":").append(q(computer)).append(",\"Task\":\"1\"");
        data.forEach((k, v) -> flat.append(',').append(q(k)).append(':').append(q(v)));
        flat.append('}');

        StringBuilder beat = new StringBuilder("{\"@timestamp\":").append(q(time))
                .append(",\"host\":{\"name\":\"ignored\"},\"winlog\":{\"event_id\":").append(id)
                .append(",\"channel\":").append(q(channel)).append(",\"provider_name\":").append(q(provider))
                .append(",\"computer_name\":").append(q(computer)).append(",\"event_data\":{");
        data.forEach((k, v) -> beat.append(q(k)).append(':').append(q(v)).append(','));
        beat.setLength(beat.length() - 1);
        beat.append("}},\"message\":null}");

        StringBuilder wazuh = new StringBuilder("{\"win\":{\"eventdata\":{");
        data.forEach((k, v) -> wazuh.append(q(Character.toLowerCase(k.charAt(0)) + k.substring(1))).append(':')
                .append(q(v.replace("\\", "\\\\").replace("\"", "\\\""))).append(','));
        wazuh.setLength(wazuh.length() - 1);
        wazuh.append("},\"system\":{\"providerName\":").append(q(provider)).append(",\"eventID\":").append(q(id))
                .append(",\"channel\":").append(q(channel)).append(",\"computer\":").append(q(computer))
                .append(",\"systemTime\":").append(q(time)).append("}}}");

        for (String other : List.of(flat.toString(), beat.toString(), wazuh.toString())) {
            SecurityEvent e = parse(other);
            assertThat(e.originalFields()).as(other).containsExactlyInAnyOrderEntriesOf(evtx.originalFields());
            assertThat(e.ecsFields()).as(other).containsExactlyInAnyOrderEntriesOf(evtx.ecsFields());
        }
        assertThat(evtx.ecsFields()).containsKeys(Ecs.PROCESS_EXECUTABLE, Ecs.PROCESS_NAME, Ecs.PROCESS_COMMAND_LINE,
                Ecs.PROCESS_PID, Ecs.PROCESS_PARENT_EXECUTABLE, Ecs.PROCESS_PARENT_COMMAND_LINE, Ecs.PROCESS_HASH_SHA256);
    }

    // --- Security logons ---

    @Test
    void securityLogonSuccessFromWazuh() throws Exception {
        String line = wazuhCase("win_event_channel.ini", "", "\"ipAddress\":\"192.168.0.121\",\"authenticationPackageName\":\"Kerberos\"");
        SecurityEvent e = parse(line);

        assertSystem(e, "4624", "Security", "Microsoft-Windows-Security-Auditing", null);
        assertThat(e.original("TargetUserName")).isEqualTo("Administrator");
        assertThat(e.original("LogonType")).isEqualTo("3");
        assertThat(e.original("IpAddress")).isEqualTo("192.168.0.121");
        assertThat(e.get(Ecs.EVENT_MODULE)).isEqualTo("security");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("authentication");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("success");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("Administrator");
        assertThat(e.get(Ecs.USER_DOMAIN)).isEqualTo("EXCHANGETEST.COM");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("192.168.0.121");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("49791");
        // Security events write "-" and 0x0 for "none": no process fields from them.
        assertThat(e.get(Ecs.PROCESS_EXECUTABLE)).isNull();
    }

    @Test
    void securityLogonSuccessFromHelkFlat() throws Exception {
        String line = otrfLine("defense_evasion/host/cmd_bitsadmin_download_psh_script.zip", "\"EventID\":4624,", "\"LogonType\":\"5\"");
        SecurityEvent e = parse(line);

        assertSystem(e, "4624", "Security", "Microsoft-Windows-Security-Auditing", "WORKSTATION5");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("success");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("SYSTEM");
        assertThat(e.get(Ecs.USER_DOMAIN)).isEqualTo("NT AUTHORITY");
        assertThat(e.get(Ecs.SOURCE_IP)).isNull(); // IpAddress "-"
        assertThat(e.get(Ecs.PROCESS_EXECUTABLE)).isEqualTo("C:\\Windows\\System32\\services.exe");
        assertThat(e.get(Ecs.PROCESS_PID)).isEqualTo("716"); // ProcessId 0x2cc
    }

    /** The datasets hold no 4625; this is a typical failed network logon (bad password) as evtx_dump writes it. */
    @Test
    void securityLogonFailure() throws Exception {
        String json = """
                {"Event":{"#attributes":{"xmlns":"http://schemas.microsoft.com/win/2004/08/events/event"},
                 "System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Security-Auditing",
                   "Guid":"54849625-5478-4994-A5BA-3E3B0328C30D"}},"EventID":4625,"Version":0,"Level":0,
                   "Task":12544,"Keywords":"0x8010000000000000",
                   "TimeCreated":{"#attributes":{"SystemTime":"2024-05-10T01:02:03.456789Z"}},
                   "Channel":"Security","Computer":"FS01.corp.example.jp","Security":null},
                 "EventData":{"SubjectUserSid":"S-1-0-0","SubjectUserName":"-","SubjectDomainName":"-",
                   "TargetUserSid":"S-1-0-0","TargetUserName":"yamada","TargetDomainName":"CORP",
                   "Status":"0xc000006d","FailureReason":"%%2313","SubStatus":"0xc000006a","LogonType":3,
                   "LogonProcessName":"NtLmSsp ","AuthenticationPackageName":"NTLM","WorkstationName":"KALI",
                   "ProcessId":"0x0","ProcessName":"-","IpAddress":"203.0.113.50","IpPort":"51515"}}}
                """;
        SecurityEvent e = parse(json);
        assertSystem(e, "4625", "Security", "Microsoft-Windows-Security-Auditing", "FS01.corp.example.jp");
        assertThat(e.original("SubStatus")).isEqualTo("0xc000006a");
        assertThat(e.original("LogonType")).isEqualTo("3");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("authentication");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("yamada");
        assertThat(e.get(Ecs.USER_DOMAIN)).isEqualTo("CORP");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("203.0.113.50");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("51515");
        assertThat(e.get(Ecs.PROCESS_EXECUTABLE)).isNull();
    }

    /** Security 4688 from an NXLog-based export that lower-cases the channel; pids are hex in Security events. */
    @Test
    void securityProcessCreateWithLowerCaseChannel() throws Exception {
        String line = otrfLine("credential_access/host/empire_shell_reg_dump_sam.zip", "\"EventID\":4688,", "save HKLM\\\\sam sam");
        SecurityEvent e = parse(line);
        assertThat(e.original("Channel")).isEqualTo("security");
        assertThat(e.original("NewProcessName")).isEqualTo("C:\\Windows\\System32\\reg.exe");
        assertThat(e.original("EventReceivedTime")).isNull();
        assertThat(e.get(Ecs.EVENT_MODULE)).isEqualTo("security");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("process");
        assertThat(e.get(Ecs.PROCESS_EXECUTABLE)).isEqualTo("C:\\Windows\\System32\\reg.exe");
        assertThat(e.get(Ecs.PROCESS_NAME)).isEqualTo("reg.exe");
        assertThat(e.get(Ecs.PROCESS_PID)).isEqualTo("8168");
        assertThat(e.get(Ecs.PROCESS_COMMAND_LINE)).isEqualTo("\"C:\\windows\\system32\\reg.exe\" save HKLM\\sam sam");
        assertThat(e.get(Ecs.PROCESS_PARENT_EXECUTABLE)).isEqualTo("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("pgustavo");
        assertThat(e.get(Ecs.USER_DOMAIN)).isEqualTo("THESHIRE");
        assertThat(e.timestamp()).hasToString("2020-09-22T08:28:42.564Z");
    }

    /** Sysmon 10: the acting process is the source one. */
    @Test
    void sysmonProcessAccess() throws Exception {
        String line = otrfLine("credential_access/host/psh_lsass_memory_dump_comsvcs.zip", "\"EventID\":10,", "lsass.exe");
        SecurityEvent e = parse(line);
        assertThat(e.original("TargetImage")).endsWithIgnoringCase("lsass.exe");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("process");
        assertThat(e.get(Ecs.EVENT_TYPE)).isEqualTo("access");
        assertThat(e.get(Ecs.PROCESS_EXECUTABLE)).isEqualTo(e.original("SourceImage"));
        assertThat(e.get(Ecs.PROCESS_PID)).isEqualTo(e.original("SourceProcessId")).isNotNull();
    }

    // --- Sysmon 3 network and 22 DNS ---

    @Test
    void sysmonNetworkConnectionFromHelkFlat() throws Exception {
        String line = otrfLine("defense_evasion/host/psh_cmstp_execution_bypassuac.zip", "\"EventID\":3,",
                "\"DestinationIp\":\"140.82.113.3\"");
        SecurityEvent e = parse(line);
        assertThat(e.original("DestinationIp")).isEqualTo("140.82.113.3");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("network");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("192.168.2.5");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("52093");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("140.82.113.3");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("443");
        assertThat(e.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("tcp");
        assertThat(e.get(Ecs.PROCESS_NAME)).isEqualTo("powershell.exe");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("wardog");
    }

    @Test
    void sysmonNetworkConnectionFromWazuh() throws Exception {
        String line = wazuhCase("sysmon_eid_3.ini", "", "\"destinationIp\":\"192.168.0.4\"");
        SecurityEvent e = parse(line);
        assertSystem(e, "3", "Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", "hrmanager.ExchangeTest.com");
        assertThat(e.original("DestinationPort")).isEqualTo("8080");
        assertThat(e.original("Image")).isEqualTo("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("network");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("192.168.0.121");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("50152");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("192.168.0.4");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("8080");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("AtomicRed");
    }

    @Test
    void sysmonDnsQuery() throws Exception {
        String line = otrfLine("defense_evasion/host/psh_cmstp_execution_bypassuac.zip", "\"EventID\":22,",
                "\"QueryName\":\"github.com\"");
        SecurityEvent e = parse(line);
        assertThat(e.original("QueryName")).isEqualTo("github.com");
        assertThat(e.original("QueryResults")).isEqualTo("::ffff:140.82.113.3;");
        assertThat(e.get(Ecs.DNS_QUESTION_NAME)).isEqualTo("github.com");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("network");
        assertThat(e.get(Ecs.EVENT_TYPE)).isEqualTo("protocol");
        assertThat(e.get(Ecs.PROCESS_EXECUTABLE)).isEqualTo("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        assertThat(e.timestamp()).hasToString("2020-10-22T01:54:23.493Z");
    }

    // --- Files and hashes ---

    @Test
    void hashesSplitAndFileEvent() throws Exception {
        String json = """
                {"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Sysmon"}},"EventID":15,
                 "Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"PC01",
                 "TimeCreated":{"#attributes":{"SystemTime":"2024-01-02T03:04:05Z"}}},
                 "EventData":{"Image":"C:\\\\Windows\\\\explorer.exe","TargetFilename":"C:\\\\Users\\\\a\\\\Downloads\\\\x.zip:Zone.Identifier",
                  "Hash":"MD5=0123456789ABCDEF0123456789ABCDEF,SHA256=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA,IMPHASH=00000000000000000000000000000000"}}}
                """;
        SecurityEvent e = parse(json);
        assertThat(e.get(Ecs.FILE_PATH)).isEqualTo("C:\\Users\\a\\Downloads\\x.zip:Zone.Identifier");
        assertThat(e.get(Ecs.FILE_NAME)).isEqualTo("x.zip:Zone.Identifier");
        assertThat(e.get(Ecs.FILE_HASH_MD5)).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(e.get(Ecs.FILE_HASH_SHA256)).isEqualTo("a".repeat(64));
        assertThat(e.get(Ecs.FILE_HASH_SHA1)).isNull();
        // The hash is of the written file, not of explorer.exe.
        assertThat(e.get(Ecs.PROCESS_HASH_SHA256)).isNull();
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("file");
    }

    @Test
    void evtxVariantsEventIdObjectDataArrayAndUserData() throws Exception {
        String json = """
                {"Event":{"System":{"Provider":{"@Name":"Service Control Manager"},
                 "EventID":{"#attributes":{"Qualifiers":16384},"#text":7045},"Channel":"System","Computer":"DC01",
                 "TimeCreated":{"#attributes":{"SystemTime":"2024-01-02T03:04:05.1Z"}}},
                 "EventData":{"Data":[{"#attributes":{"Name":"ServiceName"},"#text":"PSEXESVC"},
                   {"#attributes":{"Name":"ImagePath"},"#text":"%SystemRoot%\\\\PSEXESVC.exe"},
                   {"@Name":"ServiceType","#text":"user mode service"}]}}}
                """;
        SecurityEvent e = parse(json);
        assertSystem(e, "7045", "System", "Service Control Manager", "DC01");
        assertThat(e.original("ServiceName")).isEqualTo("PSEXESVC");
        assertThat(e.original("ImagePath")).isEqualTo("%SystemRoot%\\PSEXESVC.exe");
        assertThat(e.original("ServiceType")).isEqualTo("user mode service");
        assertThat(e.get(Ecs.EVENT_MODULE)).isEqualTo("system");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("configuration");
        assertThat(e.timestamp()).hasToString("2024-01-02T03:04:05.100Z");

        String classicPowerShell = """
                {"Event":{"System":{"Provider":{"#attributes":{"Name":"PowerShell"}},"EventID":400,
                 "Channel":"Windows PowerShell","Computer":"PC01"},
                 "EventData":{"Data":{"#text":["Available","None","\\tHostApplication=powershell.exe -enc SQBFAFgA"]}}}}
                """;
        SecurityEvent ps = parse(classicPowerShell);
        assertThat(ps.original("Data")).isEqualTo("Available\nNone\n\tHostApplication=powershell.exe -enc SQBFAFgA");
        assertThat(ps.get(Ecs.EVENT_MODULE)).isEqualTo("powershell");

        Path wmi = WinTestData.sigmaEventFiles().stream()
                .filter(p -> p.toString().contains("UserData") || readQuietly(p).contains("\"UserData\"")).findFirst().orElseThrow();
        SecurityEvent u = parse(WinTestData.read(wmi));
        assertThat(u.original("EventID")).isEqualTo("5858");
        assertThat(u.original("User")).isEqualTo("swachchhanda\\xodih");
        assertThat(u.original("ClientProcessId")).isEqualTo("25920");
        assertThat(u.original("xmlns")).isNull();
        assertThat(u.get(Ecs.EVENT_MODULE)).isEqualTo("wmi");
        assertThat(u.get(Ecs.USER_NAME)).isEqualTo("xodih");
    }

    // --- helpers ---

    private SecurityEvent parse(String text) throws MalformedRecordException {
        SecurityEvent e = parser.parse(text, RECEIVED);
        assertThat(e).isNotNull();
        return e;
    }

    private static void assertSystem(SecurityEvent e, String id, String channel, String provider, String computer) {
        assertThat(e.original("EventID")).isEqualTo(id);
        assertThat(e.original("Channel")).isEqualTo(channel);
        assertThat(e.original("Provider_Name")).isEqualTo(provider);
        assertThat(e.get(Ecs.EVENT_CODE)).isEqualTo(id);
        assertThat(e.get(Ecs.WINLOG_EVENT_ID)).isEqualTo(id);
        assertThat(e.get(Ecs.WINLOG_CHANNEL)).isEqualTo(channel);
        assertThat(e.get(Ecs.WINLOG_PROVIDER)).isEqualTo(provider);
        if (computer != null) {
            assertThat(e.original("Computer")).isEqualTo(computer);
            assertThat(e.get(Ecs.HOST_NAME)).isEqualTo(computer);
        }
        if (channel.startsWith("Microsoft-Windows-Sysmon")) {
            assertThat(e.get(Ecs.EVENT_MODULE)).isEqualTo("sysmon");
        }
    }

    private static void assertProcessEcs(SecurityEvent e, String exe, String name, String pid, String parentExe) {
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("process");
        assertThat(e.get(Ecs.EVENT_TYPE)).isEqualTo("start");
        assertThat(e.get(Ecs.PROCESS_EXECUTABLE)).isEqualTo(exe).isEqualTo(e.original("Image"));
        assertThat(e.get(Ecs.PROCESS_NAME)).isEqualTo(name);
        assertThat(e.get(Ecs.PROCESS_PID)).isEqualTo(pid);
        assertThat(e.get(Ecs.PROCESS_COMMAND_LINE)).isEqualTo(e.original("CommandLine"));
        assertThat(e.get(Ecs.PROCESS_PARENT_EXECUTABLE)).isEqualTo(parentExe).isEqualTo(e.original("ParentImage"));
    }

    private static String otrfLine(String zip, String... contains) throws Exception {
        for (String line : WinTestData.zipLines(Datasets.path("otrf-security-datasets/atomic").resolve(zip))) {
            boolean all = true;
            for (String c : contains) {
                all &= line.contains(c);
            }
            if (all) {
                return line;
            }
        }
        throw new AssertionError("no record in " + zip + " with " + List.of(contains));
    }

    private static String wazuhCase(String file, String title, String contains) throws Exception {
        return WinTestData.wazuhCases(file).stream()
                .filter(r -> r.source().contains(title) && r.text().contains(contains))
                .findFirst().orElseThrow().text();
    }

    private static String readQuietly(Path p) {
        try {
            return WinTestData.read(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
