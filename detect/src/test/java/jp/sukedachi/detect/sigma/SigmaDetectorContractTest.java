package jp.sukedachi.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.DetectorContract;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.testkit.Datasets;
import org.junit.jupiter.api.Test;

/**
 * The Sigma detector under the shared contract, with SigmaHQ's "whoami /all" rule and two correlations written
 * here: three failed logons of one user within five minutes (open across the half-way point: it must fire once,
 * restart or not) and "fewer than two whoami /all of one user within five minutes", decided when the window closes.
 */
class SigmaDetectorContractTest extends DetectorContract {
    static final String WHOAMI_ALL = "c248c896-e412-4279-8c15-1c558067b6fa";
    static final String MANY_FAILED = "22222222-0000-0000-0000-000000000001";
    static final String FEW_WHOAMI = "22222222-0000-0000-0000-000000000002";

    static final String RULES = """
            title: Failed logon
            id: 11111111-0000-0000-0000-000000000001
            name: failed_logon
            logsource: {product: windows, service: security}
            detection:
                sel:
                    EventID: 4625
                condition: sel
            ---
            title: Many failed logons for one user
            id: 22222222-0000-0000-0000-000000000001
            correlation:
                type: event_count
                rules: [failed_logon]
                group-by: [TargetUserName]
                timespan: 5m
                condition: {gte: 3}
            ---
            title: A lone whoami /all
            id: 22222222-0000-0000-0000-000000000002
            correlation:
                type: event_count
                rules: [c248c896-e412-4279-8c15-1c558067b6fa]
                group-by: [User]
                timespan: 5m
                condition: {lt: 2}
            """;

    static List<SigmaRule> rules() {
        try {
            String whoami = Files.readString(Datasets.sigma()
                    .resolve("rules/windows/process_creation/proc_creation_win_whoami_all_execution.yml"));
            SigmaRuleSet set = new SigmaRuleSet.Builder().add(whoami, "whoami.yml", "windows/process_creation")
                    .add(RULES, "correlations.yml", "local").build();
            assertThat(set.rejected()).isEmpty();
            return set.rules();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final List<SigmaRule> RULE_SET = rules();

    @Override
    protected Detector newDetector() {
        SigmaDetector d = new SigmaDetector();
        d.install(RULE_SET);
        return d;
    }

    static SecurityEvent failed(TenantId company, DeviceId device, long at, String user) {
        return SecurityEvent.builder("windows").tenant(company).device(device).timestamp(at).received(at)
                .original("EventID", "4625").original("Channel", "Security").original("TargetUserName", user)
                .original("IpAddress", "10.0.0.9").build();
    }

    static SecurityEvent whoamiAll(TenantId company, DeviceId device, long at, String user) {
        return SecurityEvent.builder("windows").tenant(company).device(device).timestamp(at).received(at)
                .original("EventID", "1").original("Channel", SigmaTestRules.SYSMON)
                .original("Image", "C:\\Windows\\System32\\whoami.exe").original("CommandLine", "whoami /all")
                .original("User", user).build();
    }

    @Override
    protected List<Step> scenario(TenantId company, DeviceId device) {
        return List.of(
                feed(whoamiAll(company, device, T0, "bob")),
                feed(failed(company, device, T0 + 10_000, "bob")),
                feed(failed(company, device, T0 + 20_000, "bob")),
                advance(T0 + 20_000),
                // half-way: the failed-logon window holds two of three
                feed(failed(company, device, T0 + 30_000, "bob")),
                advance(T0 + 30_000),
                feed(failed(company, device, T0 + 40_000, "bob")),
                advance(T0 + 600_000));
    }

    @Override
    protected int halfWay(List<Step> steps) {
        return 4;
    }

    private static long fired(List<Detection> ds, String rule) {
        return ds.stream().filter(d -> d.ruleId().equals(rule)).count();
    }

    @Test
    void theCountOpenAcrossTheRestartFiresExactlyOnceAndTheLoneWhoamiAtTheWindowsEnd() {
        List<Step> steps = scenario(COMPANY_A, DEVICE_A);
        Detector before = newDetector();
        List<Detection> all = new ArrayList<>(run(before, steps.subList(0, 4)));
        assertThat(fired(all, MANY_FAILED)).isZero();
        Detector after = newDetector();
        after.restore(before.snapshot());
        all.addAll(run(after, steps.subList(4, steps.size())));
        assertThat(fired(all, MANY_FAILED)).isOne();
        assertThat(all.stream().filter(d -> d.ruleId().equals(MANY_FAILED)).findFirst().orElseThrow().context())
                .containsEntry("sigma.correlation.count", "3")
                .containsEntry("sigma.correlation.group.TargetUserName", "bob");
        assertThat(fired(all, FEW_WHOAMI)).isOne();
        assertThat(fired(all, WHOAMI_ALL)).isOne();
    }

    @Test
    void withoutTheSnapshotTheCountWouldStartAfresh() {
        List<Step> steps = scenario(COMPANY_A, DEVICE_A);
        List<Detection> secondHalfOnly = run(newDetector(), steps.subList(4, steps.size()));
        assertThat(fired(secondHalfOnly, MANY_FAILED)).isZero();
    }
}
