package jp.sukedachi.detect.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jp.sukedachi.detect.campaign.CampaignKeys.Key;
import jp.sukedachi.detect.campaign.CampaignKeys.Kind;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.intel.IndicatorType;
import org.junit.jupiter.api.Test;

class CampaignKeysTest {
    private static final String SHA = "5d1e0c4a7f3b2a9c8e6d5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c";
    private static final TenantId A = TenantId.random();

    private static Detection detection(String detector, String ruleId, Category category, SecurityEvent e) {
        return new Detection(A, DeviceId.random(), 1_000L, detector, ruleId, "t", Severity.HIGH, category, e, Map.of());
    }

    private static SecurityEvent.Builder event(String format) {
        return SecurityEvent.builder(format).tenant(A).timestamp(1_000L).received(1_000L);
    }

    @Test
    void anIntelFileHashAndTheSameHashInTheEvidenceAreOneKey() {
        SecurityEvent fileinfo = event("suricata-eve").set(Ecs.FILE_HASH_SHA256, SHA.toUpperCase()).build();
        List<Key> keys = CampaignKeys.of(detection("intel", "SHA256:" + SHA, Category.MALWARE_DOWNLOAD, fileinfo));
        assertThat(keys).containsExactly(new Key(Kind.FILE_HASH, "sha256:" + SHA));
        assertThat(keys.get(0).shareable()).isEqualTo(new CampaignKeys.Shareable(IndicatorType.SHA256, SHA));
    }

    @Test
    void aMailDetectionGivesItsSenderDomainAndNormalisedSubject() {
        SecurityEvent smtp = event("suricata-eve").set(Ecs.EMAIL_FROM_ADDRESS, "\"佐藤\" <Keiri@Partner-Trading.example.co.jp>")
                .set(Ecs.EMAIL_SUBJECT, "RE: Fw: 【重要】報告書_1120 の確認").build();
        List<Key> keys = CampaignKeys.of(detection("sensor", "sid:1", Category.PHISHING, smtp));
        assertThat(keys).containsExactly(new Key(Kind.SENDER_DOMAIN, "partner-trading.example.co.jp"),
                new Key(Kind.SUBJECT, "【重要】報告書_# の確認"));
        SecurityEvent nextDay = event("suricata-eve").set(Ecs.EMAIL_SUBJECT, "【重要】報告書_1121 の確認").build();
        assertThat(CampaignKeys.of(detection("sensor", "sid:1", Category.PHISHING, nextDay)))
                .containsExactly(new Key(Kind.SUBJECT, "【重要】報告書_# の確認"));
    }

    @Test
    void aFreeMailSenderAndAShortSubjectAreNoKeys() {
        SecurityEvent smtp = event("zeek").set(Ecs.EMAIL_FROM_ADDRESS, "someone@gmail.com").set(Ecs.EMAIL_SUBJECT, "Hi 1")
                .build();
        assertThat(CampaignKeys.of(detection("sensor", "sid:1", Category.PHISHING, smtp))).isEmpty();
    }

    @Test
    void aSigmaDetectionIsAKeyOnlyWithItsParentAndChildProcess() {
        SecurityEvent proc = event("windows").set(Ecs.PROCESS_PARENT_EXECUTABLE, "C:\\Program Files\\Microsoft Office\\WINWORD.EXE")
                .set(Ecs.PROCESS_EXECUTABLE, "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe").build();
        assertThat(CampaignKeys.of(detection("sigma", "Rule-1", Category.MALWARE_DOWNLOAD, proc)))
                .containsExactly(new Key(Kind.SIGMA, "rule-1|winword.exe>powershell.exe"));
        assertThat(new Key(Kind.SIGMA, "rule-1|winword.exe>powershell.exe").shareable()).isNull();
        SecurityEvent childOnly = event("windows").set(Ecs.PROCESS_EXECUTABLE, "powershell.exe").build();
        assertThat(CampaignKeys.of(detection("sigma", "Rule-1", Category.MALWARE_DOWNLOAD, childOnly))).isEmpty();
    }

    @Test
    void blockedScansAndTheCampaignDetectorItselfCarryNoKeys() {
        SecurityEvent e = event("suricata-eve").set(Ecs.FILE_HASH_SHA256, SHA).build();
        assertThat(CampaignKeys.of(detection("sensor", "x", Category.BLOCKED, e))).isEmpty();
        assertThat(CampaignKeys.of(detection("scan", "x", Category.SCAN, e))).isEmpty();
        assertThat(CampaignKeys.of(detection("campaign", "campaign:1", Category.MALWARE_DOWNLOAD, e))).isEmpty();
        assertThat(CampaignKeys.of(detection("intel", "x", Category.MALWARE_DOWNLOAD, e))).hasSize(1);
    }

    @Test
    void anIntelAddressIsAnIndicatorKeyThatCanBeShared() {
        List<Key> keys = CampaignKeys.of(detection("intel", "IPV4:203.0.113.66", Category.C2,
                event("fortigate").set(Ecs.DESTINATION_IP, "203.0.113.66").build()));
        assertThat(keys).containsExactly(new Key(Kind.INDICATOR, "IPV4:203.0.113.66"));
        assertThat(keys.get(0).shareable()).isEqualTo(new CampaignKeys.Shareable(IndicatorType.IPV4, "203.0.113.66"));
    }

    @Test
    void keysAreSortedBoundedAndTheSameWhateverTheFieldOrder() {
        SplittableRandom r = new SplittableRandom(19);
        for (int i = 0; i < 200; i++) {
            StringBuilder subject = new StringBuilder();
            int n = 1 + r.nextInt(400);
            for (int k = 0; k < n; k++) {
                subject.append((char) ('a' + r.nextInt(26)));
            }
            String hash = String.format("%016x", r.nextLong() | 1L).repeat(4);
            SecurityEvent one = event("x").set(Ecs.EMAIL_SUBJECT, subject.toString()).set(Ecs.FILE_HASH_SHA256, hash)
                    .set(Ecs.EMAIL_FROM_ADDRESS, "a@d" + i + ".example.jp").build();
            SecurityEvent two = event("x").set(Ecs.EMAIL_FROM_ADDRESS, "a@D" + i + ".example.jp")
                    .set(Ecs.FILE_HASH_SHA256, hash).set(Ecs.EMAIL_SUBJECT, subject.toString()).build();
            List<Key> a = CampaignKeys.of(detection("sensor", "s", Category.PHISHING, one));
            List<Key> b = CampaignKeys.of(detection("sensor", "s", Category.PHISHING, two));
            assertThat(a).isEqualTo(b).isSorted();
            assertThat(a).allSatisfy(k -> assertThat(k.value().length()).isLessThanOrEqualTo(CampaignKeys.MAX_VALUE));
            assertThat(a.stream().map(Key::kind)).contains(Kind.FILE_HASH, Kind.SENDER_DOMAIN);
        }
    }
}
