package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * The promise of triage after a crash: alert counts are neither lost nor doubled. A real server (demo data)
 * runs in a separate JVM; an indicator is imported with the demo admin API key, clients post events that all
 * hit it, the server is killed with SIGKILL mid-stream, restarted on the same data folder and left to drain
 * the journal. Then the alert's event count must be at least the acknowledged events, at most the matching
 * records in the journal, and exactly the number of distinct such events there (a replayed batch is never
 * counted twice). Two rounds on the same data folder, the second growing the same alert.
 */
class AlertCrashTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String C2 = "203.0.113.199";
    private static final String HOST = "10.77.0.5";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    void alertCountsSurviveSigkillNeitherLostNorDoubled() throws Exception {
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong nextId = new AtomicLong();
        for (int round = 1; round <= 2; round++) {
            ServerProcess server = ServerProcess.start(data);
            int port = server.port();
            CrashLoad load = null;
            try {
                if (round == 1) {
                    importIndicator(port);
                }
                String token = deviceToken(port, round);
                int before = acknowledged.size();
                load = CrashLoad.start(port, token, nextId, acknowledged, id -> "{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":" + id + ",\"event_type\":\"flow\",\"src_ip\":\"" + HOST + "\",\"src_port\":50000,\"dest_ip\":\"" + C2 + "\",\"dest_port\":443,\"proto\":\"TCP\"}");
                Thread.sleep(2500); // the server is killed below while these requests are in flight
                assertThat(acknowledged.size()).as("round %d acknowledged something", round).isGreaterThan(before);
            } finally {
                server.kill();
                if (load != null) {
                    load.stop();
                }
            }
            // Restart on the same folder and let the pipeline catch up.
            server = ServerProcess.start(data);
            long count;
            try {
                count = drainedAlertCount(server.port());
            } finally {
                server.kill();
            }
            Map<Long, Integer> onDisk = CrashLoad.journalIds(data, "alert-crash-check", e -> C2.equals(e.get(jp.sukedachi.event.Ecs.DESTINATION_IP)));
            long records = onDisk.values().stream().mapToLong(Integer::longValue).sum();
            System.out.printf("alert crash round %d: %d acknowledged, %d journal records (%d distinct), alert count %d%n",
                    round, acknowledged.size(), records, onDisk.size(), count);
            assertThat(count).as("alert count ≥ acknowledged, round " + round).isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(count).as("alert count ≤ journal records hitting the indicator, round " + round)
                    .isLessThanOrEqualTo(records);
            assertThat(count).as("no event counted twice, round " + round).isEqualTo(onDisk.size());
        }
    }

    private String apiKey() throws IOException {
        return JSON.readTree(data.resolve("demo-credentials.json").toFile()).get("apiKey").asString();
    }

    private HttpResponse<String> call(int port, String method, String path, String contentType, String body)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + apiKey());
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void importIndicator(int port) throws Exception {
        var r = call(port, "POST", "/api/v1/intel/import?source=crash-c2&format=list", "text/plain", C2 + "\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private String deviceToken(int port, int round) throws Exception {
        String body = "{\"name\":\"alert-crash-" + round + "\",\"kind\":\"ids-sensor\",\"format\":\"suricata-eve\"}";
        var r = call(port, "POST", "/api/v1/tenants/sakura-seiki/devices", "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("token").asString();
    }

    /** The event count of the one alert about HOST and C2, once it stops changing (the journal is drained). */
    private long drainedAlertCount(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long last = -1;
        int stable = 0;
        while (System.nanoTime() < deadline) {
            var r = call(port, "GET", "/api/v1/tenants/sakura-seiki/alerts?limit=1000", null, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<JsonNode> mine = new ArrayList<>();
            for (JsonNode a : JSON.readTree(r.body())) {
                String text = a.toString().toLowerCase(java.util.Locale.ROOT);
                if (text.contains("ipv4:" + C2) && text.contains(HOST)) {
                    mine.add(a);
                }
            }
            assertThat(mine).as("one alert per key").hasSizeLessThanOrEqualTo(1);
            long count = mine.isEmpty() ? 0 : countOf(mine.getFirst());
            stable = count == last && count > 0 ? stable + 1 : 0;
            if (stable >= 6) {
                return count;
            }
            last = count;
            Thread.sleep(500);
        }
        throw new AssertionError("the alert count did not settle: " + last + "; " + ServerProcess.tail(data));
    }

    private static long countOf(JsonNode alert) {
        for (String field : new String[] {"count", "eventCount"}) {
            if (alert.has(field)) {
                return alert.get(field).asLong();
            }
        }
        throw new AssertionError("no count in " + alert);
    }


}
