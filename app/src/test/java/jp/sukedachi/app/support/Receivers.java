package jp.sukedachi.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.event.EventCodec;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.journal.JournalReader;
import jp.sukedachi.ingest.journal.JournalRecord;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.embedded.EmbeddedPipeline;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A real server's receivers as a sender sees them: one company made through the admin API, devices
 * registered on it, raw HTTP requests, and what the journal (the durable store) holds per device.
 */
public final class Receivers {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminKey;
    private final ObjectMapper json;
    private final EventPipeline pipeline;
    private final String slug;

    /** A device as registered: its id and token. */
    public record Device(String id, String token) {
    }

    public Receivers(int port, String adminKey, ObjectMapper json, EventPipeline pipeline) throws Exception {
        this.base = "http://127.0.0.1:" + port;
        this.adminKey = adminKey;
        this.json = json;
        this.pipeline = pipeline;
        this.slug = TestWorld.unique("rcv").toLowerCase();
        HttpResponse<String> created = send(admin("/api/v1/tenants").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    public String base() {
        return base;
    }

    public String slug() {
        return slug;
    }

    public HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + adminKey)
                .timeout(Duration.ofSeconds(60));
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public Device device(String format) throws Exception {
        String body = json.writeValueAsString(Map.of("name", TestWorld.unique("dev"), "kind", "ids-sensor",
                "format", format, "sourceIps", List.of()));
        HttpResponse<String> r = send(admin("/api/v1/tenants/" + slug + "/devices").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode node = json.readTree(r.body());
        return new Device(node.get("id").asString(), node.get("token").asString());
    }

    /** The events of one device in the journal, read straight from it (they are there once a receiver answered). */
    public List<SecurityEvent> journal(Device device) throws Exception {
        String consumer = "test-" + UUID.randomUUID();
        var journal = ((EmbeddedPipeline) pipeline).journal();
        List<SecurityEvent> events = new ArrayList<>();
        try (JournalReader reader = journal.reader(consumer, -1)) {
            List<JournalRecord> batch;
            while (!(batch = reader.poll(10_000, Duration.ofMillis(20))).isEmpty()) {
                for (JournalRecord r : batch) {
                    SecurityEvent e = EventCodec.decode(r.payload());
                    if (e.device() != null && e.device().value().toString().equals(device.id())) {
                        events.add(e);
                    }
                }
            }
        } finally {
            journal.removeConsumer(consumer);
        }
        return events;
    }

    /** The device's quarantine, newest first. */
    public JsonNode quarantine(Device device) throws Exception {
        HttpResponse<String> r = send(admin("/api/v1/tenants/" + slug + "/quarantine?limit=1000&device=" + device.id()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /** The indicators an import stored under a source. */
    public int indicators(String source) throws Exception {
        HttpResponse<String> r = send(admin("/api/v1/intel/indicators?limit=10000&source=" + source));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body()).size();
    }
}
