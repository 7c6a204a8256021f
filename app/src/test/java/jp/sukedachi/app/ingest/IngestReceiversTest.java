package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The receivers end to end: the admin API creates a tenant and devices, devices send over HTTP
 * (plain and gzip), the Elasticsearch bulk API (as Filebeat and Winlogbeat shape it) and syslog over
 * UDP and TCP; what was accepted shows up in the events API after the journal, bad lines in the
 * quarantine with their reason, and the counters add up.
 */
@SpringBootTest(properties = {"sukedachi.syslog.port=0", "sukedachi.ingest.counter-flush-ms=200"})
@AutoConfigureMockMvc
class IngestReceiversTest {
    static final Path EVE = Path.of(System.getProperty("sukedachi.repo.root", ".."))
            .resolve("../shared/datasets/suricata-verify-eve/dns-tcp-www-google-com.eve.json").normalize();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    ApiKeyService apiKeys;
    @Autowired
    ObjectMapper json;
    @Autowired
    SyslogReceiver syslog;
    @Autowired
    AuditRepository audit;

    String adminKey;
    String slug;

    @BeforeEach
    void tenant() throws Exception {
        var admin = world.admin();
        adminKey = apiKeys.create(admin.actor(), "test").secret();
        slug = TestWorld.unique("feed").toLowerCase();
        var created = mvc.perform(post("/api/v1/tenants").header("Authorization", "Bearer " + adminKey)
                .contentType(MediaType.APPLICATION_JSON).content("{\"slug\":\"" + slug + "\",\"name\":\"" + slug + " 株式会社\"}"))
                .andReturn().getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
    }

