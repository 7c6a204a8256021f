package jp.sukedachi.intel.match;

import static jp.sukedachi.intel.match.IntelMatcherTest.NOW;
import static jp.sukedachi.intel.match.IntelMatcherTest.event;
import static jp.sukedachi.intel.match.IntelMatcherTest.ind;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.intel.IndicatorType;
import org.junit.jupiter.api.Test;

class IntelStoreTest {
    @Test
    void emptyStoreMatchesNothing() {
        IntelStore store = new IntelStore();
        assertThat(store.matcher().match(event(Ecs.DESTINATION_IP, "1.2.3.4"), NOW)).isEmpty();
    }

    @Test
    void swapTakesEffectForTheNextEvent() {
        IntelStore store = new IntelStore();
        IntelMatcher m = store.matcher();
        SecurityEvent e = event(Ecs.DESTINATION_IP, "1.2.3.4");
        IndicatorSnapshot one = IndicatorSnapshot.of(List.of(ind(IndicatorType.IPV4, "1.2.3.4")));
        assertThat(store.swap(one)).isSameAs(IndicatorSnapshot.empty());
        assertThat(m.match(e, NOW)).extracting(Detection::ruleId).containsExactly("IPV4:1.2.3.4");
        store.swap(IndicatorSnapshot.empty());
        assertThat(m.match(e, NOW)).isEmpty();
    }

    @Test
    void swapUnderConcurrentMatching() throws Exception {
        // Snapshot A lists the IP exactly, snapshot B as a CIDR block: every result must be one of the two.
        IndicatorSnapshot a = IndicatorSnapshot.of(List.of(ind(IndicatorType.IPV4, "9.9.9.9"), ind(IndicatorType.DOMAIN, "a.example")));
        IndicatorSnapshot b = IndicatorSnapshot.of(List.of(ind(IndicatorType.CIDR, "9.9.0.0/16"), ind(IndicatorType.DOMAIN, "b.example")));
        IntelStore store = new IntelStore(a);
        IntelMatcher m = store.matcher();
        SecurityEvent e = event(Ecs.DESTINATION_IP, "9.9.9.9", Ecs.DNS_QUESTION_NAME, "a.example", Ecs.URL_DOMAIN, "b.example");
        Set<List<String>> seen = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] matchers = new Thread[2];
        for (int t = 0; t < matchers.length; t++) {
            matchers[t] = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        seen.add(m.match(e, NOW).stream().map(Detection::ruleId).sorted().toList());
                    }
                } catch (Throwable x) {
                    failure.set(x);
                }
            });
            matchers[t].start();
        }
        for (int i = 0; i < 20_000; i++) {
            store.swap(i % 2 == 0 ? b : a);
        }
        Thread.sleep(50);
        stop.set(true);
        for (Thread t : matchers) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(seen).isSubsetOf(Set.of(List.of("DOMAIN:a.example", "IPV4:9.9.9.9"),
                List.of("CIDR:9.9.0.0/16", "DOMAIN:b.example")));
        assertThat(seen).isNotEmpty();
    }
}
