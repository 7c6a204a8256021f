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
import jp.sukedachi.bench.ingest.HttpLoad;
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
    /** The sending thread's keep-alive connection (threads end with their pass; a closed one is replaced). */
    private final ThreadLocal<HttpLoad.Connection> connection = new ThreadLocal<>();
    private final List<HttpLoad.Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Hit events per EVE batch of 100: EVE is a quarter of the batches, so 8 → 2 % of all events. */
    private static final double HIT_SHARE_OF_EVE = 0.08;

    /** {@code lines}: the records as UTF-8 lines (LF included), so a request's body is sent without building it. */
    private record Source(String format, String token, List<byte[]> lines) {
    }

    private final ConfigurableApplicationContext context;
    private final int port;
    private final Tenant tenant;
    private final JdbcClient jdbc;
    private final List<Source> sources = new ArrayList<>();
    private final String[] indicators;
    private final AtomicLong hitSeq = new AtomicLong();
    private final int batch;
    /**
     * How the latency phases' poller asks for alerts: "pending" (default) only for those at or after the oldest hit
     * not seen yet (alert_tenant_ix: tenant, last_seen); "all" for every alert of the phase, as it did before: that
     * query read all of the phase's alerts every 5 ms, 9-17 % of a core by the 80 % phase's end on this machine.
     */
    private final boolean pollAll;
    /** {@code --rate R}: no throughput passes; the latency phases at 10 % and 80 % of R (0: of the measured rate). */
    private static double fixedRate;

    private PipelineBench(ConfigurableApplicationContext context, int port, Actor admin, Tenant tenant, Path datasets,
            int indicatorCount, int batch, boolean pollAll) {
        this.pollAll = pollAll;
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
        sources.add(new Source(format, token,
                records.stream().map(r -> (r + "\n").getBytes(StandardCharsets.UTF_8)).toList()));
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
        fixedRate = Double.parseDouble(o.getOrDefault("rate", "0"));
        boolean pollAll = switch (o.getOrDefault("poller", "pending")) {
            case "pending" -> false;
            case "all" -> true;
            default -> throw new IllegalArgumentException("--poller is pending or all");
        };
        Path root = Path.of(System.getProperty("sukedachi.repo.root", "."));
        Path datasets = root.resolveSibling("shared").resolve("datasets");
        if (!Files.isDirectory(datasets)) {
            datasets = root.resolve("../shared/datasets").normalize();
        }
        String compare = o.get("compare");
        if (compare == null) {
            once(datasets, indicators, batch, pollAll, events, seconds, clients, "");
        } else {
            // The same mix twice in one JVM: first without the named detectors, then with every detector. The
            // ratio, not either rate, is the figure (both passes share this machine's noise).
            double without = once(datasets, indicators, batch, pollAll, events, seconds, clients, compare);
            double with = once(datasets, indicators, batch, pollAll, events, seconds, clients, "");
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
    private static double once(Path datasets, int indicators, int batch, boolean pollAll, int events, int seconds,
            int clients, String disabled) throws Exception {
        Path data = Files.createTempDirectory("sukedachi-bench-pipeline");
        var server = start(data, disabled);
        try {
            PipelineBench bench = new PipelineBench(server.context(), server.port(), server.admin(), server.tenant(),
                    datasets, indicators, batch, pollAll);
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
                sources.stream().map(s -> s.format() + "=" + s.lines().size()).toList(), indicators.length, batch,
                clients);
        double loadBefore = loadAverage();
        // Warm-up: a tenth, not measured.
        throughput(Math.max(batch * 8, events / 10), clients);
        if (fixedRate > 0) {
            // Only the latency phases, at 10 % and 80 % of a given rate (comparing settings back to back).
            Latency l10 = latency(fixedRate * 0.10, seconds);
            Latency l80 = latency(fixedRate * 0.80, seconds);
            System.out.println();
            System.out.printf(Locale.ROOT, "bench pipeline — latency only, at 10 %% and 80 %% of %,.0f events/s%n",
                    fixedRate);
            printLatency(l10, l80);
            System.out.printf(Locale.ROOT, "{\"rate\":%.0f,\"p50_ms_at_10pct\":%.1f,\"p99_ms_at_10pct\":%.1f,"
                    + "\"p50_ms_at_80pct\":%.1f,\"p99_ms_at_80pct\":%.1f,\"load_avg_1m\":[%.1f,%.1f],"
                    + "\"latency_10pct_where\":%s,\"latency_80pct_where\":%s}%n", fixedRate, l10.p50, l10.p99,
                    l80.p50, l80.p99, loadBefore, loadAverage(), l10.why().json(), l80.why().json());
            return fixedRate;
        }
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
        printLatency(l10, l80);
        System.out.printf(Locale.ROOT, "{\"events_per_s\":%.0f,\"durable_ingest_events_per_s\":%.0f,"
                + "\"durable_ingest_before_after\":[%.0f,%.0f],"
                + "\"ratio_vs_durable_ingest\":%.3f,\"consumer_alone_events_per_s\":%.0f,"
                + "\"consumer_cpu_us_per_event\":%.1f,\"events\":%d,\"hits\":%d,\"seconds\":%.3f,"
                + "\"p50_ms_at_10pct\":%.1f,\"p99_ms_at_10pct\":%.1f,\"p50_ms_at_80pct\":%.1f,\"p99_ms_at_80pct\":%.1f,"
                + "\"latency_samples_10pct\":%d,\"latency_samples_80pct\":%d,\"batch\":%d,\"clients\":%d,"
                + "\"indicators\":%d,\"load_avg_1m\":[%.1f,%.1f],\"stages_cpu_us_per_event\":{%s},"
                + "\"latency_10pct_where\":%s,\"latency_80pct_where\":%s}%n", rate,
                d.events / d.seconds, before.events / before.seconds, after.events / after.seconds,
                rate / (d.events / d.seconds), d.events / d.drainSeconds,
                consumerCpu / 1e3 / consumed, t.events, t.hits, t.seconds, l10.p50, l10.p99, l80.p50, l80.p99, l10.n,
                l80.n, batch, clients, indicators.length, loadBefore, loadAfter, stageJson, l10.why().json(),
                l80.why().json());
        return rate;
    }

    private static void printLatency(Latency l10, Latency l80) {
        System.out.printf("%-14s %12s %12s %9s %9s %9s %9s%n", "latency at", "target ev/s", "actual ev/s", "hits",
                "p50 ms", "p99 ms", "max ms");
        for (var e : List.of(Map.entry("10%", l10), Map.entry("80%", l80))) {
            Latency l = e.getValue();
            System.out.printf("%-14s %,12.0f %,12.0f %9d %9.1f %9.1f %9.1f%n", e.getKey(), l.target, l.actual, l.n,
                    l.p50, l.p99, l.max);
        }
        System.out.printf("%-14s %8s %14s %14s %14s %14s %14s %14s%n", "where p50/p99/max", "batches",
                "batch events", "oldest wait ms", "to commit ms", "next batch ms", "202→created ms", "created→seen");
        for (var e : List.of(Map.entry("10%", l10), Map.entry("80%", l80))) {
            Diagnosis w = e.getValue().why();
            System.out.printf(Locale.ROOT, "%-14s %8d %14s %14s %14s %14s %14s %14s%n", e.getKey(), w.batches(),
                    three(w.size()), three(w.waitMs()), three(w.handledMs()), three(w.wallMs()),
                    three(w.ackToCreatedMs()), three(w.createdToSeenMs()));
            System.out.printf(Locale.ROOT, "  GC pauses: %d, %.0f ms in all, longest %.0f ms (%s); poller CPU %.1f "
                    + "%% of a core; consumer CPU %.1f µs/event; batch off CPU (wall - CPU) %s ms%n", w.gcPauses(),
                    w.gcPauseTotalMs(), w.gcPauseMaxMs(), w.gcNames(), 100 * w.pollerCpuShare(),
                    w.consumerCpuPerEventUs(), three(w.offCpuMs()));
        }
    }

    private static String three(double[] a) {
        return String.format(Locale.ROOT, "%.0f/%.0f/%.0f", a[0], a[1], a[2]);
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

    /**
     * A request: one source's records, hit events mixed into EVE batches; {@code hitHosts} gets their entities and
     * {@code hitMillis} their event times. The body is the records' lines as they are (no copy into one array): this
     * load generator shares the server's JVM, and a 0.5-1 MB body built per request (a String, then its bytes) was
     * the heap's humongous garbage, which started G1's concurrent cycles every few seconds.
     */
    private record Request(Source source, List<byte[]> body, long length, int events, List<String> hitHosts,
            List<Long> hitMillis) {
    }

    private final AtomicLong cursor = new AtomicLong();

    private Request next(boolean uniqueHosts) {
        long n = cursor.getAndIncrement();
        Source s = sources.get((int) (n % sources.size()));
        List<byte[]> body = new ArrayList<>(batch);
        long length = 0;
        List<String> hosts = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        int hits = s.format().equals("suricata-eve") ? (int) Math.round(batch * HIT_SHARE_OF_EVE) : 0;
        long start = (n / sources.size()) * batch;
        for (int i = 0; i < batch - hits; i++) {
            byte[] line = s.lines().get((int) ((start + i) % s.lines().size()));
            body.add(line);
            length += line.length;
        }
        for (int i = 0; i < hits; i++) {
            long h = hitSeq.incrementAndGet();
            // Unique source host per hit in the latency phases: each hit opens its own alert (entity = source.ip).
            String host = uniqueHosts ? "10." + ((h >> 16) & 255) + "." + ((h >> 8) & 255) + "." + (h & 255)
                    : "10.200.0." + (h % 50);
            hosts.add(host);
            Instant now = Instant.now();
            times.add(now.toEpochMilli());
            byte[] line = ("{\"timestamp\":\"" + now + "\",\"flow_id\":" + h
                    + ",\"event_type\":\"flow\",\"src_ip\":\"" + host
                    + "\",\"src_port\":50000,\"dest_ip\":\"" + indicators[(int) (h % indicators.length)]
                    + "\",\"dest_port\":443,\"proto\":\"TCP\"}\n").getBytes(StandardCharsets.UTF_8);
            body.add(line);
            length += line.length;
        }
        return new Request(s, body, length, batch, hosts, times);
    }

    /** Closes the pass's connections (its sending threads are done). */
    private void closeConnections() {
        synchronized (opened) {
            opened.forEach(HttpLoad.Connection::close);
            opened.clear();
        }
    }

    /**
     * Posts; returns the accepted count (−1 on failure). Over a keep-alive socket per sending thread rather than the
     * JDK's HttpClient, as bench ingest does (see {@link HttpLoad}): the load generator shares the two cores with the
     * product, and the JDK client's CPU per request is work no real shipper does on the receiver's machine.
     */
    private int post(Request r) {
        try {
            HttpLoad.Connection c = connection.get();
            if (c == null || c.isClosed()) {
                c = new HttpLoad.Connection(port);
                connection.set(c);
                opened.add(c);
            }
            HttpLoad.Answer resp;
            try {
                resp = c.post("POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                        + r.source().token() + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: ", r.length(),
                        out -> {
                            for (byte[] line : r.body()) {
                                out.write(line);
                            }
                        });
            } catch (IOException e) {
                c.close();
                throw e;
            }
            if (resp.status() != 202) {
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
        closeConnections();
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
        while (!pipeline.consumerHolding()) {
            Thread.sleep(1); // a poll the consumer was in may last up to 500 ms
        }
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

    private record Latency(double target, double actual, int n, double p50, double p99, double max, Diagnosis why) {
    }

    /**
     * Where a phase's latency comes from: the consumer's batches (size, how long the oldest event had waited since it
     * was received when the batch was taken, the batch's wall time to its commit), the GC pauses during the phase,
     * the poller's own CPU time, and each hit's latency split at the alert's created_at (taken in the batch's
     * transaction, after detection): 202 → created_at (waiting in the journal, decode, detect) and created_at → seen
     * (the rest of the transaction, the commit, the poll's interval).
     */
    private record Diagnosis(int batches, double[] size, double[] waitMs, double[] handledMs, double[] wallMs,
            int gcPauses,
            double gcPauseTotalMs, double gcPauseMaxMs, String gcNames, double pollerCpuShare, double[] ackToCreatedMs,
            double[] createdToSeenMs, double consumerCpuPerEventUs, double[] offCpuMs) {
        /** p50, p99, max of a sorted array. */
        static double[] spread(double[] sorted) {
            return new double[] {pct(sorted, 0.50), pct(sorted, 0.99),
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]};
        }

        String json() {
            return String.format(Locale.ROOT, "{\"batches\":%d,\"batch_size\":%s,\"oldest_wait_ms\":%s,"
                    + "\"batch_handled_ms\":%s,\"batch_wall_ms\":%s,\"gc_pauses\":%d,\"gc_pause_total_ms\":%.1f,"
                    + "\"gc_pause_max_ms\":%.1f,"
                    + "\"poller_cpu_share\":%.3f,\"ack_to_created_ms\":%s,\"created_to_seen_ms\":%s,"
                    + "\"consumer_cpu_us_per_event\":%.1f,\"batch_off_cpu_ms\":%s}", batches,
                    arr(size), arr(waitMs), arr(handledMs), arr(wallMs), gcPauses, gcPauseTotalMs, gcPauseMaxMs,
                    pollerCpuShare,
                    arr(ackToCreatedMs), arr(createdToSeenMs), consumerCpuPerEventUs, arr(offCpuMs));
        }

        private static String arr(double[] a) {
            return String.format(Locale.ROOT, "[%.1f,%.1f,%.1f]", a[0], a[1], a[2]);
        }
    }

    /** GC pauses (ms) reported while {@code on}: every collector's notifications but G1's concurrent cycle's. */
    private static final class GcPauses implements javax.management.NotificationListener {
        private final List<Double> pauses = java.util.Collections.synchronizedList(new ArrayList<>());
        private final java.util.Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile boolean on;

        GcPauses() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter emitter) {
                    emitter.addNotificationListener(this, null, null);
                }
            }
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!on || !n.getType().equals(
                    com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) n.getUserData());
            if (info.getGcName().contains("Cycles")
                    || info.getGcName().contains("Concurrent") && !info.getGcAction().contains("pause")) {
                return;
            }
            names.add(info.getGcName() + "/" + info.getGcAction());
            pauses.add((double) info.getGcInfo().getDuration());
        }
    }

    private static final GcPauses GC = new GcPauses();

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
        Map<String, Long> ackedWallMicros = new ConcurrentHashMap<>();
        long wallMicros0 = Instant.now().toEpochMilli() * 1000;
        long nanos0 = System.nanoTime();
        StageTimes.resetBatches();
        GC.pauses.clear();
        GC.names.clear();
        GC.on = true;
        // Hits sent and not seen yet → their event time: an unseen hit's alert has last_seen at or after it.
        Map<String, Long> pending = new ConcurrentHashMap<>();
        Thread poller = Thread.ofPlatform().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                List<String> entities;
                if (pollAll) {
                    entities = jdbc.sql("""
                            select entity from alert
                            where tenant_id = :t and detector = 'intel' and created_at >= :since""")
                            .param("t", tenant.id()).param("since", OffsetDateTime.ofInstant(since,
                                    ZoneOffset.UTC)).query(String.class).list();
                } else {
                    long oldest = pending.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
                    entities = oldest == Long.MAX_VALUE ? List.of() : jdbc.sql("""
                            select entity from alert
                            where tenant_id = :t and last_seen >= :oldest and detector = 'intel'""")
                            .param("t", tenant.id()).param("oldest", OffsetDateTime.ofInstant(
                                    Instant.ofEpochMilli(oldest - 1), ZoneOffset.UTC)).query(String.class).list();
                }
                long now = System.nanoTime();
                for (String e : entities) {
                    if (seen.putIfAbsent(e, now) == null) {
                        pending.remove(e);
                    }
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
            for (int h = 0; h < r.hitHosts().size(); h++) {
                pending.put(r.hitHosts().get(h), r.hitMillis().get(h));
            }
            senders.execute(() -> {
                try {
                    int n = post(r);
                    long ack = System.nanoTime();
                    if (n > 0) {
                        sentEvents.addAndGet(n);
                        for (String h : r.hitHosts()) {
                            acked.put(h, ack);
                            ackedWallMicros.put(h, wallMicros0 + (ack - nanos0) / 1000);
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
        closeConnections();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !seen.keySet().containsAll(acked.keySet())) {
            Thread.sleep(5);
        }
        long pollerCpu = ManagementFactory.getThreadMXBean().getThreadCpuTime(poller.threadId());
        double phaseSeconds = (System.nanoTime() - start) / 1e9;
        poller.interrupt();
        poller.join();
        GC.on = false;
        Diagnosis why = diagnose(since, seen, ackedWallMicros, wallMicros0, nanos0, pollerCpu / 1e9 / phaseSeconds);
        double[] ms = acked.entrySet().stream().filter(e -> seen.containsKey(e.getKey()))
                .mapToDouble(e -> Math.max(0, seen.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
        if (ms.length < acked.size()) {
            System.err.printf("warning: %d of %d hits without an alert after 60 s%n", acked.size() - ms.length,
                    acked.size());
        }
        return new Latency(eventsPerSecond, actual, ms.length, pct(ms, 0.50), pct(ms, 0.99),
                ms.length == 0 ? Double.NaN : ms[ms.length - 1], why);
    }

    private Diagnosis diagnose(Instant since, Map<String, Long> seen,
            Map<String, Long> ackedWallMicros, long wallMicros0, long nanos0, double pollerCpuShare) {
        StageTimes.Batches b = StageTimes.batches();
        double[] size = new double[b.events().length];
        double[] wait = new double[size.length];
        double[] handled = new double[size.length];
        double[] wall = new double[size.length];
        // A batch's wall time less the consumer's CPU time in it: waiting for a core, for the disk, for a lock or a GC.
        double[] offCpu = new double[size.length];
        for (int i = 0; i < size.length; i++) {
            size[i] = b.events()[i];
            wait[i] = b.oldestWaitMillis()[i];
            handled[i] = b.handledNanos()[i] / 1e6;
            wall[i] = b.wallNanos()[i] / 1e6;
            offCpu[i] = Math.max(0, b.wallNanos()[i] - b.cpuNanos()[i]) / 1e6;
        }
        Arrays.sort(offCpu);
        long cpuNanos = Arrays.stream(b.cpuNanos()).sum();
        long events = Arrays.stream(b.events()).asLongStream().sum();
        Arrays.sort(size);
        Arrays.sort(wait);
        Arrays.sort(handled);
        Arrays.sort(wall);
        Map<String, Long> created = new HashMap<>();
        jdbc.sql("""
                select entity, created_at from alert
                where tenant_id = :t and detector = 'intel' and created_at >= :since""")
                .param("t", tenant.id()).param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query((rs, i) -> {
                    OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                    Instant t = at.toInstant();
                    created.put(rs.getString(1), t.getEpochSecond() * 1_000_000 + t.getNano() / 1000);
                    return null;
                }).list();
        List<Double> toCreated = new ArrayList<>();
        List<Double> toSeen = new ArrayList<>();
        for (var e : ackedWallMicros.entrySet()) {
            Long c = created.get(e.getKey());
            Long s = seen.get(e.getKey());
            if (c != null && s != null) {
                toCreated.add((c - e.getValue()) / 1e3);
                toSeen.add((wallMicros0 + (s - nanos0) / 1000 - c) / 1e3);
            }
        }
        double[] pauses = GC.pauses.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Diagnosis(size.length, Diagnosis.spread(size), Diagnosis.spread(wait), Diagnosis.spread(handled),
                Diagnosis.spread(wall),
                pauses.length, Arrays.stream(pauses).sum(), pauses.length == 0 ? 0 : pauses[pauses.length - 1],
                String.join(",", GC.names), pollerCpuShare,
                Diagnosis.spread(toCreated.stream().mapToDouble(Double::doubleValue).sorted().toArray()),
                Diagnosis.spread(toSeen.stream().mapToDouble(Double::doubleValue).sorted().toArray()),
                cpuNanos / 1e3 / Math.max(1, events), Diagnosis.spread(offCpu));
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
