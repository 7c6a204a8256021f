package jp.sukedachi.bench.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantDraft;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.TenantService;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.Funnel;
import jp.sukedachi.app.triage.FunnelCountRepository;
import jp.sukedachi.app.triage.FunnelRepository;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ./sukedachi bench funnel [companies] [days] [sample]}: the staff funnel page's database work at provider scale, before
 * and after the daily counters, in one run. Fills the real application (in-process, H2) with {@code companies}
 * companies (1,000) and {@code days} days (30, the whole month before the current one, so "this month" is full):
 * each company has a device sending every hour, 2 detections a day on one host (an alert a day, through
 * {@link Triage}) and an incident a week (through {@link Incidents#openFromAlerts}). Then times, for the last filled day:
 * <ul>
 * <li>{@code before}: what {@code /funnel} ran until V18 — the row counts ({@link FunnelRepository#funnel}) for today
 * and this month per company, and the two totals; each company's pair scans the tables whole, so {@code sample}
 * (25) companies are timed and the page is their mean times the companies, plus the totals (a whole run at 1,000
 * companies takes many minutes);</li>
 * <li>{@code after}: what it runs now — the companies, one query over the counters
 * ({@link FunnelRepository#dayAndMonth}) and the open counts ({@link AlertQueries#staffCounts}).</li>
 * </ul>
 * Both must give the same numbers (checked). Device hours are generated in SQL (see {@link #deviceHours}). Prints
 * a table and, last, one JSON line; times are medians and describe this machine, their ratio travels better.
 */
public final class FunnelBench {
    private FunnelBench() {
    }

    public static void main(String[] args) throws Exception {
        int companies = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int sample = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        LocalDate last = FunnelCountRepository.day(Instant.now()).withDayOfMonth(1).minusDays(1);
        LocalDate first = last.minusDays(days - 1L);
        Path data = Files.createTempDirectory("sukedachi-funnel-bench");
        try (ServerUnderTest server = ServerUnderTest.start(data, false)) {
            Actor admin = server.admin();
            long fillStart = System.nanoTime();
            List<Tenant> all = new ArrayList<>();
            TenantService tenantService = server.bean(TenantService.class);
            DeviceService deviceService = server.bean(DeviceService.class);
            for (int c = 0; c < companies; c++) {
                Tenant t = tenantService.create(admin, new TenantDraft("ファネル企業 " + c, "funnel-" + c, null, "E",
                        "21-50", "13", null, null, null));
                all.add(t);
                deviceService.register(admin, t.id(), new DeviceDraft("utm-01", "utm", "fortigate", List.of()));
            }
            System.err.printf("companies and devices: %.1f s%n", (System.nanoTime() - fillStart) / 1e9);
            long hours = deviceHours(server, first, days);
            System.err.printf("device hours: %.1f s%n", (System.nanoTime() - fillStart) / 1e9);
            long detections = 0;
            long incidents = 0;
            Triage triage = server.bean(Triage.class);
            AlertRepository alerts = server.bean(AlertRepository.class);
            Incidents openIncidents = server.bean(Incidents.class);
            for (int d = 0; d < days; d++) {
                Instant dayStart = first.plusDays(d).atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
                List<Detection> batch = new ArrayList<>();
                for (Tenant t : all) {
                    for (int i = 0; i < 2; i++) {
                        // A host named by the day: a new alert a day, grown by its second detection.
                        batch.add(detection(t.id(), "pc-" + d, dayStart.plus(9 + i, ChronoUnit.HOURS)));
                    }
                    if (batch.size() >= 3_000) {
                        triage.keep(batch, Instant.now());
                        detections += batch.size();
                        batch.clear();
                    }
                }
                triage.keep(batch, Instant.now());
                detections += batch.size();
                if (d % 7 == 6) {
                    for (Tenant t : all) {
                        List<UUID> ids = alerts.findByTenant(admin, t.id(), Alert.Status.NEW, null, 2).stream()
                                .map(Alert::id).toList();
                        openIncidents.openFromAlerts(admin, ids, new Incidents.Opening("ベンチのインシデント", null, null));
                        incidents++;
                    }
                }
            }
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            System.err.printf("detections and incidents: %.1f s%n", fillSeconds);

            FunnelRepository funnels = server.bean(FunnelRepository.class);
            TenantRepository tenants = server.bean(TenantRepository.class);
            AlertQueries queries = server.bean(AlertQueries.class);
            Instant dayStart = last.atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
            Instant monthStart = last.withDayOfMonth(1).atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
            Instant dayEnd = last.plusDays(1).atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();

            // The same numbers both ways, or the comparison means nothing.
            Funnel oldMonth = funnels.funnel(admin, null, monthStart, dayEnd);
            Funnel newMonth = funnels.dayAndMonth(admin, last).month();
            List<Long> oldNumbers = List.of(oldMonth.eventsReceived(), oldMonth.detections(), oldMonth.alerts(),
                    oldMonth.incidents());
            List<Long> newNumbers = List.of(newMonth.eventsReceived(), newMonth.detections(), newMonth.alerts(),
                    newMonth.incidents());
            if (!oldNumbers.equals(newNumbers) || newMonth.detections() == 0) {
                throw new IllegalStateException("the counters " + newNumbers + " differ from the rows " + oldNumbers);
            }

            // Each run ends its period a microsecond earlier: H2 reuses the result of an identical query on
            // unchanged tables, which would time a cache, not the query.
            // The old page ran two row counts per company, each scanning the tables whole (its "or tenant_id = :t"
            // kept the database from the tenant index), so every company costs the same: `sample` companies are
            // timed and the page's time is their mean times all companies, plus the two totals.
            List<Tenant> visible = tenants.findVisible(admin);
            List<Tenant> timed = visible.subList(0, Math.min(sample, visible.size()));
            double sampleMs = median(1, 3, run -> {
                Instant end = dayEnd.minusNanos(1_000L * (run + 1));
                for (Tenant t : timed) {
                    funnels.funnel(admin, t.id(), dayStart, end);
                    funnels.funnel(admin, t.id(), monthStart, end);
                }
            });
            double totalsMs = median(1, 3, run -> {
                Instant end = dayEnd.minusNanos(1_000L * (run + 1));
                funnels.funnel(admin, null, dayStart, end);
                funnels.funnel(admin, null, monthStart, end);
            });
            double before = sampleMs / timed.size() * visible.size() + totalsMs;
            // The pipeline keeps writing while staff read: one count before each run changes the counters' table.
            UUID someone = all.getFirst().id();
            FunnelCountRepository counts = server.bean(FunnelCountRepository.class);
            double after = median(5, 21, run -> {
                counts.add(someone, dayStart, FunnelCountRepository.Measure.EVENTS, 1);
                tenants.findVisible(admin);
                queries.staffCounts(admin, funnels.dayAndMonth(admin, last));
            });
            System.out.printf("companies %,d, days %d (%s to %s): %,d device hours, %,d detections, %,d incidents"
                    + " (filled in %.1f s)%n", companies, days, first, last, hours, detections, incidents, fillSeconds);
            System.out.printf("month on the page: %s events, %s detections, %s alerts, %s incidents%n",
                    newNumbers.get(0), newNumbers.get(1), newNumbers.get(2), newNumbers.get(3));
            System.out.printf("%-44s %12s%n", "funnel page's database work", "median ms");
            System.out.printf("%-44s %12.1f%n", "before: " + timed.size() + " companies' row counts", sampleMs);
            System.out.printf("%-44s %12.1f%n", "before: the two totals' row counts", totalsMs);
            System.out.printf("%-44s %12.1f%n", "before: page (" + (2 * visible.size() + 2) + " queries)", before);
            System.out.printf("%-44s %12.1f%n", "after: daily counters (1 query + open counts)", after);
            System.out.printf("%-44s %12.0f%n", "before / after", before / after);
            System.out.printf("{\"companies\":%d,\"days\":%d,\"detections\":%d,\"before_sample_ms\":%.2f,"
                    + "\"before_totals_ms\":%.2f,\"before_ms\":%.2f,\"after_ms\":%.2f,\"ratio\":%.1f}%n", companies,
                    days, detections, sampleMs, totalsMs, before, after, before / after);
        }
    }

    /**
     * One device hour per company and hour, received and parsed, generated in one H2 statement (the bench's database),
     * and the companies' daily counts of them summed the way V18's backfill does: 720,000 hours through the
     * receivers would measure ingest, not the funnel.
     */
    private static long deviceHours(ServerUnderTest server, LocalDate first, int days) {
        JdbcClient jdbc = server.bean(JdbcClient.class);
        Instant start = first.atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
        long rows = jdbc.sql("""
                insert into device_counter (device_id, tenant_id, hour_start, received, parsed, quarantined)
                select d.id, d.tenant_id, dateadd(hour, r.n, cast(:start as timestamp with time zone)),
                       100 + mod(r.n, 50), 100 + mod(r.n, 50), 0
                  from device d cross join system_range(0, :hours - 1) r(n)""")
                .param("start", start.atOffset(ZoneOffset.UTC)).param("hours", days * 24).update();
        jdbc.sql("""
                insert into tenant_day_count (jst_day, tenant_id, events)
                select date '1970-01-01' + cast(floor((extract(epoch from hour_start) + 32400) / 86400) as integer),
                       tenant_id, sum(received)
                  from device_counter
                 group by date '1970-01-01' + cast(floor((extract(epoch from hour_start) + 32400) / 86400) as integer),
                       tenant_id""").update();
        return rows;
    }

    private static Detection detection(UUID tenant, String host, Instant at) {
        SecurityEvent e = SecurityEvent.builder("bench").tenant(new TenantId(tenant)).device(new DeviceId(new UUID(0, 1)))
                .timestamp(at.toEpochMilli()).received(at.toEpochMilli())
                .set(Ecs.HOST_NAME, host).set(Ecs.DESTINATION_IP, "203.0.113.9").build();
        return new Detection(e.tenant(), e.device(), at.toEpochMilli(), "intel", "ipv4:203.0.113.9",
                "Connection to a C2 server 203.0.113.9", Detection.Severity.HIGH, Category.C2, e,
                Map.of("indicator", "ipv4:203.0.113.9"));
    }

    /** The median of {@code runs} timed runs after {@code warmUps} untimed ones, in milliseconds. */
    static double median(int warmUps, int runs, IntConsumer work) {
        for (int i = 0; i < warmUps; i++) {
            work.accept(100 + i);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.accept(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
