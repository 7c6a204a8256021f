package jp.sukedachi.ingest.parse.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyslogParserTest {
    private static final long RECEIVED = Instant.parse("2003-12-01T00:00:00Z").toEpochMilli();
    private final RecordParser parser = Vendor.SYSLOG.newParser();

    private SecurityEvent parse(String line) throws MalformedRecordException {
        return parser.parse(line, RECEIVED);
    }

    @Test
    void anOctetCountedMessageMaySpanLines() throws Exception {
        // RFC 6587 octet-counting frames a message with line breaks in it as one record (e.g. logger --octet-count).
        SecurityEvent e = parse("<13>1 2026-12-06T05:09:23Z vm app - - - first line\nsecond line");
        assertThat(e.get(jp.sukedachi.event.Ecs.MESSAGE)).isEqualTo("first line\nsecond line");
        assertThatThrownBy(() -> parse("<13>1 2026-12-06T05:09:23Z vm app - - - binary\u0001data"))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void rfc3164WithPri() throws Exception {
        SecurityEvent e = parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");
        assertThat(e.format()).isEqualTo("syslog");
        assertThat(e.get(Ecs.LOG_SYSLOG_FACILITY)).isEqualTo("4");
        assertThat(e.get(Ecs.LOG_SYSLOG_SEVERITY)).isEqualTo("2");
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("mymachine");
        assertThat(e.get(Ecs.LOG_SYSLOG_APPNAME)).isEqualTo("su");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
        // no year in RFC 3164: the receive time's year, UTC
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2003-10-11T22:14:15Z"));
    }

    @Test
    void rfc3164WithoutPriWithPidAndPaddedDay() throws Exception {
        SecurityEvent e = parse("Feb  4 23:33:37 web01 cron[4711]: job done");
        assertThat(e.get(Ecs.LOG_SYSLOG_FACILITY)).isNull();
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("web01");
        assertThat(e.get(Ecs.LOG_SYSLOG_APPNAME)).isEqualTo("cron");
        assertThat(e.get(Ecs.PROCESS_PID)).isEqualTo("4711");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("job done");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2003-02-04T23:33:37Z"));
    }

    @Test
    void rfc3164DecemberLineReceivedInJanuaryIsLastYear() throws Exception {
        long jan1 = Instant.parse("2004-01-01T00:00:30Z").toEpochMilli();
        SecurityEvent e = parser.parse("<13>Dec 31 23:59:50 host app: late", jan1);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2003-12-31T23:59:50Z"));
        // a clock a few hours ahead stays in the receive year
        SecurityEvent ahead = parser.parse("<13>Jan  1 05:00:00 host app: early", jan1);
        assertThat(ahead.timestamp()).isEqualTo(Instant.parse("2004-01-01T05:00:00Z"));
    }

    @Test
    void isoTimestampWithZoneAndYearVariants() throws Exception {
        SecurityEvent iso = parse("<30>2021-07-08T11:01:06.250-03:00 fw01 db[32167]: ok");
        assertThat(iso.timestamp()).isEqualTo(Instant.parse("2021-07-08T14:01:06.250Z"));
        assertThat(iso.get(Ecs.HOST_NAME)).isEqualTo("fw01");
        assertThat(iso.get(Ecs.PROCESS_PID)).isEqualTo("32167");
        SecurityEvent withYear = parse("Oct 03 2018 17:34:08: %ASA-4-106023: Deny udp src a:1.1.1.1/3 dst b:2.2.2.2/4 by access-group \"x\"");
        assertThat(withYear.timestamp()).isEqualTo(Instant.parse("2018-10-03T17:34:08Z"));
        SecurityEvent yearFirst = parse("2018 Apr 09 16:03:37 relay hello world");
        assertThat(yearFirst.timestamp()).isEqualTo(Instant.parse("2018-04-09T16:03:37Z"));
        assertThat(yearFirst.get(Ecs.HOST_NAME)).isEqualTo("relay");
        SecurityEvent yearAfter = parse("Mar  1 01:02:03 2001 host app: x");
        assertThat(yearAfter.timestamp()).isEqualTo(Instant.parse("2001-03-01T01:02:03Z"));
    }

    @Test
    void rfc5424WithBomAndNilValues() throws Exception {
        SecurityEvent e = parse("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("mymachine.example.com");
        assertThat(e.get(Ecs.LOG_SYSLOG_APPNAME)).isEqualTo("su");
        assertThat(e.get(Ecs.PROCESS_PID)).isNull();
        assertThat(e.original("msgid")).isEqualTo("ID47");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
    }

    @Test
    void rfc5424OffsetAndMicroseconds() throws Exception {
        SecurityEvent e = parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2003-08-24T12:14:15Z"));
        assertThat(e.get(Ecs.LOG_SYSLOG_FACILITY)).isEqualTo("20");
        assertThat(e.get(Ecs.LOG_SYSLOG_SEVERITY)).isEqualTo("5");
        assertThat(e.get(Ecs.PROCESS_PID)).isEqualTo("8710");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("%% It's time to make the do-nuts.");
    }

    @Test
    void rfc5424StructuredDataWithEscapes() throws Exception {
        SecurityEvent e = parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
                + "[examplePriority@32473 class=\"high\" q=\"say \\\"hi\\\"\" path=\"C:\\\\temp\" br=\"a\\]b\"] \uFEFFAn application event log entry");
        assertThat(e.original("iut")).isEqualTo("3");
        assertThat(e.original("eventSource")).isEqualTo("Application");
        assertThat(e.original("eventID")).isEqualTo("1011");
        assertThat(e.original("class")).isEqualTo("high");
        assertThat(e.original("q")).isEqualTo("say \"hi\"");
        assertThat(e.original("path")).isEqualTo("C:\\temp");
        assertThat(e.original("br")).isEqualTo("a]b");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("An application event log entry");
    }

    @Test
    void rfc5424WithoutMessage() throws Exception {
        SecurityEvent e = parse("<165>1 2003-10-11T22:14:15.003Z host app - - [x@1 a=\"b\"]");
        assertThat(e.original("a")).isEqualTo("b");
        assertThat(e.get(Ecs.MESSAGE)).isNull();
    }

    @Test
    void ceeJsonIsFlattenedAndMapped() throws Exception {
        SecurityEvent e = parse("<134>1 2018-03-24T08:59:37-07:00 PC-1.example EvntSLog - - - @cee: {\"msg\": \"service stopped\","
                + " \"nteventlogtype\": \"System\", \"sourceproc\": \"Service Control Manager\", \"id\": \"7036\","
                + " \"user\": \"alice\", \"nested\": {\"a\": 1, \"b\": [\"x\", \"y\"]}}");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("service stopped");
        assertThat(e.get(Ecs.WINLOG_EVENT_ID)).isEqualTo("7036");
        assertThat(e.get(Ecs.WINLOG_CHANNEL)).isEqualTo("System");
        assertThat(e.get(Ecs.WINLOG_PROVIDER)).isEqualTo("Service Control Manager");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("alice");
        assertThat(e.original("nested.a")).isEqualTo("1");
        assertThat(e.original("nested.b")).isEqualTo("x,y");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2018-03-24T15:59:37Z"));
    }

    @Test
    void truncatedCeeKeepsWhatWasRead() throws Exception {
        SecurityEvent e = parse("<134>1 2018-03-24T08:59:37Z h EvntSLog - - - @cee: {\"msg\": \"x\", \"id\": \"7");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("x");
        assertThat(e.original("cee.error")).isNotNull();
    }

    @Test
    void syslogParserRecognisesVendorsPerLine() throws Exception {
        assertThat(parse("<134>Feb  4 23:33:37 gw kernel: DROP IN=eth0 OUT= SRC=1.2.3.4 DST=5.6.7.8 PROTO=TCP SPT=1 DPT=2").format())
                .isEqualTo("iptables");
        assertThat(parse("<134>Feb  4 23:33:37 gw app: plain").format()).isEqualTo("syslog");
    }

    @Test
    void blankLinesAreNoEvent() throws Exception {
        assertThat(parse("")).isNull();
        assertThat(parse("   \r\n")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<999>Oct 11 22:14:15 host x", "<192>Oct 11 22:14:15 host x", "<12", "<1234>x",
        "<34>1 2003-13-45T99:99:99Z host app - - - x", "abc\u0000def", "\u0001\u0002\u0003\u0004", "<34>Oct 11 22:14:15 h a: x\u0007y"})
    void malformedInputsAreRejected(String line) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void freeTextIsAPlainMessage() throws Exception {
        SecurityEvent e = parse("just some text");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("just some text");
        assertThat(e.timestampMillis()).isEqualTo(RECEIVED);
    }

    @Test
    void sniffScores() {
        LogFormats formats = new LogFormats(TextFormats.all());
        assertThat(formats.detect("<34>Oct 11 22:14:15 mymachine su: x").map(LogFormat::id)).contains("syslog");
        assertThat(formats.detect("<34>1 2003-10-11T22:14:15.003Z h a - - - x").map(LogFormat::id)).contains("syslog");
        assertThat(formats.detect("{\"event_type\":\"alert\"}")).isEmpty();
        assertThat(formats.detect("hello")).isEmpty();
        assertThat(Vendor.SYSLOG.sniff("Oct 11 22:14:15 host x")).isBetween(1, 50);
    }
}
