package jp.sukedachi.pipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.EventCodec;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.PipelineStorageException;
import jp.sukedachi.pipeline.StreamHandlers;
import jp.sukedachi.pipeline.stage.DetectionStage;
import jp.sukedachi.pipeline.stage.StageSink;
import jp.sukedachi.pipeline.stage.StageSink.Batch;
import jp.sukedachi.pipeline.stage.StageSink.Stored;
import jp.sukedachi.testkit.KafkaTestBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka runtime on a real broker (a child JVM), with the stage composition on an in-memory database of the test's
 * own that fences commits on the previous position as the application's PostgreSQL store does. Each test has its own
 * topic and group; the test that stops the broker runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaPipelineTest {
    @TempDir
    static Path dir;
    static KafkaTestBroker broker;
    private final List<KafkaPipeline> opened = new ArrayList<>();
    private String topic;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaTestBroker.start(dir.resolve("kafka"));
        // A fresh broker creates its transaction log (50 partitions) on the first transaction, which on a busy machine
        // takes longer than an ack timeout: the first receiver's request is refused and retried, as here.
        try (KafkaPipeline first = new KafkaPipeline(new KafkaSettings(broker.bootstrap(), "warm-up", 1, (short) 1,
                "warm-up", Duration.ofSeconds(10), "test"))) {
            submitRetrying(first, List.of(event(TenantId.random(), 0)));
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        topic = "events-" + info.getTestMethod().orElseThrow().getName().hashCode() + "-" + System.nanoTime();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(KafkaPipeline::close);
    }

    @Test
    @Order(1)
    void eventsForManyCompaniesReachTheHandlersOnceEachInPerCompanyOrderKeyedToOnePartitionPerCompany() {
        Database db = new Database();
        KafkaPipeline receiver = pipeline(6);
        KafkaPipeline worker = pipeline(6);
        worker.start(new Worker(db));
        List<TenantId> companies = companies(40);
        Map<TenantId, Integer> sent = new HashMap<>();
        for (int round = 0; round < 10; round++) {
            List<SecurityEvent> batch = new ArrayList<>();
            for (TenantId c : companies) {
                for (int i = 0; i < 3; i++) {
                    batch.add(event(c, sent.merge(c, 1, Integer::sum) - 1));
                }
            }
            receiver.submit(batch);
        }
        int total = 40 * 30;
        await(() -> db.size() >= total, "every event committed");

        db.assertEachOnceInCompanyOrder(sent);
        assertThat(db.streamsByCompany()).as("one partition per company").allSatisfy((c, streams) ->
                assertThat(streams).hasSize(1));
        assertThat(db.streamsByCompany().values().stream().flatMap(Set::stream).distinct().count())
                .as("the companies spread over the partitions").isGreaterThan(3);
        assertThat(db.countedByDetectors()).as("the detectors' committed state counts each event once")
                .isEqualTo(toLongs(sent));
        assertThat(receiver.gauges()).containsEntry("sukedachi.kafka.produced.events", (long) total)
                .containsEntry("sukedachi.kafka.produce.errors", 0L);
        assertThat(worker.gauges().get("sukedachi.kafka.assigned.partitions")).isEqualTo(6);
        await(() -> worker.status().backlogRecords() == 0, "no lag once all is handled");
        assertThat(worker.status().consumerAlive()).isTrue();
    }

    @Test
    @Order(2)
    void twoWorkersSplitThePartitionsAndClosingOneMovesItsPartitionsToTheOtherWithEveryEventCountedOnce()
            throws Exception {
        Database db = new Database();
        KafkaPipeline receiver = pipeline(8);
        KafkaPipeline a = pipeline(8);
        KafkaPipeline b = pipeline(8);
        a.start(new Worker(db));
        b.start(new Worker(db));
        await(() -> assigned(a) > 0 && assigned(b) > 0 && assigned(a) + assigned(b) == 8, "both share the partitions");

        Map<TenantId, Integer> sent = new HashMap<>();
        List<TenantId> companies = companies(30);
        Thread load = Thread.ofPlatform().start(() -> {
            for (int round = 0; round < 60; round++) {
                List<SecurityEvent> batch = new ArrayList<>();
                for (TenantId c : companies) {
                    batch.add(event(c, sent.merge(c, 1, Integer::sum) - 1));
                }
                receiver.submit(batch);
                pause(20);
            }
        });
        await(() -> db.size() > 300, "work has started on both");
        a.close();
        load.join();
        await(() -> db.size() >= 30 * 60, "every event committed");
        await(() -> assigned(b) == 8, "the other took every partition");

        db.assertEachOnceInCompanyOrder(sent);
        assertThat(db.committersOf().keySet()).as("both workers committed").hasSize(2);
        assertThat(db.countedByDetectors()).isEqualTo(toLongs(sent));
    }

    @Test
    @Order(3)
    void aWorkerThatStopsPollingLosesItsPartitionsAndItsLateCommitIsRefusedSoEveryEventCountsOnce() throws Exception {
        Database db = new Database();
        Map<String, Object> quick = Map.of("max.poll.interval.ms", 3_000);
        KafkaPipeline receiver = pipeline(4);
        KafkaPipeline a = pipeline(4, Duration.ofSeconds(10), quick);
        Worker stalled = new Worker(db);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        stalled.before = (stream, batch) -> {
            if (blocked.getCount() > 0) {
                blocked.countDown();
                release.await(); // stops polling past max.poll.interval.ms
            }
        };
        stalled.refused = refused;
        a.start(stalled);
        await(() -> assigned(a) == 4, "the first worker has every partition");

        Map<TenantId, Integer> sent = new HashMap<>();
        List<TenantId> companies = companies(20);
        submitRounds(receiver, companies, sent, 5);
        assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();

        KafkaPipeline b = pipeline(4, Duration.ofSeconds(10), quick);
        b.start(new Worker(db));
        await(() -> db.size() >= 20 * 5, "the second worker did all, the stalled one's batch too");
        assertThat(db.committersOf()).as("only the second committed").hasSize(1);

        release.countDown(); // the stalled worker wakes up and tries to commit what the other has committed
        await(() -> refused.get() > 0, "the late commit was refused");
        submitRounds(receiver, companies, sent, 5);
        await(() -> db.size() >= 20 * 10, "every event committed");
        await(() -> assigned(a) + assigned(b) == 4 && assigned(a) > 0, "the first rejoined");
        submitRounds(receiver, companies, sent, 5);
        await(() -> db.size() >= 20 * 15, "every event committed");

        db.assertEachOnceInCompanyOrder(sent);
        assertThat(db.countedByDetectors()).isEqualTo(toLongs(sent));
    }

    @Test
    @Order(4)
    void aHandlerThatThrowsGetsTheSameBatchAgainAndTheFailuresShowInTheStatus() {
        Database db = new Database();
        KafkaPipeline receiver = pipeline(2);
        KafkaPipeline worker = pipeline(2);
        Map<TenantId, Integer> sent = new HashMap<>();
        TenantId company = companies(1).getFirst();
        submitRounds(receiver, List.of(company), sent, 5);

        Worker failing = new Worker(db);
        List<List<String>> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failuresLeft = new AtomicInteger(3);
        failing.before = (stream, batch) -> {
            seen.add(batch.stream().map(SecurityEvent::raw).toList());
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database down");
            }
        };
        worker.start(failing);
        await(() -> worker.status().consecutiveFailures() >= 2, "two failures in a row");
        assertThat(worker.status().lastFailure()).contains("database down");
        await(() -> db.size() >= 5, "the batch went through after the failures");

        assertThat(seen).as("three failures, then the batch went through").hasSize(4);
        assertThat(seen).as("the same batch each time").allSatisfy(b -> assertThat(b).isEqualTo(seen.getFirst()));
        db.assertEachOnceInCompanyOrder(sent);
        await(() -> worker.status().consecutiveFailures() == 0, "the status is clear again");
        assertThat(worker.status().lastFailure()).isNull();
    }

    @Test
    @Order(5)
    void aHandlerThatDoesNotTakeABatchMakesTheRuntimeContinueAfterTheStagesPosition() {
        KafkaPipeline receiver = pipeline(1);
        KafkaPipeline worker = pipeline(1);
        TenantId company = companies(1).getFirst();
        List<SecurityEvent> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(event(company, i));
        }
        receiver.submit(ten); // one transaction: offsets 0..9 in a row, its commit marker after them

        List<List<String>> batches = new ArrayList<>();
        List<Long> lasts = new ArrayList<>();
        Map<String, Long> positions = new ConcurrentHashMap<>();
        worker.start(new StreamHandlers() {
            @Override
            public long open(String streamId) {
                return positions.getOrDefault(streamId, EventPipeline.FROM_RUNTIME_POSITION);
            }

            @Override
            public boolean handle(String streamId, List<SecurityEvent> batch, long lastPosition) {
                synchronized (batches) {
                    batches.add(batch.stream().map(SecurityEvent::raw).toList());
                    lasts.add(lastPosition);
                }
                if (batches.size() == 1) {
                    positions.put(streamId, lastPosition - 2); // as if another worker had stored up to there
                    return false;
                }
                positions.put(streamId, lastPosition);
                return true;
            }

            @Override
            public long position(String streamId) {
                return positions.get(streamId);
            }

            @Override
            public void close(String streamId) {
            }
        });
        await(() -> {
            synchronized (batches) {
                return batches.size() >= 2;
            }
        }, "the batch after the refused one");
        synchronized (batches) {
            List<String> first = batches.getFirst();
            assertThat(first).hasSize(10);
            assertThat(lasts.getFirst()).isEqualTo(9);
            assertThat(batches.get(1)).as("only what comes after the stage's position").containsExactlyElementsOf(
                    first.subList(8, 10));
            assertThat(lasts.get(1)).isEqualTo(9);
        }
    }

    @Test
    @Order(6)
    void aTopicThatExistsWithFewerPartitionsIsUsedAsItIs() {
        KafkaPipeline first = pipeline(2);
        first.ensureTopic();
        KafkaPipeline worker = pipeline(4);
        Database db = new Database();
        worker.start(new Worker(db));
        await(() -> assigned(worker) == 2, "both partitions the topic has");
        Map<TenantId, Integer> sent = new HashMap<>();
        submitRounds(worker, companies(5), sent, 2);
        await(() -> db.size() >= 10, "every event committed");
        db.assertEachOnceInCompanyOrder(sent);
    }

    @Test
    @Order(7)
    void aConsumerThreadThatDiedIsRestartedAndResumesAfterTheStoredPositions() {
        Database db = new Database();
        KafkaPipeline worker = pipeline(2);
        Map<TenantId, Integer> sent = new HashMap<>();
        List<TenantId> companies = companies(6);
        submitRounds(worker, companies, sent, 3);
        AtomicInteger opens = new AtomicInteger();
        worker.start(new Worker(db) {
            @Override
            public long open(String streamId) {
                if (opens.incrementAndGet() == 2) {
                    throw new OutOfMemoryError("as if"); // an Error ends the consumer thread
                }
                return super.open(streamId);
            }
        });
        await(() -> !worker.status().consumerAlive(), "the consumer thread ended");
        assertThat(worker.restartConsumer()).isTrue();
        assertThat(worker.restartConsumer()).as("only when it has ended").isFalse();
        submitRounds(worker, companies, sent, 3);
        await(() -> db.size() >= 36, "every event committed");
        db.assertEachOnceInCompanyOrder(sent);
        assertThat(db.countedByDetectors()).isEqualTo(toLongs(sent));
    }

    @Test
    @Order(8)
    void eventsOfATransactionThatWasNotCommittedAreNeverDelivered() {
        Database db = new Database();
        KafkaPipeline receiver = pipeline(1);
        TenantId company = companies(1).getFirst();
        Map<TenantId, Integer> sent = new HashMap<>();
        submitRounds(receiver, List.of(company), sent, 2);
        // What a receiver that failed half-way leaves: its records are in the log, its transaction never committed.
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-half-way");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> halfWay = new KafkaProducer<>(p)) {
            halfWay.initTransactions();
            halfWay.beginTransaction();
            SecurityEvent dropped = SecurityEvent.builder("test").tenant(company).device(new DeviceId(company.value()))
                    .timestamp(1).received(0).raw("dropped").build();
            halfWay.send(new ProducerRecord<>(topic, KafkaPipeline.key(dropped), EventCodec.encode(dropped)));
            halfWay.flush();
            halfWay.abortTransaction();
        }
        submitRounds(receiver, List.of(company), sent, 2);

        KafkaPipeline worker = pipeline(1);
        worker.start(new Worker(db));
        await(() -> db.size() >= 4, "the committed events");
        pause(500);
        assertThat(db.raws()).doesNotContain("dropped");
        db.assertEachOnceInCompanyOrder(sent);
    }

    @Test
    @Order(8)
    void withNoBrokerFromTheStartManyConcurrentSubmitsAreAllRefusedWithinTheAckTimeoutNotOneAfterTheOther()
            throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Duration ack = Duration.ofSeconds(2);
        KafkaPipeline receiver = new KafkaPipeline(new KafkaSettings("127.0.0.1:" + port, topic, 3, (short) 1,
                topic + "-workers", ack, "test"));
        opened.add(receiver);
        int callers = 20;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Duration>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                TenantId company = TenantId.random();
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    long started = System.nanoTime();
                    assertThatThrownBy(() -> receiver.submit(List.of(event(company, 0))))
                            .isInstanceOf(PipelineStorageException.class);
                    return Duration.ofNanos(System.nanoTime() - started);
                }, threads));
            }
            go.countDown();
            for (CompletableFuture<Duration> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).as("each caller is refused within the ack timeout + 2 s")
                        .isLessThan(ack.plusSeconds(2));
            }
        }
    }

    @Test
    @Order(9)
    void whileTheBrokerIsDownSubmitRefusesInTimeAndNothingOfTheRefusedBatchIsEverDeliveredAndBothSidesResume()
            throws Exception {
        Database db = new Database();
        Duration ack = Duration.ofSeconds(3);
        KafkaPipeline receiver = pipeline(3, ack, Map.of());
        KafkaPipeline worker = pipeline(3, ack, Map.of());
        worker.start(new Worker(db));
        List<TenantId> companies = companies(10);
        Map<TenantId, Integer> sent = new HashMap<>();
        submitRounds(receiver, companies, sent, 2);
        await(() -> db.size() >= 20, "the first events committed");

        broker.stop();
        List<SecurityEvent> refused = new ArrayList<>();
        for (TenantId c : companies) {
            refused.add(SecurityEvent.builder("test").tenant(c).device(new DeviceId(c.value())).timestamp(1)
                    .received(0).raw("refused " + c).build());
        }
        long started = System.nanoTime();
        assertThatThrownBy(() -> receiver.submit(refused)).isInstanceOf(PipelineStorageException.class)
                .satisfies(e -> assertThat(((PipelineStorageException) e).retryAfterSeconds()).isPositive());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused within the ack timeout + 2 s")
                .isLessThan(ack.plusSeconds(2));
        assertThat(receiver.gauges().get("sukedachi.kafka.produce.errors")).isEqualTo(1L);
        assertThat(worker.status().consumerAlive()).as("the consumer waits for the broker").isTrue();

        broker.restart();
        // The same companies: same partitions, after the refused batch. A sender retries a refusal, so does the test
        // while the restarted broker loads its transaction state.
        for (int round = 0; round < 2; round++) {
            List<SecurityEvent> batch = new ArrayList<>();
            for (TenantId c : companies) {
                batch.add(event(c, sent.getOrDefault(c, 0)));
            }
            submitRetrying(receiver, batch);
            companies.forEach(c -> sent.merge(c, 1, Integer::sum));
        }
        await(() -> db.size() >= 40, "the consumer resumed by itself");
        pause(1_000);
        db.assertEachOnceInCompanyOrder(sent);
        assertThat(db.raws()).as("nothing of the refused batch").noneMatch(r -> r.startsWith("refused"));
    }

    @Test
    @Order(10)
    void theHandledCountReachesTheProducedCountOnlyOnceTheEventsAreStored() throws Exception {
        Database db = new Database();
        KafkaPipeline both = pipeline(2); // receives and works every partition, as the demo's one process does
        Worker worker = new Worker(db);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        worker.before = (stream, batch) -> {
            entered.countDown();
            release.await(60, TimeUnit.SECONDS);
        };
        both.start(worker);
        both.submit(List.of(event(TenantId.random(), 0), event(TenantId.random(), 0), event(TenantId.random(), 0)));

        assertThat(both.gauges().get("sukedachi.kafka.produced.events")).isEqualTo(3L);
        assertThat(entered.await(45, TimeUnit.SECONDS)).as("the consumer took a batch").isTrue();
        assertThat(both.gauges().get("sukedachi.kafka.handled.events")).as("nothing stored yet").isEqualTo(0L);
        release.countDown();
        await(() -> both.gauges().get("sukedachi.kafka.handled.events").longValue() >= 3, "all three stored");
        assertThat(db.size()).as("counted only after the stage stored them").isEqualTo(3);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private KafkaPipeline pipeline(int partitions) {
        return pipeline(partitions, Duration.ofSeconds(10), Map.of());
    }

    private KafkaPipeline pipeline(int partitions, Duration ack, Map<String, Object> consumerOverrides) {
        KafkaPipeline p = new KafkaPipeline(new KafkaSettings(broker.bootstrap(), topic, partitions, (short) 1,
                topic + "-workers", ack, "test"), consumerOverrides);
        opened.add(p);
        return p;
    }

    private static int assigned(KafkaPipeline p) {
        return p.gauges().get("sukedachi.kafka.assigned.partitions").intValue();
    }

    private static void submitRounds(KafkaPipeline receiver, List<TenantId> companies, Map<TenantId, Integer> sent,
            int rounds) {
        for (int round = 0; round < rounds; round++) {
            List<SecurityEvent> batch = new ArrayList<>();
            for (TenantId c : companies) {
                batch.add(event(c, sent.merge(c, 1, Integer::sum) - 1));
            }
            receiver.submit(batch);
        }
    }

    private static void submitRetrying(KafkaPipeline receiver, List<SecurityEvent> batch) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (true) {
            try {
                receiver.submit(batch);
                return;
            } catch (PipelineStorageException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                pause(500);
            }
        }
    }

    private static List<TenantId> companies(int n) {
        List<TenantId> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(TenantId.random());
        }
        return list;
    }

    /** The company's n-th event (from 0), which its raw text names. */
    private static SecurityEvent event(TenantId company, int n) {
        return SecurityEvent.builder("test").tenant(company).device(new DeviceId(company.value())).timestamp(1_000L + n)
                .received(0).raw(company + " " + n).build();
    }

    private static Map<String, Long> toLongs(Map<TenantId, Integer> sent) {
        return sent.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().toString(), e -> (long) e.getValue()));
    }

    private static void await(BooleanSupplier condition, String what) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 45 s: " + what);
            }
            pause(50);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What PostgreSQL is to the workers: per stream the position and the detectors' states, and every committed
     * event; a commit applies only on top of the position it was built on (StageStore's fencing).
     */
    static final class Database {
        private final Map<String, Long> positions = new HashMap<>();
        private final Map<String, Map<String, byte[]>> states = new HashMap<>();
        /** Committed events in commit order, with their stream and the committing worker. */
        private final List<Committed> committed = new ArrayList<>();

        record Committed(SecurityEvent event, String stream, Worker by) {
        }

        synchronized Stored load(String stream) {
            return new Stored(positions.getOrDefault(stream, Stored.NO_POSITION), states.getOrDefault(stream, Map.of()));
        }

        synchronized boolean commit(String stream, Worker by, Batch batch) {
            if (positions.getOrDefault(stream, Stored.NO_POSITION) != batch.previousPosition()) {
                return false;
            }
            positions.put(stream, batch.lastPosition());
            states.computeIfAbsent(stream, s -> new HashMap<>()).putAll(batch.changedStates());
            for (SecurityEvent e : batch.events()) {
                committed.add(new Committed(e, stream, by));
            }
            return true;
        }

        synchronized int size() {
            return committed.size();
        }

        synchronized List<String> raws() {
            return committed.stream().map(c -> c.event().raw()).toList();
        }

        synchronized Map<Worker, Long> committersOf() {
            return committed.stream().collect(Collectors.groupingBy(Committed::by, Collectors.counting()));
        }

        synchronized Map<TenantId, Set<String>> streamsByCompany() {
            return committed.stream().collect(Collectors.groupingBy(c -> c.event().tenant(),
                    Collectors.mapping(Committed::stream, Collectors.toSet())));
        }

        /** Per company, what the counting detectors' committed states add up to over all streams. */
        synchronized Map<String, Long> countedByDetectors() {
            Map<String, Long> sum = new TreeMap<>();
            for (Map<String, byte[]> s : states.values()) {
                byte[] state = s.get(Counter.ID);
                if (state != null) {
                    Counter.read(state).forEach((k, v) -> sum.merge(k, v, Long::sum));
                }
            }
            return sum;
        }

        /** Each company's events 0..n-1 exactly once, in order. */
        synchronized void assertEachOnceInCompanyOrder(Map<TenantId, Integer> sent) {
            Map<TenantId, List<Integer>> seen = new LinkedHashMap<>();
            for (Committed c : committed) {
                String[] parts = c.event().raw().split(" ");
                seen.computeIfAbsent(c.event().tenant(), t -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
            }
            assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
            sent.forEach((company, n) -> {
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    expected.add(i);
                }
                assertThat(seen.get(company)).as("company %s", company).containsExactlyElementsOf(expected);
            });
        }
    }

    interface Hook {
        void before(String stream, List<SecurityEvent> batch) throws Exception;
    }

    /** One worker's stages: a DetectionStage with a counting detector per open stream, all on the shared database. */
    static class Worker implements StreamHandlers {
        private final Database db;
        private final Map<String, DetectionStage> stages = new ConcurrentHashMap<>();
        volatile Hook before = (s, b) -> {
        };
        volatile AtomicInteger refused = new AtomicInteger();

        Worker(Database db) {
            this.db = db;
        }

        @Override
        public long open(String streamId) {
            DetectionStage stage = new DetectionStage(List.of(new Counter()), List.of(), new StageSink() {
                @Override
                public Stored load() {
                    return db.load(streamId);
                }

                @Override
                public boolean commit(Batch batch) {
                    return db.commit(streamId, Worker.this, batch);
                }
            });
            stages.put(streamId, stage);
            return stage.start();
        }

        @Override
        public boolean handle(String streamId, List<SecurityEvent> batch, long lastPosition) throws Exception {
            before.before(streamId, batch);
            boolean taken = stages.get(streamId).handle(batch, lastPosition);
            if (!taken) {
                refused.incrementAndGet();
            }
            return taken;
        }

        @Override
        public long position(String streamId) {
            return stages.get(streamId).position();
        }

        @Override
        public void close(String streamId) {
            stages.remove(streamId);
        }
    }

    /** Counts each company's events; the counts are its state (text), so a new owner goes on from them. */
    static final class Counter implements Detector {
        static final String ID = "counter";
        private final TreeMap<String, Long> counts = new TreeMap<>();

        @Override
        public String id() {
            return ID;
        }

        @Override
        public void detect(SecurityEvent event, DetectionSink sink) {
            counts.merge(event.tenant().toString(), 1L, Long::sum);
        }

        @Override
        public byte[] snapshot() {
            StringBuilder text = new StringBuilder();
            counts.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void restore(byte[] state) {
            counts.clear();
            counts.putAll(read(state));
        }

        static Map<String, Long> read(byte[] state) {
            Map<String, Long> read = new TreeMap<>();
            for (String line : new String(state, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    String[] kv = line.split("=");
                    read.put(kv[0], Long.parseLong(kv[1]));
                }
            }
            return read;
        }
    }
}
