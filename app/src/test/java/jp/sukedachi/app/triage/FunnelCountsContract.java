package jp.sukedachi.app.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import jp.sukedachi.app.SukedachiApplication;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.ingest.IngestService;
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
import jp.sukedachi.pipeline.EventPipeline;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The funnel's daily counters (V18, {@link FunnelCountRepository}) always equal what the rows themselves give
 * ({@link FunnelRepository#funnel}, the count the funnel page ran before): after events, detections, new and grown
 * alerts (one whose first event moves to the day before), an escalation, a close and a promotion of two alerts to one
 * incident, and after the server is stopped and started again on the same database; and data written before V18 is
 * counted by its backfill, on the Japan day (a UTC time after 15:00 is the next day). Runs on H2 and PostgreSQL.
 */
abstract class FunnelCountsContract {
    private static final String BAD = "203.0.113.66";

    @TempDir
    Path data;

    /** Further {@code --key=value} arguments naming the database (none: H2 in the data folder). */
    abstract List<String> databaseArgs();

    /** A fresh, empty database of this contract's kind, for a migration run outside the application. */
    abstract FluentConfiguration freshDatabase();

    @Test
    void theCountersStayEqualToTheRowsAfterAlertsAreClosedMergedEscalatedAndAfterARestart() throws Exception {
        LocalDate today = FunnelCountRepository.day(Instant.now());
        // Fixed instants inside the days: a run across midnight does not move them.
        Instant noon = today.atTime(12, 0).atZone(FunnelCountRepository.DAY_ZONE).toInstant();
        Instant yesterdayEvening = noon.minus(Duration.ofHours(20));
        UUID tenant;
        try (ConfigurableApplicationContext server = start()) {
            Actor admin = server.getBean(TestWorld.class).admin().actor();
            tenant = server.getBean(TestWorld.class).tenant(admin, TestWorld.unique("Counters")).id();
            Device device = server.getBean(DeviceService.class).register(admin, tenant, new DeviceDraft(
                    TestWorld.unique("sensor"), "ids-sensor", "suricata-eve", List.of(), 60)).device();
            LocalDate before = FunnelCountRepository.day(Instant.now());
            server.getBean(IngestService.class).ingest(device, flows(40).iterator(), null);
            awaitPipeline(server);
            LocalDate after = FunnelCountRepository.day(Instant.now());

            Triage triage = server.getBean(Triage.class);
            triage.keep(List.of(c2(tenant, "pc-a", noon), c2(tenant, "pc-b", noon), c2(tenant, "pc-c", noon)), noon);
            // Merged: pc-a's next detection grows its alert; pc-c's event of yesterday moves its alert to yesterday.
            triage.keep(List.of(c2(tenant, "pc-a", noon.plusSeconds(60)), c2(tenant, "pc-c", yesterdayEvening)), noon);
            // Escalated: the hundredth scan from one host raises its alert a step.
            List<Detection> scans = new ArrayList<>();
            for (int i = 0; i < 99; i++) {
                scans.add(scan(tenant, "utm-01", noon.plusSeconds(i)));
            }
            triage.keep(scans, noon);
            triage.keep(List.of(scan(tenant, "utm-01", noon.plusSeconds(99))), noon);
            AlertRepository alerts = server.getBean(AlertRepository.class);
            AlertService service = server.getBean(AlertService.class);
            Map<String, Alert> byHost = byHost(alerts, admin, tenant);
            assertThat(byHost.get("utm-01").severity()).isEqualTo(Severity.MEDIUM);
            assertThat(byHost.get("pc-c").firstSeen()).isEqualTo(yesterdayEvening);
            service.close(admin, byHost.get("pc-a").id(), Alert.Resolution.TRUE_POSITIVE);
            server.getBean(jp.sukedachi.app.incident.Incidents.class).openFromAlerts(admin,
                    List.of(byHost.get("pc-b").id(), byHost.get("pc-c").id()),
                    new jp.sukedachi.app.incident.Incidents.Opening("Emotet", null, null));

            FunnelRepository funnels = server.getBean(FunnelRepository.class);
            Funnel counted = funnels.dayAndMonth(admin, today).dayOf(tenant);
            // 3 + 2 + 100 detections, of which pc-c's second yesterday; alerts pc-a, pc-b, utm-01 today, pc-c
            // yesterday.
            assertThat(counted.detections()).isEqualTo(104);
            assertThat(counted.alerts()).isEqualTo(3);
            assertThat(counted.incidents()).isOne();
            assertThat(funnels.dayAndMonth(admin, today.minusDays(1)).dayOf(tenant).alerts()).isOne();
            long events = funnels.dayAndMonth(admin, before).dayOf(tenant).eventsReceived()
                    + (after.equals(before) ? 0 : funnels.dayAndMonth(admin, after).dayOf(tenant).eventsReceived());
            assertThat(events).isEqualTo(40);
            assertCountersEqualTheRows(funnels, admin, tenant, today);
        }
        try (ConfigurableApplicationContext server = start()) {
            Actor admin = server.getBean(TestWorld.class).admin().actor();
            FunnelRepository funnels = server.getBean(FunnelRepository.class);
            assertThat(funnels.dayAndMonth(admin, today).dayOf(tenant).detections()).isEqualTo(104);
            assertCountersEqualTheRows(funnels, admin, tenant, today);
            server.getBean(Triage.class).keep(List.of(c2(tenant, "pc-d", noon)), noon);
            assertThat(funnels.dayAndMonth(admin, today).dayOf(tenant).alerts()).isEqualTo(4);
            assertCountersEqualTheRows(funnels, admin, tenant, today);
        }
    }

    @Test
    void dataWrittenBeforeTheCountersIsCountedByTheBackfillOnTheJapanDay() throws Exception {
        FluentConfiguration config = freshDatabase().locations("classpath:db/migration");
        // Migrated up to the last version before the counters, whichever number that is.
        MigrationVersion before = Arrays.stream(config.load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v.compareTo(MigrationVersion.fromVersion("18")) < 0).max(Comparator.naturalOrder())
                .orElseThrow();
        config.target(before).load().migrate();
        DataSource db = config.getDataSource();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        // 14:59 UTC is 23:59 in Japan (Nov 30); 15:00 UTC is already Dec 1 there.
        Timestamp lastMinuteOfNov30 = Timestamp.from(Instant.parse("2026-11-30T14:59:00Z"));
        Timestamp firstHourOfDec1 = Timestamp.from(Instant.parse("2026-11-30T15:00:00Z"));
        Timestamp dec1 = Timestamp.from(Instant.parse("2026-12-01T03:00:00Z"));
        try (Connection c = db.getConnection()) {
            for (UUID t : List.of(a, b)) {
                execute(c, "insert into tenant (id, name, created_at, updated_at) values (?, ?, ?, ?)", t,
                        "Backfill " + t, dec1, dec1);
            }
            execute(c, """
                    insert into device (id, tenant_id, name, kind, format, token_hash, token_prefix, created_at)
                    values (?, ?, 'utm-01', 'utm', 'fortigate', ?, 'x', ?)""", device, a, "h" + device, dec1);
            execute(c, "insert into device_counter (device_id, tenant_id, hour_start, received, parsed, quarantined)"
                    + " values (?, ?, ?, 7, 7, 0)", device, a, Timestamp.from(Instant.parse("2026-11-30T14:00:00Z")));
            execute(c, "insert into device_counter (device_id, tenant_id, hour_start, received, parsed, quarantined)"
                    + " values (?, ?, ?, 5, 4, 1)", device, a, firstHourOfDec1);
            for (Object[] d : List.of(new Object[] {a, lastMinuteOfNov30}, new Object[] {a, firstHourOfDec1},
                    new Object[] {a, dec1}, new Object[] {b, dec1})) {
                execute(c, "insert into detection (tenant_id, at, detector, rule_id, title, severity, created_at)"
                        + " values (?, ?, 'intel', 'ipv4:" + BAD + "', 'Match', 'HIGH', ?)", d[0], d[1], d[1]);
            }
            UUID incident = UUID.randomUUID();
            execute(c, "insert into incident (id, tenant_id, title, status, created_at, created_by)"
                    + " values (?, ?, 'Emotet', 'OPEN', ?, 'analyst@example.jp')", incident, a, firstHourOfDec1);
            for (Object[] al : List.of(new Object[] {a, lastMinuteOfNov30}, new Object[] {a, dec1},
                    new Object[] {b, firstHourOfDec1})) {
                UUID id = UUID.randomUUID();
                execute(c, """
                        insert into alert (id, tenant_id, group_key, key_hash, detector, rule_id, entity, title, category,
                                           base_severity, severity, status, event_count, first_seen, last_seen,
                                           window_start, created_at, updated_at)
                        values (?, ?, ?, ?, 'intel', 'r', 'pc-1', 'Match', 'C2', 'HIGH', 'HIGH', 'NEW', 1, ?, ?, ?, ?,
                                ?)""", id, al[0], "k" + id, Hashes.sha256(id.toString()), al[1], dec1, al[1], dec1,
                        dec1);
            }
        }
        config.target("18").load().migrate();

        Map<String, String> rows = new TreeMap<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select jst_day, tenant_id, events, detections, alerts, incidents from tenant_day_count")) {
            while (rs.next()) {
                String who = rs.getObject(2, UUID.class).equals(a) ? "a" : "b";
                rows.put(rs.getObject(1, LocalDate.class) + " " + who, rs.getLong(3) + "/" + rs.getLong(4) + "/"
                        + rs.getLong(5) + "/" + rs.getLong(6));
            }
        }
        // events/detections/alerts/incidents per Japan day and company
        assertThat(rows).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "2026-11-30 a", "7/1/1/0",
                "2026-12-01 a", "5/2/1/1",
                "2026-12-01 b", "0/1/1/0")));
    }

    private void assertCountersEqualTheRows(FunnelRepository funnels, Actor admin, UUID tenant, LocalDate today) {
        for (LocalDate day : List.of(today.minusDays(2), today.minusDays(1), today)) {
            Instant start = day.atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
            Funnel rows = funnels.funnel(admin, tenant, start, end);
            Funnel counted = funnels.dayAndMonth(admin, day).dayOf(tenant);
            assertThat(List.of(counted.eventsReceived(), counted.detections(), counted.alerts(), counted.incidents()))
                    .as("company counters of %s", day)
                    .isEqualTo(List.of(rows.eventsReceived(), rows.detections(), rows.alerts(), rows.incidents()));
            Funnel allRows = funnels.funnel(admin, null, start, end);
            Funnel allCounted = funnels.dayAndMonth(admin, day).day();
            assertThat(List.of(allCounted.eventsReceived(), allCounted.detections(), allCounted.alerts(),
                    allCounted.incidents())).as("all companies' counters of %s", day).isEqualTo(List.of(
                    allRows.eventsReceived(), allRows.detections(), allRows.alerts(), allRows.incidents()));
        }
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
        Instant end = today.plusDays(1).atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
        assertThat(funnels.dayAndMonth(admin, today).monthOf(tenant).detections())
                .isEqualTo(funnels.funnel(admin, tenant, monthStart, end).detections());
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--sukedachi.data-dir=" + data,
                "--sukedachi.syslog.enabled=false", "--sukedachi.intel.refresh-initial-ms=3600000",
                "--sukedachi.watch.enabled=false", "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        args.addAll(databaseArgs());
        return new SpringApplicationBuilder(SukedachiApplication.class).run(args.toArray(String[]::new));
    }

    private static void awaitPipeline(ConfigurableApplicationContext server) throws InterruptedException {
        EventPipeline pipeline = server.getBean(EventPipeline.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (pipeline.status().backlogRecords() > 0) {
            assertThat(System.nanoTime()).as("the pipeline caught up").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Map<String, Alert> byHost(AlertRepository alerts, Actor admin, UUID tenant) {
        Map<String, Alert> byHost = new TreeMap<>();
        alerts.findByTenant(admin, tenant, null, null, 100).forEach(a -> byHost.put(a.entity(), a));
        return byHost;
    }

    private static List<String> flows(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add("{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":" + i + ",\"event_type\":\"flow\","
                    + "\"src_ip\":\"10.77.1.9\",\"src_port\":50000,\"dest_ip\":\"198.51.100.21\",\"dest_port\":443,"
                    + "\"proto\":\"TCP\"}");
        }
        return lines;
    }

    private static SecurityEvent event(UUID tenant, String host, Instant at) {
        return SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant)).device(new DeviceId(new UUID(1, 1)))
                .timestamp(at.toEpochMilli()).received(at.toEpochMilli()).raw("flow " + host)
                .set(Ecs.HOST_NAME, host).set(Ecs.SOURCE_IP, officeAddress(host)).set(Ecs.DESTINATION_IP, BAD).build();
    }

    private static Detection c2(UUID tenant, String host, Instant at) {
        SecurityEvent e = event(tenant, host, at);
        return new Detection(e.tenant(), e.device(), at.toEpochMilli(), "intel", "ipv4:" + BAD, "Match " + BAD,
                Severity.HIGH, Category.C2, e, Map.of("field", Ecs.DESTINATION_IP));
    }

    private static Detection scan(UUID tenant, String host, Instant at) {
        SecurityEvent e = event(tenant, host, at);
        return new Detection(e.tenant(), e.device(), at.toEpochMilli(), "sigma", "port-scan-inbound", "Port scan",
                Severity.LOW, Category.SCAN, e, Map.of());
    }

    private static void execute(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    /** A PC's own office address (10.x.y.z from its name): two PCs never share one (one connection, one alert). */
    static String officeAddress(String host) {
        int h = host.hashCode();
        return "10." + ((h >>> 16) & 255) + "." + ((h >>> 8) & 255) + "." + (h & 255);
    }
}
