package jp.sukedachi.bench.ingest;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.report.RenderedReport;
import jp.sukedachi.app.report.ReportRendering;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.security.SecretCipher;
import jp.sukedachi.app.security.Totp;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantDraft;
import jp.sukedachi.app.tenant.TenantService;
import jp.sukedachi.app.tenant.UserService;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.FunnelCountRepository;
import jp.sukedachi.app.triage.ProgramCountRepository;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ./sukedachi bench reports [companies] [months] [sample]}: the program statistics and the monthly reports at
 * provider scale. Fills the real application (in-process, H2) with {@code companies} companies (1,000) of mixed
 * industries, sizes and prefectures, one to three devices each, and {@code months} whole months (12, ending last
 * month) of daily and monthly counters (generated in SQL, as V18/V32 would have counted them: the statistics
 * read nothing else); {@code sample} companies (50) also get real detections, alerts (through {@link Triage}) and an incident in
 * the last month, so their reports have something to say. Then times, as medians:
 * <ul>
 * <li>the counters' query ({@link ProgramCountRepository#monthly}, all companies, the whole period);</li>
 * <li>{@code GET /api/v1/statistics} (JSON, grouped by industry) over HTTP with an admin API key: the statistics
 * service, its JSON and the HTTP round trip;</li>
 * <li>{@code GET /statistics} (the page: service, charts, Thymeleaf) over HTTP as a logged-in analyst;</li>
 * </ul>
 * and the monthly report of the last month ({@link ReportRendering#render}, Japanese) for every company: mean, p95
 * and total. Prints a table and, last, one JSON line; times describe this machine.
 */
public final class ReportsBench {
    private static final String[] INDUSTRIES = {"E", "D", "I", "G", "P", "H", "K", "R", null};
    private static final String[] SIZES = {"1-5", "6-20", "21-50", "51-100", "101-300", null};
    private static final String[] KINDS = {"utm", "ids-sensor", "endpoint", "shipper"};

    private ReportsBench() {
    }

    public static void main(String[] args) throws Exception {
        int companies = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int months = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int sample = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        YearMonth lastMonth = YearMonth.from(FunnelCountRepository.day(Instant.now())).minusMonths(1);
        YearMonth firstMonth = lastMonth.minusMonths(months - 1L);
        LocalDate from = firstMonth.atDay(1);
        LocalDate to = lastMonth.atEndOfMonth();
        Path data = Files.createTempDirectory("sukedachi-reports-bench");
        try (ServerUnderTest server = ServerUnderTest.start(data, false)) {
            Actor admin = server.admin();
            long fillStart = System.nanoTime();
            TenantService tenantService = server.bean(TenantService.class);
            DeviceService deviceService = server.bean(DeviceService.class);
            List<Tenant> all = new ArrayList<>();
            Map<UUID, UUID> firstDevice = new LinkedHashMap<>();
            for (int c = 0; c < companies; c++) {
                String pref = c % 11 == 10 ? null : String.format("%02d", 1 + (c * 7) % 47);
                Tenant t = tenantService.create(admin, new TenantDraft("統計企業 " + c, "stats-" + c, null,
                        INDUSTRIES[c % INDUSTRIES.length], SIZES[c % SIZES.length], pref, null, null, null));
                all.add(t);
                for (int d = 0; d <= c % 3; d++) {
                    UUID id = deviceService.register(admin, t.id(), new DeviceDraft(KINDS[(c + d) % 4] + "-" + d,
                            KINDS[(c + d) % 4], "auto", List.of())).device().id();
                    firstDevice.putIfAbsent(t.id(), id);
                }
            }
            System.err.printf("companies and devices: %.1f s%n", (System.nanoTime() - fillStart) / 1e9);
            // Customers since before the period: registered the day before it starts (the statistics count a company
            // and a device only from their registration).
            JdbcClient jdbc = server.bean(JdbcClient.class);
            java.time.OffsetDateTime before = from.minusDays(1).atStartOfDay(FunnelCountRepository.DAY_ZONE)
                    .toOffsetDateTime();
            jdbc.sql("update tenant set created_at = :at").param("at", before).update();
            jdbc.sql("update device set created_at = :at").param("at", before).update();
            long counterRows = counters(server, from, to);
            System.err.printf("daily counters: %.1f s%n", (System.nanoTime() - fillStart) / 1e9);
            long detections = sampleActivity(server, admin, all.subList(0, Math.min(sample, all.size())), firstDevice,
                    lastMonth);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            System.err.printf("sample activity: %.1f s%n", fillSeconds);

            // Each run first changes the counters' table, as the pipeline does all day: H2 would otherwise serve
            // an identical query on unchanged tables from its result cache, timing a cache, not the query.
            FunnelCountRepository counts = server.bean(FunnelCountRepository.class);
            UUID someone = all.getFirst().id();
            Instant someDay = from.atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
            ProgramCountRepository programCounts = server.bean(ProgramCountRepository.class);
            long[] rows = new long[1];
            double countersMs = FunnelBench.median(3, 11, run -> {
                counts.add(someone, someDay, FunnelCountRepository.Measure.EVENTS, 1);
                rows[0] = programCounts.monthly(admin, from, to).size();
            });

            String query = "from=" + from + "&to=" + to + "&groupBy=industry";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String base = "http://127.0.0.1:" + server.port();
            String key = server.bean(ApiKeyService.class).create(admin, "reports bench").secret();
            String[] body = new String[1];
            double apiMs = FunnelBench.median(3, 11, run -> {
                counts.add(someone, someDay, FunnelCountRepository.Measure.EVENTS, 1);
                body[0] = send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/statistics?" + query))
                        .header("Authorization", "Bearer " + key).header("Accept", "application/json").GET(), 200);
            });
            // The server under test has its own company besides ours.
            if (!body[0].contains("\"companies\":" + (companies + 1))) {
                throw new IllegalStateException("the API did not count " + (companies + 1) + " companies: "
                        + body[0].substring(0, Math.min(300, body[0].length())));
            }
            logIn(server, http, base);
            double pageMs = FunnelBench.median(3, 11, run -> {
                counts.add(someone, someDay, FunnelCountRepository.Measure.EVENTS, 1);
                body[0] = send(http, HttpRequest.newBuilder(URI.create(base + "/statistics?" + query)).GET(), 200);
            });
            if (!body[0].contains("funnel-chart")) {
                throw new IllegalStateException("the statistics page has no funnel chart");
            }

            // The monthly report of the last month, for every company.
            ReportRendering reports = server.bean(ReportRendering.class);
            double[] ms = new double[all.size()];
            long pages = 0;
            long bytes = 0;
            reports.render(admin, all.getFirst().id(), lastMonth, Locale.JAPANESE, null); // warm-up
            long totalStart = System.nanoTime();
            for (int i = 0; i < all.size(); i++) {
                long t = System.nanoTime();
                RenderedReport r = reports.render(admin, all.get(i).id(), lastMonth, Locale.JAPANESE, null);
                ms[i] = (System.nanoTime() - t) / 1e6;
                pages += r.pages();
                bytes += r.pdf().length;
            }
            double totalSeconds = (System.nanoTime() - totalStart) / 1e9;
            double mean = Arrays.stream(ms).average().orElse(0);
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double p95 = sorted[Math.max(0, (int) Math.ceil(sorted.length * 0.95) - 1)];

            System.out.printf("companies %,d, months %d (%s to %s): %,d counter rows, %,d sample detections"
                    + " (filled in %.1f s)%n", companies, months, from, to, counterRows, detections, fillSeconds);
            System.out.printf("%-52s %12s%n", "program statistics", "median ms");
            System.out.printf("%-52s %12.1f%n", "counters per company and month (" + rows[0] + " rows)", countersMs);
            System.out.printf("%-52s %12.1f%n", "GET /api/v1/statistics (JSON, by industry, HTTP)", apiMs);
            System.out.printf("%-52s %12.1f%n", "GET /statistics (page, analyst, HTTP)", pageMs);
            System.out.printf("%-52s %12s%n", "monthly report " + lastMonth + " (ReportRendering)", "ms");
            System.out.printf("%-52s %12.1f%n", "per company: mean", mean);
            System.out.printf("%-52s %12.1f%n", "per company: p95", p95);
            System.out.printf("%-52s %12.1f%n", "all " + all.size() + " companies: total (s)", totalSeconds);
            System.out.printf("%-52s %12.1f%n", "pages per report (mean)", (double) pages / all.size());
            System.out.printf("{\"companies\":%d,\"months\":%d,\"counter_rows\":%d,\"counters_ms\":%.2f,"
                    + "\"statistics_api_ms\":%.2f,\"statistics_page_ms\":%.2f,\"report_mean_ms\":%.2f,"
                    + "\"report_p95_ms\":%.2f,\"reports_total_s\":%.2f,\"report_pages_mean\":%.2f,"
                    + "\"report_bytes_mean\":%d}%n", companies, months, counterRows, countersMs, apiMs, pageMs, mean,
                    p95, totalSeconds, (double) pages / all.size(), bytes / all.size());
        }
    }

    /**
     * One counter row per company and day, every measure filled with a number that varies by company and day
     * (blocked and malware a part of the detections, alerts needing a human a part of the alerts), in one H2
     * statement: months of pipeline traffic would measure ingest, not the statistics.
     */
    private static long counters(ServerUnderTest server, LocalDate from, LocalDate to) {
        JdbcClient jdbc = server.bean(JdbcClient.class);
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        long rows = jdbc.sql("""
                insert into tenant_day_count (jst_day, tenant_id, events, detections, alerts, incidents, blocked,
                                              malware, alerts_human)
                select dateadd(day, r.n, cast(:from as date)), t.id,
                       2000 + mod(r.n * 37 + t.h, 900), 20 + mod(r.n + t.h, 30), 1 + mod(r.n + t.h, 3),
                       case when mod(r.n + t.h, 97) = 0 then 1 else 0 end,
                       15 + mod(r.n + t.h, 20), case when mod(r.n + t.h, 11) = 0 then 1 else 0 end,
                       case when mod(r.n + t.h, 5) = 0 then 1 else 0 end
                  from (select id, row_number() over (order by id) as h from tenant) t
                 cross join system_range(0, :days - 1) r(n)""")
                .param("from", from).param("days", days).update();
        // The monthly counters are the days' sums, as FunnelCountRepository keeps them.
        jdbc.sql("""
                insert into tenant_month_count (jst_month, tenant_id, events, detections, alerts, incidents, blocked,
                                                malware, alerts_human)
                select cast(date_trunc('month', jst_day) as date), tenant_id, sum(events), sum(detections),
                       sum(alerts), sum(incidents), sum(blocked), sum(malware), sum(alerts_human)
                  from tenant_day_count
                 group by cast(date_trunc('month', jst_day) as date), tenant_id""").update();
        return rows;
    }

    /** Real detections (blocked, C2, scan), their alerts and an incident for the sample's last month. */
    private static long sampleActivity(ServerUnderTest server, Actor admin, List<Tenant> sample,
            Map<UUID, UUID> devices, YearMonth month) {
        Triage triage = server.bean(Triage.class);
        AlertRepository alerts = server.bean(AlertRepository.class);
        Incidents incidents = server.bean(Incidents.class);
        Instant start = month.atDay(3).atStartOfDay(FunnelCountRepository.DAY_ZONE).toInstant();
        long n = 0;
        for (Tenant t : sample) {
            List<Detection> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Category c = i % 4 == 3 ? Category.C2 : i % 4 == 2 ? Category.SCAN : Category.BLOCKED;
                batch.add(detection(t.id(), devices.get(t.id()), "pc-" + (i % 5), c,
                        start.plus(i * 26L, ChronoUnit.HOURS)));
            }
            triage.keep(batch, Instant.now());
            n += batch.size();
            List<UUID> open = alerts.findByTenant(admin, t.id(), Alert.Status.NEW, null, 2).stream().map(Alert::id)
                    .toList();
            if (!open.isEmpty()) {
                incidents.openFromAlerts(admin, open, new Incidents.Opening("ベンチのインシデント", null, null));
            }
        }
        return n;
    }

    private static Detection detection(UUID tenant, UUID device, String host, Category category, Instant at) {
        SecurityEvent e = SecurityEvent.builder("bench").tenant(new TenantId(tenant)).device(new DeviceId(device))
                .timestamp(at.toEpochMilli()).received(at.toEpochMilli())
                .set(Ecs.HOST_NAME, host).set(Ecs.DESTINATION_IP, "203.0.113.9").build();
        return new Detection(e.tenant(), e.device(), at.toEpochMilli(), "bench", "bench-" + category,
                "Bench " + category, Detection.Severity.HIGH, category, e, Map.of());
    }

    /** Logs an analyst in through the real forms (password, then the TOTP code); the client keeps the session. */
    private static void logIn(ServerUnderTest server, HttpClient http, String base) {
        String password = "Bench-" + UUID.randomUUID();
        Totp totp = server.bean(Totp.class);
        String secret = totp.newSecret();
        AppUser analyst = server.bean(UserService.class).provision(null, "analyst@bench.sukedachi.jp", "Bench Analyst",
                Role.ANALYST, password, server.bean(SecretCipher.class).encrypt(secret));
        form(http, base, "/login", Map.of("username", analyst.login(), "password", password));
        form(http, base, "/login/totp", Map.of("code", totp.currentCode(secret)));
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private static void form(HttpClient http, String base, String path, Map<String, String> fields) {
        String page = send(http, HttpRequest.newBuilder(URI.create(base + path)).GET(), 200);
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on " + path);
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", m.group(1));
        String body = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        send(http, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 302);
    }

    private static String send(HttpClient http, HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode() + ", expected "
                        + expected + ": " + r.body().substring(0, Math.min(300, r.body().length())));
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
