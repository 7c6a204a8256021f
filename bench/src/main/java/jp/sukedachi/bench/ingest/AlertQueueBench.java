package jp.sukedachi.bench.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantDraft;
import jp.sukedachi.app.tenant.TenantService;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;

/**
 * {@code ./sukedachi bench alerts [alerts] [tenants]}: fills the real application (in-process, H2) with
 * alerts through {@link Triage} and times the analyst queue's queries at that size: the default view (what needs
 * action first), newest first, by severity, one tenant, a deep page. Prints a table and, last, one JSON line. Times are medians of
 * 21 runs after 5 warm-up runs; they describe this machine, the table's ratios travel better.
 */
public final class AlertQueueBench {
    private AlertQueueBench() {
    }

    public static void main(String[] args) throws Exception {
        int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int tenants = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path data = Files.createTempDirectory("sukedachi-alert-bench");
        try (ServerUnderTest server = ServerUnderTest.start(data, false)) {
            TenantService tenantService = server.bean(TenantService.class);
            List<Tenant> all = new ArrayList<>();
            for (int t = 0; t < tenants; t++) {
                all.add(tenantService.create(server.admin(), new TenantDraft("ベンチ企業 " + t, "bench-" + t, null, "E",
                        "21-50", "13", null, null, null)));
            }
            Triage triage = server.bean(Triage.class);
            Random random = new Random(42);
            long fillStart = System.nanoTime();
            long now = System.currentTimeMillis();
            Detection.Severity[] severities = Detection.Severity.values();
            for (int done = 0; done < alerts; ) {
                List<Detection> batch = new ArrayList<>();
                for (int i = 0; i < 1_000 && done < alerts; i++, done++) {
                    Tenant tenant = all.get(random.nextInt(all.size()));
                    // A distinct host per detection: one alert each.
                    String host = "10." + (done >> 16 & 255) + "." + (done >> 8 & 255) + "." + (done & 255);
                    long at = now - random.nextInt(86_400_000);
                    SecurityEvent e = SecurityEvent.builder("bench").tenant(new TenantId(tenant.id()))
                            .device(new DeviceId(new UUID(0, 1))).timestamp(at).received(at)
                            .set(Ecs.SOURCE_IP, host).set(Ecs.DESTINATION_IP, "203.0.113.9").build();
                    batch.add(new Detection(e.tenant(), e.device(), at, "intel", "ipv4:203.0.113.9",
                            "Connection to a C2 server 203.0.113.9", severities[1 + random.nextInt(4)], Category.C2, e,
                            Map.of("indicator", "ipv4:203.0.113.9")));
                }
                triage.apply(batch);
            }
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            AlertRepository repository = server.bean(AlertRepository.class);
            var admin = server.admin();
            UUID oneTenant = all.get(0).id();
            Map<String, AlertRepository.QueueFilter> views = new LinkedHashMap<>();
            var needsAction = AlertRepository.Order.NEEDS_ACTION;
            views.put("open_by_need", new AlertRepository.QueueFilter("OPEN", null, null, null, null, needsAction));
            views.put("open_by_last_seen", new AlertRepository.QueueFilter("OPEN", null, null, null, null,
                    AlertRepository.Order.LAST_SEEN));
            views.put("open_by_severity", new AlertRepository.QueueFilter("OPEN", null, null, null, null,
                    AlertRepository.Order.SEVERITY));
            views.put("one_tenant", new AlertRepository.QueueFilter("OPEN", null, oneTenant, null, null, needsAction));
            views.put("high_only", new AlertRepository.QueueFilter("OPEN", Detection.Severity.HIGH, null, null, null,
                    needsAction));
            Map<String, Double> medians = new LinkedHashMap<>();
            // Each view must return a full page, or the timing measures an empty result.
            for (var view : views.entrySet()) {
                int rows = repository.queue(admin, view.getValue(), 0, 50).size();
                if (rows == 0) {
                    throw new IllegalStateException(view.getKey() + " returned no rows");
                }
                System.out.printf("%-22s returns %d rows%n", view.getKey(), rows);
            }
            // Each run asks for another page: H2 reuses the result of an identical query on unchanged tables,
            // which would time a cache, not the query.
            for (var view : views.entrySet()) {
                medians.put(view.getKey(), median(run -> repository.queue(admin, view.getValue(), run * 50, 50)));
            }
            medians.put("page_at_5000", median(run -> repository.queue(admin, views.get("open_by_need"),
                    5_000 + run * 50, 50)));
            System.out.printf("alerts %,d across %d tenants (filled in %.1f s through Triage)%n", alerts, tenants, fillSeconds);
            System.out.printf("%-22s %12s%n", "queue view (50 rows)", "median ms");
            medians.forEach((k, v) -> System.out.printf("%-22s %12.2f%n", k, v));
            StringBuilder json = new StringBuilder("{\"alerts\":" + alerts + ",\"tenants\":" + tenants);
            medians.forEach((k, v) -> json.append(",\"").append(k).append("_ms\":").append(String.format("%.2f", v)));
            System.out.println(json.append('}'));
        }
    }

    private static double median(IntConsumer query) {
        for (int i = 0; i < 5; i++) {
            query.accept(100 + i);
        }
        double[] ms = new double[21];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            query.accept(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
