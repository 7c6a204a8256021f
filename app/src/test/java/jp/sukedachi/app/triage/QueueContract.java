package jp.sukedachi.app.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import jp.sukedachi.app.report.ReportFigures;
import jp.sukedachi.app.report.ReportRendering;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queue a person can empty (issue 19, item 3), on the real triage, counters, funnel and monthly report: what the
 * customer's own device blocked and LOW noise from the Internet are counted, not alerted, unless they escalate (from
 * a PC in the office, aimed at a host already calling out, a burst over the company's own baseline); detections of
 * one connection from two sources are one alert listing both; funnel, counters and report agree on every step; V37
 * leaves existing counters equal to the rows. H2 and PostgreSQL (subclasses).
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.initial-delay-ms=3600000000"})
abstract class QueueContract {
    static final String ATTACKER = "198.51.100.77";
    static final String C2 = "203.0.113.66";

    @Autowired
    TestWorld world;
    @Autowired
    Triage triage;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AlertRepository alerts;
    @Autowired
    FunnelRepository funnels;
    @Autowired
    ReportRendering reports;

    /** A fresh, empty database of this contract's kind, for a migration run outside the application. */
    abstract FluentConfiguration freshDatabase();

    private Actor admin() {
        return world.admin().actor();
    }

    private UUID company(String name) {
        return world.tenant(admin(), TestWorld.unique(name)).id();
    }

    private List<Alert> alertsOf(UUID tenant) {
        return alerts.findByTenant(admin(), tenant, null, null, 1000);
    }

    @Test
    void blockedFromTheInternetOpensNoAlertButIsCountedInTheFunnel() {
        UUID tenant = company("Blocked outside");
        Instant now = Instant.now();
        List<Detection> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(blocked(tenant, "fortigate-ips", "fortigate-ips:47541", ATTACKER, "192.168.1.10", now));
        }
        Triage.Outcome outcome = triage.keep(batch, now);

