package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/ingest} is answered by {@link IngestFastPath} before Spring Security and MVC (the dispatcher
 * never sees it: no handler on the result, none of the security chain's headers), with the answers and refusals the
 * receiver always gave; and a device sending many requests a second has its last-seen time written once a second.
 */
@SpringBootTest
@AutoConfigureMockMvc
class IngestFastPathTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    DeviceService devices;
    @Autowired
    DeviceDirectory directory;
    @Autowired
    IngestFastPath fastPath;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    MeterRegistry meters;

    String token;
    UUID deviceId;

    @BeforeEach
    void device() {
        var admin = world.admin().actor();
        var tenant = world.tenant(admin, TestWorld.unique("fast"));
        var registered = devices.register(admin, tenant.id(), new DeviceDraft("sshd-" + TestWorld.unique("d"), "endpoint",
                "sshd", List.of()));
        token = registered.token();
        deviceId = registered.device().id();
    }

    private static final String SSHD = "Dec 10 06:55:46 LabSZ sshd[24200]: Failed password for invalid user webmaster "
            + "from 173.234.31.186 port 38926 ssh2\n";

    @Test
    void aDevicesBatchIsAcceptedWithoutMvcOrTheSecurityChain() throws Exception {
        MvcResult r = mvc.perform(post("/api/v1/ingest").header("Authorization", "Bearer " + token)
                .contentType("application/x-ndjson").content((SSHD + SSHD + "x".repeat(IngestService.MAX_RECORD_CHARS + 1) + "\n").getBytes(StandardCharsets.UTF_8)))
                .andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(202);
        JsonNode body = json.readTree(r.getResponse().getContentAsString());
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("quarantined").asInt()).isEqualTo(1);
        assertThat(body.get("quarantineKept").asInt()).isEqualTo(1);
        assertThat(body.get("quarantineDropped").asInt()).isZero();
        assertThat(r.getResponse().getContentType()).startsWith("application/json");
        assertThat(r.getResponse().getContentLength()).isEqualTo(r.getResponse().getContentAsByteArray().length);
        assertThat(r.getHandler()).as("the dispatcher never ran").isNull();
        assertThat(r.getResponse().getHeader("X-XSS-Protection")).as("the security chain never ran").isNull();
        assertThat(r.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");

        // The HTTP metrics still name the endpoint, as MVC's mapping did.
        assertThat(meters.find("http.server.requests").tag("uri", "/api/v1/ingest").tag("status", "202").timer())
                .isNotNull();

        // For contrast: the Elasticsearch handshake next to it still goes through both.
        MvcResult root = mvc.perform(get("/api/v1/")).andReturn();
        assertThat(root.getHandler()).isNotNull();
        assertThat(root.getResponse().getHeader("X-XSS-Protection")).isNotNull();
    }

    @Test
    void aWrongTokenIsRefusedAndAuditedOnTheFastPath() throws Exception {
        long before = rejectedTokens();
        MvcResult r = mvc.perform(post("/api/v1/ingest").header("Authorization", "Bearer sdt_not-a-token")
                .contentType("application/x-ndjson").content(SSHD)).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(401);
        assertThat(json.readTree(r.getResponse().getContentAsString()).get("error").asString()).isEqualTo("invalid_device_token");
        assertThat(r.getHandler()).isNull();
        assertThat(rejectedTokens()).isEqualTo(before + 1);
    }

    private long rejectedTokens() {
        return jdbc.sql("select count(*) from audit_event where action = 'DEVICE_TOKEN_REJECTED' and detail = '/api/v1/ingest'")
                .query(Long.class).single();
    }

    @Test
    void refusalsOnTheFastPathAreAnsweredByTheSameExceptionHandlersAsBefore() throws Exception {
        // An unknown format: the API's problem detail (IllegalArgumentException → 400).
        MvcResult unknown = mvc.perform(post("/api/v1/ingest?format=nope").header("Authorization", "Bearer " + token)
                .contentType("application/x-ndjson").content(SSHD)).andReturn();
        assertThat(unknown.getResponse().getStatus()).as(unknown.getResponse().getContentAsString()).isEqualTo(400);
        assertThat(unknown.getResponse().getContentAsString()).contains("unknown format: nope");
        // A body that says gzip but is not: the receivers' refusal (RequestBodies.Refused → its status and error).
        MvcResult gzip = mvc.perform(post("/api/v1/ingest").header("Authorization", "Bearer " + token)
                .header("Content-Encoding", "gzip").contentType("application/x-ndjson").content(SSHD)).andReturn();
        assertThat(gzip.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(gzip.getResponse().getContentAsString()).get("error").asString()).isEqualTo("bad_gzip");
        assertThat(List.of(unknown.getHandler() == null, gzip.getHandler() == null)).containsOnly(true);
        // Nothing of either was kept.
        assertThat(jdbc.sql("select count(*) from quarantine where device_id = :d").param("d", deviceId).query(Long.class)
                .single()).isZero();
    }

    @Test
    void onlyAPostToAReceiversPathSpelledPlainlyTakesTheFastPath() {
        assertThat(fastPath.shouldNotFilter(request("POST", "", "/api/v1/ingest"))).isFalse();
        assertThat(fastPath.shouldNotFilter(request("POST", "/sk", "/sk/api/v1/ingest"))).isFalse();
        assertThat(fastPath.shouldNotFilter(request("POST", "", "/api/v1/es/logs-x/_bulk"))).isFalse();
        assertThat(fastPath.shouldNotFilter(request("GET", "", "/api/v1/ingest"))).isTrue();
        assertThat(fastPath.shouldNotFilter(request("post", "", "/api/v1/ingest"))).isTrue();
        assertThat(fastPath.shouldNotFilter(request("POST", "", "/api/v1/ingestion"))).isTrue();
        assertThat(fastPath.shouldNotFilter(request("POST", "/sk", "/api/v1/ingest"))).isTrue();
        assertThat(fastPath.shouldNotFilter(request("POST", "", "/api/v1/tenants"))).isTrue();

        assertThat(IngestFastPath.route("/api/v1/ingest")).isEqualTo(new IngestFastPath.Route(false, false, null));
        for (String pattern : List.of("/api/v1/ingest", "/api/v1/_bulk", "/api/v1/es/_bulk", "/api/v1/{index}/_bulk",
                "/api/v1/es/{index}/_bulk")) {
            String path = pattern.replace("{index}", "logs-x");
            assertThat(IngestFastPath.route(path).pattern()).as(path).isEqualTo(pattern);
        }
        assertThat(IngestFastPath.route("/api/v1/_bulk")).isEqualTo(new IngestFastPath.Route(true, false, null));
        assertThat(IngestFastPath.route("/api/v1/es/_bulk")).isEqualTo(new IngestFastPath.Route(true, true, null));
        assertThat(IngestFastPath.route("/api/v1/winlogbeat-8/_bulk")).isEqualTo(new IngestFastPath.Route(true, false, "winlogbeat-8"));
        assertThat(IngestFastPath.route("/api/v1/es/filebeat/_bulk")).isEqualTo(new IngestFastPath.Route(true, true, "filebeat"));
        // Left to MVC, which decodes and matches them itself.
        assertThat(IngestFastPath.route("/api/v1/a%2Fb/_bulk")).isNull();
        assertThat(IngestFastPath.route("/api/v1/a;x=1/_bulk")).isNull();
        assertThat(IngestFastPath.route("/api/v1/a/b/_bulk")).isNull();
        assertThat(IngestFastPath.route("/api/v1//_bulk")).isNull();
        assertThat(IngestFastPath.route("/api/v1/x_bulk")).isNull();
        assertThat(IngestFastPath.route("/api/v1/ingest/")).isNull();
        assertThat(IngestFastPath.route("/api/v1/es//_bulk")).isNull();
    }

    @Test
    void aBulkRequestIsAnsweredOnTheFastPathWithItsIndexAndItemsAsElasticsearchDoes() throws Exception {
        String body = "{\"create\":{}}\n{\"message\":\"" + SSHD.strip() + "\"}\n{\"index\":{\"_index\":\"other\"}}\n"
                + "{\"message\":\"" + "y".repeat(IngestService.MAX_RECORD_CHARS + 1) + "\"}\n";
        MvcResult r = mvc.perform(post("/api/v1/filebeat-9/_bulk").header("Authorization", "ApiKey " + token)
                .contentType("application/json").content(body)).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(r.getHandler()).isNull();
        assertThat(r.getResponse().getHeader("X-Elastic-Product")).isEqualTo("Elasticsearch");
        JsonNode answer = json.readTree(r.getResponse().getContentAsString());
        assertThat(answer.get("errors").asBoolean()).isTrue();
        assertThat(answer.get("items").get(0).get("create").get("_index").asString()).isEqualTo("filebeat-9");
        assertThat(answer.get("items").get(0).get("create").get("status").asInt()).isEqualTo(201);
        assertThat(answer.get("items").get(1).get("index").get("_index").asString()).isEqualTo("other");
        assertThat(answer.get("items").get(1).get("index").get("status").asInt()).isEqualTo(400);
        // A malformed action line: refused whole by the receivers' handler, nothing kept.
        MvcResult bad = mvc.perform(post("/api/v1/_bulk").header("Authorization", "Bearer " + token)
                .contentType("application/json").content("not json\n{}\n")).andReturn();
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString()).contains("illegal_argument_exception", "line 1");
        assertThat(bad.getHandler()).isNull();
    }

    @Test
    void aDeviceSendingManyRequestsASecondIsMarkedSeenOnceASecond() {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        directory.touch(deviceId, t0);
        assertThat(lastSeen()).isEqualTo(t0);
        directory.touch(deviceId, t0.plusMillis(400));
        assertThat(lastSeen()).as("within the second: not written again").isEqualTo(t0);
        directory.touch(deviceId, t0.plusMillis(1_000));
        assertThat(lastSeen()).isEqualTo(t0.plusMillis(1_000));
        directory.touch(deviceId, t0.plus(5, ChronoUnit.MINUTES));
        assertThat(lastSeen()).isEqualTo(t0.plus(5, ChronoUnit.MINUTES));
    }

    private Instant lastSeen() {
        return jdbc.sql("select last_seen_at from device where id = :id").param("id", deviceId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
    }

    private static MockHttpServletRequest request(String method, String context, String uri) {
        MockHttpServletRequest r = new MockHttpServletRequest(method, uri);
        r.setContextPath(context);
        return r;
    }
}
