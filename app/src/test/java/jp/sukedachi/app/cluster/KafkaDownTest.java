package jp.sukedachi.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Kafka down (issue 20): a Kafka receiver and a worker under HTTP load; the broker is stopped. The receiver answers
 * 503 with Retry-After within its acknowledgement timeout (a plain HTTP client with default settings, as curl or a
 * shipper would), and keeps nothing of a refused request; once the broker is back, ingest resumes by itself and every
 * event acknowledged before, during and after the outage is counted exactly once.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class KafkaDownTest {
    static final int COMPANIES = 4;
    static final long ACK_TIMEOUT_MS = 3_000;

    @TempDir
    Path temp;

    @Test
    void withKafkaDownTheReceiverAnswers503WithRetryAfterLosesNothingAcknowledgedAndResumesWhenKafkaReturns()
            throws Exception {
        long t0 = System.nanoTime();
        List<String> common = new ArrayList<>(ClusterWorld.common(ClusterWorld.sigmaRules(temp)));
        common.add("--sukedachi.kafka.ack-timeout-ms=" + ACK_TIMEOUT_MS);
        TestDatabases.PostgresSchema pg = TestDatabases.postgresSchema();
        ClusterDb db = new ClusterDb(pg.url());
        List<ClusterNode> nodes = new ArrayList<>();
        try (KafkaTestBroker broker = KafkaTestBroker.start(temp.resolve("kafka"))) {
            ClusterWorld.Cluster cluster = ClusterWorld.launchCluster("down", temp, pg, broker.bootstrap(), COMPANIES,
                    1, common, nodes);
            ClusterNode receiver = cluster.receiver();
            ClusterNode worker = cluster.workers().getFirst();
            Map<String, String> utms = cluster.utms();

            Instant eventTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String device = utms.keySet().iterator().next();
            try (ClusterLoad load = new ClusterLoad(receiver.base(), utms, eventTime)) {
                load.start(20, Duration.ofMillis(100));
                Await.until("load acknowledged before the outage", Duration.ofSeconds(60),
                        () -> load.acknowledgedTotal() > 200);

                broker.stop();
                long stoppedAt = System.nanoTime();
                Refusal refused = plainPost(receiver.base(), utms.get(device), eventTime);
                long answeredIn = (System.nanoTime() - stoppedAt) / 1_000_000;
                load.refusedElsewhere(device, 1);
                assertThat(refused.status()).as("while Kafka is down: %s %s", refused.body(), receiver.tail())
                        .isEqualTo(503);
                assertThat(refused.retryAfter()).as("Retry-After").matches("[1-9][0-9]*");
                assertThat(refused.millis()).as("answered within the ack timeout and a little")
                        .isLessThan(ACK_TIMEOUT_MS + 3_000);
                long ackedDuringOutageStart = load.acknowledgedTotal();
                Thread.sleep(4_000);
                long refusedDuringOutage = load.count(503);

                broker.restart();
                long restartedAt = System.nanoTime();
                long before = load.count(202);
                Await.until("ingest acknowledged again after the broker returned", Duration.ofSeconds(90),
                        () -> load.count(202) > before + 5);
                long resumedIn = (System.nanoTime() - restartedAt) / 1_000_000;
                Thread.sleep(2_000);
                load.close();

                long acknowledged = load.acknowledgedTotal();
                ClusterTopic.awaitDrained(db, broker.bootstrap(), acknowledged, Duration.ofSeconds(90));
                Thread.sleep(2_000);
                Map<String, UUID> ids = db.devices();
                Map<UUID, Long> parsed = db.parsed();
                Map<String, Long> counted = new TreeMap<>();
                load.acknowledged().keySet().forEach(d -> counted.put(d, parsed.getOrDefault(ids.get(d), 0L)));
                System.out.printf("kafka down: 503 in %d ms (a plain client's request %d ms, Retry-After %s);"
                        + " load responses %s (503 during the outage: %d, acknowledged when it began %d);"
                        + " ingest resumed %d ms after the broker's restart; %d acknowledged, %d counted; whole test"
                        + " %d s%n", answeredIn, refused.millis(), refused.retryAfter(), load.statuses(),
                        refusedDuringOutage, ackedDuringOutageStart, resumedIn, acknowledged,
                        counted.values().stream().mapToLong(Long::longValue).sum(),
                        (System.nanoTime() - t0) / 1_000_000_000);
                assertThat(refusedDuringOutage).as("the load was refused too while Kafka was down").isPositive();
                // Nothing acknowledged may be lost; besides, only a refused request whose commit went through after all
                // (KafkaPipeline's contract: a commit that timed out) may have been kept: never more than was refused.
                Map<String, Long> refusedKept = new TreeMap<>();
                for (var e : load.acknowledged().entrySet()) {
                    long c = counted.get(e.getKey());
                    assertThat(c).as("%s: counted ≥ acknowledged (nothing lost) %s", e.getKey(), worker.tail())
                            .isGreaterThanOrEqualTo(e.getValue());
                    assertThat(c - e.getValue()).as("%s: kept beyond the acknowledged ≤ refused", e.getKey())
                            .isLessThanOrEqualTo(load.refused().get(e.getKey()));
                    refusedKept.put(e.getKey(), c - e.getValue());
                }
                System.out.printf("kafka down: refused events per device %s, of them kept %s%n", load.refused(),
                        refusedKept);
            }
        } finally {
            for (ClusterNode n : nodes) {
                n.close();
            }
        }
    }

    record Refusal(int status, String retryAfter, String body, long millis) {
    }

    /** One request as curl sends it: HttpURLConnection with its default settings (no timeouts of its own). */
    private static Refusal plainPost(String base, String token, Instant eventTime) throws Exception {
        long start = System.nanoTime();
        HttpURLConnection c = (HttpURLConnection) URI.create(base + "/api/v1/ingest?format=suricata-eve").toURL()
                .openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Authorization", "Bearer " + token);
        try (OutputStream out = c.getOutputStream()) {
            out.write(("{\"timestamp\":\"" + eventTime + "\",\"flow_id\":987654321,\"event_type\":\"flow\","
                    + "\"src_ip\":\"10.88.0.9\",\"src_port\":50000,\"dest_ip\":\"198.51.100.9\",\"dest_port\":443,"
                    + "\"proto\":\"TCP\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        var stream = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String body = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        String retryAfter = String.valueOf(c.getHeaderField("Retry-After"));
        c.disconnect();
        return new Refusal(status, retryAfter, body, (System.nanoTime() - start) / 1_000_000);
    }
}
