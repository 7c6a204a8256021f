package jp.sukedachi.app.triage.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The kind of an alert as an SME is told it, from detector, rule id and title. */
class AlertKindTest {

    @Test
    void intelTitlesCarryTheThreatType() {
        assertThat(AlertKind.of("intel", "ipv4:203.0.113.66", "Connection to known botnet C2 203.0.113.66 (feodo: Emotet)"))
                .isEqualTo(AlertKind.C2);
        assertThat(AlertKind.of("intel", "url:http://x.example/a.exe", "Contact with known malware delivery site http://x.example/a.exe (urlhaus)"))
                .isEqualTo(AlertKind.MALWARE_DOWNLOAD);
        assertThat(AlertKind.of("intel", "sha256:ab", "Known malicious file ab (bazaar)")).isEqualTo(AlertKind.MALWARE_DOWNLOAD);
        assertThat(AlertKind.of("intel", "domain:login-bank.example", "Access to known phishing site login-bank.example (openphish)"))
                .isEqualTo(AlertKind.PHISHING);
        assertThat(AlertKind.of("intel", "ipv4:198.51.100.9", "Connection to known botnet C2 198.51.100.9 (threatfox: LockBit)"))
                .isEqualTo(AlertKind.RANSOMWARE);
        assertThat(AlertKind.of("intel", "ipv4:198.51.100.9", "Match on threat indicator 198.51.100.9 (x)"))
                .isEqualTo(AlertKind.GENERIC);
    }

    @Test
    void otherDetectorsByRuleAndTitle() {
        assertThat(AlertKind.of("sigma", "win-4625-burst", "Password guessing against administrator")).isEqualTo(AlertKind.LOGIN);
        assertThat(AlertKind.of("sigma", "mail-spoof", "Spoofed sender (DMARC fail)")).isEqualTo(AlertKind.PHISHING);
        assertThat(AlertKind.of("asset", "unknown_device", "Unknown device on the LAN")).isEqualTo(AlertKind.UNKNOWN_DEVICE);
        assertThat(AlertKind.of("asset", "eol-os", "Outdated OS: Windows XP")).isEqualTo(AlertKind.OUTDATED_OS);
        assertThat(AlertKind.of("sigma", "port-scan-inbound", "Port scan from the Internet")).isEqualTo(AlertKind.SCAN);
        assertThat(AlertKind.of("health", "device-silent", "Device silent for 2 hours")).isEqualTo(AlertKind.SILENT);
        assertThat(AlertKind.of("behaviour", "mass-encrypt", "Ransomware-like mass file renames")).isEqualTo(AlertKind.RANSOMWARE);
        assertThat(AlertKind.of("sigma", "x", "Something odd")).isEqualTo(AlertKind.GENERIC);
    }

    @Test
    void whatTheCustomersOwnDeviceBlockedIsBlockedEvenForRansomware() {
        assertThat(AlertKind.of("sensor", "fortigate-av:8150001", "UTM antivirus blocked malware: W32/Filecoder.DEMO!tr.ransom"))
                .isEqualTo(AlertKind.BLOCKED);
        assertThat(AlertKind.of("sensor", "fortigate-ips:47541", "UTM detected an intrusion (not blocked): Emotet.Botnet"))
                .isNotEqualTo(AlertKind.BLOCKED);
        assertThat(AlertKind.of("intel", "ipv4:203.0.113.5", "Connection blocked to known botnet C2 203.0.113.5"))
                .isEqualTo(AlertKind.C2);
    }
}
