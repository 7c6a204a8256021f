package jp.sukedachi.app.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The category a detector decided travels with the alert: stored (V17), read back typed, exposed by the API,
 * filtered on, and announced once per new alert ({@link AlertRaised}); alerts stored before V17 get theirs once
 * from the old title rules. Runs on H2 and on PostgreSQL.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.enabled=false"})
@AutoConfigureMockMvc
@RecordApplicationEvents
abstract class AlertCategoryContract {
    private static final String BAD = "203.0.113.66";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    Triage triage;
    @Autowired
    AlertRepository alerts;
    @Autowired
    AlertService service;
    @Autowired
    ObjectMapper json;
    @Autowired
    ApplicationEvents events;

    Login admin;
    Login owner;
    Tenant tenant;

    /** A fresh, empty database of this contract's kind, for a migration run outside the application. */
    abstract FluentConfiguration freshDatabase();

    @BeforeEach
    void world() {
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("Category"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
    }

    private Detection detection(String host, String detector, String rule, String title, Severity severity,
            Category category) {
        long at = System.currentTimeMillis();
        SecurityEvent e = SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant.id()))
                .device(new DeviceId(new UUID(1, 1))).timestamp(at).received(at).raw("flow " + host + " -> " + BAD)
                .set(Ecs.HOST_NAME, host).set(Ecs.SOURCE_IP, "192.168.1.20").set(Ecs.DESTINATION_IP, BAD).build();
        return new Detection(e.tenant(), e.device(), at, detector, rule, title, severity, category, e, Map.of());
    }

    private Alert alertOf(String host) {
        return alerts.findByTenant(admin.actor(), tenant.id(), null, null, 100).stream()
                .filter(a -> a.entity().equals(host)).findFirst().orElseThrow();
    }

    private JsonNode api(String url, int status) throws Exception {
        var r = mvc.perform(get(url).with(authentication(world.authentication(owner)))).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        return json.readTree(r.getContentAsString());
    }

    @Test
    void theCategoryTravelsFromTheDetectionToTheAlertAndTheApiWhateverTheTitleSays() throws Exception {
        // The title names a C2 list; the detector said password guessing, and that is what the alert is.
        triage.apply(List.of(detection("pc-soumu-01", "sigma", "win-4625-burst",
                "Logon failures from an address on a botnet C2 list", Severity.MEDIUM, Category.PASSWORD_GUESSING)));

        Alert a = alertOf("pc-soumu-01");
        assertThat(a.category()).isEqualTo(Category.PASSWORD_GUESSING);
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.baseSeverity()).isEqualTo(Severity.MEDIUM);

        JsonNode listed = api("/api/v1/tenants/" + tenant.slug() + "/alerts", 200);
        assertThat(listed.size()).isOne();
        assertThat(listed.get(0).get("category").asString()).isEqualTo("password_guessing");
        assertThat(listed.get(0).get("entity").asString()).isEqualTo("pc-soumu-01");
        assertThat(listed.get(0).get("severity").asString()).isEqualTo("MEDIUM");
        JsonNode detail = api("/api/v1/alerts/" + a.id(), 200);
        assertThat(detail.get("alert").get("category").asString()).isEqualTo("password_guessing");
        assertThat(detail.get("alert").get("entity").asString()).isEqualTo("pc-soumu-01");
    }

    @Test
    void alertsAreFilteredByCategoryInTheRepositoryAndTheApi() throws Exception {
        triage.apply(List.of(
                detection("pc-1", "intel", "ipv4:" + BAD, "Match on threat indicator " + BAD, Severity.HIGH, Category.C2),
                detection("pc-2", "sigma", "port-scan-inbound", "Port scan from the Internet", Severity.LOW,
                        Category.SCAN),
                detection("pc-3", "sigma", "port-scan-inbound", "Port scan from the Internet", Severity.LOW,
                        Category.SCAN)));

        assertThat(alerts.findByTenant(admin.actor(), tenant.id(), null, null, Category.SCAN, 100))
                .extracting(Alert::entity).containsExactlyInAnyOrder("pc-2", "pc-3");
        assertThat(alerts.queue(admin.actor(), new AlertRepository.QueueFilter("OPEN", null, tenant.id(), null,
                Category.C2, AlertRepository.Order.NEEDS_ACTION), 0, 50))
                .extracting(Alert::entity).containsExactly("pc-1");
        assertThat(alerts.findByTenant(admin.actor(), tenant.id(), null, null, Category.RANSOMWARE, 100)).isEmpty();

        JsonNode scans = api("/api/v1/tenants/" + tenant.slug() + "/alerts?category=scan", 200);
        assertThat(scans.valueStream().map(n -> n.get("entity").asString()).toList())
                .containsExactlyInAnyOrder("pc-2", "pc-3");
        assertThat(api("/api/v1/tenants/" + tenant.slug() + "/alerts?category=C2", 200).size()).isOne();
        JsonNode refused = api("/api/v1/tenants/" + tenant.slug() + "/alerts?category=botnet", 400);
        assertThat(refused.toString()).contains("category").contains("password_guessing").doesNotContain("PASSWORD");
    }

    @Test
    void detectionsOfOneAlertThatDisagreeGiveTheMostSeriousCategory() {
        String rule = "ipv4:" + BAD;
        triage.apply(List.of(detection("pc-9", "intel", rule, "Match", Severity.MEDIUM, Category.OTHER),
                detection("pc-9", "intel", rule, "Match", Severity.MEDIUM, Category.C2),
                detection("pc-9", "intel", rule, "Match", Severity.MEDIUM, Category.SCAN)));
        assertThat(alertOf("pc-9").category()).isEqualTo(Category.C2);

        // A later, worse detection of the same group raises the open alert's category; a milder one does not lower it.
        triage.apply(List.of(detection("pc-9", "intel", rule, "Match", Severity.MEDIUM, Category.RANSOMWARE)));
        assertThat(alertOf("pc-9").category()).isEqualTo(Category.RANSOMWARE);
        // (A milder one: a scan. A BLOCKED detection is no longer grouped with the flow's alert: blocks are counted, or
        // escalate into an alert of their own, issue 19.)
        triage.apply(List.of(detection("pc-9", "intel", rule, "Match", Severity.MEDIUM, Category.SCAN)));
        assertThat(alertOf("pc-9").category()).isEqualTo(Category.RANSOMWARE);
        assertThat(alertOf("pc-9").count()).isEqualTo(5);
    }

    @Test
    void everyCategoryHasItsPlaceInTheSeriousnessOrder() {
        assertThat(Triage.SERIOUSNESS).containsExactlyInAnyOrder(Category.values());
    }

    @Test
    void alertRaisedIsPublishedOncePerNewAlertAndClosingPublishesAlertClosed() {
        String rule = "ipv4:" + BAD;
        triage.apply(List.of(detection("pc-a", "intel", rule, "Match", Severity.HIGH, Category.C2),
                detection("pc-a", "intel", rule, "Match", Severity.HIGH, Category.C2),
                detection("pc-a", "intel", rule, "Match", Severity.HIGH, Category.C2),
                detection("pc-b", "sigma", "port-scan-inbound", "Scan", Severity.LOW, Category.SCAN)));
        triage.apply(List.of(detection("pc-a", "intel", rule, "Match", Severity.HIGH, Category.C2)));

        List<AlertRaised> raised = events.stream(AlertRaised.class).filter(r -> r.tenantId().equals(tenant.id()))
                .toList();
        assertThat(raised).hasSize(2);
        AlertRaised c2 = raised.stream().filter(r -> r.alertId().equals(alertOf("pc-a").id())).findFirst().orElseThrow();
        assertThat(c2.category()).isEqualTo(Category.C2);
        assertThat(c2.severity()).isEqualTo(Severity.HIGH);
        AlertRaised scan = raised.stream().filter(r -> r.alertId().equals(alertOf("pc-b").id())).findFirst()
                .orElseThrow();
        assertThat(scan.category()).isEqualTo(Category.SCAN);
        assertThat(scan.severity()).isEqualTo(Severity.LOW);
        assertThat(events.stream(AlertEscalated.class)).isEmpty();

        service.close(admin.actor(), alertOf("pc-b").id(), Alert.Resolution.BENIGN);
        assertThat(events.stream(AlertClosed.class)).singleElement().satisfies(closed -> {
            assertThat(closed.alertId()).isEqualTo(alertOf("pc-b").id());
            assertThat(closed.category()).isEqualTo(Category.SCAN);
            assertThat(closed.resolution()).isEqualTo(Alert.Resolution.BENIGN);
        });
    }

    @Test
    void alertsStoredBeforeTheCategoryColumnGetOneOnceFromTheOldTitleRules() throws Exception {
        FluentConfiguration config = freshDatabase().locations("classpath:db/migration");
        // Migrated up to the last version before the category column, whichever number that is.
        MigrationVersion before = Arrays.stream(config.load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v.compareTo(MigrationVersion.fromVersion("17")) < 0).max(Comparator.naturalOrder())
                .orElseThrow();
        config.target(before).load().migrate();
        // detector, rule id, title → the category the SME page used to read from them
        Map<String[], Category> legacy = new LinkedHashMap<>();
        legacy.put(new String[] {"sensor", "fortigate-av:8150001",
                "UTM antivirus blocked malware: W32/Filecoder.DEMO!tr.ransom"}, Category.BLOCKED);
        legacy.put(new String[] {"sensor", "fortigate-ips:47541",
                "UTM detected an intrusion (not blocked): Emotet.Botnet"}, Category.C2);
        legacy.put(new String[] {"intel", "ipv4:198.51.100.9",
                "Connection to known botnet C2 198.51.100.9 (threatfox: LockBit)"}, Category.RANSOMWARE);
        legacy.put(new String[] {"intel", "ipv4:203.0.113.66",
                "Connection to known botnet C2 203.0.113.66 (feodo: Emotet)"}, Category.C2);
        legacy.put(new String[] {"intel", "url:http://x.example/a.exe",
                "Contact with known malware delivery site http://x.example/a.exe (urlhaus)"}, Category.MALWARE_DOWNLOAD);
        legacy.put(new String[] {"intel", "domain:login-bank.example",
                "Access to known phishing site login-bank.example (openphish)"}, Category.PHISHING);
        legacy.put(new String[] {"sigma", "win-4625-burst", "Password guessing against administrator"},
                Category.PASSWORD_GUESSING);
        legacy.put(new String[] {"watch", "silent-device", "No data from device utm-01 for longer than its expected"
                + " interval (15 min): the watch is blind"}, Category.SILENT_DEVICE);
        legacy.put(new String[] {"asset", "eol-os", "Outdated OS: Windows XP"}, Category.OUTDATED_OS);
        legacy.put(new String[] {"sigma", "port-scan-inbound", "Port scan from the Internet"}, Category.SCAN);
        legacy.put(new String[] {"sigma", "x", "Something odd"}, Category.OTHER);
        DataSource db = config.getDataSource();
        Map<UUID, Category> expected = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into alert (id, tenant_id, group_key, key_hash, detector, rule_id, entity, title, base_severity,
                                   severity, status, event_count, first_seen, last_seen, window_start, created_at,
                                   updated_at)
                values (?, ?, ?, ?, ?, ?, 'pc-1', ?, 'HIGH', 'HIGH', 'NEW', 1, ?, ?, ?, ?, ?)""")) {
            Timestamp now = Timestamp.from(Instant.parse("2026-11-01T00:00:00Z"));
            for (var e : legacy.entrySet()) {
                UUID id = UUID.randomUUID();
                String[] d = e.getKey();
                insert.setObject(1, id);
                insert.setObject(2, tenant.id());
                insert.setString(3, d[0] + "|" + d[1] + "|pc-1");
                insert.setString(4, Hashes.sha256(id.toString()));
                insert.setString(5, d[0]);
                insert.setString(6, d[1]);
                insert.setString(7, d[2]);
                for (int i = 8; i <= 12; i++) {
                    insert.setTimestamp(i, now);
                }
                insert.executeUpdate();
                expected.put(id, e.getValue());
            }
        }
        config.target("17").load().migrate();

        Map<UUID, Category> found = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
                ResultSet rs = c.createStatement().executeQuery("select id, category from alert")) {
            while (rs.next()) {
                found.put(rs.getObject(1, UUID.class), Category.valueOf(rs.getString(2)));
            }
        }
        assertThat(found).isEqualTo(expected);
    }
}
