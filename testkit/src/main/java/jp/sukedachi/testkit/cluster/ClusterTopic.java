package jp.sukedachi.testkit.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The events topic and the workers' group of a test cluster, read from Kafka itself. */
public final class ClusterTopic {
    public static final String TOPIC = "events";
    public static final String GROUP = "sukedachi-workers";

    private ClusterTopic() {
    }

    /**
     * Records in the topic after the positions the workers stored (committed records only, as the workers read): 0
     * when every acknowledged event has been handled. Read from the topic itself, so it does not trust the runtime's
     * own lag gauge.
     */
    public static long unprocessed(String bootstrap, Map<Integer, Long> positions) {
        long[] count = new long[1];
        readCommitted(bootstrap, tp -> positions.getOrDefault(tp.partition(), -1L) + 1, r -> {
            if (r.offset() > positions.getOrDefault(r.partition(), -1L)) {
                count[0]++;
            }
        });
        return count[0];
    }

    /**
     * Reads every partition of the topic from {@code from} to its current end, committed records only (as the
     * workers read them).
     */
    private static void readCommitted(String bootstrap, java.util.function.ToLongFunction<TopicPartition> from,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(TOPIC, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(TOPIC, info.partition()));
            }
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, from.applyAsLong(tp));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read the topic to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /** The workers' group as Kafka sees it: member id → partitions assigned to it. */
    public static Map<String, java.util.Set<Integer>> assignment(String bootstrap, String group) throws Exception {
        Map<String, java.util.Set<Integer>> out = new TreeMap<>();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            for (var m : description.members()) {
                java.util.Set<Integer> partitions = new java.util.TreeSet<>();
                m.assignment().topicPartitions().forEach(tp -> partitions.add(tp.partition()));
                out.put(m.consumerId(), partitions);
            }
        }
        return out;
    }

    /** Partition → the keys (company ids) of the records in it, read from the topic. */
    public static Map<Integer, java.util.Set<String>> keysByPartition(String bootstrap) {
        Map<Integer, java.util.Set<String>> out = new TreeMap<>();
        readCommitted(bootstrap, tp -> 0, r -> out.computeIfAbsent(r.partition(), k -> new java.util.TreeSet<>())
                .add(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }

    /**
     * Until every acknowledged event is handled: nothing left in the topic after the stored positions, and the
     * counted total equal to {@code expected} (or, when it never gets there, the test's assertions say by how much).
     */
    public static void awaitDrained(ClusterDb db, String bootstrap, long expected, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (unprocessed(bootstrap, db.positions()) == 0 && db.parsedTotal() >= expected) {
                return;
            }
            Thread.sleep(500);
        }
    }
}