        assertThat(outcome.alertsOpened()).isZero();
        assertThat(outcome.counted()).isEqualTo(40);
        assertThat(alertsOf(tenant)).isEmpty();
        Funnel f = funnels.funnel(admin(), tenant, now.minusSeconds(3600), now.plusSeconds(3600));
        assertThat(f.detections()).isEqualTo(40);
        assertThat(f.blocked()).isEqualTo(40);
        assertThat(f.alertsNeedingHuman()).isZero();
        assertThat(funnels.dayAndMonth(admin(), FunnelCountRepository.day(now)).dayOf(tenant).blocked()).isEqualTo(40);
    }

    @Test
    void blockedFromPcsInTheOfficeOpenOneGrowingAlertPerSignature() {
        UUID tenant = company("Blocked inside");
        Instant now = Instant.now();
        for (int batch = 0; batch < 3; batch++) {
            List<Detection> downloads = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                // the first from .23, then three PCs by turns (demo case 3: the PC that opened it varies)
                String pc = batch == 0 && i == 0 ? "192.168.10.23" : "192.168.10." + (23 + i % 3);
                downloads.add(blocked(tenant, "fortigate-av", "fortigate-av:8150001", pc, C2,
                        now.plusSeconds(batch * 60L + i)));
            }
            triage.keep(downloads, now);
        }
        // An employee's blocked site (the web filter doing its job) is no alert, from the same PC.
        triage.keep(List.of(blocked(tenant, "fortigate-web", "fortigate-web:26", "192.168.10.23", C2, now)), now);

        List<Alert> all = alertsOf(tenant);
        assertThat(all).hasSize(1);
        Alert a = all.getFirst();
        assertThat(a.ruleId()).isEqualTo("fortigate-av:8150001");
        assertThat(a.entity()).isEqualTo("192.168.10.23");
        assertThat(a.count()).isEqualTo(150);
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM); // LOW raised one step by 100 events
        assertThat(a.needsHuman()).isTrue();
        assertThat(funnels.funnel(admin(), tenant, now.minusSeconds(3600), now.plusSeconds(3600)).alertsNeedingHuman())
                .isEqualTo(1);
    }

    @Test
    void blockedAimedAtAHostThatBeaconsOpensAnAlertAboutThatHost() {
        UUID tenant = company("Beaconing host");
        Instant now = Instant.now();
        // Before the host beacons, the block from the Internet is a statistic.
        triage.keep(List.of(blocked(tenant, "fortigate-ips", "fortigate-ips:1", ATTACKER, "192.168.1.50", now)), now);
        assertThat(alertsOf(tenant)).isEmpty();

        triage.keep(List.of(behaviour(tenant, "beaconing", Category.BEACONING, "192.168.1.50", C2, now)), now);
        triage.keep(List.of(blocked(tenant, "fortigate-ips", "fortigate-ips:1", ATTACKER, "192.168.1.50",
                now.plusSeconds(60)), blocked(tenant, "fortigate-ips", "fortigate-ips:1", ATTACKER, "192.168.1.51",
                now.plusSeconds(60))), now);

        List<Alert> all = alertsOf(tenant);
        assertThat(all).extracting(Alert::category).containsExactlyInAnyOrder(Category.BEACONING, Category.BLOCKED);
        Alert escalated = all.stream().filter(a -> a.category() == Category.BLOCKED).findFirst().orElseThrow();
        assertThat(escalated.entity()).isEqualTo("192.168.1.50");
        assertThat(escalated.count()).isEqualTo(1); // the block aimed at .51 (not watched) stays a statistic
    }

    @Test
    void aBurstFarAboveTheCompanysOwnBaselineOpensOneAlertForTheDayAndANewCompanyNone() {
        UUID tenant = company("Burst");
        UUID newcomer = company("No baseline");
        Instant now = Instant.now();
        LocalDate today = FunnelCountRepository.day(now);
        for (int back = 1; back <= 14; back++) {
            baselineDay(tenant, today.minusDays(back), 5_000, back % 2 == 0 ? 12 : 15);
        }
        // 150 blocked: under the minimum of 200, no alert.
        triage.keep(internetBlocks(tenant, 150, now), now);
        assertThat(alertsOf(tenant)).isEmpty();
        // 100 more: 250 today > 10 × the median 12, at least 200: one alert, opened with the day's count.
        triage.keep(internetBlocks(tenant, 100, now), now);
        // 30 more the same day grow it.
        triage.keep(internetBlocks(tenant, 30, now), now);
        triage.keep(internetBlocks(newcomer, 300, now), now);

        List<Alert> all = alertsOf(tenant);
        assertThat(all).hasSize(1);
        Alert burst = all.getFirst();
        assertThat(burst.ruleId()).isEqualTo(Triage.BURST_RULE);
        assertThat(burst.title()).startsWith("Unusually many attacks were blocked today");
        assertThat(burst.count()).isEqualTo(280);
        assertThat(burst.needsHuman()).isTrue();
        assertThat(alertsOf(newcomer)).as("no baseline yet: no burst").isEmpty();
    }

    @Test
    void aBurstNeedsBothTheMinimumAndTheFactor() {
        assertThat(Triage.isBurst(200, 19, 200, 10)).isTrue();
        assertThat(Triage.isBurst(200, 20, 200, 10)).isFalse(); // not more than 10 × 20
        assertThat(Triage.isBurst(199, 0, 200, 10)).isFalse();
        assertThat(Triage.median(new long[] {5, 1, 9, 3})).isEqualTo(3);
        assertThat(Triage.median(new long[] {7})).isEqualTo(7);
    }

    @Test
    void anIdsSignatureAndIntelOnTheSameFlowAreOneAlertListingBothDetectors() {
        UUID tenant = company("Two sources");
        Instant now = Instant.now();
        Detection ids = passed(tenant, "fortigate-ips:7741", "Emotet.Botnet", "192.168.3.7", C2, Severity.HIGH,
                Category.C2, now);
        SecurityEvent e = event(tenant, "192.168.3.7", C2, now.plusSeconds(5)).set(Ecs.HOST_NAME, "PC-07").build();
        Detection intel = new Detection(e.tenant(), e.device(), e.timestampMillis(), "intel", "ipv4:" + C2,
                "Connection to known botnet C2 " + C2, Severity.HIGH, Category.MALWARE_DOWNLOAD, e,
                Map.of("field", Ecs.DESTINATION_IP, "indicator", "ipv4:" + C2));
        triage.keep(List.of(ids), now);
        triage.keep(List.of(intel, intel), now);
        // Another PC talking to the same server is another alert.
        triage.keep(List.of(passed(tenant, "fortigate-ips:7741", "Emotet.Botnet", "192.168.3.8", C2, Severity.HIGH,
                Category.C2, now)), now);

        List<Alert> all = alertsOf(tenant);
        assertThat(all).hasSize(2);
        Alert merged = all.stream().filter(a -> a.key().contains("192.168.3.7")).findFirst().orElseThrow();
        assertThat(merged.detectors()).containsExactly("sensor", "intel");
        assertThat(merged.ruleIds()).containsExactly("fortigate-ips:7741", "ipv4:" + C2);
        assertThat(merged.ruleId()).isEqualTo("fortigate-ips:7741");
        assertThat(merged.count()).isEqualTo(3);
        assertThat(merged.category()).isEqualTo(Category.C2); // the more serious of C2 and malware download
        assertThat(alerts.find(admin(), merged.id()).orElseThrow().detectors()).containsExactly("sensor", "intel");
    }

    @Test
    void lowScanNoiseFromTheInternetOpensNoAlertButAScanFromInsideDoes() {
        UUID tenant = company("Scan noise");
        Instant now = Instant.now();
        triage.keep(List.of(scan(tenant, ATTACKER, "192.168.1.1", "internet", Severity.LOW, now),
                scan(tenant, ATTACKER, "192.168.1.2", "internet", Severity.INFO, now)), now);
        assertThat(alertsOf(tenant)).isEmpty();
        triage.keep(List.of(scan(tenant, "192.168.1.99", "192.168.1.1", "lan", Severity.HIGH, now)), now);
        assertThat(alertsOf(tenant)).hasSize(1);
        Funnel f = funnels.funnel(admin(), tenant, now.minusSeconds(3600), now.plusSeconds(3600));
        assertThat(f.detections()).isEqualTo(3);
        assertThat(f.alertsNeedingHuman()).isEqualTo(1);
    }

    @Test
    void theFunnelTheCountersAndTheReportFiguresAgreeOnEveryStep() {
        UUID tenant = company("Agree");
        Instant now = Instant.now();
        List<Detection> batch = new ArrayList<>(internetBlocks(tenant, 25, now));
        batch.add(blocked(tenant, "fortigate-av", "fortigate-av:1", "192.168.5.5", C2, now));
        batch.add(passed(tenant, "fortigate-ips:9", "Trojan", "192.168.5.6", C2, Severity.MEDIUM, Category.C2, now));
        batch.add(scan(tenant, ATTACKER, "192.168.5.1", "internet", Severity.LOW, now));
        triage.keep(batch, now);

        LocalDate day = FunnelCountRepository.day(now);
        Funnel rows = funnels.funnel(admin(), tenant, day.atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant(),
                day.plusDays(1).atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant());
        Funnel counters = funnels.dayAndMonth(admin(), day).dayOf(tenant);
        assertThat(List.of(counters.detections(), counters.blocked(), counters.alerts(), counters.alertsNeedingHuman()))
                .isEqualTo(List.of(rows.detections(), rows.blocked(), rows.alerts(), rows.alertsNeedingHuman()))
                .isEqualTo(List.of(28L, 26L, 2L, 2L));
        Funnel month = funnels.dayAndMonth(admin(), day).monthOf(tenant);
        ReportFigures figures = reports.render(admin(), tenant, YearMonth.from(day), Locale.JAPANESE, null).figures();
        assertThat(List.of(figures.blocked(), figures.alerts(), figures.alertsNeedingHuman()))
                .isEqualTo(List.of(month.blocked(), month.alerts(), month.alertsNeedingHuman()));
    }

    @Test
    void v37KeepsTheCountersEqualToTheRowsAndClosesOldBlockedAlertsNobodyTouched() throws Exception {
        FluentConfiguration config = ProgramCountersContract.migratedBefore(freshDatabase(), "37");
        DataSource db = config.getDataSource();
        UUID a = UUID.randomUUID();
        Timestamp at = Timestamp.from(Instant.parse("2026-12-01T03:00:00Z"));
        Map<String, UUID> ids = new HashMap<>();
        try (Connection c = db.getConnection()) {
            ProgramCountersContract.execute(c, "insert into tenant (id, name, created_at, updated_at) values (?, ?, ?, ?)", a, "V37", at, at);
            for (String[] al : new String[][] {{"blocked-new", "BLOCKED", "NEW"}, {"blocked-ack", "BLOCKED",
                    "ACKNOWLEDGED"}, {"c2", "C2", "NEW"}}) {
                UUID id = UUID.randomUUID();
                ids.put(al[0], id);
                ProgramCountersContract.execute(c, """
                        insert into alert (id, tenant_id, group_key, key_hash, detector, rule_id, entity, title, category,
                                           base_severity, severity, status, event_count, first_seen, last_seen,
                                           window_start, created_at, updated_at)
                        values (?, ?, ?, ?, 'sensor', ?, 'blocked', 'UTM blocked', ?, 'LOW', 'LOW', ?, 1, ?, ?, ?, ?,
                                ?)""", id, a, "k" + id, Hashes.sha256(id.toString()), al[0], al[1], al[2], at, at, at,
                        at, at);
            }
            // The counters as V32 left them: alerts 3, needing a human 1 (the C2).
            ProgramCountersContract.execute(c, "insert into tenant_day_count (jst_day, tenant_id, alerts, alerts_human) values (?, ?, 3, 1)",
                    LocalDate.parse("2026-12-01"), a);
        }
        config.target("37").load().migrate();
        Map<String, String> after = new HashMap<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select rule_id, status, needs_human, detectors, rule_ids from alert")) {
            while (rs.next()) {
                after.put(rs.getString(1), rs.getString(2) + "/" + rs.getBoolean(3) + "/" + rs.getString(4) + "/"
                        + rs.getString(5).equals(rs.getString(1)));
            }
        }
        assertThat(after).containsEntry("blocked-new", "CLOSED/false/sensor/true")
                .containsEntry("blocked-ack", "ACKNOWLEDGED/false/sensor/true")
                .containsEntry("c2", "NEW/true/sensor/true");
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select (select alerts_human from tenant_day_count where jst_day = date '2026-12-01'),"
                        + " (select count(*) from alert where needs_human = true),"
                        + " (select count(*) from alert_history where action = 'STATUS')")) {
            rs.next();
            assertThat(rs.getLong(1)).as("counter").isEqualTo(rs.getLong(2)).isEqualTo(1);
            assertThat(rs.getLong(3)).as("the closing is in the history").isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    private void baselineDay(UUID tenant, LocalDate day, long events, long blocked) {
        jdbc.sql("insert into tenant_day_count (jst_day, tenant_id, events, blocked) values (:d, :t, :e, :b)")
                .param("d", day).param("t", tenant).param("e", events).param("b", blocked).update();
    }

    private static List<Detection> internetBlocks(UUID tenant, int n, Instant at) {
        List<Detection> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(blocked(tenant, "fortigate-ips", "fortigate-ips:" + (i % 7), "198.51.100." + (i % 200 + 1),
                    "192.168.1.10", at));
        }
        return out;
    }

    static SecurityEvent.Builder event(UUID tenant, String src, String dst, Instant at) {
        return SecurityEvent.builder("fortigate").tenant(new TenantId(tenant)).device(new DeviceId(new UUID(7, 7)))
                .timestamp(at.toEpochMilli()).received(at.toEpochMilli()).raw("event " + src + " " + dst)
                .set(Ecs.SOURCE_IP, src).set(Ecs.DESTINATION_IP, dst);
    }

    /** A verdict the customer's device blocked, as sensor verdicts give it. */
    static Detection blocked(UUID tenant, String source, String rule, String src, String dst, Instant at) {
        SecurityEvent e = event(tenant, src, dst, at).build();
        return new Detection(e.tenant(), e.device(), e.timestampMillis(), "sensor", rule, "UTM blocked: " + rule,
                Severity.LOW, Category.BLOCKED, e, Map.of("entity", "blocked", "verdict", "blocked", "source", source));
    }

    /** A verdict the device let through, as sensor verdicts give it (entity: the office side). */
    static Detection passed(UUID tenant, String rule, String name, String src, String dst, Severity severity,
            Category category, Instant at) {
        SecurityEvent e = event(tenant, src, dst, at).build();
        return new Detection(e.tenant(), e.device(), e.timestampMillis(), "sensor", rule,
                "UTM detected an intrusion (not blocked): " + name, severity, category, e,
                Map.of("entity", src, "verdict", "passed", "source", "fortigate-ips"));
    }

    static Detection behaviour(UUID tenant, String detector, Category category, String local, String remote,
            Instant at) {
        SecurityEvent e = event(tenant, local, remote, at).build();
        return new Detection(e.tenant(), e.device(), e.timestampMillis(), detector, detector + ":periodic",
                "Regular calls from " + local + " to " + remote, Severity.MEDIUM, category, e,
                Map.of("entity", local, "remote", remote));
    }

    static Detection scan(UUID tenant, String src, String target, String origin, Severity severity, Instant at) {
        SecurityEvent e = event(tenant, src, target, at).build();
        return new Detection(e.tenant(), e.device(), e.timestampMillis(), "scan", "scan:vertical",
                "Port scan of " + target + " from " + src, severity, Category.SCAN, e,
                "internet".equals(origin) ? Map.of("entity", target, "origin", origin)
                        : Map.of("entity", src, "origin", origin));
    }
}
