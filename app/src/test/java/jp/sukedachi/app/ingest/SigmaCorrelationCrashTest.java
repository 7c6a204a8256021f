package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import jp.sukedachi.app.support.ServerProcess;
import jp.sukedachi.app.support.SigmaTestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Sigma correlation half-way through its window when the server is killed (SIGKILL, no shutdown): a real
 * server in its own JVM loads a failed-logon rule and "five failed logons of one user within ten minutes" from
 * a rules folder; three failed logons arrive over HTTP and are committed, the server is killed, started again
 * on the same data folder, and two more arrive. The window survived with the journal position, so the fifth
 * fires the correlation exactly once, after the restart (when the count started afresh it never fired).
 */
class SigmaCorrelationCrashTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TENANT = "sakura-seiki";
    private static final String BASE_ID = "6d2f7a10-4c3b-4e5d-8f9a-0b1c2d3e4f51";
    private static final String CORRELATION_ID = "6d2f7a10-4c3b-4e5d-8f9a-0b1c2d3e4f52";
    /** A user no demo record names, so only this test's events fall into the group. */
    private static final String USER = "crash-test-yamada";
    private static final String FAILED_LOGON = SigmaTestRules.failedLogon(BASE_ID, "Failed Logon (crash test)");
    private static final String FIVE_FAILED_LOGONS = SigmaTestRules.fiveFailedLogons(CORRELATION_ID, BASE_ID,
            "Five Failed Logons Within Ten Minutes (crash test)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    void aSigmaCorrelationHalfWayThroughItsWindowFiresOnceAfterASigkill() throws Exception {
        Path rules = data.resolve("sigma-rules");
        Files.createDirectories(rules.resolve("windows"));
        Files.writeString(rules.resolve("windows/failed-logon.yml"), FAILED_LOGON);
        Files.writeString(rules.resolve("windows/five-failed-logons.yml"), FIVE_FAILED_LOGONS);
        List<String> args = List.of("--sukedachi.sigma.rules-dir=" + rules);
        // Event i at t0 + i minutes: 0, 1, 2 before the kill, 3 and 4 after it, so all five span 4 minutes and one
        // 10-minute window holds them: gte 5 is reached by the 5th only (3 and 4 stay below). A window started afresh
        // at the restart would hold 2 (events 3, 4): never 5. The times lie in the past, so the event time never runs
        // past the window's end while the server restarts.
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));

        String token;
        Instant started = Instant.now();
        ServerProcess server = ServerProcess.start(data, args);
        try {
            awaitRules(server.port(), started);
            token = deviceToken(server.port());
            send(server.port(), token, t0, 0, 3);
            awaitBaseDetections(server.port(), 3);
            assertThat(correlations(server.port())).as("3 of 5: nothing yet").isEmpty();
        } finally {
            // At once after the commit is visible: what was committed must survive (H2 used to write it up to 500 ms
            // later, and this kill lost it).
            server.kill();
        }

        Instant restarted = Instant.now();
        server = ServerProcess.start(data, args);
        try {
            int port = server.port();
            awaitRules(port, restarted);
            // Negative control: 4 in the window (3 before the kill + 1) must not fire, so the 5th below is what
            // completes it.
            send(port, token, t0, 3, 1);
            awaitBaseDetections(port, 4);
            assertThat(correlations(port)).as("4 of 5 within the window: not yet").isEmpty();
            assertThat(correlationAlerts(port)).isEmpty();

            send(port, token, t0, 4, 1);
            awaitBaseDetections(port, 5);
            List<JsonNode> fired = correlations(port);
            assertThat(fired).as("5 of 5 across the SIGKILL: fires once; " + ServerProcess.tail(data)).hasSize(1);
            JsonNode detection = fired.getFirst();
            assertThat(Instant.parse(detection.get("createdAt").asString())).as("raised after the restart")
                    .isAfterOrEqualTo(restarted);
            JsonNode context = JSON.readTree(detection.get("context").asString());
            assertThat(context.get("sigma.correlation.count").asString()).as("counted across the restart").isEqualTo("5");
            assertThat(context.get("sigma.correlation.group.TargetUserName").asString()).isEqualTo(USER);

            List<JsonNode> alerts = correlationAlerts(port);
            assertThat(alerts).as("one alert for the correlation rule").hasSize(1);
            assertThat(alerts.getFirst().get("count").asLong()).isEqualTo(1);
        } finally {
            server.kill();
        }
    }

    private String apiKey() throws IOException {
        return JSON.readTree(data.resolve("demo-credentials.json").toFile()).get("apiKey").asString();
    }

    private HttpResponse<String> call(int port, String method, String path, String authorization, String body)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + authorization);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(int port, String path) throws Exception {
        var r = call(port, "GET", path, apiKey(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /**
     * Until the demo has written this start's API key (it does so after the server reports healthy, a new one on
     * every start) and the background load of the rules folder has both rules (none refused).
     */
    private void awaitRules(int port, Instant since) throws Exception {
        await("the demo credentials of this start", () -> credentialsWork(port, since));
        await("the Sigma rules loaded", () -> {
            JsonNode overview = get(port, "/api/v1/sigma/rules");
            assertThat(overview.get("summary").get("refused").asInt()).as(overview.toString()).isZero();
            return overview.get("summary").get("loaded").asInt() == 2;
        });
    }

    private boolean credentialsWork(int port, Instant since) throws Exception {
        Path credentials = data.resolve("demo-credentials.json");
        try {
            return Files.exists(credentials)
                    && !Files.getLastModifiedTime(credentials).toInstant().isBefore(since.truncatedTo(ChronoUnit.SECONDS))
                    && call(port, "GET", "/api/v1/sigma/rules", apiKey(), null).statusCode() == 200;
        } catch (IOException | RuntimeException halfWritten) {
            return false;
        }
    }

    private String deviceToken(int port) throws Exception {
        String body = "{\"name\":\"sigma-crash\",\"kind\":\"endpoint\",\"format\":\"windows\"}";
        var r = call(port, "POST", "/api/v1/tenants/" + TENANT + "/devices", apiKey(), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("token").asString();
    }

    /** Failed logons number {@code from} … {@code from + n - 1}, at t0 plus that many minutes (Winlogbeat/HELK JSON). */
    private void send(int port, String token, Instant t0, int from, int n) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            body.append("{\"@timestamp\":\"").append(t0.plus(Duration.ofMinutes(i))).append("\",\"EventID\":4625,")
                    .append("\"Channel\":\"Security\",\"SourceName\":\"Microsoft-Windows-Security-Auditing\",")
                    .append("\"Hostname\":\"PC-07\",\"TargetUserName\":\"").append(USER)
                    .append("\",\"TargetDomainName\":\"SAKURA\",\"LogonType\":\"3\",\"IpAddress\":\"192.0.2.77\"}\n");
        }
        var r = call(port, "POST", "/api/v1/ingest", token, body.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(JSON.readTree(r.body()).get("accepted").asInt()).as(r.body()).isEqualTo(n);
    }

    /**
     * Until the pipeline has committed {@code n} base-rule detections: a correlation found in the same batch is
     * committed in the same transaction, so it is visible by then too.
     */
    private void awaitBaseDetections(int port, int n) throws Exception {
        await(n + " failed-logon detections", () -> {
            int seen = detections(port, d -> BASE_ID.equals(d.get("ruleId").asString())).size();
            assertThat(seen).as("no more failed-logon detections than events").isLessThanOrEqualTo(n);
            return seen == n;
        });
    }

    private List<JsonNode> correlations(int port) throws Exception {
        return detections(port, d -> CORRELATION_ID.equals(d.get("ruleId").asString()));
    }

    private List<JsonNode> detections(int port, Predicate<JsonNode> filter) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode d : get(port, "/api/v1/tenants/" + TENANT + "/detections?limit=1000")) {
            if (filter.test(d)) {
                found.add(d);
            }
        }
        return found;
    }

    private List<JsonNode> correlationAlerts(int port) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode a : get(port, "/api/v1/tenants/" + TENANT + "/alerts?limit=1000")) {
            if (CORRELATION_ID.equals(a.get("ruleId").asString())) {
                found.add(a);
            }
        }
        return found;
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not in time: " + what + "; " + ServerProcess.tail(data));
            }
            Thread.sleep(200);
        }
    }
}
