package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The receivers' parsing gate: waits only while the consumer works, and then lets through as many as it has permits. */
class ParseGateTest {
    @Test
    void whileTheConsumerWorksASecondParserWaitsForTheFirst() throws Exception {
        ParseGate gate = new ParseGate(() -> true, 1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var first = pool.submit(() -> {
                try (ParseGate.Pass p = gate.enter()) {
                    inside.countDown();
                    leave.await(10, TimeUnit.SECONDS);
                }
                return null;
            });
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            var second = pool.submit(() -> {
                try (ParseGate.Pass p = gate.enter()) {
                    return "parsed";
                }
            });
            assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            leave.countDown();
            first.get(10, TimeUnit.SECONDS);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("parsed");
        }
    }

    @Test
    void whileTheConsumerIsIdleNobodyWaitsAndNoPermitIsTaken() throws Exception {
        AtomicBoolean busy = new AtomicBoolean(false);
        ParseGate gate = new ParseGate(busy::get, 1);
        try (ParseGate.Pass a = gate.enter(); ParseGate.Pass b = gate.enter(); ParseGate.Pass c = gate.enter()) {
            busy.set(true);
            // Leaving the un-gated passes returns nothing: the one permit is still there for a gated parser.
        }
        try (var pool = Executors.newSingleThreadExecutor()) {
            var gated = pool.submit(() -> {
                try (ParseGate.Pass p = gate.enter()) {
                    return "parsed";
                }
            });
            assertThat(gated.get(10, TimeUnit.SECONDS)).isEqualTo("parsed");
        }
        try (ParseGate.Pass p = gate.enter()) {
            assertThat(p).isNotNull(); // the permit came back when the gated pass closed
        }
    }
}
