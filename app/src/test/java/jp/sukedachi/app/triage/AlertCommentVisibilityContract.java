package jp.sukedachi.app.triage;

import static org.assertj.core.api.Assertions.assertThat;

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
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
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

/**
 * Internal alert comments (V26): a staff comment is internal (社内メモ) unless its author shows it to the company; a
 * company user's comment is always visible; {@link AlertRepository#history} gives a company's owner and members (and
 * a responder or insurer) only the visible entries, in the SQL itself. Comments written before V26 were all shown to
 * the company and stay visible. Runs on H2 and on PostgreSQL.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.enabled=false"})
abstract class AlertCommentVisibilityContract {
    @Autowired
    TestWorld world;
    @Autowired
    Triage triage;
    @Autowired
    AlertRepository alerts;
    @Autowired
    AlertService service;

    Actor admin;
    Actor analyst;
    Actor owner;
    Actor member;
    Tenant tenant;

    /** A fresh, empty database of this contract's kind, for a migration run outside the application. */
    abstract FluentConfiguration freshDatabase();

    @BeforeEach
    void world() {
        admin = world.admin().actor();
        analyst = world.staff(Role.ANALYST, true).actor();
        tenant = world.tenant(admin, TestWorld.unique("Comments"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER).actor();
        member = world.smeUser(tenant, Role.TENANT_MEMBER).actor();
    }

    private Alert alert(String host) {
        long at = System.currentTimeMillis();
        SecurityEvent e = SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant.id()))
                .device(new DeviceId(new UUID(1, 1))).timestamp(at).received(at).raw("flow " + host)
                .set(Ecs.HOST_NAME, host).set(Ecs.SOURCE_IP, "192.168.1.20").set(Ecs.DESTINATION_IP, "203.0.113.66")
                .build();
        triage.apply(List.of(new Detection(e.tenant(), e.device(), at, "intel", "ipv4:203.0.113.66",
                "Connection to known botnet C2", Severity.HIGH, Category.C2, e, Map.of())));
        return alerts.findByTenant(admin, tenant.id(), null, null, 100).stream()
                .filter(a -> a.entity().equals(host)).findFirst().orElseThrow();
    }

    private static List<String> comments(List<Alert.HistoryEntry> history) {
        return history.stream().filter(h -> h.action().equals("COMMENT"))
                .map(h -> h.note() + (h.visibleToCompany() ? " [shown]" : " [internal]")).toList();
    }

    @Test
    void aStaffCommentIsInternalUnlessShownAndTheCompanyReadsOnlyWhatIsShown() {
        Alert a = alert("pc-keiri-01");
        service.comment(analyst, a.id(), "SPF failed; checking the partner's domain", false);
        service.comment(admin, a.id(), "We isolated the PC; please do not switch it off.", true);
        // A company user cannot hide anything from the staff, nor write an internal note.
        service.comment(owner, a.id(), "That was our new backup job.", false);
        service.comment(member, a.id(), "I opened the attachment at 10:05.", false);

        assertThat(comments(alerts.history(analyst, a.id()))).containsExactly(
                "SPF failed; checking the partner's domain [internal]",
                "We isolated the PC; please do not switch it off. [shown]",
                "That was our new backup job. [shown]", "I opened the attachment at 10:05. [shown]");
        assertThat(comments(alerts.history(admin, a.id()))).hasSize(4);
        for (Actor company : List.of(owner, member)) {
            assertThat(comments(alerts.history(company, a.id()))).as(company.role().name()).containsExactly(
                    "We isolated the PC; please do not switch it off. [shown]",
                    "That was our new backup job. [shown]", "I opened the attachment at 10:05. [shown]");
            assertThat(service.detail(company, a.id()).history()).extracting(Alert.HistoryEntry::note)
                    .doesNotContain("SPF failed; checking the partner's domain");
        }
        // The lifecycle entries stay visible to the company, as they always were.
        assertThat(alerts.history(owner, a.id())).extracting(Alert.HistoryEntry::action).contains("CREATED");
        // Responders and insurers see no company's alert at all.
        assertThat(alerts.history(world.staff(Role.RESPONDER, true).actor(), a.id())).isEmpty();
        assertThat(alerts.history(world.staff(Role.INSURER, true).actor(), a.id())).isEmpty();
    }

    @Test
    void commentsWrittenBeforeTheVisibilityColumnStayVisibleToTheCompany() throws Exception {
        FluentConfiguration config = freshDatabase().locations("classpath:db/migration");
        MigrationVersion before = Arrays.stream(config.load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v.compareTo(MigrationVersion.fromVersion("26")) < 0).max(Comparator.naturalOrder())
                .orElseThrow();
        config.target(before).load().migrate();
        DataSource db = config.getDataSource();
        UUID alertId = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.parse("2026-11-01T00:00:00Z"));
        try (Connection c = db.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into alert (id, tenant_id, group_key, key_hash, detector, rule_id, entity, title, category,
                                       base_severity, severity, status, event_count, first_seen, last_seen,
                                       window_start, created_at, updated_at)
                    values (?, ?, 'intel|x|pc-1', ?, 'intel', 'x', 'pc-1', 'old alert', 'C2', 'HIGH', 'HIGH', 'NEW', 1,
                            ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, alertId);
                insert.setObject(2, tenant.id());
                insert.setString(3, Hashes.sha256(alertId.toString()));
                for (int i = 4; i <= 8; i++) {
                    insert.setTimestamp(i, now);
                }
                insert.executeUpdate();
            }
            try (PreparedStatement history = c.prepareStatement("""
                    insert into alert_history (alert_id, at, actor_login, action, note) values (?, ?, ?, ?, ?)""")) {
                for (String[] row : new String[][] {{"system", "CREATED", null},
                        {"analyst@provider.example", "COMMENT", "the staff comment the company already read"},
                        {"owner@company.example", "COMMENT", "the company's own note"}}) {
                    history.setObject(1, alertId);
                    history.setTimestamp(2, now);
                    history.setString(3, row[0]);
                    history.setString(4, row[1]);
                    history.setString(5, row[2]);
                    history.executeUpdate();
                }
            }
        }
        config.target("26").load().migrate();

        Map<String, Boolean> visible = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select action, note, visible_to_company from alert_history order by id")) {
            while (rs.next()) {
                visible.put(rs.getString(1) + " " + rs.getString(2), rs.getBoolean(3));
            }
        }
        assertThat(visible).containsExactly(Map.entry("CREATED null", true),
                Map.entry("COMMENT the staff comment the company already read", true),
                Map.entry("COMMENT the company's own note", true));
    }
}
