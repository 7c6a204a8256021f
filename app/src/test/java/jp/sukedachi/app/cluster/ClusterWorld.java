package jp.sukedachi.app.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import jp.sukedachi.app.support.TestDatabases;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the cluster tests share: the demo world seeded into a PostgreSQL schema (companies, their simulated devices and
 * tokens, the demo indicators), a small Sigma rules folder, and the database and topic read back as they are.
 */
final class ClusterWorld {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TOPIC = "events";
    /** The demo world's seed (DemoWorld.WORLD_SEED): the seeded companies and devices are SimWorld.of(n, this). */
    static final long WORLD_SEED = 2026;
    /** The Sigma rule every failed Windows logon matches, and the correlation over five of one user in ten minutes. */
    static final String FAILED_LOGON_ID = "c1a57e10-2f0b-4c1d-9e8a-20c1a57e0001";
    static final String FIVE_FAILED_ID = "c1a57e10-2f0b-4c1d-9e8a-20c1a57e0002";

    private ClusterWorld() {
    }

    /** A rules folder with the failed-logon rule and its correlation (loads in milliseconds, unlike SigmaHQ's). */
    static Path sigmaRules(Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("sigma-rules/windows"));
        Files.writeString(rules.resolve("failed-logon.yml"), """
                title: Failed Logon (cluster test)
                id: %s
                status: test
                level: low
                logsource:
                    product: windows
                    service: security
                detection:
                    selection:
                        EventID: 4625
                    condition: selection
                """.formatted(FAILED_LOGON_ID));
        Files.writeString(rules.resolve("five-failed-logons.yml"), """
                title: Five Failed Logons of One User in Ten Minutes (cluster test)
                id: %s
                status: test
                level: high
                correlation:
                    type: event_count
                    rules:
                        - %s
                    group-by:
                        - TargetUserName
                    timespan: 10m
                    condition:
                        gte: 5
                """.formatted(FIVE_FAILED_ID, FAILED_LOGON_ID));
        return rules.getParent();
    }

    /** Failed logons number {@code from} … {@code from + n - 1} of {@code user}, ten seconds apart from {@code t0}. */
    static String failedLogons(String user, java.time.Instant t0, int from, int n) {
        StringBuilder body = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            body.append("{\"@timestamp\":\"").append(t0.plusSeconds(10L * i)).append("\",\"EventID\":4625,")
                    .append("\"Channel\":\"Security\",\"SourceName\":\"Microsoft-Windows-Security-Auditing\",")
                    .append("\"Hostname\":\"PC-07\",\"TargetUserName\":\"").append(user)
                    .append("\",\"TargetDomainName\":\"CLUSTER\",\"LogonType\":\"3\",\"IpAddress\":\"192.0.2.77\"}\n");
        }
        return body.toString();
    }

    /** The UTM (FortiGate) of every company: each company has one, so load can reach every company through it. */
    static Map<String, String> utms(Map<String, String> tokens) {
        Map<String, String> out = new TreeMap<>();
        tokens.forEach((k, v) -> {
            if (k.endsWith("-FGT")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** What every node of a test runs with: the same small rules folder, and the log line saying they are loaded. */
    static List<String> common(Path rules) {
        return List.of("--sukedachi.sigma.rules-dir=" + rules, "--logging.level.jp.sukedachi.app.sigma=INFO",
                "--sukedachi.notify.sweep-ms=3600000");
    }

    static final String RULES_LOADED = "Sigma: 2 rules loaded";

    /**
     * Starts an embedded-runtime node (role all) that seeds the demo world of {@code companies} companies into the
     * schema, and returns it once its device tokens are written. The Kafka tests stop it again: it only seeds.
     */
    static ClusterNode seeder(String name, Path data, TestDatabases.PostgresSchema pg, int companies,
            List<String> extra) throws Exception {
        return awaitSeeded(launchSeeder(name, data, pg, companies, extra));
    }

    /** {@link #seeder} without waiting: the other nodes may start beside it ({@link #awaitSeeded} after). */
    static ClusterNode launchSeeder(String name, Path data, TestDatabases.PostgresSchema pg, int companies,
            List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(pg.serverArgs());
        args.addAll(List.of("--sukedachi.demo=true", "--sukedachi.demo-world.traffic=false",
                "--sukedachi.demo-world.companies=" + companies));
        args.addAll(extra);
        return ClusterNode.launch(name, data, args);
    }

    static ClusterNode awaitSeeded(ClusterNode node) throws Exception {
        node.awaitHealthy();
        Path data = node.data();
        await(node.name() + " seeding the demo world", Duration.ofMinutes(2),
                () -> Files.exists(data.resolve("demo-devices.json")) && Files.exists(data.resolve("demo-credentials.json")));
        return node;
    }

    /** The simulated devices' tokens the seeder wrote, keyed {@code company/device}. */
    static Map<String, String> tokens(Path seederData) throws Exception {
        Map<String, String> tokens = new TreeMap<>();
        JsonNode t = JSON.readTree(seederData.resolve("demo-devices.json").toFile()).get("tokens");
        t.propertyNames().forEach(k -> tokens.put(k, t.get(k).asString()));
        return tokens;
    }

    static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }

    /** The shared database as the tests read it back. */
    record Db(String url) {
        Connection open() throws SQLException {
            return DriverManager.getConnection(url);
        }

        /** {@code company/device} → the device's id. */
        Map<String, UUID> devices() throws SQLException {
            Map<String, UUID> out = new TreeMap<>();
            query("select t.slug, d.name, d.id from device d join tenant t on t.id = d.tenant_id",
                    rs -> out.put(rs.getString(1) + "/" + rs.getString(2), rs.getObject(3, UUID.class)));
            return out;
        }

        /** Device id → events counted as parsed (the counters StageStore writes in the batch's transaction). */
        Map<UUID, Long> parsed() throws SQLException {
            Map<UUID, Long> out = new HashMap<>();
            query("select device_id, sum(parsed) from device_counter group by device_id",
                    rs -> out.put(rs.getObject(1, UUID.class), rs.getLong(2)));
            return out;
        }

        /** Records counted at all: parsed in the pipeline's transaction, or quarantined by the receiver. */
        long receivedTotal() throws SQLException {
            long[] sum = new long[1];
            query("select coalesce(sum(received), 0) from device_counter", rs -> sum[0] = rs.getLong(1));
            return sum[0];
        }

        long parsedTotal() throws SQLException {
            return parsed().values().stream().mapToLong(Long::longValue).sum();
        }

        /** Partition → position stored with the last committed batch of that stream. */
        Map<Integer, Long> positions() throws SQLException {
            Map<Integer, Long> out = new TreeMap<>();
            String prefix = "pipeline:kafka:" + TOPIC + ":";
            query("select consumer, last_offset from pipeline_offset", rs -> {
                String c = rs.getString(1);
                if (c.startsWith(prefix)) {
                    out.put(Integer.parseInt(c.substring(prefix.length())), rs.getLong(2));
                }
            });
            return out;
        }

        /**
         * Every alert as {@code company | group key | detectors | severity | count}, device ids in group keys
         * replaced by the device's name (two schemas seeded apart have different ids for the same device).
         */
        List<String> alerts() throws SQLException {
            Map<String, String> names = new HashMap<>();
            query("select id, name from device", rs -> names.put(rs.getString(1), rs.getString(2)));
            List<String> out = new ArrayList<>();
            query("select t.slug, a.group_key, a.detectors, a.severity, a.event_count from alert a"
                    + " join tenant t on t.id = a.tenant_id", rs -> {
                        String key = rs.getString(2);
                        for (var e : names.entrySet()) {
                            key = key.replace(e.getKey(), "device:" + e.getValue());
                        }
                        out.add(rs.getString(1) + " | " + key + " | " + rs.getString(3) + " | " + rs.getString(4)
                                + " | " + rs.getLong(5));
                    });
            out.sort(null);
            return out;
        }

        /** Company slug → its id (the Kafka record key of its events). */
        Map<String, String> companies() throws SQLException {
            Map<String, String> out = new TreeMap<>();
            query("select slug, id from tenant", rs -> out.put(rs.getString(1), rs.getString(2)));
            return out;
        }

        /** Detections of a rule per company. */
        Map<String, Long> detectionsOfRule(String ruleId) throws SQLException {
            Map<String, Long> out = new TreeMap<>();
            try (Connection c = open(); var st = c.prepareStatement("select t.slug, count(*) from detection d"
                    + " join tenant t on t.id = d.tenant_id where d.rule_id = ? group by t.slug")) {
                st.setString(1, ruleId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        }

        interface Row {
            void read(ResultSet rs) throws SQLException;
        }

        void query(String sql, Row row) throws SQLException {
            try (Connection c = open(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    /**
     * Records in the topic after the positions the workers stored (committed records only, as the workers read): 0
     * when every acknowledged event has been handled. Read from the topic itself, so it does not trust the runtime's
     * own lag gauge.
     */
    static long unprocessed(String bootstrap, Map<Integer, Long> positions) {
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
                consumer.seek(tp, positions.getOrDefault(tp.partition(), -1L) + 1);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read the topic to its end within 20 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() > positions.getOrDefault(r.partition(), -1L)) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    /** The workers' group as Kafka sees it: member id → partitions assigned to it. */
    static Map<String, java.util.Set<Integer>> assignment(String bootstrap, String group) throws Exception {
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
    static Map<Integer, java.util.Set<String>> keysByPartition(String bootstrap) {
        Map<Integer, java.util.Set<String>> out = new TreeMap<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(TOPIC, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(TOPIC, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.partition(), k -> new java.util.TreeSet<>())
                            .add(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    /**
     * Until every acknowledged event is handled: nothing left in the topic after the stored positions, and the
     * counted total equal to {@code expected} (or, when it never gets there, the test's assertions say by how much).
     */
    static void awaitDrained(Db db, String bootstrap, long expected, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (unprocessed(bootstrap, db.positions()) == 0 && db.parsedTotal() >= expected) {
                return;
            }
            Thread.sleep(500);
        }
    }
}
