package jp.sukedachi.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.simulate.Sender;
import jp.sukedachi.simulate.SimRecord;
import jp.sukedachi.simulate.SimWorld;
import jp.sukedachi.simulate.Simulator;
import jp.sukedachi.simulate.Story;
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
 * The same recorded input through both runtimes gives the same alerts (issue 20, "Equivalence"): the simulator with
 * the demo's fixed seed, eight companies (every attack case), twelve hours of office traffic with the cases compressed
 * into them, sent hour by hour through the real HTTP receivers of (a) an embedded-runtime node and (b) a Kafka receiver
 * and a Kafka worker, each on its own PostgreSQL schema seeded with the same demo world. Each hour is sent only once
 * the previous one is fully handled, so both runtimes see the same hours in the same order; within an hour the
 * embedded journal holds every company's records in one stream, the Kafka topic each company's in its partition.
 * Compared: every alert as (company, group key, detectors, severity, event count).
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class RuntimeEquivalenceTest {
    static final int COMPANIES = 8;
    static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    static final int HOURS = 12;

    @TempDir
    Path temp;

    @Test
    void theSameRecordedInputGivesTheSameAlertsInTheEmbeddedAndTheKafkaRuntime() throws Exception {
        long t0 = System.nanoTime();
        SimWorld world = SimWorld.of(COMPANIES, ClusterWorld.WORLD_SEED);
        Story story = new Story(START, START.plus(Duration.ofHours(HOURS)), ClusterWorld.WORLD_SEED);
        Simulator simulator = new Simulator(world, ClusterWorld.WORLD_SEED, 8, Simulator.Shape.OFFICE,
                story);
        List<List<SimRecord>> hours = new ArrayList<>();
        for (int h = 0; h < HOURS; h++) {
            hours.add(simulator.between(START.plus(Duration.ofHours(h)), START.plus(Duration.ofHours(h + 1))));
        }
        Path rules = ClusterWorld.sigmaRules(temp);
        List<String> common = ClusterWorld.common(rules);
        TestDatabases.PostgresSchema pgE = TestDatabases.postgresSchema();
        TestDatabases.PostgresSchema pgK = TestDatabases.postgresSchema();
        List<ClusterNode> nodes = new ArrayList<>();
        try (KafkaTestBroker broker = KafkaTestBroker.start(temp.resolve("kafka"))) {
            // Both schemas seeded side by side, by embedded nodes that stop again.
            ClusterNode seederE = ClusterWorld.launchSeeder("equivalence-seed-e", temp.resolve("seed-e"), pgE, COMPANIES,
                    common);
            nodes.add(seederE);
            ClusterNode seederK = ClusterWorld.launchSeeder("equivalence-seed-k", temp.resolve("seed-k"), pgK, COMPANIES,
                    common);
            nodes.add(seederK);
            Map<String, String> tokensE = seederE.awaitSeeded().demoTokens();
            Map<String, String> tokensK = seederK.awaitSeeded().demoTokens();
            seederE.stop();
            seederK.stop();
            nodes.clear();
            List<String> embeddedArgs = new ArrayList<>(pgE.serverArgs());
            embeddedArgs.addAll(common);
            List<String> receiverArgs = ClusterWorld.kafka("receiver", broker.bootstrap(), pgK, common);
            List<String> workerArgs = ClusterWorld.kafka("worker", broker.bootstrap(), pgK, common);
            ClusterNode embedded = ClusterNode.launch("equivalence-embedded", temp.resolve("e"), embeddedArgs);
            nodes.add(embedded);
            ClusterNode receiver = ClusterNode.launch("equivalence-receiver", temp.resolve("r"), receiverArgs);
            nodes.add(receiver);
            ClusterNode worker = ClusterNode.launch("equivalence-worker", temp.resolve("w"), workerArgs);
            nodes.add(worker);
            for (ClusterNode n : nodes) {
                n.awaitHealthy();
            }
            embedded.awaitLog(ClusterWorld.RULES_LOADED);
            worker.awaitLog(ClusterWorld.RULES_LOADED);
            long started = System.nanoTime();

            ClusterDb dbE = new ClusterDb(pgE.url());
            ClusterDb dbK = new ClusterDb(pgK.url());
            long sent = 0;
            try (Sender toE = new Sender(new Sender.Target(URI.create(embedded.base()), 0), tokensE, world, 1);
                    Sender toK = new Sender(new Sender.Target(URI.create(receiver.base()), 0), tokensK, world, 1)) {
                for (List<SimRecord> hour : hours) {
                    toE.send(hour);
                    toK.send(hour);
                    sent += hour.size();
                    dbE.awaitReceived(sent, Duration.ofSeconds(60), embedded);
                    dbK.awaitReceived(sent, Duration.ofSeconds(60), worker);
                }
            }
            // Every record counted; the Kafka worker also left nothing in the topic after its stored positions.
            ClusterTopic.awaitDrained(dbK, broker.bootstrap(), 0, Duration.ofSeconds(30));
            assertThat(ClusterTopic.unprocessed(broker.bootstrap(), dbK.positions())).isZero();

            List<String> alertsE = dbE.alerts();
            List<String> alertsK = dbK.alerts();
            System.out.printf("equivalence: %d records, %d alerts embedded, %d alerts Kafka, per detector %s;"
                    + " sending and handling %d s, whole test %d s%n", sent, alertsE.size(), alertsK.size(),
                    perDetector(alertsE), (System.nanoTime() - started) / 1_000_000_000,
                    (System.nanoTime() - t0) / 1_000_000_000);
            assertThat(alertsE).as("the input has attacks: the embedded runtime alerts on them").isNotEmpty();
            // The cases reach the detectors that keep state across batches (beaconing, mail bursts, a company's known
            // assets) and the provider-wide campaign correlation over several companies' partitions.
            assertThat(perDetector(alertsE).keySet().toString()).as(String.join("\n", alertsE))
                    .contains("intel", "beaconing", "mail-burst", "asset-watch", "campaign");
            assertThat(alertsK).as("the Kafka runtime's alerts (company | group key | detectors | severity | count);"
                    + " only in embedded: %s; only in Kafka: %s", ClusterDb.only(alertsE, alertsK), ClusterDb.only(alertsK, alertsE))
                    .containsExactlyElementsOf(alertsE);
        } finally {
            for (ClusterNode n : nodes) {
                n.close();
            }
        }
    }

    private static Map<String, Integer> perDetector(List<String> alerts) {
        Map<String, Integer> out = new TreeMap<>();
        alerts.forEach(a -> out.merge(a.split(" \\| ")[2], 1, Integer::sum));
        return out;
    }
}
