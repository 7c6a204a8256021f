package jp.sukedachi.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parser reads its timestamps through {@link Times}, so none takes a day that does not exist: 2023-02-29
 * and 2024-04-31 are refused (the Windows and Wazuh parsers once read them as March 1st and May 1st), 2024-02-29
 * is read. A parser that must have a time quarantines the record; the others keep the receive time.
 */
class CalendarDatesTest {
    private static final long RECEIVED = 1_700_000_000_000L;
    private static final LogFormats FORMATS = LogFormats.standard();

    /** format id, a record with {@code DATE} where the date goes, whether a bad time makes it malformed. */
    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("windows", "evtx_dump", """
                        {"Event":{"System":{"Provider":{"@Name":"Service Control Manager"},"EventID":7045,"Channel":"System",\
                        "Computer":"DC01","TimeCreated":{"#attributes":{"SystemTime":"DATET03:04:05.1Z"}}},\
                        "EventData":{"ServiceName":"PSEXESVC"}}}""", false),
                Arguments.of("windows", "winlogbeat", """
                        {"@timestamp":"DATET03:04:05.100Z","winlog":{"event_id":4625,"channel":"Security",\
                        "provider_name":"Microsoft-Windows-Security-Auditing","computer_name":"PC01",\
                        "event_data":{"TargetUserName":"sato"}}}""", false),
                Arguments.of("wazuh-alerts", "alerts.json", """
                        {"timestamp":"DATET12:04:05.100+0900","rule":{"level":5,"description":"sshd: authentication failed.",\
                        "id":"5760"},"agent":{"id":"003","name":"web01","ip":"10.0.1.15"},\
                        "full_log":"sshd[2214]: Failed password for root from 198.51.100.23 port 53712 ssh2"}""", false),
                Arguments.of("suricata-eve", "EVE", """
                        {"timestamp":"DATET03:04:05.100000+0000","event_type":"dns","src_ip":"192.0.2.53","src_port":53,\
                        "dest_ip":"198.51.100.7","dest_port":40000,"proto":"UDP"}""", true),
                Arguments.of("zeek", "JSON", """
                        {"ts":"DATET03:04:05.100Z","uid":"C1","id.orig_h":"192.0.2.1","id.orig_p":40000,\
                        "id.resp_h":"198.51.100.7","id.resp_p":53,"proto":"udp","query":"example.jp"}""", true),
                Arguments.of("syslog", "RFC 5424", "<13>1 DATET12:04:05.1+09:00 host app - - - hello", true),
                Arguments.of("fortigate", "date/time/tz", "date=DATE time=12:04:05.100 tz=\"+0900\" logid=\"0000000013\" "
                        + "type=\"traffic\" subtype=\"forward\" srcip=192.0.2.1 dstip=198.51.100.7 action=\"accept\"", false));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("records")
    void aDayThatExistsIsRead(String format, String layout, String record, boolean timeRequired) throws Exception {
        SecurityEvent e = parser(format).parse(record.replace("DATE", "2024-02-29"), RECEIVED);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-02-29T03:04:05.100Z"));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("records")
    void aDayThatDoesNotExistIsRefused(String format, String layout, String record, boolean timeRequired) throws Exception {
        for (String date : new String[] {"2023-02-29", "2024-04-31"}) {
            String line = record.replace("DATE", date);
            if (timeRequired) {
                assertThatThrownBy(() -> parser(format).parse(line, RECEIVED)).as(date)
                        .isInstanceOf(MalformedRecordException.class);
            } else {
                SecurityEvent e = parser(format).parse(line, RECEIVED);
                assertThat(e.timestampMillis()).as(date).isEqualTo(RECEIVED);
                assertThat(e.get(Ecs.TIMESTAMP)).as(date).isNull();
            }
        }
    }

    private static RecordParser parser(String id) {
        return FORMATS.byId(id).orElseThrow().newParser();
    }
}
