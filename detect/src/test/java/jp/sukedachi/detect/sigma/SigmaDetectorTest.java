package jp.sukedachi.detect.sigma;

import static jp.sukedachi.detect.sigma.SigmaDetectorContractTest.MANY_FAILED;
import static jp.sukedachi.detect.sigma.SigmaDetectorContractTest.failed;
import static jp.sukedachi.detect.sigma.SigmaDetectorContractTest.whoamiAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;

/** The Sigma detector's rule changes, its state's cost and what it refuses to restore. */
class SigmaDetectorTest {
    private static final TenantId A = new TenantId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final DeviceId DEV = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000da"));
    private static final long T0 = 1_600_000_000_000L;
    private static final List<SigmaRule> RULES = SigmaDetectorContractTest.rules();

    private static SigmaDetector detector(List<SigmaRule> rules) {
        SigmaDetector d = new SigmaDetector();
        d.install(rules);
        return d;
    }

    private static List<Detection> feed(SigmaDetector d, SecurityEvent... events) {
        List<Detection> out = new ArrayList<>();
        for (SecurityEvent e : events) {
            d.detect(e, out::add);
        }
        return out;
    }

    private static long correlations(List<Detection> ds) {
        return ds.stream().filter(x -> x.ruleId().equals(MANY_FAILED)).count();
    }

    private static List<SigmaRule> without(String id) {
        return RULES.stream().filter(r -> !r.id().equals(id)).toList();
    }

    @Test
    void newRulesKeepTheOpenWindowsOfTheCorrelationsStillLoaded() {
        SigmaDetector d = detector(RULES);
        feed(d, failed(A, DEV, T0, "bob"), failed(A, DEV, T0 + 1_000, "bob"));
        d.install(without(SigmaDetectorContractTest.FEW_WHOAMI)); // another rule goes, the count stays
        assertThat(correlations(feed(d, failed(A, DEV, T0 + 2_000, "bob")))).isOne();
    }

    @Test
    void aCorrelationSwitchedOffAndOnAgainStartsAfresh() {
        SigmaDetector d = detector(RULES);
        feed(d, failed(A, DEV, T0, "bob"), failed(A, DEV, T0 + 1_000, "bob"));
        d.install(without(MANY_FAILED));
        feed(d, failed(A, DEV, T0 + 1_500, "bob"));
        d.install(RULES);
        assertThat(correlations(feed(d, failed(A, DEV, T0 + 2_000, "bob")))).isZero();
        assertThat(correlations(feed(d, failed(A, DEV, T0 + 3_000, "bob"), failed(A, DEV, T0 + 4_000, "bob")))).isOne();
    }

    @Test
    void aSnapshotIsTheSameArrayUntilACorrelationWindowChanges() {
        SigmaDetector d = detector(RULES);
        byte[] empty = d.snapshot();
        feed(d, whoamiOther(T0)); // whoami /all is counted by a correlation: a window opens
        byte[] afterWhoami = d.snapshot();
        assertThat(afterWhoami).isNotSameAs(empty);
        SecurityEvent unrelated = SecurityEvent.builder("windows").tenant(A).device(DEV).timestamp(T0).received(T0)
                .original("EventID", "4624").original("Channel", "Security").build();
        for (int i = 0; i < 1_000; i++) {
            feed(d, unrelated);
        }
        d.advance(T0 + 1_000, x -> {
        });
        assertThat(d.snapshot()).isSameAs(afterWhoami);
        feed(d, failed(A, DEV, T0 + 2_000, "bob"));
        byte[] afterFailed = d.snapshot();
        assertThat(afterFailed).isNotSameAs(afterWhoami).isNotEqualTo(afterWhoami);
        assertThat(d.snapshot()).isSameAs(afterFailed);
    }

    private static SecurityEvent whoamiOther(long at) {
        return whoamiAll(A, DEV, at, "carol");
    }

    @Test
    void anUnknownVersionOrDamagedStateIsRefusedAndTheDetectorKeepsWorking() {
        SigmaDetector source = detector(RULES);
        feed(source, failed(A, DEV, T0, "bob"), failed(A, DEV, T0 + 1_000, "bob"));
        byte[] state = source.snapshot();

        byte[] future = state.clone();
        ByteBuffer.wrap(future).putInt(4, SigmaDetector.FORMAT_VERSION + 1);
        SigmaDetector d = detector(RULES);
        assertThatThrownBy(() -> d.restore(future)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format version " + (SigmaDetector.FORMAT_VERSION + 1));
        assertThatThrownBy(() -> d.restore(Arrays.copyOf(state, state.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
        assertThatThrownBy(() -> d.restore("not a state".getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
        // Started empty: two more failed logons are not yet three.
        assertThat(correlations(feed(d, failed(A, DEV, T0 + 2_000, "bob"), failed(A, DEV, T0 + 3_000, "bob")))).isZero();
        assertThat(correlations(feed(d, failed(A, DEV, T0 + 4_000, "bob")))).isOne();
    }

    @Test
    void theWindowsOfARuleNoLongerLoadedAreDroppedOnRestore() {
        SigmaDetector source = detector(RULES);
        feed(source, failed(A, DEV, T0, "bob"), failed(A, DEV, T0 + 1_000, "bob"));
        SigmaDetector d = detector(without(MANY_FAILED));
        d.restore(source.snapshot());
        assertThat(d.groups()).isZero();
        d.install(RULES);
        assertThat(correlations(feed(d, failed(A, DEV, T0 + 2_000, "bob")))).isZero();
    }

    @Test
    void aStateRestoredBeforeTheRulesHaveLoadedWaitsForThem() {
        SigmaDetector source = detector(RULES);
        feed(source, failed(A, DEV, T0, "bob"), failed(A, DEV, T0 + 1_000, "bob"));
        byte[] state = source.snapshot();

        SigmaDetector d = new SigmaDetector(); // the rules load in the background, seconds after the start
        d.restore(state);
        d.advance(T0 + 1_500, x -> {
        });
        assertThat(d.snapshot()).as("kept as it is until then").isSameAs(state);
        d.install(RULES);
        assertThat(correlations(feed(d, failed(A, DEV, T0 + 2_000, "bob")))).isOne();
    }

    @Test
    void groupsStayWithinTheBudgetSharedByTheCompanies() {
        SigmaDetector d = new SigmaDetector(40);
        d.install(RULES);
        for (int company = 0; company < 2; company++) {
            TenantId t = new TenantId(new UUID(0, company + 1));
            for (int user = 0; user < 100; user++) {
                feed(d, failed(t, DEV, T0 + user, "user" + user));
            }
        }
        assertThat(d.groups()).isLessThanOrEqualTo(40);
        SigmaDetector restored = new SigmaDetector(10);
        restored.install(RULES);
        restored.restore(d.snapshot());
        assertThat(restored.groups()).as("a smaller budget trims what it restores").isLessThanOrEqualTo(20);
    }
}
