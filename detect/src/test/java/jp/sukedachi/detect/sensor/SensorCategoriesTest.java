package jp.sukedachi.detect.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import org.junit.jupiter.api.Test;

/** What the owner is told about a verdict their device let through, from real signature names. */
class SensorCategoriesTest {

    private static Path datasets(String relative) {
        Path repo = Path.of(System.getProperty("sukedachi.repo.root", ".."));
        return repo.resolve("../shared/datasets").normalize().resolve(relative);
    }

    @Test
    void everySuricataSignatureInTheVerifySuiteGetsItsCategory() throws IOException {
        Pattern alert = Pattern.compile("\"signature\":\"([^\"]*)\".*?\"category\":\"([^\"]*)\"");
        Map<String, Category> seen = new TreeMap<>();
        try (Stream<Path> files = Files.list(datasets("suricata-verify-eve"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    Matcher m = alert.matcher(line);
                    if (m.find()) {
                        seen.put(m.group(1), passedWith("ids", m.group(1), m.group(2)));
                    }
                }
            }
        }
        assertThat(seen).isEqualTo(Map.of(
                // A server answering "uid=0(root)" to an attacker's command: an analyst looks first.
                "GPL ATTACK_RESPONSE id check returned root", Category.OTHER,
                "DNP3 Data match", Category.OTHER,
                "DNP3 Function code test bi-directional", Category.OTHER,
                "DNP3 Function code test to-server", Category.OTHER,
                "TLS FINGERPRINT TEST", Category.OTHER));
    }

    @Test
    void everyFortiGateIpsAndAntivirusNameInTheWazuhSamplesGetsItsCategory() throws IOException {
        Pattern verdict = Pattern.compile("subtype=\"?(ips|anomaly|virus)\"?.*?\\b(attack|virus)=\"([^\"]+)\"");
        Map<String, Category> seen = new TreeMap<>();
        for (String line : Files.readAllLines(datasets("wazuh-ruleset-tests/fortigate.ini"), StandardCharsets.UTF_8)) {
            Matcher m = verdict.matcher(line);
            if (m.find()) {
                String source = m.group(1).equals("virus") ? "fortigate-av" : "fortigate-ips";
                seen.put(m.group(3), SensorCategories.passed(source, m.group(3)));
            }
        }
        assertThat(seen).isEqualTo(Map.of(
                "tcp_syn_flood", Category.OTHER,
                "icmp_flood", Category.OTHER,
                "IP.Bad.Header", Category.OTHER,
                "Adobe.Flash.newfunction.Handling.Code.Execution", Category.OTHER,
                // A tunnel through HTTP: the usual way out for remote-control malware.
                "HTTP.Unknown.Tunnelling", Category.C2,
                "EICAR_TEST_FILE", Category.MALWARE_DOWNLOAD,
                "Malware_Generic.P0", Category.MALWARE_DOWNLOAD));
    }

    @Test
    void zeekNoticesInTheLabeledCapturesGetTheirCategory() throws IOException {
        Map<String, Category> seen = new TreeMap<>();
        try (Stream<Path> files = Files.walk(datasets("stratosphere-zeek-labeled"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("notice.log")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String[] cols = line.split("\t");
                    if (!line.startsWith("#") && cols.length > 10) {
                        seen.put(cols[10], SensorCategories.passed("zeek-notice", cols[10]));
                    }
                }
            }
        }
        assertThat(seen).isEqualTo(Map.of(
                "Scan::Address_Scan", Category.SCAN,
                "ProtocolDetector::Protocol_Found", Category.OTHER,
                "SSL::Invalid_Server_Cert", Category.OTHER));
    }

    @Test
    void anEmotetCnCSignatureIsC2NotAMalwareDownload() {
        // The demo's manufacturer case: Suricata's ET Open signature 2030868 and FortiGate's IPS name for Emotet.
        assertThat(passedWith("ids", "ET MALWARE Win32/Emotet CnC Activity (POST) M5",
                "A Network Trojan was detected")).isEqualTo(Category.C2);
        assertThat(SensorCategories.passed("fortigate-ips", "Emotet.Botnet")).isEqualTo(Category.C2);
    }

    @Test
    void emergingThreatsClassesDecide() {
        assertThat(SensorCategories.passed("ids", "ET CNC Feodo Tracker Reported CnC Server group 1"))
                .isEqualTo(Category.C2);
        assertThat(SensorCategories.passed("ids", "ET MALWARE Observed Malicious SSL Cert (AsyncRAT)"))
                .isEqualTo(Category.C2);
        assertThat(SensorCategories.passed("ids", "ET MALWARE Possible Malicious Macro DL EXE Feb 2016"))
                .isEqualTo(Category.MALWARE_DOWNLOAD);
        assertThat(SensorCategories.passed("ids", "ET EXPLOIT_KIT RIG EK URI Struct"))
                .isEqualTo(Category.MALWARE_DOWNLOAD);
        assertThat(SensorCategories.passed("ids", "ET WEB_CLIENT Possible HTA Application Download"))
                .isEqualTo(Category.MALWARE_DOWNLOAD);
        assertThat(SensorCategories.passed("ids", "ET PHISHING Successful Generic Phish 2016-08-12"))
                .isEqualTo(Category.PHISHING);
        assertThat(SensorCategories.passed("ids", "ET SCAN NMAP -sS window 1024")).isEqualTo(Category.SCAN);
        assertThat(SensorCategories.passed("ids", "GPL SCAN nmap XMAS")).isEqualTo(Category.SCAN);
        assertThat(SensorCategories.passed("ids",
                "ET SCAN LibSSH Based Frequent SSH Connections Likely BruteForce Attack"))
                .isEqualTo(Category.PASSWORD_GUESSING);
        assertThat(SensorCategories.passed("ids", "ET POLICY curl User-Agent Outbound")).isEqualTo(Category.OTHER);
        assertThat(SensorCategories.passed("ids", "ET INFO Observed DNS Query to .top TLD")).isEqualTo(Category.OTHER);
        assertThat(SensorCategories.passed("ids", "ET MALWARE LockBit 3.0 Ransomware Activity"))
                .isEqualTo(Category.RANSOMWARE);
    }

