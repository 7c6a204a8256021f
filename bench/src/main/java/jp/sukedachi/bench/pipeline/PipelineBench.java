package jp.sukedachi.bench.pipeline;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import jp.sukedachi.app.SukedachiApplication;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.intel.IntelService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantDraft;
import jp.sukedachi.app.tenant.TenantService;
import jp.sukedachi.app.tenant.UserService;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.StageTimes;
import jp.sukedachi.pipeline.embedded.EmbeddedPipeline;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ./sukedachi bench pipeline}: events per second through the whole embedded pipeline (HTTP ingest →
 * journal → intel match → detections → triage → alerts committed with the offset), then the event-to-alert
 * latency at 10 % and 80 % of that rate. See bench/README.md, section "bench pipeline".
 *
 * <p>Options: {@code --events N} (throughput pass, default 200000), {@code --seconds S} (each latency phase,
 * default 15), {@code --clients N} (default 4), {@code --batch N} (records per request, default 100),
 * {@code --indicators N} (default 10000), {@code --compare ids} (two passes in one run: without the named detectors,
 * then with every detector; prints the ratio).
 */
public final class PipelineBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Hit events per EVE batch of 100: EVE is a quarter of the batches, so 8 → 2 % of all events. */
    private static final double HIT_SHARE_OF_EVE = 0.08;

    private record Source(String format, String token, List<String> records) {
    }

    private final ConfigurableApplicationContext context;
    private final int port;
    private final Tenant tenant;
    private final JdbcClient jdbc;
    private final List<Source> sources = new ArrayList<>();
    private final String[] indicators;
    private final AtomicLong hitSeq = new AtomicLong();
    private final int batch;

    private PipelineBench(ConfigurableApplicationContext context, int port, Actor admin, Tenant tenant, Path datasets,
            int indicatorCount, int batch) {
        this.context = context;
        this.port = port;
        this.tenant = tenant;
        this.batch = batch;
        this.jdbc = context.getBean(JdbcClient.class);
        indicators = new String[indicatorCount];
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < indicatorCount; i++) {
            indicators[i] = "100." + (64 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255);
            list.append(indicators[i]).append('\n');
        }
        context.getBean(IntelService.class).importFeed(admin, "bench-c2", "list", new StringReader(list.toString()),
                null);
        DeviceService devices = context.getBean(DeviceService.class);
        add(devices, admin, "suricata-eve", "ids-sensor", eve(datasets));
        add(devices, admin, "zeek", "ids-sensor", lines(files(datasets.resolve("brimdata-zeek-wrccdc/zeek-json"),
                ".json.gz")));
        add(devices, admin, "sshd", "shipper", wazuh(datasets.resolve("wazuh-ruleset-tests/sshd.ini")));
        add(devices, admin, "windows", "endpoint", windows(datasets.resolve("otrf-security-datasets/atomic")));
    }

    private void add(DeviceService devices, Actor admin, String format, String kind, List<String> records) {
        if (records.isEmpty()) {
            throw new IllegalStateException("no records for " + format);
        }
        String token = devices.register(admin, tenant.id(), new DeviceDraft("bench-" + format, kind, format,
                List.of())).token();
        sources.add(new Source(format, token, records));
    }

    // ------------------------------------------------------------------------------------------ main

    public static void main(String[] args) throws Exception {
        // Before any pipeline class loads: StageTimes reads it once (see there; well under 1 % of a batch).
        System.setProperty("sukedachi.stage-times", "true");
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int events = Integer.parseInt(o.getOrDefault("events", "200000"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "15"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "4"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "100"));
        int indicators = Integer.parseInt(o.getOrDefault("indicators", "10000"));
        Path root = Path.of(System.getProperty("sukedachi.repo.root", "."));
        Path datasets = root.resolveSibling("shared").resolve("datasets");
        if (!Files.isDirectory(datasets)) {
            datasets = root.resolve("../shared/datasets").normalize();
        }
        String compare = o.get("compare");
        if (compare == null) {
            once(datasets, indicators, batch, events, seconds, clients, "");
        } else {
            // The same mix twice in one JVM: first without the named detectors, then with every detector. The
            // ratio, not either rate, is the figure (both passes share this machine's noise).
            double without = once(datasets, indicators, batch, events, seconds, clients, compare);
            double with = once(datasets, indicators, batch, events, seconds, clients, "");
            System.out.println();
            System.out.printf(Locale.ROOT, "with every detector vs without [%s]: %,.0f vs %,.0f events/s = %.3f%n",
                    compare, with, without, with / without);
            System.out.printf(Locale.ROOT, "{\"compare\":\"%s\",\"events_per_s_with\":%.0f,"
                    + "\"events_per_s_without\":%.0f,\"ratio_with_vs_without\":%.3f}%n", compare, with, without,
                    with / without);
        }
        System.exit(0);
    }

    /** One server, one bench pass; {@code disabled}: detectors switched off (comma-separated, may be empty). */
    private static double once(Path datasets, int indicators, int batch, int events, int seconds, int clients,
            String disabled) throws Exception {
        Path data = Files.createTempDirectory("sukedachi-bench-pipeline");
        var server = start(data, disabled);
        try {
            PipelineBench bench = new PipelineBench(server.context(), server.port(), server.admin(), server.tenant(),
                    datasets, indicators, batch);
            if (!disabled.isEmpty()) {
                System.err.println("bench pipeline: without detectors " + disabled);
            }
            return bench.run(events, seconds, clients);
        } finally {
            server.context().close();
        }
    }

    private double run(int events, int seconds, int clients) throws Exception {
        System.err.printf("bench pipeline: %d sources %s, %d indicators, batch %d, %d clients%n", sources.size(),
                sources.stream().map(s -> s.format() + "=" + s.records().size()).toList(), indicators.length, batch,
                clients);
        double loadBefore = loadAverage();
        // Warm-up: a tenth, not measured.
        throughput(Math.max(batch * 8, events / 10), clients);
        // Durable ingest both before and after the end-to-end pass, compared with their mean: the JIT and the
        // machine's other work drift during a run, and either order alone would favour the later pass.
        Durable before = durable(events, clients);
        StageTimes.reset();
        long consumerCpu = consumerCpu();
        long processCpu = processCpu();
        Throughput t = throughput(events, clients);
        consumerCpu = consumerCpu() - consumerCpu;
        processCpu = processCpu() - processCpu;
        long consumed = Math.max(1, StageTimes.events());
        Map<String, Long> stages = StageTimes.snapshot();
        Durable after = durable(events, clients);
        Durable d = new Durable(before.events + after.events, before.seconds + after.seconds,
                before.drainSeconds + after.drainSeconds);
        double rate = t.events / t.seconds;
        Latency l10 = latency(rate * 0.10, seconds);
        Latency l80 = latency(rate * 0.80, seconds);
        double loadAfter = loadAverage();
        int cores = Runtime.getRuntime().availableProcessors();

        System.out.println();
        System.out.println("bench pipeline — HTTP ingest → journal → intel → detections → triage → alerts (embedded, H2 in memory)");
        System.out.printf("%-34s %12s%n", "durable ingest passes (consumer held)", "");
        System.out.printf("  %-32s %,12d%n", "events accepted (202)", d.events);
        System.out.printf("  %-32s %,12.0f%n", "events/s durable ingest", d.events / d.seconds);
        System.out.printf("  %-32s %,12.0f %,12.0f%n", "  before / after end to end", before.events / before.seconds,
                after.events / after.seconds);
        System.out.printf("  %-32s %,12.0f%n", "then consumer alone events/s", d.events / d.drainSeconds);
        System.out.printf("%-34s %12s%n", "throughput pass (end to end)", "");
        System.out.printf("  %-32s %,12d%n", "events accepted (202)", t.events);
        System.out.printf("  %-32s %,12d%n", "of them hitting an indicator", t.hits);
        System.out.printf("  %-32s %12.2f%n", "seconds until pipeline caught up", t.seconds);
        System.out.printf("  %-32s %,12.0f%n", "events/s end to end", rate);
        System.out.printf("  %-32s %12.2f%n", "  of which drain after last 202 s", t.drainSeconds);
        System.out.printf("  %-32s %12.3f%n", "ratio vs durable ingest", rate / (d.events / d.seconds));
        System.out.printf("  %-32s %12.1f%n", "consumer thread CPU µs/event", consumerCpu / 1e3 / consumed);
        System.out.printf("  %-32s %12.2f%n", "process CPU ÷ (wall × " + cores + " cores)",
                processCpu / 1e9 / t.seconds / cores);
        System.out.printf("  %-32s %5.1f → %5.1f%n", "load average (1 min)", loadBefore, loadAfter);
        System.out.printf("%-40s %10s %7s%n", "consumer CPU per stage", "µs/event", "share");
        StringBuilder stageJson = new StringBuilder();
        long accounted = 0;
        for (var e : stages.entrySet()) {
            accounted += e.getValue();
        }
        Map<String, Long> rows = new java.util.LinkedHashMap<>(stages);
        rows.put("other (loop, glue, not timed)", Math.max(0, consumerCpu - accounted));
        for (var e : rows.entrySet()) {
            double us = e.getValue() / 1e3 / consumed;
            System.out.printf(Locale.ROOT, "  %-38s %10.2f %6.1f%%%n", e.getKey(), us,
                    100.0 * e.getValue() / Math.max(1, consumerCpu));
            stageJson.append(stageJson.isEmpty() ? "" : ",").append('"').append(e.getKey()).append("\":")
                    .append(String.format(Locale.ROOT, "%.2f", us));
        }
        System.out.printf("%-14s %12s %12s %9s %9s %9s %9s%n", "latency at", "target ev/s", "actual ev/s", "hits",
                "p50 ms", "p99 ms", "max ms");
        for (var e : List.of(Map.entry("10%", l10), Map.entry("80%", l80))) {
            Latency l = e.getValue();
            System.out.printf("%-14s %,12.0f %,12.0f %9d %9.1f %9.1f %9.1f%n", e.getKey(), l.target, l.actual, l.n,
                    l.p50, l.p99, l.max);
        }
        System.out.printf(Locale.ROOT, "{\"events_per_s\":%.0f,\"durable_ingest_events_per_s\":%.0f,"
                + "\"durable_ingest_before_after\":[%.0f,%.0f],"
                + "\"ratio_vs_durable_ingest\":%.3f,\"consumer_alone_events_per_s\":%.0f,"
                + "\"consumer_cpu_us_per_event\":%.1f,\"events\":%d,\"hits\":%d,\"seconds\":%.3f,"
                + "\"p50_ms_at_10pct\":%.1f,\"p99_ms_at_10pct\":%.1f,\"p50_ms_at_80pct\":%.1f,\"p99_ms_at_80pct\":%.1f,"
                + "\"latency_samples_10pct\":%d,\"latency_samples_80pct\":%d,\"batch\":%d,\"clients\":%d,"
                + "\"indicators\":%d,\"load_avg_1m\":[%.1f,%.1f],\"stages_cpu_us_per_event\":{%s}}%n", rate,
                d.events / d.seconds, before.events / before.seconds, after.events / after.seconds,
                rate / (d.events / d.seconds), d.events / d.drainSeconds,
                consumerCpu / 1e3 / consumed, t.events, t.hits, t.seconds, l10.p50, l10.p99, l80.p50, l80.p99, l10.n,
                l80.n, batch, clients, indicators.length, loadBefore, loadAfter, stageJson);
        return rate;
    }

    /** CPU time of the pipeline's consumer thread so far (ns). */
    private long consumerCpu() {
        if (context.getBean(EventPipeline.class) instanceof EmbeddedPipeline e && e.consumerThread() != null) {
            return ManagementFactory.getThreadMXBean().getThreadCpuTime(e.consumerThread().threadId());
        }
        return 0;
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** How busy the machine is (other engineers' builds share it): /proc/loadavg's first figure, NaN elsewhere. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    // ------------------------------------------------------------------------------------------ batches

    /** A request: one source's records, hit events mixed into EVE batches; {@code hitHosts} gets their entities. */
    private record Request(Source source, String body, int events, List<String> hitHosts) {
    }

    private final AtomicLong cursor = new AtomicLong();

    private Request next(boolean uniqueHosts) {
        long n = cursor.getAndIncrement();
        Source s = sources.get((int) (n % sources.size()));
        StringBuilder body = new StringBuilder(batch * 400);
        List<String> hosts = new ArrayList<>();
        int hits = s.format().equals("suricata-eve") ? (int) Math.round(batch * HIT_SHARE_OF_EVE) : 0;
        long start = (n / sources.size()) * batch;
        for (int i = 0; i < batch - hits; i++) {
            body.append(s.records().get((int) ((start + i) % s.records().size()))).append('\n');
        }
        for (int i = 0; i < hits; i++) {
            long h = hitSeq.incrementAndGet();
            // Unique source host per hit in the latency phases: each hit opens its own alert (entity = source.ip).
            String host = uniqueHosts ? "10." + ((h >> 16) & 255) + "." + ((h >> 8) & 255) + "." + (h & 255)
                    : "10.200.0." + (h % 50);
            hosts.add(host);
            body.append("{\"timestamp\":\"").append(Instant.now()).append("\",\"flow_id\":").append(h)
                    .append(",\"event_type\":\"flow\",\"src_ip\":\"").append(host)
                    .append("\",\"src_port\":50000,\"dest_ip\":\"").append(indicators[(int) (h % indicators.length)])
                    .append("\",\"dest_port\":443,\"proto\":\"TCP\"}\n");
        }
        return new Request(s, body.toString(), batch, hosts);
    }

    /** Posts; returns the accepted count (−1 on failure). */
    private int post(Request r) {
        try {
            var resp = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest"))
                    .header("Authorization", "Bearer " + r.source().token())
                    .POST(HttpRequest.BodyPublishers.ofString(r.body())).build(), HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 202) {
                return -1;
            }
            String b = resp.body();
            int i = b.indexOf("\"accepted\":");
            if (i < 0) {
                return r.events();
            }
            int j = i + 11;
            int k = j;
            while (k < b.length() && Character.isDigit(b.charAt(k))) {
                k++;
            }
            return Integer.parseInt(b.substring(j, k));
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------ throughput

    private record Throughput(long events, long hits, double seconds, double drainSeconds) {
    }

    private long intelEventsInAlerts() {
        Long n = jdbc.sql("select coalesce(sum(event_count), 0) from alert where tenant_id = :t and detector = 'intel'")
                .param("t", tenant.id()).query(Long.class).single();
        return n == null ? 0 : n;
    }

    private long unconsumed() {
        EventPipeline p = context.getBean(EventPipeline.class);
        long behind = 0;
        if (p instanceof EmbeddedPipeline e) {
            for (long b : e.journal().metrics().unconsumedBytes().values()) {
                behind += b;
            }
        }
        return behind;
    }

    /**
     * Sends {@code events} as fast as {@code clients} allow and measures until the pipeline caught up: the
     * journal has no unconsumed bytes and the intel alerts' event counts add up to every hit sent.
     */
    private Throughput throughput(int events, int clients) throws Exception {
        long hitsBefore = intelEventsInAlerts();
        long start = System.nanoTime();
        Sent sent = send(events, clients);
        long last202 = System.nanoTime();
        awaitCaughtUp(hitsBefore, sent.hits);
        long end = System.nanoTime();
        return new Throughput(sent.accepted, sent.hits, (end - start) / 1e9, (end - last202) / 1e9);
    }

    /** {@code seconds}: first post to last 202. */
    private record Sent(long accepted, long hits, double seconds) {
    }

    /** Posts {@code events} in batches from {@code clients} threads as fast as they are accepted. */
    private Sent send(int events, int clients) throws InterruptedException {
        AtomicLong accepted = new AtomicLong();
        AtomicLong hits = new AtomicLong();
        AtomicLong remaining = new AtomicLong(events);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (remaining.getAndAdd(-batch) > 0) {
                    Request r = next(false);
                    int n = post(r);
                    if (n < 0) {
                        throw new IllegalStateException("ingest failed");
                    }
                    accepted.addAndGet(n);
                    hits.addAndGet(r.hitHosts().size());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Sent(accepted.get(), hits.get(), (System.nanoTime() - start) / 1e9);
    }

    /** Until the journal has no unconsumed bytes and the intel alerts count every hit sent since {@code hitsBefore}. */
    private void awaitCaughtUp(long hitsBefore, long hits) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline && (unconsumed() > 0 || intelEventsInAlerts() - hitsBefore < hits)) {
            Thread.sleep(2);
        }
        if (intelEventsInAlerts() - hitsBefore != hits) {
            throw new IllegalStateException("alerts count " + (intelEventsInAlerts() - hitsBefore) + " of " + hits
                    + " hits");
        }
    }

    /** {@code seconds}: first post to last 202; {@code drainSeconds}: release to caught up (the consumer alone). */
    private record Durable(long events, double seconds, double drainSeconds) {
    }

    /**
     * Durable ingest of this bench's mix: the same requests as {@link #throughput}, with the consumer held back
     * ({@link EmbeddedPipeline#holdConsumer}), so a 202 means appended and fsynced and nothing else competes for the
     * cores. Events/s = accepted / (first post to last 202), as {@code bench ingest} counts. Then the consumer is let
     * go and works off the backlog alone, which the pass waits for (the next pass starts caught up).
     */
    private Durable durable(int events, int clients) throws Exception {
        EmbeddedPipeline pipeline = (EmbeddedPipeline) context.getBean(EventPipeline.class);
        long hitsBefore = intelEventsInAlerts();
        pipeline.holdConsumer(true);
        Sent sent;
        try {
            sent = send(events, clients);
        } finally {
            pipeline.holdConsumer(false);
        }
        long released = System.nanoTime();
        awaitCaughtUp(hitsBefore, sent.hits);
        return new Durable(sent.accepted, sent.seconds, (System.nanoTime() - released) / 1e9);
    }

    // ------------------------------------------------------------------------------------------ latency

    private record Latency(double target, double actual, int n, double p50, double p99, double max) {
    }

    /**
     * Batches at a fixed rate for {@code seconds}; each hit has its own source host, so its own new alert. A
     * poller reads the committed alerts (what the alerts API shows) every 5 ms; latency = first poll that sees
     * the hit's alert − the HTTP 202 of the batch that carried the hit.
     */
    private Latency latency(double eventsPerSecond, int seconds) throws Exception {
        Map<String, Long> acked = new ConcurrentHashMap<>();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        long periodNanos = (long) (1e9 * batch / Math.max(1, eventsPerSecond));
        int batches = (int) Math.max(1, (long) seconds * 1_000_000_000L / periodNanos);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        CountDownLatch done = new CountDownLatch(batches);
        AtomicLong sentEvents = new AtomicLong();
        Instant since = Instant.now().minusSeconds(1);
        Thread poller = Thread.ofPlatform().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                List<String> entities = jdbc.sql("""
                        select entity from alert where tenant_id = :t and detector = 'intel' and created_at >= :since""")
                        .param("t", tenant.id()).param("since", OffsetDateTime.ofInstant(since,
                                ZoneOffset.UTC)).query(String.class).list();
                long now = System.nanoTime();
                for (String e : entities) {
                    seen.putIfAbsent(e, now);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            long at = start + i * periodNanos;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Request r = next(true);
            senders.execute(() -> {
                try {
                    int n = post(r);
                    long ack = System.nanoTime();
                    if (n > 0) {
                        sentEvents.addAndGet(n);
                        for (String h : r.hitHosts()) {
                            acked.put(h, ack);
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double actual = sentEvents.get() / ((System.nanoTime() - start) / 1e9);
        senders.shutdown();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !seen.keySet().containsAll(acked.keySet())) {
            Thread.sleep(5);
        }
        poller.interrupt();
        poller.join();
        double[] ms = acked.entrySet().stream().filter(e -> seen.containsKey(e.getKey()))
                .mapToDouble(e -> Math.max(0, seen.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
        if (ms.length < acked.size()) {
            System.err.printf("warning: %d of %d hits without an alert after 60 s%n", acked.size() - ms.length,
                    acked.size());
        }
        return new Latency(eventsPerSecond, actual, ms.length, pct(ms, 0.50), pct(ms, 0.99),
                ms.length == 0 ? Double.NaN : ms[ms.length - 1]);
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    // ------------------------------------------------------------------------------------------ server

    private record Started(ConfigurableApplicationContext context, int port, Actor admin, Tenant tenant) {
    }

    /** The real server in this JVM: in-memory H2, the journal in a temporary data folder, HTTP on a free port. */
    private static Started start(Path data, String disabledDetectors) {
        String[] args = {"--sukedachi.data-dir=" + data, "--sukedachi.detectors.disabled=" + disabledDetectors,
                "--spring.datasource.url=jdbc:h2:mem:benchpipeline" + data.getFileName()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=256",
                "--server.port=0", "--sukedachi.syslog.enabled=false", "--logging.level.root=WARN",
                "--spring.main.banner-mode=off", "--sukedachi.watch.enabled=false"};
        PrintStream out = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(SukedachiApplication.class).run(args);
        } finally {
            System.setOut(out);
        }
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(20));
        Actor admin = context.getBean(UserService.class).provision(null, "bench@bench.sukedachi.jp", "Bench Admin",
                Role.PROVIDER_ADMIN, password, null).actor();
        Tenant tenant = context.getBean(TenantService.class).create(admin, new TenantDraft("ベンチ株式会社", "bench",
                "ベンチカブシキガイシャ", "E", "21-50", "13", "Bench", "bench@example.jp", "03-0000-0000"));
        return new Started(context, port, admin, tenant);
    }

    // ------------------------------------------------------------------------------------------ datasets

    private static final int CAP = 20_000;

    private static List<String> eve(Path datasets) {
        return lines(files(datasets.resolve("suricata-verify-eve"), ".eve.json"));
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("dataset folder " + dir, e);
        }
    }

    private static List<String> lines(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path p : files) {
            try (InputStream raw = Files.newInputStream(p);
                    InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
                read(in, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (out.size() >= CAP) {
                break;
            }
        }
        return out;
    }

    private static List<String> windows(Path dir) {
        List<String> out = new ArrayList<>();
        for (Path zip : files(dir, ".zip")) {
            try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry e = z.getNextEntry(); e != null && out.size() < CAP; e = z.getNextEntry()) {
                    if (!e.isDirectory() && e.getName().endsWith(".json")) {
                        read(z, out);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (out.size() >= CAP) {
                break;
            }
        }
        return out;
    }

    private static List<String> wazuh(Path ini) {
        try {
            return Files.readAllLines(ini, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("log ") && (l.contains(" pass = ") || l.contains(" fail = ")))
                    .map(l -> l.substring(l.indexOf(" = ") + 3)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void read(InputStream in, List<String> out) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null && out.size() < CAP; line = r.readLine()) {
            if (!line.isBlank() && line.length() < 60_000) {
                out.add(line);
            }
        }
    }
}
