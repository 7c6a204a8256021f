package jp.sukedachi.app.triage.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.support.MutableClock;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.SilentDeviceWatch;
import jp.sukedachi.event.Detection.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The silent-device alarm through the real application with a clock the test moves: a device registered with
 * an expected interval (over the API), silent past it, raises one MEDIUM {@code watch}/{@code silent-device}
 * alert, HIGH after 24 h, still one alert after days; data over the ingest API closes it as BENIGN with a
 * history note and an audit record by the system; the next silence opens a new alert.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.initial-delay-ms=3600000000"})
@AutoConfigureMockMvc
class SilentDeviceWatchTest {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
        }
    }

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
    MutableClock clock;
    @Autowired
    Clock appClock;
    @Autowired
    SilentDeviceWatch watch;
    @Autowired
    AlertRepository alerts;
    @Autowired
    AuditRepository audit;

    TestWorld.Login admin;
    String key;
    String slug;
    UUID tenantId;

    @BeforeEach
    void world() throws Exception {
        admin = world.admin();
        key = apiKeys.create(admin.actor(), "watch-test").secret();
        slug = TestWorld.unique("watch").toLowerCase().replaceAll("[^a-z0-9-]", "-");
        JsonNode t = call(post("/api/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .content("{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}"), 201);
        tenantId = UUID.fromString(t.get("id").asString());
    }

    private JsonNode call(MockHttpServletRequestBuilder b, int status) throws Exception {
        var r = mvc.perform(b.header("Authorization", "Bearer " + key)).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        String body = r.getContentAsString();
        return body.isEmpty() ? null : json.readTree(body);
    }

    private JsonNode register(String name, String extra, int status) throws Exception {
        return call(post("/api/v1/tenants/" + slug + "/devices").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"kind\":\"ids-sensor\",\"format\":\"suricata-eve\"" + extra
                        + "}"), status);
    }

    private void send(String token) throws Exception {
        var r = mvc.perform(post("/api/v1/ingest").header("Authorization", "Bearer " + token)
                .content("{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":1,\"event_type\":\"flow\","
                        + "\"src_ip\":\"10.0.0.5\",\"src_port\":50000,\"dest_ip\":\"192.0.2.1\",\"dest_port\":443,"
                        + "\"proto\":\"TCP\"}"))
                .andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(202);
    }

    private List<Alert> silentAlerts(UUID device) {
        return alerts.findByTenant(admin.actor(), tenantId, null, null, 100).stream()
                .filter(a -> a.detector().equals("watch") && a.entity().equals("device:" + device)).toList();
    }

    @Test
    void theAppRunsOnTheTestClock() {
        assertThat(appClock).isSameAs(clock);
    }

    @Test
    void expectedIntervalIsSetOnRegisterAndDefaultsToAnHour() throws Exception {
        assertThat(register("fw", ",\"expectedIntervalMinutes\":15", 201).get("expectedIntervalMinutes").asInt())
                .isEqualTo(15);
        JsonNode plain = register("ids", "", 201);
        assertThat(plain.get("expectedIntervalMinutes").asInt()).isEqualTo(60);
        register("bad", ",\"expectedIntervalMinutes\":0", 400);
        register("bad2", ",\"expectedIntervalMinutes\":999999", 400);
        JsonNode listed = call(get("/api/v1/tenants/" + slug + "/devices"), 200);
        assertThat(listed.findValues("expectedIntervalMinutes").stream().map(JsonNode::asInt).toList())
                .containsExactlyInAnyOrder(15, 60);
    }

    @Test
    void aSilentDeviceAlarmsOnceEscalatesAfterADayAndClearsWhenDataFlowsAgain() throws Exception {
        JsonNode dev = register("sensor", ",\"expectedIntervalMinutes\":30", 201);
        UUID device = UUID.fromString(dev.get("id").asString());
        String token = dev.get("token").asString();
        JsonNode quiet = register("quiet", "", 201); // default 60 min, never sends
        UUID quietId = UUID.fromString(quiet.get("id").asString());

        send(token);
        clock.advance(Duration.ofMinutes(29));
        watch.check();
        assertThat(silentAlerts(device)).as("within the interval").isEmpty();
        assertThat(silentAlerts(quietId)).isEmpty();

        clock.advance(Duration.ofMinutes(2)); // 31 min silent
        watch.check();
        assertThat(silentAlerts(device)).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("silent-device");
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.status()).isEqualTo(Alert.Status.NEW);
            assertThat(a.count()).isOne();
        });
        assertThat(silentAlerts(quietId)).as("never seen: counts from registration (31 of 60 min)").isEmpty();

        clock.advance(Duration.ofMinutes(30)); // quiet: 61 min since registration
        watch.check();
        watch.check();
        assertThat(silentAlerts(quietId)).as("never seen, past its interval").singleElement()
                .satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(silentAlerts(device)).singleElement().satisfies(a -> assertThat(a.count()).isOne());

        // Checks every 5 minutes for two days: still one alert per device, HIGH after 24 h, no repetition step.
        for (int i = 0; i < 2 * 24 * 12; i++) {
            clock.advance(Duration.ofMinutes(5));
            watch.check();
        }
        Alert high = silentAlerts(device).getFirst();
        assertThat(silentAlerts(device)).hasSize(1);
        assertThat(high.severity()).isEqualTo(Severity.HIGH);
        assertThat(high.count()).isLessThan(10);
        assertThat(alerts.history(admin.actor(), high.id())).extracting(Alert.HistoryEntry::action)
                .contains("CREATED", "ESCALATED");
        assertThat(silentAlerts(quietId)).hasSize(1);

        // Data flows again: the next check closes the alert as benign, by the system.
        clock.advance(Duration.ofMinutes(1));
        send(token);
        clock.advance(Duration.ofMinutes(4));
        watch.check();
        Alert closed = silentAlerts(device).getFirst();
        assertThat(closed.status()).isEqualTo(Alert.Status.CLOSED);
        assertThat(closed.resolution()).isEqualTo(Alert.Resolution.BENIGN);
        assertThat(alerts.history(admin.actor(), closed.id())).last().satisfies(h -> {
            assertThat(h.actor()).isEqualTo("system");
            assertThat(h.action()).isEqualTo("STATUS");
            assertThat(h.note()).contains("CLOSED (BENIGN)").contains("data flows again");
        });
        assertThat(audit.find(admin.actor(), new AuditRepository.Filter("ALERT_STATUS_CHANGED", "system", null, null,
                null))).anySatisfy(e -> assertThat(e.toString()).contains("alert:" + closed.id()));
        assertThat(silentAlerts(quietId)).as("the other device stays alarmed").singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(Alert.Status.NEW));

        // Silent again: a new alert, the closed one stays closed.
        clock.advance(Duration.ofMinutes(40));
        watch.check();
        List<Alert> after = silentAlerts(device);
        assertThat(after).hasSize(2);
        assertThat(after).filteredOn(a -> a.status() == Alert.Status.NEW).singleElement()
                .satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.MEDIUM));
    }
}
