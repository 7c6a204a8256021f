package jp.sukedachi.app.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 12, item 5, on a real 64 MiB tmpfs holding the data folder (journal AND the default file H2): when the
 * disk runs low the ingest API answers 507 with Retry-After and the reason, health turns OUT_OF_SERVICE with the
 * reason, the analysts see the alarm, the database keeps working (the reserve), and once space is freed ingest
 * works again without a restart; the refused batch, sent again, is stored exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"sukedachi.syslog.port=0",
        "sukedachi.journal.min-free-mb=16", "sukedachi.runtime.watch-ms=200"})
@AutoConfigureMockMvc
class DiskFullTest {
    static Path mount;
    static String notMounted;

    @DynamicPropertySource
    static void dataOnSmallDisk(DynamicPropertyRegistry registry) throws Exception {
        Path base = Files.createTempDirectory("sukedachi-diskfull");
        mount = base.resolve("small");
        Files.createDirectories(mount);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            notMounted = "a small tmpfs cannot be mounted here (needs root and mount permission): " + out;
        }
        // The default datasource URL (application.yml) puts H2 under the data folder: on the small disk too.
        registry.add("sukedachi.data-dir", () -> mount.resolve("data").toString());
    }

    @AfterAll
    static void unmount() throws Exception {
        if (notMounted == null) {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    TestWorld world;
    @Autowired
    ApiKeyService apiKeys;
    @Autowired
    ObjectMapper json;
    @Autowired
    MockMvc mvc;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + bearer);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(body == null ? b.GET().build() : b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String eve(int n) {
        return "{\"timestamp\":\"2026-12-01T00:00:00.000000+0000\",\"flow_id\":" + n + ",\"event_type\":\"dns\","
                + "\"src_ip\":\"10.0.0.1\",\"src_port\":40000,\"dest_ip\":\"10.0.0.2\",\"dest_port\":53,\"proto\":\"UDP\","
                + "\"dns\":{\"type\":\"query\",\"id\":1,\"rrname\":\"host" + n + ".example\",\"rrtype\":\"A\",\"tx_id\":0}}";
    }

    static String lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(DiskFullTest::eve).collect(Collectors.joining("\n"));
    }

    Path fill(long leave) throws IOException {
        Path filler = mount.resolve("filler");
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (Files.getFileStore(mount).getUsableSpace() > leave + chunk.length) {
                out.write(chunk);
            }
        }
        return filler;
    }

    @Test
    void aFullDiskIsRefusedWith507AndRetryAfterShownInHealthAndRecoversWithoutRestartAndNothingDoubles()
            throws Exception {
        Assumptions.assumeTrue(notMounted == null, notMounted);
        var admin = world.admin();
        String adminKey = apiKeys.create(admin.actor(), "test").secret();
        String slug = TestWorld.unique("disk").toLowerCase();
        assertThat(send("POST", "/api/v1/tenants", adminKey,
                "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + " 株式会社\"}").statusCode()).isEqualTo(201);
        JsonNode device = json.readTree(send("POST", "/api/v1/tenants/" + slug + "/devices", adminKey,
                "{\"name\":\"ids\",\"kind\":\"ids-sensor\",\"format\":\"suricata-eve\",\"sourceIps\":[]}").body());
        String token = device.get("token").asString();

        HttpResponse<String> first = send("POST", "/api/v1/ingest", token, lines(0, 100));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);

        Path filler = fill(10L * 1024 * 1024); // below the 16 MiB reserve, with room left for the database
        HttpResponse<String> refused = send("POST", "/api/v1/ingest", token, lines(100, 200));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("disk full").contains("nothing of this request was kept");

        HttpResponse<String> health = send("GET", "/actuator/health", adminKey, null);
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode h = json.readTree(health.body());
        assertThat(h.get("status").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(h.at("/components/runtime/details/reasons").toString()).contains("disk full");
        String page = mvc.perform(get("/").with(authentication(world.authentication(world.staff(Role.ANALYST, false)))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("runtime-alarm").contains("ディスクの空きが足りない");
        // The database on the same disk still answers: the token check and the health query above used it.
        assertThat(h.at("/components/db/status").asString()).isEqualTo("UP");

        Files.delete(filler);
        HttpResponse<String> retried = send("POST", "/api/v1/ingest", token, lines(100, 200));
        assertThat(retried.statusCode()).as("recovers without a restart: " + retried.body()).isEqualTo(202);
        assertThat(send("GET", "/actuator/health", adminKey, null).statusCode()).isEqualTo(200);
        String after = mvc.perform(get("/").with(authentication(world.authentication(world.staff(Role.ANALYST, false)))))
                .andReturn().getResponse().getContentAsString();
        assertThat(after).doesNotContain("runtime-alarm");

        Map<String, Integer> seen = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            seen.clear();
            JsonNode events = json.readTree(send("GET", "/api/v1/tenants/" + slug + "/events?limit=200&device="
                    + device.get("id").asString(), adminKey, null).body());
            for (JsonNode e : events) {
                seen.merge(e.get("raw").asString(), 1, Integer::sum);
            }
            Thread.sleep(100);
        } while (seen.size() < 200 && System.nanoTime() < deadline);
        List<String> expected = new ArrayList<>();
        IntStream.range(0, 200).forEach(n -> expected.add(eve(n)));
        assertThat(seen.keySet()).as("every acknowledged record").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Set.copyOf(seen.values())).as("each exactly once").containsExactly(1);
        assertThat(mount.resolve("data/db/sukedachi.trace.db")).as("H2 writes no trace file").doesNotExist();
    }
}
