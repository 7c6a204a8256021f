package jp.sukedachi.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API of a {@link ServerProcess} with the demo admin's API key from its data folder. */
public final class DemoApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String apiKey;

    public DemoApi(int port, Path demoData) throws IOException {
        this.port = port;
        this.apiKey = JSON.readTree(demoData.resolve("demo-credentials.json").toFile()).get("apiKey").asString();
    }

    public HttpResponse<String> call(String method, String path, String contentType, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + apiKey);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode json(String path) throws Exception {
        var r = call("GET", path, null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    public void importIndicator(String ip) throws Exception {
        var r = call("POST", "/api/v1/intel/import?source=test-c2&format=list", "text/plain", ip + "\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Registers a Suricata sensor at the demo's first company; its id and token. */
    public Registered registerSensor(String name) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"kind\":\"ids-sensor\",\"format\":\"suricata-eve\"}";
        var r = call("POST", "/api/v1/tenants/" + TENANT + "/devices", "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode n = JSON.readTree(r.body());
        return new Registered(java.util.UUID.fromString(n.get("id").asString()), n.get("token").asString());
    }

    public static final String TENANT = "sakura-seiki";

    /** Posts NDJSON records with a device token; all must be acknowledged. */
    public void send(String deviceToken, String ndjson) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest"))
                .header("Authorization", "Bearer " + deviceToken).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(JSON.readTree(r.body()).get("accepted").asLong()).isEqualTo(ndjson.lines().count());
    }

    public record Registered(java.util.UUID id, String token) {
    }

    /** The device's counters summed over its hours: received, parsed, quarantined. */
    public long[] counters(java.util.UUID device) throws Exception {
        long[] sum = new long[3];
        for (JsonNode h : json("/api/v1/tenants/" + TENANT + "/devices/" + device).get("counters")) {
            sum[0] += h.get("received").asLong();
            sum[1] += h.get("parsed").asLong();
            sum[2] += h.get("quarantined").asLong();
        }
        return sum;
    }

    /** Until the server's pipeline has committed everything in its journal (twice in a row, half a second apart). */
    public void awaitDrained(Path data) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int zero = 0;
        String last = "";
        while (System.nanoTime() < deadline) {
            var r = call("GET", "/actuator/prometheus", null, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            last = r.body().lines().filter(l -> l.startsWith("sukedachi_journal_unconsumed_bytes")).findFirst().orElse("");
            zero = last.endsWith(" 0.0") ? zero + 1 : 0;
            if (zero >= 2) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the pipeline did not drain: " + last + "; " + ServerProcess.tail(data));
    }
}