    JsonNode register(String name, String kind, String format, List<String> ips) throws Exception {
        var response = mvc.perform(post("/api/v1/tenants/" + slug + "/devices").header("Authorization", "Bearer " + adminKey)
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(java.util.Map.of(
                        "name", name, "kind", kind, "format", format, "sourceIps", ips))))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return json.readTree(response.getContentAsString());
    }

    JsonNode events(String deviceId, int expectAtLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode events;
        do {
            events = json.readTree(mvc.perform(get("/api/v1/tenants/" + slug + "/events").param("device", deviceId)
                    .param("limit", "200").header("Authorization", "Bearer " + adminKey)).andReturn().getResponse()
                    .getContentAsString());
            if (events.size() >= expectAtLeast) {
                return events;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return events;
    }

    @Test
    void httpIngestAcceptsLinesQuarantinesGarbageAndShowsTheEvents() throws Exception {
        JsonNode device = register("sensor-1", "ids-sensor", "suricata-eve", List.of());
        String token = device.get("token").asString();
        assertThat(token).startsWith("sdt_");
        List<String> lines = Files.readAllLines(EVE);
        String body = String.join("\n", lines) + "\nthis is not json at all\n";
        var response = mvc.perform(post("/api/v1/ingest").header("Authorization", "Bearer " + token).content(body))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(202);
        JsonNode result = json.readTree(response.getContentAsString());
        assertThat(result.get("accepted").asInt()).isEqualTo(lines.size());
        assertThat(result.get("quarantined").asInt()).isEqualTo(1);

        JsonNode events = events(device.get("id").asString(), lines.size());
        assertThat(events.size()).isEqualTo(lines.size());
        assertThat(events.toString()).contains("www.google.com").contains("suricata-eve");

        JsonNode quarantine = json.readTree(mvc.perform(get("/api/v1/tenants/" + slug + "/quarantine")
                .header("Authorization", "Bearer " + adminKey)).andReturn().getResponse().getContentAsString());
        assertThat(quarantine.size()).isEqualTo(1);
        assertThat(quarantine.get(0).get("record").asString()).isEqualTo("this is not json at all");
        assertThat(quarantine.get(0).get("reason").asString()).isNotBlank();

        // gzip bodies are accepted too
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(lines.get(0).getBytes(StandardCharsets.UTF_8));
        }
        var gzipped = mvc.perform(post("/api/v1/ingest").header("Authorization", "Bearer " + token)
                .header("Content-Encoding", "gzip").content(gz.toByteArray())).andReturn().getResponse();
        assertThat(json.readTree(gzipped.getContentAsString()).get("accepted").asInt()).isEqualTo(1);

        Thread.sleep(400);
        JsonNode view = json.readTree(mvc.perform(get("/api/v1/tenants/" + slug + "/devices/" + device.get("id").asString())
                .header("Authorization", "Bearer " + adminKey)).andReturn().getResponse().getContentAsString());
        JsonNode hour = view.get("counters").get(0);
        assertThat(hour.get("received").asLong()).isEqualTo(lines.size() + 2);
        assertThat(hour.get("parsed").asLong()).isEqualTo(lines.size() + 1);
        assertThat(hour.get("quarantined").asLong()).isEqualTo(1);
        assertThat(view.get("device").get("lastSeenAt").isNull()).isFalse();
    }

    @Test
    void aWrongDeviceTokenIsRefusedAndAudited() throws Exception {
        var response = mvc.perform(post("/api/v1/ingest").header("Authorization", "Bearer sdt_forged").content("x"))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(mvc.perform(post("/api/v1/_bulk").content("{}\n{}\n")).andReturn().getResponse().getStatus()).isEqualTo(401);
        assertThat(audit.find(world.admin().actor(), new AuditRepository.Filter("DEVICE_TOKEN_REJECTED", null, null, null, null)))
                .isNotEmpty();
    }

    @Test
    void theElasticsearchBulkApiTakesFilebeatAndWinlogbeatDocuments() throws Exception {
        JsonNode device = register("shipper-1", "shipper", "auto", List.of());
        String token = device.get("token").asString();
        var root = mvc.perform(get("/api/v1/es").header("Authorization", "ApiKey " + token)).andReturn().getResponse();
        assertThat(root.getHeader("X-Elastic-Product")).isEqualTo("Elasticsearch");
        assertThat(root.getContentAsString()).contains("\"number\"");

        String eve = Files.readAllLines(EVE).get(0);
        String bulk = """
                {"create":{"_index":"filebeat-8.15.0"}}
                {"@timestamp":"2026-11-22T01:00:00.000Z","message":%s,"log":{"file":{"path":"/var/log/suricata/eve.json"}}}
                {"index":{"_index":"logs"}}
                %s
                """.formatted(json.writeValueAsString(eve), eve);
        // Filebeat's api_key setting sends "ApiKey base64(id:key)".
        String apiKey = java.util.Base64.getEncoder().encodeToString(("device:" + token).getBytes(StandardCharsets.UTF_8));
        var response = mvc.perform(post("/api/v1/es/_bulk").header("Authorization", "ApiKey " + apiKey)
                .contentType("application/x-ndjson").content(bulk)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode answer = json.readTree(response.getContentAsString());
        assertThat(answer.get("errors").asBoolean()).isFalse();
        assertThat(answer.get("items").size()).isEqualTo(2);
        assertThat(answer.get("items").get(0).has("create")).isTrue();
        assertThat(events(device.get("id").asString(), 2).size()).isEqualTo(2);
    }

    @Test
    void syslogOverUdpAndTcpIsAttributedBySourceAddress() throws Exception {
        JsonNode device = register("utm-1", "utm", "auto", List.of("127.0.0.1"));
        syslog.reloadSources();
        String line = "<134>Nov 22 10:00:00 fw1 sshd[123]: Failed password for invalid user admin from 203.0.113.9 port 4444 ssh2";
        try (DatagramSocket udp = new DatagramSocket()) {
            byte[] data = line.getBytes(StandardCharsets.UTF_8);
            udp.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), syslog.port()));
        }
        try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), syslog.port())) {
            String framed = "<134>Nov 22 10:00:01 fw1 sshd[124]: Accepted password for alice from 198.51.100.7 port 5555 ssh2";
            byte[] bytes = framed.getBytes(StandardCharsets.UTF_8);
            OutputStream out = tcp.getOutputStream();
            out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("<134>Nov 22 10:00:02 fw1 sshd[125]: Connection closed by 198.51.100.7 port 5555\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        JsonNode events = events(device.get("id").asString(), 3);
        assertThat(events.size()).isEqualTo(3);
        assertThat(events.toString()).contains("203.0.113.9").contains("198.51.100.7");
    }
}
