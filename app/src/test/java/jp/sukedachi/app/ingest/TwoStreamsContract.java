package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import jp.sukedachi.pipeline.stage.StageSink;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.StreamHandlers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two streams in one process (a Kafka worker holding two partitions) through the application's own stages: each
 * keeps its own position and its own detector state under {@code pipeline:} + its stream id, so a windowed
 * detector counts each stream's events apart (three and three of one company's failed logons are not five), and a
 * stream opened again (a partition that comes back) resumes after its own position with its own window.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@Import(TwoStreamsContract.FailedLogonsDetector.class)
abstract class TwoStreamsContract {
    /** The windowed test detector, registered as every detector is: a prototype bean, one per stream. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FailedLogonsDetector {
        @Bean
        @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
        Detector failedLogons() {
            return new DetectorStateRestartContract.FailedLogons();
        }
    }

    @Autowired
    PipelineStages stages;
    @Autowired
    TestWorld world;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StageStore store;

    @Test
    void twoWorkersCommittingAPartitionsFirstBatchAtOnceHaveExactlyOneTaken() throws Exception {
        UUID tenant = world.tenant(world.admin().actor(), TestWorld.unique("FirstBatch")).id();
        String stream = "kafka:events-" + UUID.randomUUID().toString().substring(0, 8) + ":0";
        String key = PipelineStages.positionKey(stream);
        StageSink a = store.stream(key, null);
        StageSink b = store.stream(key, null);
        long none = StageSink.Stored.NO_POSITION;
        assertThat(a.load().position()).isEqualTo(none);
        assertThat(b.load().position()).isEqualTo(none);

        // b passes the fence (nothing stored, nothing to lock) and stops just before its position write, while a
        // commits the same partition's first batch from start to end.
        CountDownLatch bPastFence = new CountDownLatch(1);
        CountDownLatch aCommitted = new CountDownLatch(1);
        Map<String, byte[]> pausing = new AbstractMap<>() {
            @Override
            public Set<Entry<String, byte[]>> entrySet() {
                return Set.of();
            }

            @Override
            public void forEach(BiConsumer<? super String, ? super byte[]> action) {
                bPastFence.countDown();
                try {
                    aCommitted.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CompletableFuture<Boolean> bTaken = CompletableFuture.supplyAsync(
                () -> b.commit(new StageSink.Batch(List.of(), List.of(), 7, none, pausing)));
        assertThat(bPastFence.await(20, TimeUnit.SECONDS)).isTrue();
        boolean aTaken = a.commit(new StageSink.Batch(DetectorStateRestartContract.failedLogons(tenant, 0, 3),
                List.of(), 5, none, Map.of()));
        aCommitted.countDown();

        assertThat(aTaken).isTrue();
        assertThat(bTaken.get(20, TimeUnit.SECONDS)).as("the second first batch is refused, not laid over the first")
                .isFalse();
        assertThat(position(stream)).isEqualTo(5);
    }

    @Test
    void twoStreamsKeepTwoPositionsAndTwoDetectorStates() throws Exception {
        UUID tenant = world.tenant(world.admin().actor(), TestWorld.unique("Streams")).id();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "kafka:events-" + run + ":0";
        String b = "kafka:events-" + run + ":1";
        StreamHandlers streams = stages.streams();

        assertThat(streams.open(a)).as("nothing stored yet").isEqualTo(EventPipeline.FROM_RUNTIME_POSITION);
        assertThat(streams.open(b)).isEqualTo(EventPipeline.FROM_RUNTIME_POSITION);
        assertThat(streams.handle(a, DetectorStateRestartContract.failedLogons(tenant, 0, 3), 10)).isTrue();
        assertThat(streams.handle(b, DetectorStateRestartContract.failedLogons(tenant, 3, 3), 5)).isTrue();
        assertThat(fired(tenant)).as("3 + 3 in two streams are not 5 in one window").isZero();

        assertThat(position(a)).isEqualTo(10);
        assertThat(position(b)).isEqualTo(5);
        assertThat(state(a)).as("each stream's window is its own").isNotNull().isNotEqualTo(state(b));
        assertThat(state(b)).isNotNull();
        assertThat(streams.position(a)).isEqualTo(10);

        // Both partitions go and come back (a rebalance): each resumes after its own position, with its own window.
        streams.close(a);
        streams.close(b);
        assertThat(streams.open(b)).isEqualTo(5);
        assertThat(streams.open(a)).isEqualTo(10);
        assertThat(streams.handle(a, DetectorStateRestartContract.failedLogons(tenant, 6, 1), 10)).as("a replay of a's position").isFalse();
        assertThat(streams.handle(a, DetectorStateRestartContract.failedLogons(tenant, 6, 2), 12)).isTrue();
        assertThat(fired(tenant)).as("a's 3 + 2 make 5").isEqualTo(1);
        assertThat(streams.handle(b, DetectorStateRestartContract.failedLogons(tenant, 8, 1), 6)).isTrue();
        assertThat(fired(tenant)).as("b's 4 are not 5").isEqualTo(1);
        assertThat(position(a)).isEqualTo(12);
        assertThat(position(b)).isEqualTo(6);
        streams.close(a);
        streams.close(b);
    }

    private long fired(UUID tenant) {
        return jdbc.sql("select count(*) from detection where tenant_id = :t and detector = :d")
                .param("t", tenant).param("d", DetectorStateRestartContract.FailedLogons.ID).query(Long.class)
                .single();
    }

    private long position(String stream) {
        return jdbc.sql("select last_offset from pipeline_offset where consumer = :c")
                .param("c", PipelineStages.positionKey(stream)).query(Long.class).single();
    }

    private byte[] state(String stream) {
        return jdbc.sql("select state from detector_state where stream = :s and detector = :d")
                .param("s", PipelineStages.positionKey(stream))
                .param("d", DetectorStateRestartContract.FailedLogons.ID).query(byte[].class).optional().orElse(null);
    }
}
