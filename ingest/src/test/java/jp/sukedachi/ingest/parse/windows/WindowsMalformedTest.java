package jp.sukedachi.ingest.parse.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Bad input gives MalformedRecordException with a reason, and nothing else, for both formats. */
class WindowsMalformedTest {
    private static final String SYSMON = "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
            + "\"Hostname\":\"PC01\",\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\"}";

    static List<LogFormat> formats() {
        return WindowsFormats.all();
    }

    @ParameterizedTest
    @MethodSource("formats")
    void truncatedJson(LogFormat format) {
        RecordParser p = format.newParser();
        for (int cut : new int[] {1, 10, 25, SYSMON.length() - 1}) {
            assertThatThrownBy(() -> p.parse(SYSMON.substring(0, cut), 0))
                    .isInstanceOf(MalformedRecordException.class).hasMessageStartingWith("invalid JSON");
        }
    }

    @ParameterizedTest
    @MethodSource("formats")
    void notJson(LogFormat format) {
        RecordParser p = format.newParser();
        assertMalformed(p, "Jun  1 10:15:29 web01 sshd[2214]: Failed password for root", "invalid JSON");
        assertMalformed(p, "EventID=1 Image=cmd.exe", "invalid JSON");
        assertMalformed(p, "42", "not a JSON object");
        assertMalformed(p, "\"EventID\"", "not a JSON object");
        assertMalformed(p, "{\"EventID\":1}}", "invalid JSON");
        assertMalformed(p, SYSMON + " " + SYSMON, "more than one JSON value in the record");
        assertMalformed(p, "{'EventID': 1}", "invalid JSON");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void jsonArray(LogFormat format) {
        assertMalformed(format.newParser(), "[" + SYSMON + "]", "a JSON array, expected one JSON object per record");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void deeplyNestedGarbage(LogFormat format) {
        RecordParser p = format.newParser();
        String deep = "{\"EventID\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertMalformed(p, deep, "invalid JSON");
        String deepObjects = "{\"data\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + "}";
        assertMalformed(p, deepObjects, "invalid JSON");
        // Still usable afterwards.
        assertThat(p).isNotNull();
    }

    @Test
    void jsonThatIsNotAWindowsEvent() {
        RecordParser p = new WindowsEventFormat().newParser();
        assertMalformed(p, "{}", "no Windows event id");
        assertMalformed(p, "{\"Event\":{\"System\":{\"Channel\":\"Security\"}}}", "no Windows event id");
        assertMalformed(p, "{\"Event\":42,\"win\":\"x\",\"winlog\":[1,2]}", "no Windows event id");
    }

    @Test
    void parserRecoversAfterBadRecords() throws Exception {
        RecordParser p = new WindowsEventFormat().newParser();
        assertMalformed(p, "{\"EventID\":", "invalid JSON");
        assertThat(p.parse(SYSMON, 0).original("Image")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(p.parse("", 0)).isNull();
        // Nothing of the previous record leaks into the next.
        assertThat(p.parse("{\"EventID\":4688,\"Channel\":\"Security\"}", 0).original("Image")).isNull();
    }

    @Test
    void sniffScores() {
        LogFormat windows = new WindowsEventFormat();
        LogFormat alerts = new WazuhAlertsFormat();
        assertThat(windows.sniff(SYSMON)).isEqualTo(90);
        assertThat(windows.sniff("{\"Event\":{\"EventData\":{}}}")).isEqualTo(90);
        assertThat(windows.sniff("{\"win\":{\"system\":{\"eventID\":\"1\"}}}")).isEqualTo(90);
        assertThat(windows.sniff("{ \"win\": { \"eventdata\": {}, \"system\": { \"eventID\": \"4722\" } } }")).isEqualTo(90);
        assertThat(windows.sniff("{\"winlog\":{\"event_id\":\"4624\"}}")).isEqualTo(90);
        assertThat(windows.sniff("EventID=1")).isZero();
        assertThat(windows.sniff("{\"event_type\":\"alert\"}")).isZero();
        assertThat(alerts.sniff("{\"rule\":{\"id\":\"1\"},\"agent\":{\"id\":\"0\"}}")).isEqualTo(95);
        assertThat(alerts.sniff("{\"rule\": {\"id\":\"1\"}, \"agent\" : {}}")).isEqualTo(95);
        assertThat(alerts.sniff("{\"rule\":\"x\",\"agent\":{}}")).isZero();
        assertThat(alerts.sniff(SYSMON)).isZero();
    }

    private static void assertMalformed(RecordParser p, String input, String reasonStart) {
        assertThatThrownBy(() -> p.parse(input, 0)).as(input.length() > 80 ? input.substring(0, 80) : input)
                .isInstanceOf(MalformedRecordException.class).hasMessageStartingWith(reasonStart);
    }
}
