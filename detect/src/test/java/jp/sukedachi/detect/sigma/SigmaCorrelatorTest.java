package jp.sukedachi.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.sukedachi.event.SecurityEvent;
import org.junit.jupiter.api.Test;

/** Correlation rules on a test clock: the events' own timestamps and explicit advance(now) calls. */
class SigmaCorrelatorTest {
    private static final long T0 = 1_700_000_000_000L;

    private static final String BASE = """
            title: Failed logon
            id: 11111111-0000-0000-0000-000000000001
            name: failed_logon
            logsource: {product: windows, service: security}
            detection:
                sel:
                    EventID: 4625
                condition: sel
            ---
            title: Process
            id: 11111111-0000-0000-0000-000000000002
            name: proc
            logsource: {product: windows, category: process_creation}
            detection:
                sel:
                    Image|endswith: '\\whoami.exe'
                condition: sel
            """;

    private static SigmaRuleSet set(String correlation) {
        return new SigmaRuleSet.Builder().add(BASE + "---\n" + correlation, "c.yml", "").build();
    }

    private static SecurityEvent failed(long at, String user, String ip) {
        return SecurityEvent.builder("windows").timestamp(at).received(at).original("EventID", "4625")
                .original("Channel", "Security").original("TargetUserName", user).original("IpAddress", ip).build();
    }

    /** Runs events through engine + correlator; returns the correlation firings. */
    private static List<SigmaCorrelator.Fired> run(SigmaRuleSet s, List<SecurityEvent> events) {
        assertThat(s.rejected()).isEmpty();
        SigmaEngine engine = SigmaEngine.compile(s.rules(), LogsourceMappings.standard());
        SigmaCorrelator c = new SigmaCorrelator(s.rules().stream().filter(SigmaRule::isCorrelation).toList(), engine.activeRules());
        SigmaEngine.Matcher m = engine.newMatcher();
        List<SigmaCorrelator.Fired> out = new ArrayList<>();
        for (SecurityEvent e : events) {
            out.addAll(feed(m, c, e));
        }
        return out;
    }

    private static List<SigmaCorrelator.Fired> feed(SigmaEngine.Matcher m, SigmaCorrelator c, SecurityEvent e) {
        List<SigmaCorrelator.Fired> out = new ArrayList<>();
        for (SigmaRule r : m.match(e)) {
            out.addAll(c.onMatch(r, e));
        }
        return out;
    }

    @Test
    void eventCountPerGroupWithinTheTimespan() {
        SigmaRuleSet s = set("""
                title: Many failed logons for one user
                id: 22222222-0000-0000-0000-000000000001
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [TargetUserName]
                    timespan: 5m
                    condition: {gte: 3}
                """);
        // bob: 3 within 5 minutes → fires once; alice: 3 but spread over 12 minutes → never.
        List<SigmaCorrelator.Fired> fired = run(s, List.of(
                failed(T0, "bob", "10.0.0.1"), failed(T0 + 60_000, "alice", "10.0.0.1"), failed(T0 + 61_000, "bob", "10.0.0.2"),
                failed(T0 + 240_000, "bob", "10.0.0.3"), failed(T0 + 420_000, "alice", "10.0.0.1"),
                failed(T0 + 780_000, "alice", "10.0.0.1")));
        assertThat(fired).hasSize(1);
        assertThat(fired.getFirst().group()).isEqualTo(Map.of("TargetUserName", "bob"));
        assertThat(fired.getFirst().count()).isEqualTo(3);
        assertThat(fired.getFirst().timestampMillis()).isEqualTo(T0 + 240_000);
    }

