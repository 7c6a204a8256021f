package jp.sukedachi.app.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The program statistics' counters (V32: blocked, malware, alerts needing a human) always equal what the rows give,
 * per company and Japan day: after a mixed batch (blocked, C2, malware download, ransomware, scan; the blocks are
 * counted, not alerted), a C2 of a host whose block was only counted, an alert whose first event moves to the day
 * before, and a
 * batch rolled back (counts nothing); the backfill counts what was stored before V32 on the Japan day. H2 and
 * PostgreSQL (subclasses).
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.initial-delay-ms=3600000000"})
abstract class ProgramCountersContract {
    @Autowired
    TestWorld world;
    @Autowired
    Triage triage;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProgramCountRepository programCounts;
    @Autowired
    PlatformTransactionManager transactions;

    /** A fresh, empty database of this contract's kind, for a migration run outside the application. */
    abstract FluentConfiguration freshDatabase();

    @Test
    void theCountersEqualTheRowsAfterAMixedBatchACategoryChangeAndARollback() {
        Actor admin = world.admin().actor();
        UUID tenant = world.tenant(admin, TestWorld.unique("Program counters")).id();
        LocalDate today = FunnelCountRepository.day(Instant.now());
        Instant noon = today.atTime(12, 0).atZone(FunnelCountRepository.DAY_ZONE).toInstant();
        Instant yesterdayEvening = noon.minus(Duration.ofHours(20));

        triage.keep(List.of(d(tenant, "utm-01", Category.BLOCKED, noon), d(tenant, "utm-01", Category.BLOCKED, noon),
                d(tenant, "pc-a", Category.C2, noon), d(tenant, "pc-b", Category.MALWARE_DOWNLOAD, noon),
                d(tenant, "pc-c", Category.RANSOMWARE, noon), d(tenant, "pc-d", Category.SCAN, noon),
                d(tenant, "pc-e", Category.BLOCKED, noon)), noon);
        assertCountersEqualRows(tenant, today);
        assertThat(counters(tenant).get(today)).as("blocked/malware/alerts needing a human").isEqualTo("3/3/4");

        // pc-e, whose block was only counted, now calls a C2: an alert that needs a human; pc-a's alert gets an event
        // of yesterday, so it moves to yesterday.
        triage.keep(List.of(d(tenant, "pc-e", Category.C2, noon.plusSeconds(60)),
                d(tenant, "pc-a", Category.C2, yesterdayEvening)), noon);
        assertCountersEqualRows(tenant, today);
        assertThat(counters(tenant).get(today)).isEqualTo("3/4/4");
        assertThat(counters(tenant).get(today.minusDays(1))).isEqualTo("0/1/1");

        // A batch rolled back counts nothing.
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            triage.keep(List.of(d(tenant, "pc-f", Category.BLOCKED, noon), d(tenant, "pc-g", Category.C2, noon),
                    d(tenant, "utm-01", Category.RANSOMWARE, noon)), noon);
            throw new IllegalStateException("the pipeline's batch failed after triage");
        })).isInstanceOf(IllegalStateException.class);
        assertCountersEqualRows(tenant, today);
        assertThat(counters(tenant).get(today)).isEqualTo("3/4/4");

        // The read API sums the days of the month per company.
        ProgramCountRepository.Month month = programCounts.monthly(admin, YearMonth.from(today), YearMonth.from(today))
                .stream().filter(m -> m.tenantId().equals(tenant)).findFirst().orElseThrow();
        long yesterdayInMonth = today.getDayOfMonth() > 1 ? 1 : 0;
        assertThat(month.blocked()).isEqualTo(3);
        assertThat(month.malware()).isEqualTo(4 + yesterdayInMonth);
        assertThat(month.alertsHuman()).isEqualTo(4 + yesterdayInMonth);
        assertThat(month.detections()).isEqualTo(8 + yesterdayInMonth);
        // Another company's owner sees none of it.
        Actor otherOwner = world.smeUser(world.tenant(admin, TestWorld.unique("Other")), Role.TENANT_OWNER).actor();
        assertThat(programCounts.monthly(otherOwner, YearMonth.from(today), YearMonth.from(today)))
                .noneMatch(m -> m.tenantId().equals(tenant));
    }

    @Test
    void dataStoredBeforeV32IsCountedByTheBackfillOnTheJapanDay() throws Exception {
        FluentConfiguration config = migratedBefore(freshDatabase(), "32");
        DataSource db = config.getDataSource();
        UUID a = UUID.randomUUID();
        // 14:59 UTC is 23:59 in Japan (Nov 30); 15:00 UTC is already Dec 1 there.
        Timestamp nov30 = Timestamp.from(Instant.parse("2026-11-30T14:59:00Z"));
        Timestamp dec1 = Timestamp.from(Instant.parse("2026-11-30T15:00:00Z"));
        try (Connection c = db.getConnection()) {
            execute(c, "insert into tenant (id, name, created_at, updated_at) values (?, ?, ?, ?)", a, "Backfill", dec1,
                    dec1);
            for (Object[] d : List.of(new Object[] {nov30, "BLOCKED"}, new Object[] {nov30, "C2"},
                    new Object[] {dec1, "RANSOMWARE"}, new Object[] {dec1, "MALWARE_DOWNLOAD"},
                    new Object[] {dec1, "SCAN"}, new Object[] {dec1, "BLOCKED"})) {
                execute(c, "insert into detection (tenant_id, at, detector, rule_id, title, severity, created_at,"
                        + " category) values (?, ?, 'intel', 'r', 'Match', 'HIGH', ?, ?)", a, d[0], d[0], d[1]);
            }
            for (Object[] al : List.of(new Object[] {nov30, "BLOCKED"}, new Object[] {nov30, "C2"},
                    new Object[] {dec1, "SCAN"})) {
                UUID id = UUID.randomUUID();
                execute(c, """
                        insert into alert (id, tenant_id, group_key, key_hash, detector, rule_id, entity, title, category,
                                           base_severity, severity, status, event_count, first_seen, last_seen,
                                           window_start, created_at, updated_at)
                        values (?, ?, ?, ?, 'intel', 'r', 'pc-1', 'Match', ?, 'HIGH', 'HIGH', 'NEW', 1, ?, ?, ?, ?,
                                ?)""", id, a, "k" + id, Hashes.sha256(id.toString()), al[1], al[0], al[0], al[0], al[0],
                        al[0]);
            }
        }
        config.target("32").load().migrate();
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select jst_day, blocked, malware, alerts_human from tenant_day_count")) {
            while (rs.next()) {
                rows.put(rs.getObject(1, LocalDate.class).toString(), rs.getLong(2) + "/" + rs.getLong(3) + "/"
                        + rs.getLong(4));
            }
        }
        // blocked/malware/alerts needing a human. The rows were written by hand after V18, so V18 made no counter
        // rows for them: V32 adds the days it finds.
        assertThat(rows).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "2026-11-30", "1/1/1",
                "2026-12-01", "1/2/1")));
        Map<String, String> months = new TreeMap<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select jst_month, blocked, malware, alerts_human from tenant_month_count")) {
            while (rs.next()) {
                months.put(rs.getObject(1, LocalDate.class).toString(), rs.getLong(2) + "/" + rs.getLong(3) + "/"
                        + rs.getLong(4));
            }
        }
        assertThat(months).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "2026-11-01", "1/1/1",
                "2026-12-01", "1/2/1")));
    }

    /** blocked/malware/alerts needing a human per Japan day, from the counters. */
    private Map<LocalDate, String> counters(UUID tenant) {
        Map<LocalDate, String> days = new TreeMap<>();
        jdbc.sql("select jst_day, blocked, malware, alerts_human from tenant_day_count where tenant_id = :t")
                .param("t", tenant).query(rs -> {
                    days.put(rs.getObject(1, LocalDate.class), rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getLong(4));
                });
        days.values().removeIf("0/0/0"::equals);
        return days;
    }

    /** The same from the detection and alert rows, each on the Japan day of its (first) event. */
    private Map<LocalDate, String> fromRows(UUID tenant) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        jdbc.sql("select at, category from detection where tenant_id = :t").param("t", tenant).query(rs -> {
            long[] n = days.computeIfAbsent(FunnelCountRepository.day(rs.getTimestamp(1).toInstant()), k -> new long[3]);
            Category c = Category.valueOf(rs.getString(2));
            n[0] += c == Category.BLOCKED ? 1 : 0;
            n[1] += FunnelCountRepository.MALWARE.contains(c) ? 1 : 0;
        });
        jdbc.sql("select first_seen, needs_human from alert where tenant_id = :t").param("t", tenant).query(rs -> {
            long[] n = days.computeIfAbsent(FunnelCountRepository.day(rs.getTimestamp(1).toInstant()), k -> new long[3]);
            n[2] += rs.getBoolean(2) ? 1 : 0;
        });
        Map<LocalDate, String> out = new TreeMap<>();
        days.forEach((day, n) -> out.put(day, n[0] + "/" + n[1] + "/" + n[2]));
        out.values().removeIf("0/0/0"::equals);
        return out;
    }

    private void assertCountersEqualRows(UUID tenant, LocalDate today) {
        assertThat(counters(tenant)).as("counters of the days around %s", today).isEqualTo(fromRows(tenant));
        // The monthly counters (V32) are the days' sums.
        Map<LocalDate, String> months = new TreeMap<>();
        jdbc.sql("select jst_month, events, detections, alerts, incidents, blocked, malware, alerts_human"
                + " from tenant_month_count where tenant_id = :t").param("t", tenant).query(rs -> {
                    months.put(rs.getObject(1, LocalDate.class), rs.getLong(2) + "/" + rs.getLong(3) + "/"
                            + rs.getLong(4) + "/" + rs.getLong(5) + "/" + rs.getLong(6) + "/" + rs.getLong(7) + "/"
                            + rs.getLong(8));
                });
        Map<LocalDate, String> summed = new TreeMap<>();
        jdbc.sql("select jst_day, events, detections, alerts, incidents, blocked, malware, alerts_human"
                + " from tenant_day_count where tenant_id = :t").param("t", tenant).query(rs -> {
                    LocalDate month = rs.getObject(1, LocalDate.class).withDayOfMonth(1);
                    long[] add = new long[7];
                    for (int i = 0; i < 7; i++) {
                        add[i] = rs.getLong(i + 2);
                    }
                    summed.merge(month, String.join("/", Arrays.stream(add).mapToObj(Long::toString).toList()),
                            (a, b) -> {
                                long[] x = Arrays.stream(a.split("/")).mapToLong(Long::parseLong).toArray();
                                long[] y = Arrays.stream(b.split("/")).mapToLong(Long::parseLong).toArray();
                                for (int i = 0; i < 7; i++) {
                                    x[i] += y[i];
                                }
                                return String.join("/", Arrays.stream(x).mapToObj(Long::toString).toList());
                            });
                });
        assertThat(months).as("monthly counters").isEqualTo(summed);
    }

    private static Detection d(UUID tenant, String host, Category category, Instant at) {
        SecurityEvent e = SecurityEvent.builder("bench").tenant(new TenantId(tenant)).device(new DeviceId(new UUID(1, 1)))
                .timestamp(at.toEpochMilli()).received(at.toEpochMilli()).raw("event " + host)
                .set(Ecs.HOST_NAME, host).set(Ecs.DESTINATION_IP, "203.0.113.66").build();
        return new Detection(e.tenant(), e.device(), at.toEpochMilli(), "test", "rule-" + host, "Rule " + host,
                Severity.HIGH, category, e, Map.of());
    }

    /** A fresh database migrated to the last version before {@code version}, whichever number that is. */
    static FluentConfiguration migratedBefore(FluentConfiguration fresh, String version) {
        FluentConfiguration config = fresh.locations("classpath:db/migration");
        MigrationVersion before = Arrays.stream(config.load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v.compareTo(MigrationVersion.fromVersion(version)) < 0).max(Comparator.naturalOrder())
                .orElseThrow();
        config.target(before).load().migrate();
        return config;
    }

    /** Runs one statement with its arguments (the migration tests write rows as an older version would). */
    static void execute(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
