package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jp.sukedachi.app.support.CrashLoad;
import jp.sukedachi.app.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The promise to a sender: a 202 means the events survive anything. A real server runs in a
 * separate JVM, clients post under load, the server is killed with SIGKILL mid-stream; then the
 * journal on disk must hold every acknowledged event exactly once. Two rounds on the same data folder,
 * so recovery after a kill is exercised too.
 */
class IngestCrashTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedEventSurvivesSigkillExactlyOnce() throws Exception {
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong nextId = new AtomicLong();
        for (int round = 1; round <= 2; round++) {
            ServerProcess server = ServerProcess.start(data);
            int port = server.port();
            CrashLoad load = null;
            try {
                String token = deviceToken(port, round);
                int before = acknowledged.size();
                load = CrashLoad.start(port, token, nextId, acknowledged, id -> "{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":" + id + ",\"event_type\":\"dns\",\"src_ip\":\"10.0.0.5\",\"src_port\":5353,\"dest_ip\":\"192.0.2.53\",\"dest_port\":53,\"proto\":\"UDP\",\"dns\":{\"type\":\"query\",\"rrname\":\"crash.example\"}}");
                Thread.sleep(2500); // the server is killed below while these requests are in flight
                assertThat(acknowledged.size()).as("round %d acknowledged something", round).isGreaterThan(before);
            } finally {
                server.kill();
                if (load != null) {
                    load.stop();
                }
            }
            Map<Long, Integer> onDisk = CrashLoad.journalIds(data, "crash-check", e -> true);
            List<Long> missing = acknowledged.stream().filter(id -> !onDisk.containsKey(id)).toList();
            List<Long> twice = onDisk.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            System.out.printf("crash round %d: %d acknowledged in all, %d on disk%n", round, acknowledged.size(), onDisk.size());
            assertThat(missing).as("acknowledged but lost in round " + round).isEmpty();
            assertThat(twice).as("stored twice in round " + round).isEmpty();
        }
    }

    private String deviceToken(int port, int round) throws Exception {
        JsonNode credentials = JSON.readTree(data.resolve("demo-credentials.json").toFile());
        String body = "{\"name\":\"crash-sensor-" + round + "\",\"kind\":\"ids-sensor\",\"format\":\"suricata-eve\"}";
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tenants/sakura-seiki/devices"))
                .header("Authorization", "Bearer " + credentials.get("apiKey").asString())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("token").asString();
    }


}
