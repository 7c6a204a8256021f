package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntFunction;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;

/** The brute-force threshold, the success after failures and every log source, on seeded random logons. */
class BruteForceDetectorPropertyTest {
    private static final TenantId COMPANY = new TenantId(UUID.fromString("00000000-0000-0000-0000-0000000000c2"));
    private static final DeviceId DEVICE = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000d2"));
    /** 2026-05-29T01:00:00Z. */
    private static final long T0 = 1_780_016_400_000L;
    private static final long SECOND = 1000;

    /** One way of logging a failed and a successful logon of one account from one source at a time. */
    private record Source(String name, String format, IntFunction<String> failedAt, IntFunction<String> okAt,
            String entity) {
    }

    private static List<Source> sources(String src) {
        return List.of(
                new Source("windows 4625/4624", "windows",
                        s -> ScanAuthLines.windowsLogon(T0 + s * SECOND, 4625, "FS01", "sato", src),
                        s -> ScanAuthLines.windowsLogon(T0 + s * SECOND, 4624, "FS01", "sato", src), "sato@FS01"),
                new Source("sshd", "syslog",
                        s -> ScanAuthLines.sshdFailed(T0 + s * SECOND, "nas01", "admin", src, 40_000 + s),
                        s -> ScanAuthLines.sshdAccepted(T0 + s * SECOND, "nas01", "admin", src, 40_000 + s),
                        "admin@nas01"),
                new Source("fortigate admin", "fortigate",
                        s -> ScanAuthLines.fortiAdminLoginFailed(T0 + s * SECOND, "admin", src),
                        s -> ScanAuthLines.fortiAdminLoginOk(T0 + s * SECOND, "admin", src), "admin@FGT60F-HQ"));
    }

    private static List<Detection> run(List<SecurityEvent> events) {
        BruteForceDetector d = new BruteForceDetector();
        List<Detection> out = new ArrayList<>();
        for (SecurityEvent e : events) {
            d.detect(e, out::add);
        }
        return out;
    }

    private static SecurityEvent parse(Source s, String line) {
        return ScanAuthLines.parse(s.format(), line, COMPANY, DEVICE);
    }

    /** {@code n} failures at sorted random seconds within {@code spanSeconds}. */
    private static List<Integer> times(SplittableRandom r, int n, int spanSeconds) {
        return r.ints(n, 0, spanSeconds).sorted().boxed().toList();
    }

    @Test
    void nineFailuresAreNothingTenAreOneAndASuccessAfterThemIsHigh() {
        SplittableRandom r = new SplittableRandom(31);
        for (int round = 0; round < 30; round++) {
            boolean lan = r.nextBoolean();
            String src = lan ? "192.168.3." + (20 + r.nextInt(200)) : "203.0.113." + (1 + r.nextInt(250));
            for (Source s : sources(src)) {
                List<Integer> at = times(r, 9, 590);
                List<SecurityEvent> nine = new ArrayList<>(at.stream().map(t -> parse(s, s.failedAt().apply(t))).toList());
                assertThat(run(nine)).as("%s: 9 failures, round %d", s.name(), round).isEmpty();

                int n = 10 + r.nextInt(20);
                List<SecurityEvent> events = new ArrayList<>(
                        times(r, n, 590).stream().map(t -> parse(s, s.failedAt().apply(t))).toList());
                List<Detection> found = run(events);
                assertThat(found).as("%s: %d failures, round %d", s.name(), n, round).hasSize(1);
                assertThat(found.getFirst().severity()).isEqualTo(lan ? Severity.MEDIUM : Severity.LOW);
                assertThat(found.getFirst().context()).containsEntry("origin", lan ? "lan" : "internet")
                        .containsEntry("remote", src).containsEntry("entity", s.entity())
                        .containsEntry("succeeded", "false");

                events.add(parse(s, s.okAt().apply(595)));
                found = run(events);
                assertThat(found).as("%s: then a success, round %d", s.name(), round).hasSize(2);
                assertThat(found.getLast().severity()).isEqualTo(Severity.HIGH);
                assertThat(found.getLast().ruleId()).isEqualTo(BruteForceDetector.GUESSED);
                assertThat(found.getLast().context()).containsEntry("succeeded", "true")
                        .containsEntry("entity", s.entity());
            }
        }
    }

