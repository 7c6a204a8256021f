package jp.sukedachi.ingest.parse.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormats;
import org.junit.jupiter.api.Test;

class FortiGateParserTest {
    private static final long RECEIVED = Instant.parse("2024-05-18T00:00:00Z").toEpochMilli();
    private final LogFormats formats = new LogFormats(TextFormats.all());

    private SecurityEvent parse(String line) throws Exception {
        assertThat(formats.detect(line).orElseThrow().id()).isEqualTo("fortigate");
        return formats.detect(line).orElseThrow().newParser().parse(line, RECEIVED);
    }

    @Test
    void trafficDenyWithTimezone() throws Exception {
        SecurityEvent e = parse("<189>date=2019-05-10 time=11:37:47 devname=\"FG100D\" devid=\"FG100D3G16800000\" "
                + "logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" vd=\"root\" tz=\"+0900\" "
                + "srcip=192.168.1.10 srcport=50123 srcintf=\"port1\" dstip=203.0.113.5 dstport=443 dstintf=\"wan1\" "
                + "proto=6 action=\"deny\" policyid=0 service=\"HTTPS\" sentbyte=0 rcvdbyte=0 msg=\"Denied by forward policy check\"");
        assertThat(e.format()).isEqualTo("fortigate");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2019-05-10T02:37:47Z"));
        assertThat(e.get(Ecs.LOG_SYSLOG_FACILITY)).isEqualTo("23");
        assertThat(e.get(Ecs.OBSERVER_VENDOR)).isEqualTo("Fortinet");
        assertThat(e.get(Ecs.OBSERVER_PRODUCT)).isEqualTo("FortiGate");
        assertThat(e.get(Ecs.OBSERVER_HOSTNAME)).isEqualTo("FG100D");
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("fortigate.traffic.forward");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("192.168.1.10");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("50123");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("203.0.113.5");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("443");
        assertThat(e.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("tcp");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("deny");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("0000000013");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("Denied by forward policy check");
        assertThat(e.original("srcintf")).isEqualTo("port1");
        assertThat(e.original("service")).isEqualTo("HTTPS");
    }

    @Test
    void utmIpsInSyslogFrameUsesEventtime() throws Exception {
        SecurityEvent e = parse("<185>May 10 11:37:47 fw01 date=2019-05-10 time=11:37:47 logid=\"0419016384\" type=\"utm\" "
                + "subtype=\"ips\" eventtype=\"signature\" level=\"alert\" eventtime=1557456767123456789 severity=\"critical\" "
                + "srcip=10.1.100.22 dstip=172.16.200.55 srcport=46810 dstport=80 proto=6 action=\"dropped\" "
                + "attack=\"Adobe.Flash.Exploit\" attackid=23305 url=\"/ips/sig1.pdf\" hostname=\"172.16.200.55\" service=\"HTTP\"");
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("fw01");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2019-05-10T02:52:47.123Z"));
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("fortigate.utm.ips");
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("Adobe.Flash.Exploit");
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("23305");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get(Ecs.URL_FULL)).isEqualTo("http://172.16.200.55/ips/sig1.pdf");
        assertThat(e.get(Ecs.URL_PATH)).isEqualTo("/ips/sig1.pdf");
    }

    @Test
    void utmVirus() throws Exception {
        SecurityEvent e = parse("date=2019-05-13 time=11:45:03 logid=\"0211008192\" type=\"utm\" subtype=\"virus\" "
                + "eventtype=\"infected\" level=\"warning\" srcip=10.1.100.11 dstip=172.16.200.55 srcport=44356 dstport=80 "
                + "proto=6 action=\"blocked\" service=\"HTTP\" user=\"bob\" filename=\"eicar.com\" virus=\"EICAR_TEST_FILE\" "
                + "virusid=2172 url=\"http://172.16.200.55/virus/eicar.com\" msg=\"File is infected.\"");
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("fortigate.utm.virus");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2019-05-13T11:45:03Z")); // no tz, no eventtime: UTC
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("EICAR_TEST_FILE");
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("2172");
        assertThat(e.get(Ecs.FILE_NAME)).isEqualTo("eicar.com");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("bob");
        assertThat(e.get(Ecs.URL_FULL)).isEqualTo("http://172.16.200.55/virus/eicar.com");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("File is infected.");
    }

    @Test
    void utmWebfilter() throws Exception {
        SecurityEvent e = parse("date=2019-05-13 time=16:29:45 logid=\"0316013056\" type=\"utm\" subtype=\"webfilter\" "
                + "eventtype=\"ftgd_blk\" level=\"warning\" srcip=10.1.100.11 srcport=44258 dstip=185.230.61.185 dstport=80 "
                + "proto=6 service=\"HTTP\" hostname=\"ambrishsriv.wixsite.com\" action=\"blocked\" url=\"/bizsquads\" "
                + "cat=26 catdesc=\"Malicious Websites\" srcuser=\"carol\"");
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("fortigate.utm.webfilter");
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("Malicious Websites");
        assertThat(e.get(Ecs.URL_DOMAIN)).isEqualTo("ambrishsriv.wixsite.com");
        assertThat(e.get(Ecs.URL_FULL)).isEqualTo("http://ambrishsriv.wixsite.com/bizsquads");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("carol");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("blocked");
    }

    @Test
    void adminLoginFailedFromDataset() throws Exception {
        SecurityEvent e = parse(WazuhCases.line("fortigate.ini", "Fortigate: Login failed."));
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("authentication");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get(Ecs.USER_NAME)).isNotNull();
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("fortigate.event.system");
    }
}
