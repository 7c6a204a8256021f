package jp.sukedachi.app.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Threat intelligence through the real application: feeds in (API and scheduled URL), a matching
 * event becomes a detection for its tenant, the allowlist silences it, a company's own indicator stays
 * its own until an analyst shares it, and the provider's list goes out as STIX and MISP.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class IntelIntegrationTest {
    static final Path DATASETS = Path.of(System.getProperty("sukedachi.repo.root", "..")).resolve("../shared/datasets")
            .normalize();

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
    IntelService intel;
    @Autowired
    IntelSourceRepository sources;

    String key;

    @BeforeEach
    void admin() {
        key = apiKeys.create(world.admin().actor(), "intel-test").secret();
    }

    private MockHttpServletRequestBuilder api(MockHttpServletRequestBuilder b) {
        return b.header("Authorization", "Bearer " + key);
    }

    private JsonNode call(MockHttpServletRequestBuilder b, int status) throws Exception {
        var r = mvc.perform(api(b)).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        String body = r.getContentAsString();
        return body.isEmpty() ? null : json.readTree(body);
    }

    private String tenant(String slug) throws Exception {
        call(post("/api/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .content("{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}"), 201);
        return call(post("/api/v1/tenants/" + slug + "/devices").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"sensor\",\"kind\":\"ids-sensor\",\"format\":\"suricata-eve\"}"), 201)
                .get("token").asString();
    }

    private static String eve(String destination) {
        return "{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":1,\"event_type\":\"flow\","
                + "\"src_ip\":\"10.0.0.5\",\"src_port\":50000,\"dest_ip\":\"" + destination + "\",\"dest_port\":443,"
                + "\"proto\":\"TCP\"}";
    }

    private void send(String token, String line) throws Exception {
        var r = mvc.perform(post("/api/v1/ingest").header("Authorization", "Bearer " + token).content(line))
                .andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(202);
    }

    private JsonNode detections(String slug, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode found;
        do {
            found = call(get("/api/v1/tenants/" + slug + "/detections"), 200);
            if (found.size() >= atLeast) {
                return found;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return found;
    }

    @Test
    void abuseChAndStixSamplesImportWithTheirCounts() throws Exception {
        JsonNode urlhaus = call(post("/api/v1/intel/import").param("source", "urlhaus-sample")
                .content(Files.readString(DATASETS.resolve("abusech-feed-samples/urlhaus_csv_recent_excerpt_20260226.csv"))), 200);
        assertThat(urlhaus.get("imported").asInt()).isEqualTo(10);
        assertThat(urlhaus.get("rejected").asInt()).isZero();
        JsonNode apt1 = call(post("/api/v1/intel/import").param("source", "apt1").param("format", "stix2")
                .content(Files.readString(DATASETS.resolve("oasis-stix21-examples/threat-reports/apt1.json"))), 200);
        assertThat(apt1.get("imported").asInt()).isEqualTo(10);
        assertThat(apt1.get("rejected").asInt()).isEqualTo(2);
        assertThat(apt1.get("errors").get(0).toString()).isNotBlank();
        assertThat(call(get("/api/v1/intel/sources"), 200).toString()).contains("urlhaus-sample").contains("apt1");
        assertThat(call(post("/api/v1/intel/import").param("source", "x").param("format", "nonsense").content("1.2.3.4"), 400))
                .isNotNull();
    }

    @Test
    void aConnectionToAKnownC2BecomesADetectionUntilAllowlisted() throws Exception {
        String slug = TestWorld.unique("c2").toLowerCase();
        String token = tenant(slug);
        call(post("/api/v1/intel/import").param("source", "c2-list").param("format", "list")
                .content("# C2 servers\n203.0.113.66\n198.51.100.0/24\nnot-an-indicator!!\n"), 200);

        JsonNode lookup = call(get("/api/v1/intel/lookup").param("value", "198.51.100.77"), 200);
        assertThat(lookup.toString()).contains("198.51.100.0/24");

        send(token, eve("203.0.113.66"));
        send(token, eve("198.51.100.9"));
        send(token, eve("192.0.2.1"));
        JsonNode found = detections(slug, 2);
        assertThat(found.size()).isEqualTo(2);
        assertThat(found.toString()).contains("intel").contains("203.0.113.66").contains("198.51.100.0/24");

        call(post("/api/v1/intel/allowlist").contentType(MediaType.APPLICATION_JSON)
                .content("{\"value\":\"203.0.113.66\",\"note\":\"our own test server\"}"), 201);
        send(token, eve("203.0.113.66"));
        send(token, eve("198.51.100.10"));
        assertThat(detections(slug, 3).size()).isEqualTo(3);
        Thread.sleep(300);
        assertThat(detections(slug, 3).size()).as("the allowlisted address raised nothing").isEqualTo(3);

        JsonNode allow = call(get("/api/v1/intel/allowlist"), 200);
        call(delete("/api/v1/intel/allowlist/" + allow.get(0).get("id").asLong()), 200);
    }

    @Test
    void aCompanysOwnIndicatorStaysItsOwnUntilShared() throws Exception {
        String a = TestWorld.unique("own-a").toLowerCase();
        String b = TestWorld.unique("own-b").toLowerCase();
        String tokenA = tenant(a);
        String tokenB = tenant(b);
        String tenantA = call(get("/api/v1/tenants"), 200).valueStream()
                .filter(t -> t.get("slug").asString().equals(a)).findFirst().orElseThrow().get("id").asString();
        call(post("/api/v1/intel/import").param("source", "case-a").param("format", "list").param("tenant", tenantA)
                .content("192.0.2.200\n"), 200);

        send(tokenB, eve("192.0.2.200"));
        send(tokenA, eve("192.0.2.200"));
        assertThat(detections(a, 1).size()).isEqualTo(1);
        assertThat(detections(b, 0).size()).isZero();
        assertThat(call(get("/api/v1/intel/export").param("format", "stix2"), 200).toString()).doesNotContain("192.0.2.200");

        long id = call(get("/api/v1/intel/indicators").param("value", "192.0.2.200"), 200).get(0).get("id").asLong();
        call(post("/api/v1/intel/indicators/" + id + "/share"), 200);
        send(tokenB, eve("192.0.2.200"));
        // B now matches the shared indicator; the same indicator at A and B is also a campaign (issue 19), whose own
        // detection B gets beside the intel one.
        JsonNode atB = detections(b, 2);
        assertThat(atB.valueStream().filter(d -> d.get("detector").asString().equals("intel")).count()).isEqualTo(1);
        assertThat(atB.valueStream().filter(d -> !d.get("detector").asString().equals("intel")))
                .allSatisfy(d -> assertThat(d.get("detector").asString()).isEqualTo("campaign"));
        JsonNode stix = call(get("/api/v1/intel/export").param("format", "stix2"), 200);
        assertThat(stix.toString()).contains("[ipv4-addr:value = '192.0.2.200']").doesNotContain(a);
        assertThat(call(get("/api/v1/intel/export").param("format", "misp"), 200).toString())
                .contains("\"ip-dst\"").contains("192.0.2.200");
    }

    @Test
    void aFeedIsFetchedFromItsUrl() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] feed = "# test feed\nevil-domain.example\n*.botnet.example\n".getBytes(StandardCharsets.UTF_8);
        server.createContext("/feed.txt", exchange -> {
            exchange.sendResponseHeaders(200, feed.length);
            exchange.getResponseBody().write(feed);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.txt";
            call(post("/api/v1/intel/sources").contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(
                    Map.of("name", "local-feed", "format", "list", "url", url, "refreshMinutes", 60))), 201);
            intel.refreshDueFeeds();
            IntelSource source = sources.findByName("local-feed").orElseThrow();
            assertThat(source.lastStatus()).isEqualTo("OK");
            assertThat(source.lastImported()).isEqualTo(2);
            assertThat(call(get("/api/v1/intel/lookup").param("value", "cc.botnet.example"), 200).toString())
                    .contains("botnet.example");
            // Not due again for an hour.
            intel.refreshDueFeeds();
            assertThat(sources.findByName("local-feed").orElseThrow().lastRefreshAt()).isEqualTo(source.lastRefreshAt());
        } finally {
            server.stop(0);
        }
    }
}
