package jp.sukedachi.detect.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import org.junit.jupiter.api.Test;

class SensorVerdictsTest {
    private final SensorVerdicts detector = new SensorVerdicts();

    private static SecurityEvent.Builder event(String format) {
        return SecurityEvent.builder(format).timestamp(1_000).received(1_000).raw("x");
    }

    @Test
    void aBlockedUtmVirusIsLowAndGroupedAsBlocked() {
        Detection d = detector.detect(event("fortigate").set(Ecs.EVENT_DATASET, "fortigate.utm.virus")
                .set(Ecs.RULE_NAME, "W32/Filecoder.DEMO!tr.ransom").set(Ecs.RULE_ID, "8150001")
                .set(Ecs.EVENT_ACTION, "blocked").set(Ecs.SOURCE_IP, "192.168.3.21").build());
        assertThat(d.detector()).isEqualTo("sensor");
        assertThat(d.ruleId()).isEqualTo("fortigate-av:8150001");
        assertThat(d.severity()).isEqualTo(Severity.LOW);
        assertThat(d.title()).isEqualTo("UTM antivirus blocked malware: W32/Filecoder.DEMO!tr.ransom");
        assertThat(d.context()).containsEntry("entity", "blocked").containsEntry("verdict", "blocked");
    }

    @Test
    void anIpsDetectionThatPassedKeepsTheDevicesSeverityAndNamesTheOfficeHost() {
        Detection d = detector.detect(event("fortigate").set(Ecs.EVENT_DATASET, "fortigate.utm.ips")
                .set(Ecs.RULE_NAME, "Emotet.Botnet").set(Ecs.RULE_ID, "47541").set(Ecs.EVENT_ACTION, "detected")
                .set(Ecs.EVENT_SEVERITY, "critical").set(Ecs.SOURCE_IP, "192.168.9.26")
                .set(Ecs.DESTINATION_IP, "203.0.113.121").build());
        assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(d.context()).containsEntry("entity", "192.168.9.26");
    }

    @Test
    void inboundToAnOfficeHostNamesTheDestination() {
        Detection d = detector.detect(event("suricata-eve").set(Ecs.EVENT_KIND, "alert").set(Ecs.RULE_ID, "2030868")
                .set(Ecs.RULE_NAME, "ET MALWARE x").set(Ecs.EVENT_SEVERITY, "2").set(Ecs.EVENT_ACTION, "allowed")
                .set(Ecs.SOURCE_IP, "198.51.100.200").set(Ecs.DESTINATION_IP, "172.20.1.5").build());
        assertThat(d.ruleId()).isEqualTo("ids:2030868");
        assertThat(d.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(d.context()).containsEntry("entity", "172.20.1.5");
    }

    @Test
    void wazuhLevelsMapToSeverity() {
        Detection d = detector.detect(event("wazuh-alerts").set(Ecs.EVENT_KIND, "alert").set(Ecs.RULE_ID, "92052")
                .set(Ecs.EVENT_SEVERITY, "12").set(Ecs.HOST_NAME, "PC-1").build());
        assertThat(d.severity()).isEqualTo(Severity.HIGH);
        assertThat(d.context()).containsEntry("entity", "PC-1");
    }

    @Test
    void ordinaryTrafficAndAllowedWebCategoriesAreNotVerdicts() {
        assertThat(detector.detect(event("fortigate").set(Ecs.EVENT_DATASET, "fortigate.traffic.forward")
                .set(Ecs.RULE_ID, "0000000013").set(Ecs.EVENT_ACTION, "deny").build())).isNull();
        assertThat(detector.detect(event("fortigate").set(Ecs.EVENT_DATASET, "fortigate.utm.webfilter")
                .set(Ecs.RULE_NAME, "Freeware").set(Ecs.EVENT_ACTION, "passthrough").build())).isNull();
        assertThat(detector.detect(event("fortigate").set(Ecs.EVENT_DATASET, "fortigate.utm.webfilter")
                .set(Ecs.RULE_NAME, "Malicious Websites").set(Ecs.EVENT_ACTION, "blocked").build()).ruleId())
                .isEqualTo("fortigate-web:Malicious Websites");
        assertThat(detector.detect(event("suricata-eve").set(Ecs.EVENT_KIND, "event").build())).isNull();
        assertThat(detector.detect(event("suricata-eve").set(Ecs.EVENT_KIND, "alert").build())).isNull();
    }

    @Test
    void privateRanges() {
        assertThat(SensorVerdicts.isPrivate("172.16.0.1")).isTrue();
        assertThat(SensorVerdicts.isPrivate("172.32.0.1")).isFalse();
        assertThat(SensorVerdicts.isPrivate("10.0.0.1")).isTrue();
        assertThat(SensorVerdicts.isPrivate("198.51.100.1")).isFalse();
    }
}
