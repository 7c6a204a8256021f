package jp.sukedachi.app.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.detect.behaviour.BeaconingDetector;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
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
 * Triage through the real application: detections grouped into alerts per tenant, rule and host within the
 * window, escalation by repetition, suppressions with expiry, the intel allowlist end to end, the lifecycle
 * with audit and history, promotion to an incident, the funnel, and the API's status codes.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class TriageIntegrationTest {
    private static final String C2 = "203.0.113.66";

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
    Triage triage;
    @Autowired
    AlertRepository alerts;
    @Autowired
    AlertService service;
    @Autowired
    AuditRepository audit;

    Login admin;
    String key;
    Tenant tenant;

    @BeforeEach
    void world() {
        admin = world.admin();
        key = apiKeys.create(admin.actor(), "triage-test").secret();
        tenant = world.tenant(admin.actor(), TestWorld.unique("Triage"));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Detection c2(UUID tenant, String host, long at, Severity hint) {
        SecurityEvent event = SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant))
                .device(new DeviceId(new UUID(1, 1))).timestamp(at).received(at).raw("flow " + host + " → " + C2)
                .set(Ecs.SOURCE_IP, host).set(Ecs.DESTINATION_IP, C2).build();
        return new Detection(event.tenant(), event.device(), at, "intel", "ipv4:" + C2, "Connection to a C2 server",
                hint, Category.C2, event, Map.of("field", Ecs.DESTINATION_IP, "indicator", "ipv4:" + C2));
    }

    private List<Alert> alertsOf(Tenant t) {
        return alerts.findByTenant(admin.actor(), t.id(), null, null, 100);
    }

    private JsonNode call(MockHttpServletRequestBuilder b, int status) throws Exception {
        var r = mvc.perform(b).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        String body = r.getContentAsString();
        return body.isEmpty() ? null : json.readTree(body);
    }

    private MockHttpServletRequestBuilder api(MockHttpServletRequestBuilder b) {
        return b.header("Authorization", "Bearer " + key);
    }

    private MockHttpServletRequestBuilder as(Login who, MockHttpServletRequestBuilder b) {
        return b.with(authentication(world.authentication(who))).with(csrf());
    }

    private static MockHttpServletRequestBuilder postJson(String url, String body) {
        return post(url).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    // ------------------------------------------------------------------------------------------ grouping

    @Test
    void tenThousandConnectionsOfOneHostToOneC2AreOneAlertAndASecondHostIsASecond() {
        long t0 = Instant.parse("2026-11-22T01:00:00Z").toEpochMilli();
        for (int batch = 0; batch < 10; batch++) {
            List<Detection> ds = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                ds.add(c2(tenant.id(), "10.0.0.5", t0 + batch * 1_000L + i, Severity.MEDIUM));
            }
            triage.apply(ds);
        }
        triage.apply(List.of(c2(tenant.id(), "10.0.0.6", t0, Severity.MEDIUM)));

        List<Alert> found = alertsOf(tenant);
        assertThat(found).hasSize(2);
        Alert big = found.stream().filter(a -> a.entity().equals("10.0.0.5")).findFirst().orElseThrow();
        assertThat(big.count()).isEqualTo(10_000);
        // One connection (local host, remote address) is one alert whatever the detector (issue 19).
        assertThat(big.key()).isEqualTo("flow|10.0.0.5|" + C2);
        assertThat(big.detectors()).containsExactly("intel");
        assertThat(big.firstSeen()).isEqualTo(Instant.ofEpochMilli(t0));
        assertThat(big.lastSeen()).isEqualTo(Instant.ofEpochMilli(t0 + 9_999));
        assertThat(big.severity()).as("MEDIUM raised twice by repetition").isEqualTo(Severity.CRITICAL);
        assertThat(big.evidenceCount()).isEqualTo(AlertRepository.EVIDENCE_CAP);
        assertThat(alerts.evidence(admin.actor(), big.id())).hasSize(AlertRepository.EVIDENCE_CAP);
        Alert small = found.stream().filter(a -> a.entity().equals("10.0.0.6")).findFirst().orElseThrow();
        assertThat(small.count()).isOne();
        assertThat(small.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(small.status()).isEqualTo(Alert.Status.NEW);
    }

    @Test
    void severityStartsFromTheHintAndRisesWithRepetition() {
        assertThat(Triage.severity(Severity.INFO, 1)).isEqualTo(Severity.LOW);
        assertThat(Triage.severity(Severity.LOW, 99)).isEqualTo(Severity.LOW);
        assertThat(Triage.severity(Severity.LOW, 100)).isEqualTo(Severity.MEDIUM);
        assertThat(Triage.severity(Severity.LOW, 10_000)).isEqualTo(Severity.HIGH);
        assertThat(Triage.severity(Severity.HIGH, 100)).isEqualTo(Severity.CRITICAL);
        assertThat(Triage.severity(Severity.CRITICAL, 10_000)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aDetectionAfterTheWindowOrAfterClosingOpensANewAlert() {
        long t0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        triage.apply(List.of(c2(tenant.id(), "10.0.0.7", t0, Severity.HIGH)));
        triage.apply(List.of(c2(tenant.id(), "10.0.0.7", t0 + Duration.ofHours(23).toMillis(), Severity.HIGH)));
        assertThat(alertsOf(tenant)).singleElement().extracting(Alert::count).isEqualTo(2L);
        triage.apply(List.of(c2(tenant.id(), "10.0.0.7", t0 + Duration.ofHours(48).toMillis(), Severity.HIGH)));
        assertThat(alertsOf(tenant)).hasSize(2);

        Alert latest = alertsOf(tenant).getFirst();
        service.close(admin.actor(), latest.id(), Alert.Resolution.BENIGN);
        triage.apply(List.of(c2(tenant.id(), "10.0.0.7", t0 + Duration.ofHours(49).toMillis(), Severity.HIGH)));
        assertThat(alertsOf(tenant)).hasSize(3);
    }

    // ------------------------------------------------------------------------------------------ suppression

    @Test
    void aSuppressionStopsAlertsUntilItExpires() {
        long t0 = Instant.parse("2026-11-22T01:00:00Z").toEpochMilli();
        service.suppress(admin.actor(), tenant.id(), null, "ipv4:" + C2, "our pentest", null);
        var outcome = triage.apply(List.of(c2(tenant.id(), "10.0.0.5", t0, Severity.HIGH),
                c2(tenant.id(), "10.0.0.6", t0, Severity.HIGH)));
        assertThat(outcome.suppressed()).isEqualTo(2);
        assertThat(alertsOf(tenant)).isEmpty();

        // Another tenant is not affected by this tenant's suppression.
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("Other"));
        triage.apply(List.of(c2(other.id(), "10.0.0.5", t0, Severity.HIGH)));
        assertThat(alertsOf(other)).hasSize(1);

        // Provider-wide, by key, expired an hour ago (stored while in force; new ones must end in the future).
        Tenant third = world.tenant(admin.actor(), TestWorld.unique("Third"));
        alerts.insertSuppression(null, "intel|ipv4:" + C2 + "|10.0.0.9", null, "old maintenance",
                Instant.now().minus(Duration.ofHours(1)), admin.user().login(), Instant.now().minus(Duration.ofDays(1)));
        triage.apply(List.of(c2(third.id(), "10.0.0.9", t0, Severity.HIGH)));
        assertThat(alertsOf(third)).hasSize(1);
        // Provider-wide, by key, in force: silences that key for every tenant, and only that key.
        service.suppress(admin.actor(), null, "intel|ipv4:" + C2 + "|10.0.0.8", null, "scanner of the provider",
                Instant.now().plus(Duration.ofDays(1)));
        triage.apply(List.of(c2(third.id(), "10.0.0.8", t0, Severity.HIGH), c2(other.id(), "10.0.0.8", t0, Severity.HIGH)));
        assertThat(alertsOf(third)).hasSize(1);
        assertThat(alertsOf(other)).hasSize(1);
    }

    /** An IDS signature that passed (a sensor verdict) on the connection host → C2. */
    private static Detection idsNoise(UUID tenant, String host, long at) {
        SecurityEvent event = SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant))
                .device(new DeviceId(new UUID(1, 1))).timestamp(at).received(at).raw("alert " + host + " → " + C2)
                .set(Ecs.SOURCE_IP, host).set(Ecs.DESTINATION_IP, C2).build();
        return new Detection(event.tenant(), event.device(), at, "sensor", "suricata:2013504",
                "GPL POLICY TLS outdated version", Severity.MEDIUM, Category.OTHER, event, Map.of());
    }

    private static Detection sigmaOn(UUID tenant, String host, String rule, Category category, long at) {
        SecurityEvent event = SecurityEvent.builder("winlogbeat").tenant(new TenantId(tenant))
                .device(new DeviceId(new UUID(1, 1))).timestamp(at).received(at).raw("sysmon " + rule)
                .set(Ecs.HOST_NAME, host).build();
        return new Detection(event.tenant(), event.device(), at, "sigma", rule, "rule " + rule, Severity.HIGH,
                category, event, Map.of());
    }

    @Test
    void suppressingIdsNoiseOnAConnectionDoesNotSilenceALaterC2IndicatorOnIt() {
        long t0 = Instant.parse("2026-11-22T01:00:00Z").toEpochMilli();
        triage.apply(List.of(idsNoise(tenant.id(), "10.0.0.5", t0)));
        Alert noise = alertsOf(tenant).getFirst();
        assertThat(noise.key()).isEqualTo("flow|10.0.0.5|" + C2);
        service.close(admin.actor(), noise.id(), Alert.Resolution.BENIGN);
        // Made from the alert's key alone: it takes the alert's rules.
        service.suppress(admin.actor(), tenant.id(), noise.key(), null, "old TLS on the vendor's portal", null);
        assertThat(alerts.suppressions(admin.actor(), Instant.now()).stream()
                .filter(s -> noise.key().equals(s.groupKey())).findFirst().orElseThrow().ruleId())
                .isEqualTo("suricata:2013504");

        assertThat(triage.apply(List.of(idsNoise(tenant.id(), "10.0.0.5", t0 + 60_000))).suppressed()).isOne();
        var outcome = triage.apply(List.of(c2(tenant.id(), "10.0.0.5", t0 + 120_000, Severity.HIGH)));
        assertThat(outcome.suppressed()).isZero();
        assertThat(outcome.alertsOpened()).isOne();
        assertThat(alertsOf(tenant)).filteredOn(a -> a.status() == Alert.Status.NEW).singleElement()
                .satisfies(a -> assertThat(a.category()).isEqualTo(Category.C2));
    }

    @Test
    void suppressingOneSigmaRuleOnAPcDoesNotSilenceTheRansomwareRuleOnThatPc() {
        long t0 = Instant.parse("2026-11-22T01:00:00Z").toEpochMilli();
        triage.apply(List.of(sigmaOn(tenant.id(), "PC07", "rule-backup-tool", Category.OTHER, t0)));
        Alert admin7 = alertsOf(tenant).getFirst();
        assertThat(admin7.key()).isEqualTo("sigma|host|PC07");
        service.suppress(admin.actor(), tenant.id(), admin7.key(), null, "the nightly backup job", null);

        assertThat(triage.apply(List.of(sigmaOn(tenant.id(), "PC07", "rule-backup-tool", Category.OTHER,
                t0 + 60_000))).suppressed()).isOne();
        var outcome = triage.apply(List.of(sigmaOn(tenant.id(), "PC07", "rule-shadow-copies-deleted",
                Category.RANSOMWARE, t0 + 120_000)));
        assertThat(outcome.suppressed()).isZero();
        assertThat(alertsOf(tenant)).singleElement().satisfies(a -> {
            assertThat(a.category()).isEqualTo(Category.RANSOMWARE);
            assertThat(a.ruleIds()).contains("rule-shadow-copies-deleted");
        });
        // A PC's or a connection's key with no alert behind it and no rule names nothing to silence: refused.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.suppress(admin.actor(), tenant.id(),
                "sigma|host|PC99", null, "typo", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBeaconAndAnIntelHitOnTheSameHostAndAddressWithAKnownDomainAreOneAlert() {
        long t0 = Instant.parse("2026-11-22T01:00:00Z").toEpochMilli();
        BeaconingDetector beaconing = new BeaconingDetector();
        List<Detection> found = new ArrayList<>();
        long hour = Long.MIN_VALUE;
        for (long t = t0; t < t0 + Duration.ofHours(6).toMillis(); t += Duration.ofMinutes(10).toMillis()) {
            SecurityEvent e = SecurityEvent.builder("fortigate").tenant(new TenantId(tenant.id()))
                    .device(new DeviceId(new UUID(1, 2))).timestamp(t).received(t).raw("traffic")
                    .set(Ecs.EVENT_DATASET, "fortigate.traffic.forward").set(Ecs.EVENT_ACTION, "accept")
                    .set(Ecs.SOURCE_IP, "10.0.0.5").set(Ecs.DESTINATION_IP, C2).set(Ecs.DESTINATION_PORT, "443")
                    .set(Ecs.SOURCE_BYTES, "500").set(Ecs.DESTINATION_BYTES, "1500")
                    .set(Ecs.URL_DOMAIN, "evil.example").build();
            beaconing.detect(e, found::add);
            if (t - hour >= 3_600_000L) {
                hour = t;
                beaconing.advance(t, found::add);
            }
        }
        assertThat(found).isNotEmpty().allSatisfy(d -> assertThat(d.context())
                .containsEntry("remote", C2).containsEntry("remoteName", "evil.example"));
        triage.apply(List.of(found.getFirst()));
        triage.apply(List.of(c2(tenant.id(), "10.0.0.5", t0 + Duration.ofHours(6).toMillis(), Severity.HIGH)));

        assertThat(alertsOf(tenant)).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("flow|10.0.0.5|" + C2);
            assertThat(a.detectors()).containsExactlyInAnyOrder("beaconing", "intel");
        });
    }

    // ------------------------------------------------------------------------------------------ end to end

    private String device(String slug) throws Exception {
        call(api(postJson("/api/v1/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}")), 201);
        return call(api(postJson("/api/v1/tenants/" + slug + "/devices",
                "{\"name\":\"sensor\",\"kind\":\"ids-sensor\",\"format\":\"suricata-eve\"}")), 201).get("token").asString();
    }

    private void send(String token, String src, String dst) throws Exception {
        String eve = "{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":1,\"event_type\":\"flow\","
                + "\"src_ip\":\"" + src + "\",\"src_port\":50000,\"dest_ip\":\"" + dst + "\",\"dest_port\":443,"
                + "\"proto\":\"TCP\"}";
        var r = mvc.perform(post("/api/v1/ingest").header("Authorization", "Bearer " + token).content(eve))
                .andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(202);
    }

    private JsonNode alertsApi(String slug, long totalAtLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode found;
        do {
            found = call(api(get("/api/v1/tenants/" + slug + "/alerts")), 200);
            long total = found.valueStream().mapToLong(a -> a.get("count").asLong()).sum();
            if (total >= totalAtLeast) {
                return found;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return found;
    }

    @Test
    void eventsToAKnownC2BecomeOneAlertUntilTheAddressIsAllowlisted() throws Exception {
        String slug = TestWorld.unique("e2e").toLowerCase();
        String token = device(slug);
        String c2 = "198.51.100.23";
        call(api(post("/api/v1/intel/import").param("source", "triage-c2").param("format", "list").content(c2 + "\n")), 200);
        for (int i = 0; i < 3; i++) {
            send(token, "10.1.0.5", c2);
        }
        send(token, "10.1.0.5", "192.0.2.1");
        JsonNode found = alertsApi(slug, 3);
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).get("count").asLong()).isEqualTo(3);
        assertThat(found.get(0).get("key").asString()).isEqualTo("flow|10.1.0.5|" + c2);
        assertThat(found.get(0).get("detectors").toString()).isEqualTo("[\"intel\"]");
        assertThat(found.get(0).get("status").asString()).isEqualTo("NEW");

        call(api(postJson("/api/v1/intel/allowlist", "{\"value\":\"" + c2 + "\",\"note\":\"our own server\"}")), 201);
        send(token, "10.1.0.5", c2);
        send(token, "10.1.0.6", c2);
        Thread.sleep(500);
        JsonNode after = alertsApi(slug, 3);
        assertThat(after.size()).isEqualTo(1);
        assertThat(after.get(0).get("count").asLong()).as("the allowlisted address raised nothing").isEqualTo(3);

        JsonNode funnel = call(api(get("/api/v1/funnel").param("tenant", slug)), 200);
        assertThat(funnel.get("detections").asLong()).isEqualTo(3);
        assertThat(funnel.get("alerts").asLong()).isEqualTo(1);
        assertThat(funnel.get("incidents").asLong()).isZero();
        call(api(get("/api/v1/funnel").param("tenant", "no-such-company")), 404);
        call(api(get("/api/v1/funnel").param("from", "2026-12-01").param("to", "2026-11-01")), 400);
    }

    // ------------------------------------------------------------------------------------------ lifecycle

    @Test
    void staffWorkTheLifecycleCompaniesReadTheirOwnAndEverythingIsAudited() throws Exception {
        long t0 = Instant.parse("2026-11-22T01:00:00Z").toEpochMilli();
        triage.apply(List.of(c2(tenant.id(), "10.0.0.5", t0, Severity.HIGH), c2(tenant.id(), "10.0.0.6", t0, Severity.LOW)));
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("Other"));
        triage.apply(List.of(c2(other.id(), "10.0.0.5", t0, Severity.HIGH)));
        UUID first = alertsOf(tenant).stream().filter(a -> a.entity().equals("10.0.0.5")).findFirst().orElseThrow().id();
        UUID second = alertsOf(tenant).stream().filter(a -> a.entity().equals("10.0.0.6")).findFirst().orElseThrow().id();
        UUID othersAlert = alertsOf(other).getFirst().id();
        Login analyst = world.staff(Role.ANALYST, true);
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);

        // The company reads its own alerts, not another's, and changes no status.
        JsonNode own = call(as(owner, get("/api/v1/tenants/" + tenant.slug() + "/alerts")), 200);
        assertThat(own.size()).isEqualTo(2);
        call(as(owner, get("/api/v1/tenants/" + tenant.slug() + "/alerts").param("severity", "high")), 200);
        assertThat(call(as(owner, get("/api/v1/tenants/" + tenant.slug() + "/alerts").param("severity", "high")), 200)
                .size()).isEqualTo(1);
        call(as(owner, get("/api/v1/tenants/" + other.slug() + "/alerts")), 404);
        call(as(owner, get("/api/v1/alerts/" + first)), 200);
        call(as(owner, get("/api/v1/alerts/" + othersAlert)), 404);
        call(as(owner, postJson("/api/v1/alerts/" + first + "/status", "{\"status\":\"ACKNOWLEDGED\"}")), 403);
        call(as(owner, postJson("/api/v1/alerts/" + othersAlert + "/status", "{\"status\":\"ACKNOWLEDGED\"}")), 404);
        call(as(owner, postJson("/api/v1/alerts/" + first + "/comments", "{\"text\":\"that was our backup job?\"}")), 201);
        call(as(owner, postJson("/api/v1/alerts/" + othersAlert + "/comments", "{\"text\":\"x\"}")), 404);
        call(as(owner, postJson("/api/v1/incidents", "{\"alertIds\":[\"" + first + "\"]}")), 403);

        // The analyst: acknowledge, assign, comment, close with a resolution.
        call(as(analyst, postJson("/api/v1/alerts/" + first + "/status", "{\"status\":\"ACKNOWLEDGED\"}")), 200);
        call(as(analyst, postJson("/api/v1/alerts/" + first + "/assign",
                "{\"userId\":\"" + analyst.user().id() + "\"}")), 200);
        call(as(analyst, postJson("/api/v1/alerts/" + first + "/comments", "{\"text\":\"checking with the company\"}")), 201);
        call(as(analyst, postJson("/api/v1/alerts/" + first + "/comments", "{\"text\":\" \"}")), 400);
        call(as(analyst, postJson("/api/v1/alerts/" + first + "/status", "{\"status\":\"CLOSED\"}")), 400);
        call(as(analyst, postJson("/api/v1/alerts/" + first + "/status", "{\"status\":\"NONSENSE\"}")), 400);
        JsonNode closed = call(as(analyst, postJson("/api/v1/alerts/" + first + "/status",
                "{\"status\":\"CLOSED\",\"resolution\":\"FALSE_POSITIVE\"}")), 200);
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("resolution").asString()).isEqualTo("FALSE_POSITIVE");
        assertThat(closed.get("assigneeId").asString()).isEqualTo(analyst.user().id().toString());
        call(as(analyst, postJson("/api/v1/alerts/" + first + "/status", "{\"status\":\"ACKNOWLEDGED\"}")), 400);
        call(as(analyst, get("/api/v1/alerts/" + UUID.randomUUID())), 404);
        call(as(analyst, get("/api/v1/alerts/not-a-uuid")), 400);

        JsonNode detail = call(as(owner, get("/api/v1/alerts/" + first)), 200);
        assertThat(detail.get("evidence").size()).isEqualTo(1);
        assertThat(detail.get("evidence").get(0).get("raw").asString()).contains(C2);
        List<String> actions = detail.get("history").valueStream().map(h -> h.get("action").asString()).toList();
        // The analyst's comment was internal (the default for staff, issue 16): the company never reads it.
        assertThat(actions).containsExactly("CREATED", "COMMENT", "STATUS", "ASSIGNED", "STATUS");
        assertThat(detail.get("history").toString()).contains("that was our backup job?").contains("FALSE_POSITIVE")
                .contains(owner.user().login()).contains(analyst.user().login())
                .doesNotContain("checking with the company");
        assertThat(call(as(analyst, get("/api/v1/alerts/" + first)), 200).get("history").toString())
                .contains("checking with the company");

        // Promote both alerts of the company to one incident; not with another company's alert.
        call(as(analyst, postJson("/api/v1/incidents",
                "{\"alertIds\":[\"" + first + "\",\"" + othersAlert + "\"]}")), 400);
        call(as(analyst, postJson("/api/v1/incidents", "{\"alertIds\":[]}")), 400);
        JsonNode incident = call(as(analyst, postJson("/api/v1/incidents",
                "{\"alertIds\":[\"" + first + "\",\"" + second + "\"],\"title\":\"Beaconing to a C2\"}")), 201);
        String incidentId = incident.get("id").asString();
        assertThat(incident.get("tenantId").asString()).isEqualTo(tenant.id().toString());
        assertThat(call(as(owner, get("/api/v1/alerts/" + second)), 200).get("alert").get("incidentId").asString())
                .isEqualTo(incidentId);
        assertThat(call(as(owner, get("/api/v1/incidents/" + incidentId)), 200).get("title").asString())
                .isEqualTo("Beaconing to a C2");
        Login otherOwner = world.smeUser(other, Role.TENANT_OWNER);
        call(as(otherOwner, get("/api/v1/incidents/" + incidentId)), 404);
        call(as(otherOwner, get("/api/v1/alerts/" + first)), 404);
        JsonNode funnel = call(as(owner, get("/api/v1/funnel")), 200);
        assertThat(funnel.get("incidents").asLong()).isEqualTo(1);
        assertThat(funnel.get("alerts").asLong()).isEqualTo(2);

        // Suppressions are staff work too.
        call(as(owner, postJson("/api/v1/suppressions", "{\"ruleId\":\"x\",\"reason\":\"y\"}")), 403);
        call(as(analyst, postJson("/api/v1/suppressions", "{\"reason\":\"y\"}")), 400);
        call(as(analyst, postJson("/api/v1/suppressions", "{\"ruleId\":\"ipv4:" + C2 + "\",\"reason\":\"test\","
                + "\"tenantId\":\"" + tenant.id() + "\",\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\"}")), 201);

        List<String> audited = audit.find(admin.actor(), new AuditRepository.Filter(null, null, null, null, null))
                .stream().filter(e -> e.tenantId() != null && e.tenantId().equals(tenant.id()))
                .map(e -> e.action()).toList();
        assertThat(audited).contains("ALERT_STATUS_CHANGED", "ALERT_ASSIGNED", "ALERT_COMMENTED", "INCIDENT_CREATED",
                "SUPPRESSION_ADDED", "ACCESS_DENIED");
    }

    @Test
    void suppressionsAreAddedListedAndEndedFromTheScreen() throws Exception {
        long t0 = java.time.Instant.parse("2026-11-20T01:00:00Z").toEpochMilli();
        var auth = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .authentication(world.authentication(admin));
        var added = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/suppressions")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(auth).param("tenantId", tenant.id().toString()).param("ruleId", "ipv4:" + C2)
                .param("reason", "our own scanner")).andReturn();
        assertThat(added.getFlashMap().get("notice")).isEqualTo("suppression.added");
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/suppressions")
                .with(auth)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("our own scanner").contains(tenant.name());

        triage.apply(List.of(c2(tenant.id(), "10.0.0.30", t0, Severity.HIGH)));
        assertThat(alertsOf(tenant)).isEmpty();

        long id = alerts.suppressions(admin.actor(), java.time.Instant.now()).stream()
                .filter(s -> "our own scanner".equals(s.reason())).findFirst().orElseThrow().id();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/suppressions/" + id + "/end")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(auth));
        triage.apply(List.of(c2(tenant.id(), "10.0.0.30", t0, Severity.HIGH)));
        assertThat(alertsOf(tenant)).hasSize(1);
        assertThat(audit.find(admin.actor(), new AuditRepository.Filter("SUPPRESSION_ENDED", null, null, null, null)))
                .isNotEmpty();
        // A company user has no suppression screen.
        Login owner = world.smeUser(tenant, jp.sukedachi.app.shared.Role.TENANT_OWNER);
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/suppressions")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                        .authentication(world.authentication(owner)))).andReturn().getResponse().getStatus()).isEqualTo(403);
    }
}
