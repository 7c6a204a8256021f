package jp.sukedachi.ingest.parse.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormats;
import org.junit.jupiter.api.Test;

/** One known line per vendor from wazuh-ruleset-tests (read from the dataset, not copied) to known fields. */
class VendorParserTest {
    private static final long RECEIVED = Instant.parse("2024-05-18T00:00:00Z").toEpochMilli();
    private final LogFormats formats = new LogFormats(TextFormats.all());

    private SecurityEvent parse(String file, String title, String format) throws Exception {
        String line = WazuhCases.line(file, title);
        assertThat(formats.detect(line).orElseThrow().id()).isEqualTo(format);
        SecurityEvent e = formats.detect(line).orElseThrow().newParser().parse(line, RECEIVED);
        assertThat(e.format()).isEqualTo(format);
        return e;
    }

    @Test
    void paloAltoThreat() throws Exception {
        SecurityEvent e = parse("paloalto.ini", "Palo Alto severity high", "paloalto");
        assertThat(e.get(Ecs.OBSERVER_VENDOR)).isEqualTo("Palo Alto Networks");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("199.195.252.165");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("172.30.250.61");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("55094");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("443");
        assertThat(e.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("tcp");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("reset-both");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("90255");
        assertThat(e.get(Ecs.RULE_NAME)).startsWith("DCS-2530L Unauthenticated Information Disclosure");
        assertThat(e.get(Ecs.EVENT_SEVERITY)).isEqualTo("high");
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("panw.panos.threat");
        assertThat(e.original("rule")).isEqualTo("GPS-UAT-MODULR-Web-443-OUT");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2021-07-12T09:46:00Z"));
    }

    @Test
    void paloAltoSystemInSyslogFrame() throws Exception {
        SecurityEvent e = parse("paloalto.ini", "Palo Alto severity medium", "paloalto");
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("xx-xx-xx.xx");
        assertThat(e.get(Ecs.EVENT_SEVERITY)).isEqualTo("medium");
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("panw.panos.system");
    }

    @Test
    void sophosXg() throws Exception {
        SecurityEvent e = parse("sophos_fw.ini", "sophos firewall: traffic denied", "sophos");
        assertThat(e.get(Ecs.OBSERVER_VENDOR)).isEqualTo("Sophos");
        assertThat(e.get(Ecs.OBSERVER_HOSTNAME)).isEqualTo("XG210");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("11.22.33.44");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("44.33.22.11");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("52667");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("10051");
        assertThat(e.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("tcp");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("Deny");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("14");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2019-10-09T09:19:06Z")); // timezone="+08"
    }

    @Test
    void sonicWall() throws Exception {
        SecurityEvent e = parse("SonicWall.ini", "SonicWall : ac4 ", "sonicwall");
        assertThat(e.get(Ecs.OBSERVER_VENDOR)).isEqualTo("SonicWall");
        assertThat(e.get(Ecs.EVENT_CODE)).isEqualTo("14");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("Web site access denied");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("192.168.0.62");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("54993");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("151.101.242.49");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("443");
        assertThat(e.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("tcp");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2019-03-18T08:33:45Z"));
    }

    @Test
    void pfSense() throws Exception {
        SecurityEvent e = parse("pfsense.ini", "pfSense firewall: drop event", "pfsense");
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("pfSense");
        assertThat(e.get(Ecs.LOG_SYSLOG_APPNAME)).isEqualTo("filterlog");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("block");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get(Ecs.NETWORK_DIRECTION)).isEqualTo("inbound");
        assertThat(e.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("udp");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("10.9.0.119");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("10.9.0.255");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("17500");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("17600");
        assertThat(e.original("interface")).isEqualTo("em0");
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("1000102433");
    }

    @Test
    void ciscoAsaDenyAndBuilt() throws Exception {
        LogFormats f = formats;
        String deny = WazuhCases.read("cisco_asa.ini").stream().map(WazuhCases.Case::log)
                .filter(l -> l.contains("ACLoffice")).findFirst().orElseThrow();
        SecurityEvent e = f.detect(deny).orElseThrow().newParser().parse(deny, RECEIVED);
        assertThat(e.format()).isEqualTo("cisco-asa");
        assertThat(e.get(Ecs.OBSERVER_VENDOR)).isEqualTo("Cisco");
        assertThat(e.get(Ecs.OBSERVER_PRODUCT)).isEqualTo("ASA");
        assertThat(e.get(Ecs.EVENT_CODE)).isEqualTo("106023");
        assertThat(e.get(Ecs.EVENT_SEVERITY)).isEqualTo("4");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("deny");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("1.1.1.1");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("3217");
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("ACLoffice");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2018-10-03T17:34:08Z"));

        String built = WazuhCases.read("cisco_asa.ini").stream().map(WazuhCases.Case::log)
                .filter(l -> l.startsWith("%ASA-6-302013")).findFirst().orElseThrow();
        SecurityEvent b = f.detect(built).orElseThrow().newParser().parse(built, RECEIVED);
        // "Built outbound ... for outside:10.1.2.1/22 ... to inside:10.1.1.2/53496": the inside host initiated
        assertThat(b.get(Ecs.SOURCE_IP)).isEqualTo("10.1.1.2");
        assertThat(b.get(Ecs.SOURCE_PORT)).isEqualTo("53496");
        assertThat(b.get(Ecs.DESTINATION_IP)).isEqualTo("10.1.2.1");
        assertThat(b.get(Ecs.DESTINATION_PORT)).isEqualTo("22");
        assertThat(b.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("tcp");
    }

    @Test
    void ciscoFtdLogin() throws Exception {
        String line = WazuhCases.read("cisco_ftd.ini").stream().map(WazuhCases.Case::log)
                .filter(l -> l.startsWith("%FTD-4-106023")).findFirst().orElseThrow();
        SecurityEvent e = formats.detect(line).orElseThrow().newParser().parse(line, RECEIVED);
        assertThat(e.get(Ecs.OBSERVER_PRODUCT)).isEqualTo("FTD");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("111.11.11.1");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("172.11.1.11");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("139");
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("inside_inbound");
    }

    @Test
    void checkPoint() throws Exception {
        SecurityEvent e = parse("checkpoint_smart1.ini", "checkpoint smart1: Drop: Prohibit a packet from passing. Send no response.",
                "checkpoint");
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("HOSTNAME");
        assertThat(e.get(Ecs.LOG_SYSLOG_APPNAME)).isEqualTo("CheckPoint");
        assertThat(e.get(Ecs.OBSERVER_VENDOR)).isEqualTo("Check Point");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("Drop");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("11.22.33.77");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("11.22.33.55");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("55036");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("1514");
        assertThat(e.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("udp");
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("CleanUp Rule");
        assertThat(e.original("__policy_id_tag")).endsWith("policy_name=FW-INT-TR]"); // \] unescaped
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2019-05-15T16:25:50Z"));
    }

    @Test
    void f5BigIp() throws Exception {
        SecurityEvent e = parse("f5_big_ip.ini", "F5 BigIP: Alert message detected.", "f5");
        assertThat(e.get(Ecs.OBSERVER_VENDOR)).isEqualTo("F5");
        assertThat(e.get(Ecs.OBSERVER_PRODUCT)).isEqualTo("BIG-IP");
        assertThat(e.get(Ecs.EVENT_CODE)).isEqualTo("01011111");
        assertThat(e.get(Ecs.LOG_SYSLOG_APPNAME)).isEqualTo("process");
        assertThat(e.get(Ecs.PROCESS_PID)).isEqualTo("20175");
        assertThat(e.original("level")).isEqualTo("alert");
        assertThat(e.get(Ecs.MESSAGE)).startsWith("MCP Connection");
    }

    @Test
    void iptables() throws Exception {
        String line = WazuhCases.read("iptables.ini").stream().map(WazuhCases.Case::log)
                .filter(l -> l.contains("[UFW BLOCK]")).findFirst().orElseThrow();
        SecurityEvent e = formats.detect(line).orElseThrow().newParser().parse(line, RECEIVED);
        assertThat(e.format()).isEqualTo("iptables");
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("[UFW BLOCK]");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("deny");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get(Ecs.NETWORK_DIRECTION)).isEqualTo("inbound");
        assertThat(e.get(Ecs.SOURCE_IP)).isNotNull();
        assertThat(e.get(Ecs.DESTINATION_PORT)).isNotNull();
        assertThat(e.original("IN")).isEqualTo("eth0");
    }

    @Test
    void sshdFailedAndAcceptedAndInvalid() throws Exception {
        SecurityEvent failed = Vendor.SSHD.newParser().parse(
                "Mar 10 09:00:01 bastion sshd[2519]: Failed password for invalid user admin from 203.0.113.9 port 43042 ssh2", RECEIVED);
        assertThat(failed.get(Ecs.EVENT_CATEGORY)).isEqualTo("authentication");
        assertThat(failed.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(failed.get(Ecs.USER_NAME)).isEqualTo("admin");
        assertThat(failed.get(Ecs.SOURCE_IP)).isEqualTo("203.0.113.9");
        assertThat(failed.get(Ecs.SOURCE_PORT)).isEqualTo("43042");
        SecurityEvent ok = Vendor.SSHD.newParser().parse(
                "<38>Mar 10 09:00:02 bastion sshd[2520]: Accepted publickey for deploy from 2001:db8::7 port 50022 ssh2: RSA SHA256:abc", RECEIVED);
        assertThat(ok.get(Ecs.EVENT_OUTCOME)).isEqualTo("success");
        assertThat(ok.get(Ecs.USER_NAME)).isEqualTo("deploy");
        assertThat(ok.get(Ecs.SOURCE_IP)).isEqualTo("2001:db8::7");
        SecurityEvent pam = Vendor.SSHD.newParser().parse("Mar 10 09:00:03 bastion sshd[2521]: pam_unix(sshd:auth): "
                + "authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.4  user=root", RECEIVED);
        assertThat(pam.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(pam.get(Ecs.USER_NAME)).isEqualTo("root");
        assertThat(pam.get(Ecs.SOURCE_IP)).isEqualTo("198.51.100.4");

        String denied = WazuhCases.read("sshd.ini").stream().map(WazuhCases.Case::log)
                .filter(l -> l.contains("User root from 172.18.1.100 not allowed")).findFirst().orElseThrow();
        SecurityEvent invalid = formats.detect(denied).orElseThrow().newParser().parse(denied, RECEIVED);
        assertThat(invalid.format()).isEqualTo("sshd");
        assertThat(invalid.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(invalid.get(Ecs.USER_NAME)).isEqualTo("root");
        assertThat(invalid.get(Ecs.SOURCE_IP)).isEqualTo("172.18.1.100");
        assertThat(invalid.timestamp()).isEqualTo(Instant.parse("2020-03-31T20:15:57.368Z"));
    }
}