    @Test
    void vendorNamesDecide() {
        // FortiGate: a botnet trying default passwords on the office is guessing, not this office's C2.
        assertThat(SensorCategories.passed("fortigate-ips", "Mirai.Botnet.Login.Attempt"))
                .isEqualTo(Category.PASSWORD_GUESSING);
        assertThat(SensorCategories.passed("fortigate-ips", "MS.RDP.Brute.Force")).isEqualTo(Category.PASSWORD_GUESSING);
        assertThat(SensorCategories.passed("fortigate-ips", "tcp_port_scan")).isEqualTo(Category.SCAN);
        assertThat(SensorCategories.passed("fortigate-ips", "Apache.Log4j.Error.Log.Remote.Code.Execution"))
                .isEqualTo(Category.OTHER);
        assertThat(SensorCategories.passed("fortigate-av", "W32/Filecoder.DEMO!tr.ransom")).isEqualTo(Category.RANSOMWARE);
        assertThat(SensorCategories.passed("fortigate-av", "W32/Agent.ABCD!tr")).isEqualTo(Category.MALWARE_DOWNLOAD);
        // PAN-OS spyware and vulnerability names; Zeek's password guessing notice.
        assertThat(SensorCategories.passed("panw-threat", "Emotet Command and Control Traffic Detection"))
                .isEqualTo(Category.C2);
        assertThat(SensorCategories.passed("panw-threat", "SSH User Authentication Brute Force Attempt"))
                .isEqualTo(Category.PASSWORD_GUESSING);
        assertThat(SensorCategories.passed("zeek-notice", "SSH::Password_Guessing")).isEqualTo(Category.PASSWORD_GUESSING);
        assertThat(SensorCategories.passed("zeek-notice", "Scan::Port_Scan")).isEqualTo(Category.SCAN);
        // A registry hive is no Hive ransomware.
        assertThat(SensorCategories.passed("wazuh", "Windows registry hive dumped")).isEqualTo(Category.OTHER);
    }

    @Test
    void theRuleCategoryDecidesWhenTheNameSaysNothing() {
        assertThat(passedWith("ids", "Local rule 1000001", "Detection of a Network Scan"))
                .isEqualTo(Category.SCAN);
        assertThat(passedWith("ids", "Local rule 1000002", "Malware Command and Control Activity Detected"))
                .isEqualTo(Category.C2);
        assertThat(passedWith("ids", "Local rule 1000003", "A Network Trojan was detected"))
                .isEqualTo(Category.MALWARE_DOWNLOAD);
        assertThat(passedWith("ids", "Local rule 1000004", "Potentially Bad Traffic"))
                .isEqualTo(Category.OTHER);
        assertThat(passedWith("panw-threat", "Suspicious Domain", "command-and-control"))
                .isEqualTo(Category.C2);
        assertThat(passedWith("wazuh", "Multiple authentication failures.",
                "syslog,attacks,authentication_failures")).isEqualTo(Category.PASSWORD_GUESSING);
    }

    @Test
    void aScanFromAnOfficePcIsNoProbeFromTheInternet() {
        SecurityEvent outside = base("Scan::Port_Scan", null).set(Ecs.SOURCE_IP, "198.51.100.7")
                .set(Ecs.DESTINATION_IP, "192.168.1.10").build();
        SecurityEvent inside = base("Scan::Port_Scan", null).set(Ecs.SOURCE_IP, "192.168.1.113")
                .set(Ecs.DESTINATION_IP, "192.168.1.10").build();
        assertThat(SensorCategories.passed("zeek-notice", outside)).isEqualTo(Category.SCAN);
        assertThat(SensorCategories.passed("zeek-notice", inside)).isEqualTo(Category.OTHER);
    }

    @Test
    void aFortiGateApplicationInTheBotnetCategoryIsC2() {
        SecurityEvent app = base("Andromeda.Botnet", null).original("appcat", "Botnet").build();
        SecurityEvent remote = base("TeamViewer", null).original("appcat", "Remote.Access").build();
        assertThat(SensorCategories.passed("fortigate-app", app)).isEqualTo(Category.C2);
        assertThat(SensorCategories.passed("fortigate-app", remote)).isEqualTo(Category.OTHER);
    }

    private static SecurityEvent.Builder base(String name, String ruleCategory) {
        SecurityEvent.Builder b = SecurityEvent.builder("test").timestamp(1_000).received(1_000).raw("x")
                .set(Ecs.EVENT_KIND, "alert").set(Ecs.RULE_NAME, name);
        return ruleCategory == null ? b : b.set(Ecs.RULE_CATEGORY, ruleCategory);
    }

    /** Through the overload that reads the whole event, for sensors that send a rule category. */
    private static Category passedWith(String source, String name, String ruleCategory) {
        return SensorCategories.passed(source, base(name, ruleCategory).build());
    }
}