    @Test
    void aSuccessBeforeTheFailuresIsNotASuccessfulGuess() {
        SplittableRandom r = new SplittableRandom(32);
        for (int round = 0; round < 30; round++) {
            for (Source s : sources("203.0.113." + (1 + r.nextInt(250)))) {
                List<SecurityEvent> events = new ArrayList<>();
                events.add(parse(s, s.okAt().apply(0)));
                times(r, 10 + r.nextInt(10), 590).forEach(t -> events.add(parse(s, s.failedAt().apply(1 + t))));
                List<Detection> found = run(events);
                assertThat(found).as("%s, round %d", s.name(), round).hasSize(1);
                assertThat(found.getFirst().context()).containsEntry("succeeded", "false");
                assertThat(found.getFirst().severity()).isNotEqualTo(Severity.HIGH);
            }
        }
    }

    @Test
    void failuresSpreadBeyondTheWindowAreNothing() {
        SplittableRandom r = new SplittableRandom(33);
        for (int round = 0; round < 20; round++) {
            for (Source s : sources("192.168.3.44")) {
                // One failure a minute and a bit: never ten within ten minutes.
                int gap = 67 + r.nextInt(120);
                List<SecurityEvent> events = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    events.add(parse(s, s.failedAt().apply(i * gap)));
                }
                events.add(parse(s, s.okAt().apply(40 * gap)));
                assertThat(run(events)).as("%s, round %d", s.name(), round).isEmpty();
            }
        }
    }

    @Test
    void sshdsInvalidUserLineIsNotASecondFailureOfTheSameAttempt() {
        List<SecurityEvent> events = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            events.add(ScanAuthLines.parse("syslog",
                    ScanAuthLines.sshdInvalidUser(T0 + i * SECOND, "nas01", "oracle", "203.0.113.9", 50_000 + i), COMPANY,
                    DEVICE));
            events.add(ScanAuthLines.parse("syslog",
                    ScanAuthLines.sshdFailed(T0 + i * SECOND, "nas01", "oracle", "203.0.113.9", 50_000 + i), COMPANY,
                    DEVICE));
        }
        assertThat(run(events)).isEmpty();
    }

    @Test
    void ntlmValidationFailuresAtTheDomainControllerAndSslVpnFailuresCount() {
        List<SecurityEvent> ntlm = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ntlm.add(ScanAuthLines.parse("windows",
                    ScanAuthLines.windowsNtlm(T0 + i * 20 * SECOND, "DC01", "takahashi", "PC07", "0xc000006a"), COMPANY,
                    DEVICE));
        }
        ntlm.add(ScanAuthLines.parse("windows",
                ScanAuthLines.windowsNtlm(T0 + 230 * SECOND, "DC01", "takahashi", "PC07", "0x0"), COMPANY, DEVICE));
        List<Detection> found = run(ntlm);
        assertThat(found).extracting(Detection::severity).containsExactly(Severity.MEDIUM, Severity.HIGH);
        assertThat(found.getLast().context()).containsEntry("entity", "takahashi@DC01").containsEntry("remote", "pc07")
                .containsEntry("succeeded", "true");

        List<SecurityEvent> vpn = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            vpn.add(ScanAuthLines.parse("fortigate",
                    ScanAuthLines.fortiVpnLoginFailed(T0 + i * 3 * SECOND, "user" + i, "203.0.113.77"), COMPANY, DEVICE));
        }
        found = run(vpn);
        assertThat(found).as("ten guessed names from one address: guessing by source").hasSize(1);
        assertThat(found.getFirst().context()).containsEntry("origin", "internet").containsEntry("remote", "203.0.113.77")
                .containsEntry("by", "source");
    }
}