    @Test
    void valueCountCountsDistinctValues() {
        SigmaRuleSet s = set("""
                title: One source tries many users
                id: 22222222-0000-0000-0000-000000000002
                correlation:
                    type: value_count
                    rules: 11111111-0000-0000-0000-000000000001
                    group-by: [IpAddress]
                    timespan: 1h
                    condition: {field: TargetUserName, gte: 3}
                """);
        assertThat(run(s, List.of(failed(T0, "a", "10.9.9.9"), failed(T0 + 1, "a", "10.9.9.9"), failed(T0 + 2, "b", "10.9.9.9"))))
                .isEmpty();
        List<SigmaCorrelator.Fired> fired = run(s, List.of(failed(T0, "a", "10.9.9.9"), failed(T0 + 1, "b", "10.9.9.9"),
                failed(T0 + 2, "c", "10.9.9.9")));
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.group()).containsEntry("IpAddress", "10.9.9.9");
            assertThat(f.count()).isEqualTo(3);
        });
    }

    @Test
    void temporalAndTemporalOrdered() {
        String common = """
                correlation:
                    type: %s
                    rules: [failed_logon, proc]
                    group-by: [Computer]
                    timespan: 10m
                """;
        SecurityEvent logon = failed(T0, "bob", "10.0.0.1").toBuilder().original("Computer", "pc1").build();
        SecurityEvent proc = SigmaTestRules.sysmon(1, "Image", "C:\\Windows\\System32\\whoami.exe", "Computer", "pc1")
                .toBuilder().timestamp(T0 + 120_000).build();
        SecurityEvent procLate = proc.toBuilder().timestamp(T0 + 900_000).build();
        SigmaRuleSet temporal = set("title: both\nid: 22222222-0000-0000-0000-000000000003\n" + common.formatted("temporal"));
        assertThat(run(temporal, List.of(logon, proc))).hasSize(1);
        assertThat(run(temporal, List.of(proc, logon.toBuilder().timestamp(T0 + 180_000).build()))).hasSize(1);
        assertThat(run(temporal, List.of(logon, procLate))).as("outside the timespan").isEmpty();
        SigmaRuleSet ordered = set("title: in order\nid: 22222222-0000-0000-0000-000000000004\n" + common.formatted("temporal_ordered"));
        assertThat(run(ordered, List.of(logon, proc))).hasSize(1);
        assertThat(run(ordered, List.of(proc, logon.toBuilder().timestamp(T0 + 180_000).build()))).as("wrong order").isEmpty();
    }

    @Test
    void fewerThanIsDecidedWhenTheWindowCloses() {
        SigmaRuleSet s = set("""
                title: Too few
                id: 22222222-0000-0000-0000-000000000005
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [TargetUserName]
                    timespan: 10m
                    condition: {lt: 2}
                """);
        SigmaEngine engine = SigmaEngine.compile(s.rules(), LogsourceMappings.standard());
        SigmaCorrelator c = new SigmaCorrelator(s.rules().stream().filter(SigmaRule::isCorrelation).toList(), engine.activeRules());
        SigmaRule base = engine.activeRules().getFirst();
        assertThat(c.onMatch(base, failed(T0, "bob", "x"))).isEmpty();
        assertThat(c.onMatch(base, failed(T0 + 1000, "eve", "x"))).isEmpty();
        assertThat(c.onMatch(base, failed(T0 + 2000, "eve", "x"))).isEmpty();
        assertThat(c.advance(T0 + 300_000)).as("window still open").isEmpty();
        List<SigmaCorrelator.Fired> closed = c.advance(T0 + 700_000);
        assertThat(closed).singleElement().satisfies(f -> assertThat(f.group()).containsEntry("TargetUserName", "bob"));
        assertThat(c.advance(T0 + 800_000)).as("forgotten after closing").isEmpty();
    }

    @Test
    void correlationRefusals() {
        assertThat(SigmaTestRules.reject("title: c\nid: x\ncorrelation: {type: event_count, rules: [a], timespan: 5m}\n")
                .getMessage()).contains("needs a condition");
        assertThat(SigmaTestRules.reject("title: c\nid: x\ncorrelation: {type: bogus, rules: [a], timespan: 5m}\n")
                .getMessage()).contains("unknown correlation type");
        assertThat(SigmaTestRules.reject("title: c\nid: x\ncorrelation: {type: event_count, rules: [a], timespan: 5 minutes, "
                + "condition: {gte: 1}}\n").getMessage()).contains("timespan");
    }

    /** Issue 12, item 9: a flood of distinct users must not grow correlation state beyond the bound it was given. */
    @Test
    void correlationGroupsStayWithinTheBoundAndTheNewestGroupsAreKept() {
        SigmaRuleSet s = set("""
                title: Many failed logons for one user
                id: 22222222-0000-0000-0000-000000000009
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [TargetUserName]
                    timespan: 1h
                    condition: {gte: 3}
                """);
        SigmaEngine engine = SigmaEngine.compile(s.rules(), LogsourceMappings.standard());
        SigmaCorrelator c = new SigmaCorrelator(s.rules().stream().filter(SigmaRule::isCorrelation).toList(), engine.activeRules());
        c.maxGroups(500);
        SigmaEngine.Matcher m = engine.newMatcher();
        List<SigmaCorrelator.Fired> fired = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            fired.addAll(feed(m, c, failed(T0 + i, "user" + i, "10.0.0.1")));
            assertThat(c.groups()).isLessThanOrEqualTo(500);
        }
        assertThat(c.evictedGroups()).isEqualTo(20_000 - 500);
        // the newest user is still tracked: two more failures fire for them
        for (int k = 1; k <= 2; k++) {
            fired.addAll(feed(m, c, failed(T0 + 20_000 + k, "user19999", "10.0.0.1")));
        }
        assertThat(fired).hasSize(1);
        assertThat(fired.getFirst().group()).containsEntry("TargetUserName", "user19999");
    }
}
