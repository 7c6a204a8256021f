package jp.sukedachi.pipeline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.journal.JournalConfig;
import jp.sukedachi.pipeline.PipelineStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 9: the consumer thread died of OutOfMemoryError and nobody noticed. A stage that throws an
 * Error is retried (the thread lives on), a consumer that ended is reported and can be restarted where it left.
 */
class ConsumerResilienceTest {
    @TempDir
    Path dir;

    private static SecurityEvent event(int n) {
        return SecurityEvent.builder("test").tenant(TenantId.random()).device(DeviceId.random()).timestamp(n)
                .received(n).raw("line " + n).original("n", Integer.toString(n)).build();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void aStageThatThrowsOutOfMemoryErrorDoesNotKillTheConsumerAndTheBatchComesAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start(batch -> {
                if (calls.incrementAndGet() <= 2) {
                    throw new OutOfMemoryError("Java heap space (simulated)");
                }
                batch.forEach(e -> handled.add(e.original("n")));
            });
            pipeline.submit(List.of(event(1), event(2)));
            await(() -> calls.get() >= 2);
            assertThat(pipeline.status().lastFailure()).contains("OutOfMemoryError");
            await(() -> handled.size() >= 2);
            assertThat(handled).containsExactly("1", "2");
            PipelineStatus s = pipeline.status();
            assertThat(s.consumerAlive()).isTrue();
            assertThat(s.consecutiveFailures()).isZero();
            assertThat(s.backlogRecords()).isZero();
        }
    }

    @Test
    void aConsumerThatWasKilledIsReportedDeadAndARestartResumesWithoutLoss() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start(batch -> batch.forEach(e -> handled.add(e.original("n"))));
            pipeline.submit(List.of(event(1)));
            await(() -> handled.size() == 1 && pipeline.status().backlogRecords() == 0); // handled and committed

            Thread consumer = pipeline.consumerThread();
            consumer.interrupt();
            consumer.join(5_000);
            assertThat(pipeline.status().consumerAlive()).isFalse();

            pipeline.submit(List.of(event(2), event(3)));
            Thread.sleep(300);
            assertThat(pipeline.status().backlogRecords()).isEqualTo(2);

            assertThat(pipeline.restartConsumer()).isTrue();
            await(() -> handled.size() == 3);
            assertThat(handled).containsExactly("1", "2", "3");
            assertThat(pipeline.status().consumerAlive()).isTrue();
            assertThat(pipeline.restartConsumer()).as("nothing to restart while it runs").isFalse();
        }
    }
}
