package jp.sukedachi.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.testkit.KafkaTestBroker;
import jp.sukedachi.testkit.cluster.Await;
import jp.sukedachi.testkit.cluster.ClusterDb;
import jp.sukedachi.testkit.cluster.ClusterLoad;
import jp.sukedachi.testkit.cluster.ClusterNode;
import jp.sukedachi.testkit.cluster.ClusterTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover (issue 20): one Kafka receiver and two worker processes on one PostgreSQL schema, HTTP load for twenty
 * companies; one worker is killed with SIGKILL in the middle of it. The other takes its partitions, resumes each after
 * the position stored with the last committed batch (with the detectors' states of then), and in the end every device
 * has counted exactly the events the receiver acknowledged for it: none lost, none twice. Every company also has a
 * Sigma correlation (five failed logons of one user in ten minutes) three-fifths done when the worker dies; the two
 * logons after the kill complete it, so it fires once for every company, also those whose partition moved.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class WorkerFailoverTest {
    static final int COMPANIES = 20;
    static final String GROUP = ClusterTopic.GROUP;

    @TempDir
    Path temp;

    @Test
    void aWorkerKilledUnderLoadLosesNoEventCountsNoneTwiceAndAnOpenCorrelationStillFires() throws Exception {
        long t0 = System.nanoTime();
        Path rules = ClusterWorld.sigmaRules(temp);
        List<String> common = ClusterWorld.common(rules);
        TestDatabases.PostgresSchema pg = TestDatabases.postgresSchema();
        ClusterDb db = new ClusterDb(pg.url());
        List<ClusterNode> nodes = new ArrayList<>();
        try (KafkaTestBroker broker = KafkaTestBroker.start(temp.resolve("kafka"))) {
            ClusterWorld.Cluster cluster = ClusterWorld.launchCluster("failover", temp, pg, broker.bootstrap(),
                    COMPANIES, 2, common, nodes);
            ClusterNode receiver = cluster.receiver();
            List<ClusterNode> workers = cluster.workers();
            Map<String, String> utms = cluster.utms();
            assertThat(utms).hasSize(COMPANIES);
            long started = System.nanoTime();

            // Event time: a little in the past and the same for all load, so no window runs out while workers change.
            Instant eventTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(2));
            Map<String, String> users = new TreeMap<>();
            utms.keySet().forEach(d -> users.put(d, "cluster-" + d.substring(0, d.indexOf('/'))));
            try (ClusterLoad load = new ClusterLoad(receiver.base(), utms, eventTime)) {
                load.start(50, Duration.ofMillis(50));
                for (String device : utms.keySet()) {
                    assertThat(load.post(device, "windows", ClusterWorld.failedLogons(users.get(device), eventTime, 0, 3), 3))
                            .as(load.lastRefusal()).isEqualTo(202);
                }
                // The first three of every correlation committed (their detections are in), both workers at work.
                Await.until("three failed logons detected at every company", Duration.ofSeconds(90),
                        () -> detectedEverywhere(db, 3));
                Map<String, Set<Integer>> before = ClusterTopic.assignment(broker.bootstrap(), GROUP);
                assertThat(before).as("both workers in the group share the partitions").hasSize(2)
                        .allSatisfy((m, p) -> assertThat(p).isNotEmpty());
                Thread.sleep(2_000);

                ClusterNode killed = workers.get(0);
                killed.kill();
                long killedAt = System.nanoTime();
                Thread.sleep(1_000);
                for (String device : utms.keySet()) {
                    assertThat(load.post(device, "windows", ClusterWorld.failedLogons(users.get(device), eventTime, 3, 2), 2))
                            .as(load.lastRefusal()).isEqualTo(202);
                }
                Thread.sleep(5_000);
                load.close();

                long acknowledged = load.acknowledgedTotal();
                ClusterTopic.awaitDrained(db, broker.bootstrap(), acknowledged, Duration.ofSeconds(120));
                long drainedAt = System.nanoTime();
                Thread.sleep(2_000); // a late duplicate would show now

                Map<String, Set<Integer>> after = ClusterTopic.assignment(broker.bootstrap(), GROUP);
                Set<Integer> moved = new HashSet<>();
                before.forEach((member, partitions) -> {
                    if (!after.containsKey(member)) {
                        moved.addAll(partitions);
                    }
                });
                assertThat(after).as("the survivor holds every partition").hasSize(1)
                        .allSatisfy((m, p) -> assertThat(p).hasSize(12));
                assertThat(moved).as("the killed worker's partitions moved").isNotEmpty();

                Map<String, UUID> ids = db.devices();
                Map<UUID, Long> parsed = db.parsed();
                Map<String, Long> counted = new TreeMap<>();
                load.acknowledged().keySet().forEach(d -> counted.put(d, parsed.getOrDefault(ids.get(d), 0L)));
                long countedTotal = counted.values().stream().mapToLong(Long::longValue).sum();
                long lost = 0;
                long duplicated = 0;
                for (var e : load.acknowledged().entrySet()) {
                    long diff = counted.get(e.getKey()) - e.getValue();
                    lost += Math.max(0, -diff);
                    duplicated += Math.max(0, diff);
                }
                Map<String, String> companies = db.companies();
                Map<Integer, Set<String>> keys = ClusterTopic.keysByPartition(broker.bootstrap());
                Set<String> onMoved = new java.util.TreeSet<>();
                companies.forEach((slug, id) -> moved.forEach(p -> {
                    if (keys.getOrDefault(p, Set.of()).contains(id)) {
                        onMoved.add(slug);
                    }
                }));
                Map<String, Long> fired = db.detectionsOfRule(ClusterWorld.FIVE_FAILED_ID);
                System.out.printf("failover: %d acknowledged, %d counted, lost %d, duplicated %d; responses %s;"
                        + " partitions moved %s (companies %s); lag 0 %d s after the kill; load and drain %d s,"
                        + " whole test %d s%n", acknowledged, countedTotal, lost, duplicated, load.statuses(), moved,
                        onMoved, (drainedAt - killedAt) / 1_000_000_000, (drainedAt - started) / 1_000_000_000,
                        (System.nanoTime() - t0) / 1_000_000_000);

                String logs = workers.get(1).tail();
                assertThat(acknowledged).as("load was acknowledged").isGreaterThan(1_000);
                assertThat(counted).as("per device: counted = acknowledged (lost %d, duplicated %d) %s", lost,
                        duplicated, logs).isEqualTo(load.acknowledged());
                assertThat(onMoved).as("some correlations were in progress on the killed worker's partitions")
                        .isNotEmpty();
                Map<String, Long> once = new TreeMap<>();
                companies.keySet().stream().filter(s -> users.values().contains("cluster-" + s))
                        .forEach(s -> once.put(s, 1L));
                assertThat(fired).as("the correlation fired once at every company " + logs).isEqualTo(once);
            }
        } finally {
            for (ClusterNode n : nodes) {
                n.close();
            }
        }
    }

    private static boolean detectedEverywhere(ClusterDb db, long n) {
        try {
            Map<String, Long> seen = db.detectionsOfRule(ClusterWorld.FAILED_LOGON_ID);
            return seen.size() == COMPANIES && seen.values().stream().allMatch(v -> v >= n);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
