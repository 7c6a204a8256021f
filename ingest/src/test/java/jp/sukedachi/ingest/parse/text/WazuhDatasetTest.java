package jp.sukedachi.ingest.parse.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every raw line of the syslog-family files in wazuh-ruleset-tests: auto-detected over the text
 * formats, parsed with a fresh parser, no malformed record, and detected as the expected vendor.
 */
class WazuhDatasetTest {
    private static final long RECEIVED = 1_716_000_000_000L; // 2024-05-18

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "fortigate.ini, fortigate",
        "paloalto.ini, paloalto",
        "sophos_fw.ini, sophos",
        "SonicWall.ini, sonicwall",
        "pfsense.ini, pfsense",
        "cisco_asa.ini, cisco-asa",
        "cisco_ftd.ini, cisco-asa",
        "checkpoint_smart1.ini, checkpoint",
        "f5_big_ip.ini, f5",
        "iptables.ini, iptables",
        "sshd.ini, sshd",
        // other devices' syslog: the header is parsed, no vendor enrichment
        "fortiauth.ini, syslog",
        "junos.ini, syslog",
        "huawei_usg.ini, syslog",
        "netscreen.ini, syslog",
        "fortimail.ini, syslog",
    })
    void everyLineParsesAsItsVendor(String file, String expected) throws MalformedRecordException {
        LogFormats formats = new LogFormats(TextFormats.all());
        List<WazuhCases.Case> cases = WazuhCases.read(file);
        assertThat(cases).isNotEmpty();
        int parsed = 0;
        int undetected = 0;
        List<String> wrong = new ArrayList<>();
        for (WazuhCases.Case c : cases) {
            Optional<LogFormat> format = formats.detect(c.log());
            if (format.isEmpty()) {
                // FortiMail's unframed key=value lines are no format of ours (no syslog header, no vendor parser)
                assertThat(file).as("undetected: %s", c.log()).isEqualTo("fortimail.ini");
                assertThat(c.log()).startsWith("date=");
                undetected++;
                continue;
            }
            String want = expected.equals("f5") && c.log().contains("CEF:") ? "cef" : expected;
            if (!format.get().id().equals(want)) {
                wrong.add(format.get().id() + " <- " + c.log());
            }
            SecurityEvent e = format.get().newParser().parse(c.log(), RECEIVED);
            assertThat(e).as(c.log()).isNotNull();
            assertThat(e.format()).isEqualTo(format.get().id());
            parsed++;
        }
        assertThat(wrong).as("wrongly detected in " + file).isEmpty();
        System.out.printf("wazuh %s: %d cases parsed, 0 malformed, %d undetected%n", file, parsed, undetected);
    }

    @ParameterizedTest
    @CsvSource({"sophos.ini"})
    void sophosAntivirusLinesAreNotSyslog(String file) {
        // Sophos Anti-Virus writes its own XML-ish/tab log files, not syslog: none of our formats claims them
        LogFormats formats = new LogFormats(TextFormats.all());
        for (WazuhCases.Case c : WazuhCases.read(file)) {
            assertThat(formats.detect(c.log())).as(c.log()).isEmpty();
        }
    }
}
