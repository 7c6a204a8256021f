package jp.sukedachi.pipeline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.journal.JournalConfig;
import jp.sukedachi.pipeline.PipelineFullException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPipelineTest {
    @TempDir
    Path dir;

    private static SecurityEvent event(int n) {
        return SecurityEvent.builder("test").tenant(TenantId.random()).device(DeviceId.random()).timestamp(1_000L * n)
                .received(2_000L * n).raw("line " + n).set(Ecs.SOURCE_IP, "10.0.0." + n).original("n", Integer.toString(n))
                .build();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void aJournalKeepsItsIdentityAndOnlyAJournalFromBeforeIdentitiesInheritsTheUnnamedPosition() throws Exception {
        String id;
        try (EmbeddedPipeline fresh = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            id = fresh.streamId();
            assertThat(fresh.inheritsUnnamedPosition()).as("a new journal has no old position").isFalse();
            fresh.submit(List.of(event(1)));
        }
        try (EmbeddedPipeline reopened = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            assertThat(reopened.streamId()).isEqualTo(id);
            assertThat(reopened.inheritsUnnamedPosition()).isFalse();
        }
        try (EmbeddedPipeline other = new EmbeddedPipeline(dir.resolve("other"), JournalConfig.defaults())) {
            assertThat(other.streamId()).as("another instance's journal").isNotEqualTo(id);
        }
        // A journal written by a version without identities: records, no identity file.
        java.nio.file.Files.delete(dir.resolve(EmbeddedPipeline.ID_FILE));
        String upgraded;
        try (EmbeddedPipeline old = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            upgraded = old.streamId();
            assertThat(old.inheritsUnnamedPosition()).isTrue();
        }
        try (EmbeddedPipeline again = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            assertThat(again.streamId()).isEqualTo(upgraded);
            assertThat(again.inheritsUnnamedPosition()).as("only on the first start after the upgrade").isFalse();
        }
    }

    @Test
    void aDamagedIdentityFileStopsTheStartInsteadOfInventingANewIdentity() throws Exception {
        try (EmbeddedPipeline fresh = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            fresh.submit(List.of(event(1)));
        }
        java.nio.file.Files.writeString(dir.resolve(EmbeddedPipeline.ID_FILE), "not an id");
        assertThatThrownBy(() -> new EmbeddedPipeline(dir, JournalConfig.defaults()))
                .hasMessageContaining("cannot open the journal");
    }

    @Test
    void deliversSubmittedEventsIntactAndInOrder() throws Exception {
        List<SecurityEvent> seen = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start(seen::addAll);
            List<SecurityEvent> sent = List.of(event(1), event(2), event(3));
            pipeline.submit(sent);
            await(() -> seen.size() == 3);
            assertThat(seen).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void aFailingStageGetsTheSameBatchAgainAndNothingIsSkipped() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start(batch -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("database down");
                }
                batch.forEach(e -> handled.add(e.original("n")));
            });
            pipeline.submit(List.of(event(1), event(2)));
            await(() -> handled.size() >= 2);
            assertThat(handled).containsExactly("1", "2");
            assertThat(calls.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aRestartResumesAfterWhatWasCommitted() throws Exception {
        List<String> first = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start(batch -> batch.forEach(e -> first.add(e.original("n"))));
            pipeline.submit(List.of(event(1), event(2)));
            await(() -> first.size() == 2);
            Thread.sleep(100); // the commit follows the handler
        }
        List<String> second = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start(batch -> batch.forEach(e -> second.add(e.original("n"))));
            pipeline.submit(List.of(event(3)));
            await(() -> second.size() == 1);
            Thread.sleep(200);
            assertThat(second).containsExactly("3");
        }
    }

    @Test
    void aStageThatKeepsItsOwnOffsetResumesFromItNotFromTheJournalsCommit() throws Exception {
        List<Long> offsets = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start((batch, last) -> offsets.add(last), -1);
            pipeline.submit(List.of(event(1), event(2)));
            pipeline.submit(List.of(event(3)));
            await(() -> offsets.contains(2L));
            Thread.sleep(100);
        }
        // The stage's database only kept offset 0 (its later transactions "rolled back"): 1 and 2 come again.
        List<String> again = new CopyOnWriteArrayList<>();
        List<Long> lasts = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start((batch, last) -> {
                batch.forEach(e -> again.add(e.original("n")));
                lasts.add(last);
            }, 0);
            await(() -> again.size() == 2);
            Thread.sleep(100);
            assertThat(again).containsExactly("2", "3");
            assertThat(lasts.getLast()).isEqualTo(2L);
        }
    }

    @Test
    void aFullJournalAsksSendersToComeBackLater() throws Exception {
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults().withMaxUnconsumedBytes(512))) {
            // Not started: nothing consumes, so the journal fills.
            pipeline.journal().reader("pipeline").close();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    pipeline.submit(List.of(event(i)));
                }
            }).isInstanceOf(PipelineFullException.class)
                    .satisfies(e -> assertThat(((PipelineFullException) e).retryAfterSeconds()).isPositive());
        }
    }

    @Test
    void aHeldConsumerTakesNothingWhileAppendsGoOnAndGetsEverythingOnceLetGo() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start(batch -> batch.forEach(e -> seen.add(e.original("n"))));
            pipeline.holdConsumer(true);
            await(pipeline::consumerHolding); // in its held loop, not in a poll that began before the hold
            assertThat(pipeline.consumerHolding()).isTrue();
            pipeline.submit(List.of(event(1), event(2)));
            pipeline.submit(List.of(event(3)));
            Thread.sleep(300);
            assertThat(seen).isEmpty();
            assertThat(pipeline.journal().metrics().unconsumedBytes().get(EmbeddedPipeline.CONSUMER)).isPositive();
            assertThat(pipeline.status().consumerAlive()).isTrue();

            pipeline.holdConsumer(false);
            await(() -> seen.size() == 3);
            assertThat(seen).containsExactly("1", "2", "3");
        }
    }

    /** The receivers leave the consumer a core while it works (IngestService): it says so from taking to handled. */
    @Test
    void theConsumerIsBusyFromTakingABatchUntilItIsHandledAndNotWhileIdle() throws Exception {
        java.util.concurrent.CountDownLatch inHandler = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start(batch -> {
                inHandler.countDown();
                try {
                    finish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                batch.forEach(e -> seen.add(e.original("n")));
            });
            Thread.sleep(50);
            assertThat(pipeline.consumerBusy()).as("idle, waiting for records").isFalse();
            pipeline.submit(List.of(event(1)));
            assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pipeline.consumerBusy()).as("in the handler").isTrue();
            finish.countDown();
            await(() -> seen.size() == 1 && !pipeline.consumerBusy());
            assertThat(pipeline.consumerBusy()).as("handled, idle again").isFalse();
            pipeline.holdConsumer(true);
            await(pipeline::consumerHolding);
            pipeline.submit(List.of(event(2)));
            Thread.sleep(100);
            assertThat(pipeline.consumerBusy()).as("held").isFalse();
            assertThat(seen).containsExactly("1");
        }
    }

    @Test
    void aStageKeepingItsPositionFromAFreshStartHasTheJournalsCopyCatchUpOnceIdleAndResumesAfterIt()
            throws Exception {
        List<Long> lasts = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            // No stored position (a fresh database): the stage stores each batch's last offset from now on.
            pipeline.start((batch, last) -> lasts.add(last), EmbeddedPipeline.FROM_RUNTIME_POSITION);
            for (int i = 0; i < 5; i++) {
                pipeline.submit(List.of(event(2 * i), event(2 * i + 1)));
            }
            await(() -> lasts.contains(9L));
            // Written late (not after every batch), but written: retention and backpressure see the consumer caught up.
            await(() -> pipeline.journal().committedOffset(EmbeddedPipeline.CONSUMER) == 9L);
            assertThat(pipeline.journal().committedOffset(EmbeddedPipeline.CONSUMER)).isEqualTo(9L);
            assertThat(pipeline.journal().metrics().unconsumedBytes().get(EmbeddedPipeline.CONSUMER)).isZero();
        }
        List<String> again = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start((batch, last) -> batch.forEach(e -> again.add(e.original("n"))), 9L);
            pipeline.submit(List.of(event(10)));
            await(() -> again.size() == 1);
            Thread.sleep(200);
            assertThat(again).containsExactly("10");
        }
    }

    @Test
    void aSmallBacklogIsConsumedInSmallBatchesABigOneInFullBatchesAndNothingIsLost() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start((batch, last) -> {
                sizes.add(batch.size());
                batch.forEach(e -> seen.add(e.original("n")));
            }, -1);
            // Keeping up: each event is a batch of its own, handled without waiting for others.
            for (int i = 0; i < 5; i++) {
                pipeline.submit(List.of(event(i)));
                int n = i + 1;
                await(() -> seen.size() == n);
            }
            // A backlog (here: behind a held consumer) is worked off in full batches.
            pipeline.holdConsumer(true);
            await(pipeline::consumerHolding); // in its held loop, not in a poll that began before the hold
            int n = 5;
            for (int r = 0; r < 25; r++) {
                List<SecurityEvent> request = new java.util.ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    request.add(event(n++));
                }
                pipeline.submit(request);
            }
            pipeline.holdConsumer(false);
            await(() -> seen.size() == 2_505);
            assertThat(sizes.subList(0, 5)).containsOnly(1);
            // (a consumer still inside its last poll when held may take the first request on its own)
            List<Integer> backlog = sizes.subList(5, sizes.size());
            assertThat(backlog.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_500);
            assertThat(backlog).allMatch(size -> size <= 1_000);
            assertThat(backlog.stream().filter(size -> size == 1_000).count()).isEqualTo(2);
            assertThat(seen).hasSize(2_505);
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).isEqualTo(Integer.toString(i));
            }
        }
    }
    @Test
    void whileEventsKeepComingTheJournalsCopyOfAStageKeptPositionWaitsAndIsWrittenOnceIdle() throws Exception {
        // The copy's two fsyncs between batches delayed every event that arrived meanwhile.
        List<Long> copySeenByBatch = new CopyOnWriteArrayList<>();
        List<Long> lasts = new CopyOnWriteArrayList<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dir, JournalConfig.defaults())) {
            pipeline.start((batch, last) -> {
                copySeenByBatch.add(pipeline.journal().committedOffset(EmbeddedPipeline.CONSUMER));
                lasts.add(last);
                if (last < 19) {
                    try {
                        pipeline.submit(List.of(event((int) last + 1))); // the next event is waiting at once
                    } catch (PipelineFullException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, -1);
            pipeline.submit(List.of(event(0)));
            await(() -> lasts.contains(19L));
            assertThat(lasts).hasSize(20);
            // Not written between the batches (one timed write allowed, should this machine stall for a second).
            assertThat(copySeenByBatch.stream().distinct().count()).isLessThanOrEqualTo(2);
            await(() -> pipeline.journal().committedOffset(EmbeddedPipeline.CONSUMER) == 19L);
            assertThat(pipeline.journal().committedOffset(EmbeddedPipeline.CONSUMER)).isEqualTo(19L);
        }
    }
}
