package jp.sukedachi.app.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.ingest.IngestService;
import jp.sukedachi.app.ingest.RecentEvents;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.embedded.EmbeddedPipeline;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 12, item 9: the in-memory view of recent events stays within ONE total budget however many devices send
 * (2,000 here, each keeps its newest events), and a killed pipeline consumer turns health DOWN with the reason, shows the
 * alarm to the analysts and posts it to their chat webhook once, then is restarted and the alarm cleared.
 */
@SpringBootTest(properties = {"sukedachi.syslog.port=0", "sukedachi.recent.max-mb=8", "sukedachi.runtime.watch-ms=200",
        "sukedachi.runtime.restart-pause-ms=6000", "sukedachi.runtime.stall-seconds=3"})
@AutoConfigureMockMvc
class RuntimeWatchTest {
    static final List<String> webhook = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void setup(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.h2(registry);
        HttpServer chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.createContext("/hook", exchange -> {
            webhook.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        chat.start();
        registry.add("sukedachi.notify.webhook-url", () -> "http://127.0.0.1:" + chat.getAddress().getPort() + "/hook");
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    ApiKeyService apiKeys;
    @Autowired
    DeviceService devices;
    @Autowired
    IngestService ingest;
    @Autowired
    RecentEvents recent;
    @Autowired
    EventPipeline pipeline;
    @Autowired
    javax.sql.DataSource dataSource;

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    static String eve(String device, int n) {
        return "{\"timestamp\":\"2026-12-01T00:00:00.000000+0000\",\"flow_id\":" + n + ",\"event_type\":\"dns\","
                + "\"src_ip\":\"10.0.0.1\",\"src_port\":40000,\"dest_ip\":\"10.0.0.2\",\"dest_port\":53,\"proto\":\"UDP\","
                + "\"dns\":{\"type\":\"query\",\"id\":1,\"rrname\":\"" + device + "-" + n + ".example\",\"rrtype\":\"A\"}}";
    }

    @Test
    void twoThousandDevicesFillingTheRecentEventsStayWithinItsTotalBudgetAndEachKeepsItsNewest() throws Exception {
        var admin = world.admin();
        List<Device> registered = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("mem"));
            for (int d = 0; d < 100; d++) {
                registered.add(devices.register(admin.actor(), tenant.id(),
                        new DeviceDraft("sensor-" + d, "ids-sensor", "suricata-eve", List.of())).device());
            }
        }
        int perDevice = 30;
        for (Device device : registered) {
            String name = device.id().toString();
            ingest.ingest(device, IntStream.range(0, perDevice).mapToObj(n -> eve(name, n)).iterator(), null);
        }
        await(() -> pipeline.status().backlogRecords() == 0, Duration.ofSeconds(120));
        assertThat(pipeline.status().backlogRecords()).isZero();

        assertThat(recent.usedBytes()).as("one total budget").isLessThanOrEqualTo(recent.budgetBytes());
        assertThat(recent.budgetBytes()).isEqualTo(8 * 1024 * 1024);
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (Device device : registered) {
            List<SecurityEvent> latest = recent.latest(device.id(), RecentEvents.PER_DEVICE);
            assertThat(latest).as("every device keeps its newest event").isNotEmpty();
            assertThat(latest.getFirst().raw()).isEqualTo(eve(device.id().toString(), perDevice - 1));
            min = Math.min(min, latest.size());
            max = Math.max(max, latest.size());
        }
        assertThat(max - min).as("shared fairly: devices of equal traffic keep about as many").isLessThanOrEqualTo(2);
        assertThat(max).as("the budget is really binding").isLessThan(perDevice);
    }

    private MockHttpServletResponse health(String key) throws Exception {
        return mvc.perform(get("/actuator/health").header("Authorization", "Bearer " + key)).andReturn().getResponse();
    }

    private String staffHome(TestWorld.Login analyst) throws Exception {
        return mvc.perform(get("/").with(authentication(world.authentication(analyst))))
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void aKilledConsumerTurnsHealthDownRaisesTheAlarmOnceAndClearsItAfterTheRestart() throws Exception {
        String key = apiKeys.create(world.admin().actor(), "health").secret();
        TestWorld.Login analyst = world.staff(Role.ANALYST, false);
        await(() -> health200(key), Duration.ofSeconds(30));
        assertThat(health(key).getStatus()).isEqualTo(200);
        webhook.clear();

        Thread consumer = ((EmbeddedPipeline) pipeline).consumerThread(); // this context's, not a cached one's
        consumer.interrupt();
        consumer.join(5_000);

        MockHttpServletResponse down = health(key);
        assertThat(down.getStatus()).isEqualTo(503);
        assertThat(down.getContentAsString()).contains("\"DOWN\"").contains("consumer thread is not running");
        assertThat(staffHome(analyst)).contains("runtime-alarm").contains("ログの解析処理が止まりました");
        await(() -> webhook.stream().anyMatch(b -> b.contains("\"raised\"")), Duration.ofSeconds(10));
        assertThat(webhook).anyMatch(b -> b.contains("consumer-stopped") && b.contains("Log analysis stopped"));

        await(() -> pipeline.status().consumerAlive(), Duration.ofSeconds(20));
        await(() -> webhook.stream().anyMatch(b -> b.contains("\"cleared\"")), Duration.ofSeconds(20));
        assertThat(health(key).getStatus()).as("restarted by the watch").isEqualTo(200);
        assertThat(staffHome(analyst)).doesNotContain("runtime-alarm");
        assertThat(webhook.stream().filter(b -> b.contains("\"raised\""))).as("raised once").hasSize(1);
        assertThat(webhook.stream().filter(b -> b.contains("\"cleared\""))).as("cleared once").hasSize(1);

        // and it works again: a new event goes all the way through
        var admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("after"));
        Device device = devices.register(admin.actor(), tenant.id(),
                new DeviceDraft("after", "ids-sensor", "suricata-eve", List.of())).device();
        String line = eve(UUID.randomUUID().toString(), 1);
        ingest.ingest(device, List.of(line).iterator(), null);
        await(() -> !recent.latest(device.id(), 1).isEmpty(), Duration.ofSeconds(10));
        assertThat(recent.latest(device.id(), 1).getFirst().raw()).isEqualTo(line);
    }

    @Test
    void aPipelineThatMakesNoProgressWhileRecordsWaitTurnsHealthDownAndRaisesTheAlarmUntilItMovesAgain()
            throws Exception {
        String key = apiKeys.create(world.admin().actor(), "stall").secret();
        var admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("stall"));
        Device device = devices.register(admin.actor(), tenant.id(),
                new DeviceDraft("stall", "ids-sensor", "suricata-eve", List.of())).device();
        ingest.ingest(device, List.of(eve("warm-up", 1)).iterator(), null);
        await(() -> pipeline.status().backlogRecords() == 0 && health200(key), Duration.ofSeconds(30));
        webhook.clear();

        // Another transaction holds the position row each batch must lock: the consumer lives but cannot advance.
        try (java.sql.Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().executeQuery("select * from pipeline_offset for update").close();
            ingest.ingest(device, List.of(eve("stuck", 1)).iterator(), null);
            await(() -> healthBody(key).contains("no progress"), Duration.ofSeconds(20));
            MockHttpServletResponse down = health(key);
            assertThat(down.getStatus()).isEqualTo(503);
            assertThat(down.getContentAsString()).contains("\"DOWN\"").contains("no progress").contains("records waiting");
            blocker.rollback();
        }
        await(() -> pipeline.status().backlogRecords() == 0 && health200(key), Duration.ofSeconds(30));
        assertThat(health(key).getStatus()).isEqualTo(200);
        await(() -> webhook.stream().anyMatch(b -> b.contains("\"cleared\"")), Duration.ofSeconds(10));
        assertThat(webhook).anyMatch(b -> b.contains("\"raised\"") && b.contains("stalled")
                && b.contains("has not advanced"));
        assertThat(recent.latest(device.id(), 1).getFirst().raw()).isEqualTo(eve("stuck", 1));
    }

    private boolean health200(String key) {
        try {
            return health(key).getStatus() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private String healthBody(String key) {
        try {
            return health(key).getContentAsString();
        } catch (Exception e) {
            return "";
        }
    }
}
