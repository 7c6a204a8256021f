package jp.sukedachi.pipeline.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import jp.sukedachi.event.EventCodec;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.pipeline.EventHandler;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.PipelineStatus;
import jp.sukedachi.pipeline.PipelineStorageException;
import jp.sukedachi.pipeline.StreamHandlers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster runtime: Kafka is the event log. Receivers {@link #submit} to the events topic, keyed by company (one
 * company's events stay in one partition, in order); workers {@link #start(StreamHandlers) consume} it in a group,
 * each partition being one stream whose position and detector states the stage keeps in PostgreSQL with its work.
 *
 * <p><b>Producing.</b> A call is one Kafka transaction (a small pool of transactional, idempotent producers with
 * acks=all, each used by one caller at a time), so it is all or nothing: when Kafka does not acknowledge all of it
 * within {@link KafkaSettings#ackTimeout()} the transaction is dropped, never committed, and the receiver may
 * honestly say nothing of the request was kept. Consumers read with {@code isolation.level=read_committed}, so an
 * aborted (or never committed) transaction is never delivered. The transactional ids are
 * {@code <clientId>-<random per process>-<slot>}: unique per process, not stable across a restart. A restarted
 * receiver therefore cannot fence its former self's open transactions; the broker aborts those when the transaction
 * timeout ({@code ackTimeout} + 5 s) passes, which is the longest a partition's readers wait behind one. A broken
 * producer is replaced by one with the SAME id, whose start aborts what the broken one left open at once.
 *
 * <p><b>Consuming.</b> One thread; on assignment each partition's stage is opened and the consumer seeks to the
 * stage's stored position + 1 (Kafka's own committed offsets are kept for lag monitoring only). A failing batch is
 * delivered again after a growing pause of that partition alone. Offsets are used as Kafka gives them: transaction
 * markers occupy offsets, so no position is ever derived by counting records.
 */
public final class KafkaPipeline implements EventPipeline {
    private static final Logger log = LoggerFactory.getLogger(KafkaPipeline.class);
    /** Producers per process: each carries one request's transaction at a time; more callers wait for a free one. */
    static final int PRODUCERS = 8;
    private static final int MAX_POLL_RECORDS = 1_000;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final KafkaSettings settings;
    private final Map<String, Object> consumerOverrides;
    private final String instance = UUID.randomUUID().toString();
    /** Idle producers, the last used first: a quiet receiver keeps using one warm producer (its connections, metadata). */
    private final BlockingDeque<Slot> producers = new LinkedBlockingDeque<>(PRODUCERS);
    private final ReentrantLock topicLock = new ReentrantLock();
    private volatile boolean topicReady;
    /** Until when (System.nanoTime) a failed topic check refuses at once: callers do not queue behind a dead broker. */
    private volatile long topicRefusedUntil = System.nanoTime(); // nanoTime may be negative: "until now", not 0
    private static final long TOPIC_REFUSAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private volatile boolean closed;

    private final AtomicLong producedEvents = new AtomicLong();
    private final AtomicLong produceErrors = new AtomicLong();
    /**
     * Events this process's consumer handed to the stages and saw stored. Unlike the lag (read at the end of the
     * consumer's last loop, so still 0 right after a send), it only grows once the events are stored: a process
     * that both receives and consumes every partition (the demo) knows what it sent is stored when this has
     * reached {@link #producedEvents}.
     */
    private final AtomicLong handledEvents = new AtomicLong();

    private StreamHandlers handlers;
    private volatile Thread consumer;
    private volatile KafkaConsumer<byte[], byte[]> liveConsumer;
    private volatile long lastProgressMillis = System.currentTimeMillis();
    private volatile int consecutiveFailures;
    private volatile String lastFailure;
    private volatile long lag;
    private volatile int assignedPartitions;

    public KafkaPipeline(KafkaSettings settings) {
        this(settings, Map.of());
    }

    /**
     * @param consumerOverrides consumer settings that replace this runtime's (e.g. {@code max.poll.interval.ms} in
     *                          tests); the ones that make it correct (isolation, no auto commit) cannot be replaced
     */
    public KafkaPipeline(KafkaSettings settings, Map<String, Object> consumerOverrides) {
        this.settings = settings;
        this.consumerOverrides = Map.copyOf(consumerOverrides);
        for (int i = 0; i < PRODUCERS; i++) {
            producers.add(new Slot(settings.clientId() + "-" + instance + "-" + i));
        }
    }

    public KafkaSettings settings() {
        return settings;
    }

    @Override
    public String streamId() {
        return "kafka:" + settings.topic();
    }

    /** The stream id of one partition, under which its stage keeps position and detector states. */
    public String streamId(int partition) {
        return "kafka:" + settings.topic() + ":" + partition;
    }

    // ------------------------------------------------------------------------------------------------ the topic

    /**
     * Creates the events topic when it is missing. A topic that exists with other partitions than asked is used as it
     * is (partitions are never changed behind the operator's back: more would move companies to other partitions)
     * and said in the log. Called before the first submit and before the consumer starts; the app may call it early.
     */
    public void ensureTopic() {
        ensureTopic(System.nanoTime() + settings.ackTimeout().toNanos());
    }

    /**
     * As {@link #ensureTopic()}, within the caller's {@code deadline} (System.nanoTime): a caller never waits for
     * another's check beyond it, and for a few seconds after a failed check callers are refused at once.
     */
    private void ensureTopic(long deadline) {
        if (topicReady) {
            return;
        }
        if (System.nanoTime() - topicRefusedUntil < 0) {
            throw unavailable("Kafka could not be reached a moment ago to check the events topic", null);
        }
        try {
            if (!topicLock.tryLock(remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw unavailable("Kafka did not answer the events topic check within the ack timeout", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while creating the events topic", e);
        }
        try {
            if (topicReady) {
                return;
            }
            if (System.nanoTime() - topicRefusedUntil < 0) {
                throw unavailable("Kafka could not be reached a moment ago to check the events topic", null);
            }
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.clientId() + "-admin");
            int timeout = (int) Math.max(500, TimeUnit.NANOSECONDS.toMillis(remaining(deadline)));
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
            Admin admin = Admin.create(p);
            try {
                String topic = settings.topic();
                try {
                    admin.createTopics(List.of(new NewTopic(topic, settings.partitions(), settings.replicationFactor())))
                            .all().get(timeout, TimeUnit.MILLISECONDS);
                    log.info("created the events topic {} with {} partitions, replication {}", topic,
                            settings.partitions(), settings.replicationFactor());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                            .get(Math.max(500, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))),
                                    TimeUnit.MILLISECONDS).get(topic);
                    int has = d.partitions().size();
                    if (has != settings.partitions()) {
                        log.warn("the events topic {} exists with {} partitions, not the {} configured; it is used as"
                                + " it is (at most {} workers share the work)", topic, has, settings.partitions(), has);
                    }
                }
                topicReady = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted while creating the events topic", e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                topicRefusedUntil = System.nanoTime() + TOPIC_REFUSAL_NANOS;
                throw unavailable("Kafka cannot be reached to create the events topic", e);
            } finally {
                admin.close(Duration.ofSeconds(1)); // a timed-out request must not hold the caller longer
            }
        } finally {
            topicLock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ producing

    /**
     * One producer and the transactional id it keeps for its life and its replacement's: a replacement with the same
     * id aborts the transaction its broken predecessor left open.
     */
    private static final class Slot {
        final String transactionalId;
        KafkaProducer<String, byte[]> producer;

        Slot(String transactionalId) {
            this.transactionalId = transactionalId;
        }
    }

    /**
     * Returns after Kafka acknowledged (acks=all) and committed every event of the batch; throws
     * {@link PipelineStorageException} (nothing of the batch will ever be delivered) when Kafka is unreachable or does
     * not answer within the ack timeout. Takes about the ack timeout at most; in two rare cases up to twice that: a
     * record sent just before the deadline may wait {@code max.block.ms} (= the ack timeout) for its partition's
     * leader, and a commit whose records were all acknowledged is awaited to its end (bounded by the ack timeout
     * again). One answer can be wrong, and only towards a duplicate: a commit that times out is refused here, yet the
     * broker may finish it (a replacement producer completes a commit it finds prepared), so the sender's retry keeps
     * those events twice; an acknowledged event is never lost.
     */
    @Override
    public void submit(List<SecurityEvent> events) {
        if (closed) {
            throw new PipelineStorageException("the Kafka runtime is closed", 5, false, null);
        }
        if (events.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
        try {
            ensureTopic(deadline);
        } catch (PipelineStorageException e) {
            produceErrors.incrementAndGet();
            throw e;
        }
        Slot slot;
        try {
            slot = producers.pollFirst(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for a Kafka producer", e);
        }
        if (slot == null) {
            produceErrors.incrementAndGet();
            throw unavailable("every Kafka producer stayed busy for the ack timeout", null);
        }
        try {
            send(slot, events, deadline);
            producedEvents.addAndGet(events.size());
        } catch (RuntimeException e) {
            produceErrors.incrementAndGet();
            discard(slot);
            if (e instanceof PipelineStorageException p) {
                throw p;
            }
            throw unavailable("Kafka did not take the events: " + e.getMessage(), e);
        } finally {
            if (closed) {
                discard(slot);
            }
            producers.addFirst(slot);
        }
    }

    private void send(Slot slot, List<SecurityEvent> events, long deadline) {
        if (slot.producer == null) {
            slot.producer = newProducer(slot.transactionalId);
            slot.producer.initTransactions(); // fences and aborts what an earlier producer with this id left open
        }
        KafkaProducer<String, byte[]> producer = slot.producer;
        producer.beginTransaction();
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        try {
            for (SecurityEvent e : events) {
                // Each send may wait max.block.ms for the partition's leader on its own: without these checks a
                // batch of n events would wait n times when the broker is gone.
                if (remaining(deadline) == 0) {
                    throw new TimeoutException();
                }
                Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(settings.topic(), key(e),
                        EventCodec.encode(e)));
                if (ack.isDone()) {
                    ack.get(); // failed at once (no leader within max.block.ms, too large): the batch fails now
                }
                acks.add(ack);
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(remaining(deadline), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for Kafka's acknowledgement", e);
        } catch (TimeoutException e) {
            throw unavailable("Kafka did not acknowledge within " + settings.ackTimeout().toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw unavailable("Kafka refused the events: " + e.getCause(), e.getCause());
        }
        producer.commitTransaction();
    }

    /** A company's events share one partition (their order is kept); an event without one goes by its device. */
    static String key(SecurityEvent e) {
        if (e.tenant() != null) {
            return e.tenant().value().toString();
        }
        return e.device() != null ? e.device().value().toString() : "-";
    }

    /**
     * Closes a producer that failed without waiting: its open transaction is never committed (its replacement, same
     * id, aborts it on start, or the broker does when the transaction timeout passes).
     */
    private void discard(Slot slot) {
        KafkaProducer<String, byte[]> p = slot.producer;
        slot.producer = null;
        if (p != null) {
            // Even close(ZERO) joins the producer's network thread, which may sit in a request to a dead broker for
            // long: a thread of its own waits for that, not the receiver that must answer in time.
            Thread.ofVirtual().name("kafka-producer-close").start(() -> {
                try {
                    p.close(Duration.ZERO);
                } catch (RuntimeException e) {
                    log.debug("closing a failed Kafka producer", e);
                }
            });
        }
    }

    private KafkaProducer<String, byte[]> newProducer(String transactionalId) {
        long ack = Math.max(1_000, settings.ackTimeout().toMillis());
        int requestTimeout = (int) Math.max(500, Math.min(ack / 2, 30_000));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-producer-" + transactionalId.substring(
                transactionalId.lastIndexOf('-') + 1));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        // Every blocking step (metadata, initTransactions, commit) and every record's delivery end within the ack
        // timeout; the transaction itself is aborted by the broker soon after a producer vanished mid-way.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ack);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // A transaction right after the previous one on the same producer is told CONCURRENT_TRANSACTIONS while the
        // broker still writes the previous one's markers; retrying after 20 ms rather than 100 ms keeps a busy
        // receiver's requests short (the pause still grows up to 1 s when the broker stays unwell).
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 20);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(ack, requestTimeout + 2L));
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) (ack + 5_000));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private PipelineStorageException unavailable(String message, Throwable cause) {
        int retryAfter = (int) Math.max(1, Math.min(60, settings.ackTimeout().toSeconds()));
        return new PipelineStorageException(message, retryAfter, false, cause);
    }

    // ------------------------------------------------------------------------------------------------ consuming

    /**
     * Not supported: a Kafka worker has one stream per assigned partition, each with its own stored position, which a
     * single handler without positions cannot keep (it would depend on Kafka's offsets, committed apart from its
     * work, and so replay or skip on a failover). No caller needs it: the application starts {@link StreamHandlers}.
     */
    @Override
    public void start(EventHandler handler) {
        throw new UnsupportedOperationException("the Kafka runtime delivers to StreamHandlers only");
    }

    @Override
    public synchronized void start(StreamHandlers handlers) {
        if (this.handlers != null) {
            throw new IllegalStateException("already started");
        }
        if (closed) {
            throw new IllegalStateException("closed");
        }
        this.handlers = handlers;
        startConsumer();
    }

    private void startConsumer() {
        lastProgressMillis = System.currentTimeMillis();
        consumer = Thread.ofPlatform().name("kafka-consumer-" + settings.topic()).daemon().start(() -> {
            try {
                try {
                    ensureTopic();
                } catch (PipelineStorageException e) {
                    // The consumer waits for the topic by itself; a receiver or a later start creates it.
                    log.warn("the events topic could not be checked ({}); consuming as soon as it exists", e.getMessage());
                }
                consume();
            } catch (WakeupException e) {
                if (!closed) {
                    lastFailure = e.toString();
                }
            } catch (Throwable t) {
                lastFailure = t.toString();
                log.error("Kafka consumer ended unexpectedly; the health check reports it and restarts it", t);
            } finally {
                if (!closed) {
                    log.error("Kafka consumer stopped while the runtime is running");
                }
                assignedPartitions = 0;
            }
        });
    }

    /** The current consumer thread (null before start): for diagnostics and for tests. */
    public Thread consumerThread() {
        return consumer;
    }

    @Override
    public synchronized boolean restartConsumer() {
        Thread t = consumer;
        if (closed || t == null || t.isAlive()) {
            return false;
        }
        log.warn("restarting the Kafka consumer; each partition resumes after its stored position");
        startConsumer();
        return true;
    }

    /** One assigned partition: its stream id, and when it waits after a failure, until when and where it resumes. */
    private static final class Owned {
        final String streamId;
        boolean open;
        long resumeAtMillis;
        long backoffMillis = 100;
        /** Offset to seek to when the pause ends: the failed batch's first record. */
        long retryFrom = -1;
        /** Since its last failure nothing of it went through (open, or a batch): the status keeps the failures. */
        boolean failing;
        boolean failureLogged;

        Owned(String streamId) {
            this.streamId = streamId;
        }
    }

    private void consume() {
        Map<TopicPartition, Owned> owned = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        // What each owned partition handled last, kept past the loop's async commit for the one on revocation.
        Map<TopicPartition, OffsetAndMetadata> handledLast = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties())) {
            liveConsumer = c;
            if (closed) {
                return;
            }
            c.subscribe(List.of(settings.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    for (TopicPartition tp : partitions) {
                        Owned o = new Owned(streamId(tp.partition()));
                        owned.put(tp, o);
                        c.pause(List.of(tp)); // until its stage is open and the consumer sought its position
                        open(c, tp, o);
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commitLag(c, handledLast, partitions);
                    drop(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    drop(partitions); // another worker may own them already: nothing of ours is committed
                }

                private void drop(Collection<TopicPartition> partitions) {
                    for (TopicPartition tp : partitions) {
                        Owned o = owned.remove(tp);
                        toCommit.remove(tp);
                        handledLast.remove(tp);
                        if (o != null && o.open) {
                            closeStream(o);
                        }
                    }
                }
            });
            while (!closed) {
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
                long now = System.currentTimeMillis();
                for (var e : owned.entrySet()) {
                    Owned o = e.getValue();
                    if (o.resumeAtMillis != 0 && now >= o.resumeAtMillis) {
                        o.resumeAtMillis = 0;
                        if (!o.open) {
                            open(c, e.getKey(), o);
                        } else {
                            resume(c, e.getKey(), o);
                        }
                    }
                }
                boolean failed = false;
                for (TopicPartition tp : records.partitions()) {
                    Owned o = owned.get(tp);
                    if (o == null || !o.open || o.resumeAtMillis != 0) {
                        continue; // revoked, or paused after a failure: its records come again after the seek
                    }
                    failed |= !deliver(c, tp, o, records.records(tp), toCommit);
                }
                if (!toCommit.isEmpty()) {
                    c.commitAsync(Map.copyOf(toCommit), (offsets, error) -> {
                        if (error != null) {
                            log.debug("committing the lag offsets failed: {}", error.toString());
                        }
                    });
                    handledLast.putAll(toCommit);
                    toCommit.clear();
                }
                if (!failed && owned.values().stream().noneMatch(o -> o.failing)) {
                    consecutiveFailures = 0;
                    lastFailure = null;
                    lastProgressMillis = now;
                }
                lag = lag(c, owned.keySet());
                assignedPartitions = owned.size();
            }
        } finally {
            liveConsumer = null;
            for (Owned o : owned.values()) {
                if (o.open) {
                    closeStream(o);
                }
            }
            owned.clear();
        }
    }

    /** Opens a partition's stage and seeks after its stored position; a failure pauses it and retries later. */
    private void open(KafkaConsumer<byte[], byte[]> c, TopicPartition tp, Owned o) {
        try {
            long position = handlers.open(o.streamId);
            try {
                seekAfter(c, tp, position);
            } catch (RuntimeException e) {
                closeStream(o); // opened again, with a fresh position, when the pause ends
                throw e;
            }
            o.open = true;
            o.backoffMillis = 100;
            o.failureLogged = false;
            o.failing = false;
            c.resume(List.of(tp));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            fail(tp, o, e, "cannot open the stage of partition " + tp.partition());
        }
    }

    /** Ends a partition's pause after a failed batch: from that batch's first record, or after the stored position. */
    private void resume(KafkaConsumer<byte[], byte[]> c, TopicPartition tp, Owned o) {
        try {
            if (o.retryFrom >= 0) {
                c.seek(tp, o.retryFrom);
            } else {
                seekAfter(c, tp, handlers.position(o.streamId));
            }
            c.resume(List.of(tp));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            fail(tp, o, e, "cannot resume partition " + tp.partition());
        }
    }

    /** Positions the consumer right after {@code position} (the stage's stored one) on partition {@code tp}. */
    private void seekAfter(KafkaConsumer<byte[], byte[]> c, TopicPartition tp, long position) {
        if (position < 0) {
            // No stored position (FROM_RUNTIME_POSITION among them): the beginning. The database is the record; Kafka's
            // committed offsets are for lag only and may be ahead of a database restored from before its first commit.
            c.seekToBeginning(List.of(tp));
        } else {
            c.seek(tp, position + 1);
        }
    }

    /** Hands one partition's records to its stage; false when the batch failed and will come again. */
    private boolean deliver(KafkaConsumer<byte[], byte[]> c, TopicPartition tp, Owned o,
            List<ConsumerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> toCommit) {
        List<SecurityEvent> batch = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                batch.add(EventCodec.decode(r.value()));
            } catch (RuntimeException e) {
                // An undecodable record (written by a future version?) must not stop the partition.
                log.error("record {} of partition {} cannot be decoded and is skipped: {}", r.offset(), tp.partition(),
                        e.toString());
            }
        }
        long first = records.getFirst().offset();
        long last = records.getLast().offset();
        try {
            // Handed even when empty (all undecodable): the stage then stores the position past them.
            if (handlers.handle(o.streamId, batch, last)) {
                handledEvents.addAndGet(batch.size());
                toCommit.put(tp, new OffsetAndMetadata(last + 1));
            } else {
                // Done before, or another worker stored this partition meanwhile: go on after what is stored.
                long stored = handlers.position(o.streamId);
                log.info("partition {}: batch up to offset {} not taken; continuing after position {}", tp.partition(),
                        last, stored);
                seekAfter(c, tp, stored);
            }
            o.backoffMillis = 100;
            o.failureLogged = false;
            o.failing = false;
            o.retryFrom = -1; // a later pause that is not a failed batch resumes after the stored position
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (Exception | Error e) {
            // Not committed: the same batch comes again after a pause of this partition alone.
            o.retryFrom = first;
            fail(tp, o, e, "the stage failed on partition " + tp.partition() + " offsets " + first + ".." + last);
            c.pause(List.of(tp)); // assigned still: partitions move only inside poll()
            return false;
        }
    }

    private void fail(TopicPartition tp, Owned o, Throwable e, String what) {
        consecutiveFailures++;
        lastFailure = what + ": " + e;
        o.failing = true;
        if (!o.failureLogged) {
            log.error("{}; retrying with growing pauses (logged once until it works again)", what, e);
            o.failureLogged = true;
        }
        o.resumeAtMillis = System.currentTimeMillis() + o.backoffMillis;
        o.backoffMillis = Math.min(o.backoffMillis * 2, MAX_BACKOFF_MILLIS);
    }

    private void closeStream(Owned o) {
        try {
            handlers.close(o.streamId);
        } catch (RuntimeException e) {
            log.warn("closing the stage of {} failed", o.streamId, e);
        }
        o.open = false;
    }

    /** Kafka's committed offsets, for lag monitoring only, sent before partitions move so the new owner's lag is right. */
    private static void commitLag(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, OffsetAndMetadata> handledLast,
            Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> mine = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata o = handledLast.get(tp);
            if (o != null) {
                mine.put(tp, o);
            }
        }
        if (!mine.isEmpty()) {
            try {
                c.commitSync(mine, Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                log.debug("committing the lag offsets on revocation failed: {}", e.toString());
            }
        }
    }

    private static long lag(KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> partitions) {
        long sum = 0;
        for (TopicPartition tp : partitions) {
            OptionalLong l = c.currentLag(tp);
            if (l.isPresent()) {
                sum += l.getAsLong();
            }
        }
        return sum;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-consumer");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        // Only moved partitions are revoked on a rebalance: the others keep their open stages.
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // A worker that died (SIGKILL) hands its partitions on after 10 s rather than Kafka's default 45 s.
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        p.putAll(consumerOverrides);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    // ------------------------------------------------------------------------------------------------ status

    @Override
    public PipelineStatus status() {
        Thread t = consumer;
        if (t == null) {
            return null; // a receiver: no consumer to watch
        }
        return new PipelineStatus(t.isAlive(), lastProgressMillis, lag, consecutiveFailures, lastFailure, null);
    }

    /** Prometheus names (Micrometer turns the dots into underscores): {@code sukedachi_kafka_consumer_lag} etc. */
    @Override
    public Map<String, Number> gauges() {
        return Map.of(
                "sukedachi.kafka.consumer.lag", lag,
                "sukedachi.kafka.assigned.partitions", assignedPartitions,
                "sukedachi.kafka.produced.events", producedEvents.get(),
                "sukedachi.kafka.handled.events", handledEvents.get(),
                "sukedachi.kafka.produce.errors", produceErrors.get());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        KafkaConsumer<byte[], byte[]> c = liveConsumer;
        if (c != null) {
            c.wakeup(); // the one consumer method that is safe from another thread
        }
        Thread t = consumer;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Slot> idle = new ArrayList<>();
        producers.drainTo(idle);
        for (Slot s : idle) {
            KafkaProducer<String, byte[]> p = s.producer;
            s.producer = null;
            if (p != null) {
                try {
                    p.close(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    log.warn("closing a Kafka producer failed", e);
                }
            }
        }
        // Slots in use are closed by their callers when they return them (submit sees closed).
    }
}
