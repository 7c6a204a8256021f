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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jp.sukedachi.app.support.ServerProcess;
import jp.sukedachi.event.EventCodec;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.journal.Journal;
import jp.sukedachi.ingest.journal.JournalConfig;
import jp.sukedachi.ingest.journal.JournalReader;
import jp.sukedachi.ingest.journal.JournalRecord;
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
            try {
                String token = deviceToken(port, round);
                int before = acknowledged.size();
                load(port, token, nextId, acknowledged, Duration.ofMillis(2500));
                assertThat(acknowledged.size()).as("round %d acknowledged something", round).isGreaterThan(before);
            } finally {
                server.kill();
                stop.set(true);
                for (Thread t : clients) {
                    t.join(10_000);
                }
            }
            Map<Long, Integer> onDisk = journalIds();
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

    /** Two clients post batches of 100 uniquely numbered events; they stop when told or when the server dies. */
    private List<Thread> clients = new ArrayList<>();
    private AtomicBoolean stop = new AtomicBoolean();

    private void load(int port, String token, AtomicLong nextId, Set<Long> acknowledged, Duration duration)
            throws InterruptedException {
        stop = new AtomicBoolean();
        clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            clients.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    List<Long> ids = new ArrayList<>();
                    StringBuilder body = new StringBuilder();
                    for (int i = 0; i < 100; i++) {
                        long id = nextId.incrementAndGet();
                        ids.add(id);
                        body.append("{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":").append(id)
                                .append(",\"event_type\":\"dns\",\"src_ip\":\"10.0.0.5\",\"src_port\":5353,")
                                .append("\"dest_ip\":\"192.0.2.53\",\"dest_port\":53,\"proto\":\"UDP\",")
                                .append("\"dns\":{\"type\":\"query\",\"rrname\":\"crash.example\"}}\n");
                    }
                    try {
                        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest"))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 202 && JSON.readTree(r.body()).get("accepted").asInt() == 100) {
                            acknowledged.addAll(ids);
                        }
                    } catch (IOException | InterruptedException e) {
                        return; // the server is gone
                    }
                }
            }));
        }
        // The caller kills the server while these requests are still in flight.
        Thread.sleep(duration.toMillis());
    }

    private Map<Long, Integer> journalIds() throws Exception {
        Map<Long, Integer> counts = new HashMap<>();
        try (Journal journal = Journal.open(data.resolve("journal"), JournalConfig.defaults())) {
            try (JournalReader reader = journal.reader("crash-check", -1)) {
                List<JournalRecord> batch;
                while (!(batch = reader.poll(10_000, Duration.ofMillis(50))).isEmpty()) {
                    for (JournalRecord r : batch) {
                        SecurityEvent e = EventCodec.decode(r.payload());
                        String id = e.original("flow_id");
                        if (id != null) {
                            counts.merge(Long.parseLong(id), 1, Integer::sum);
                        }
                    }
                }
            }
            // A check must not hold back retention or count as a lagging consumer afterwards.
            journal.removeConsumer("crash-check");
        }
        return counts;
    }

}
