package jp.sukedachi.bench.memory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Heap and RSS of the product alone at steady state: the real application jar in a child JVM (so the RSS is the
 * product's, not a harness's) running the demo world with its live traffic, first the default demo (30 companies,
 * three weeks of history), then a 1,000-company world (a shorter history, so that it is seeded within minutes).
 * For each: the time until the demo reports phase "live", then, after a settling time, a few samples of heap used
 * after a full GC and committed heap ({@code jcmd GC.run}, {@code GC.heap_info}), metaspace used
 * ({@code VM.metaspace}), and the process's
 * RSS ({@code /proc/<pid>/status} VmRSS, and its peak VmHWM). Prints a table and, as the last line, JSON.
 *
 * <p>{@code ./sukedachi bench memory [--companies 30,1000] [--history-hours 504,24] [--settle 60] [--samples 3]
 * [--jvm-opts "-Xmx1g -XX:MaxGCPauseMillis=50"] [--keep]} from the repository root (Linux: reads /proc). Each world gets a fresh data
 * folder under the system temp folder, deleted afterwards unless --keep.
 */
public final class MemoryBench {
    private static final Pattern HEAP = Pattern.compile("committed (\\d+)K, used (\\d+)K");
    /** {@code jcmd VM.metaspace basic}'s first line (JDK 25 no longer prints it in GC.heap_info). */
    private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K, committed (\\d+)K");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final Pattern API_KEY = Pattern.compile("\"apiKey\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PHASE = Pattern.compile("\"phase\"\\s*:\\s*\"([^\"]*)\"");

    private MemoryBench() {
    }

    record World(int companies, int historyHours) {
    }

    record Sample(long heapUsedKb, long liveKb, long heapCommittedKb, long metaspaceKb, long rssKb) {
    }

    record Result(World world, long seedSeconds, List<Sample> samples, long peakRssKb, String failure) {
        long median(java.util.function.ToLongFunction<Sample> f) {
            long[] v = samples.stream().mapToLong(f).sorted().toArray();
            return v.length == 0 ? -1 : v[v.length / 2];
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> companies = List.of(30, 1000);
        List<Integer> hours = List.of(504, 24);
        int settle = 60;
        int samples = 3;
        String jvmOpts = "-Xmx1g -XX:MaxGCPauseMillis=50"; // the launcher's default (SUKEDACHI_JAVA_OPTS)
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--companies" -> companies = ints(args[++i]);
                case "--history-hours" -> hours = ints(args[++i]);
                case "--settle" -> settle = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--jvm-opts" -> jvmOpts = args[++i];
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--companies, --history-hours, --settle, --samples, --jvm-opts, --keep)");
            }
        }
        if (hours.size() != companies.size()) {
            throw new IllegalArgumentException("--history-hours needs one value per --companies value");
        }
        Path root = Path.of(System.getProperty("sukedachi.repo.root", ".")).toAbsolutePath().normalize();
        Path jar = root.resolve("app/target/sukedachi-app-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no application jar at " + jar + " (./sukedachi build)");
        }
        Path rules = root.resolve("../shared/datasets/sigmahq-sigma/rules").normalize();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < companies.size(); i++) {
            World w = new World(companies.get(i), hours.get(i));
            System.err.printf(Locale.ROOT, "memory: %d companies, %d hours of history…%n", w.companies(), w.historyHours());
            results.add(run(jar, Files.isDirectory(rules) ? rules : null, w, jvmOpts, settle, samples, keep));
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "Memory of the demo at steady state (child JVM, %s, live traffic, samples %d s after"
                + " phase live)%n", jvmOpts, settle);
        System.out.println("| companies | history h | seeded in | heap used after GC | live objects | heap committed | metaspace | RSS | peak RSS |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        StringBuilder json = new StringBuilder("{\"jvm_opts\":\"").append(jvmOpts).append("\",\"settle_s\":").append(settle)
                .append(",\"worlds\":[");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            if (r.failure() != null) {
                System.out.printf(Locale.ROOT, "| %,d | %d | failed: %s | | | | | | |%n", r.world().companies(),
                        r.world().historyHours(), r.failure());
            } else {
                System.out.printf(Locale.ROOT, "| %,d | %d | %d s | %s | %s | %s | %s | %s | %s |%n", r.world().companies(),
                        r.world().historyHours(), r.seedSeconds(), mb(r.median(Sample::heapUsedKb)),
                        mb(r.median(Sample::liveKb)),
                        mb(r.median(Sample::heapCommittedKb)), mb(r.median(Sample::metaspaceKb)),
                        mb(r.median(Sample::rssKb)), mb(r.peakRssKb()));
            }
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"companies\":%d,\"history_hours\":%d,\"seed_s\":%d,\"heap_used_after_gc_kb\":%d,\"live_objects_kb\":%d,"
                            + "\"heap_committed_kb\":%d,\"metaspace_kb\":%d,\"rss_kb\":%d,\"peak_rss_kb\":%d,\"failure\":%s}",
                    r.world().companies(), r.world().historyHours(), r.seedSeconds(), r.median(Sample::heapUsedKb),
                    r.median(Sample::liveKb), r.median(Sample::heapCommittedKb), r.median(Sample::metaspaceKb), r.median(Sample::rssKb),
                    r.peakRssKb(), r.failure() == null ? "null" : "\"" + r.failure().replace("\"", "'") + "\""));
        }
        System.out.println(json.append("]}"));
    }

    private static Result run(Path jar, Path rules, World w, String jvmOpts, int settle, int sampleCount, boolean keep)
            throws Exception {
        Path data = Files.createTempDirectory("sukedachi-memory-");
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(jvmOpts.trim().split("\\s+")));
        cmd.addAll(List.of("-jar", jar.toString(), "--sukedachi.demo=true", "--sukedachi.data-dir=" + data,
                "--server.port=" + port, "--sukedachi.syslog.port=0",
                "--sukedachi.demo-world.companies=" + w.companies(),
                "--sukedachi.demo-world.history-hours=" + w.historyHours(), "--logging.level.root=WARN"));
        if (rules != null) {
            cmd.add("--sukedachi.sigma.rules-dir=" + rules);
        }
        Path log = data.resolve("memory-bench-app.log");
        Process app = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // The application ends with this JVM, even on Ctrl-C.
        Thread reaper = new Thread(app::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(reaper);
        long started = System.nanoTime();
        try {
            String failure = awaitLive(app, data, port, Duration.ofMinutes(30));
            long seedSeconds = (System.nanoTime() - started) / 1_000_000_000L;
            if (failure != null) {
                return new Result(w, seedSeconds, List.of(), peakRss(app.pid()), failure + " (log: " + log + ")");
            }
            System.err.printf(Locale.ROOT, "memory: live after %d s; settling %d s…%n", seedSeconds, settle);
            List<Sample> samples = new ArrayList<>();
            int gap = Math.max(1, settle / Math.max(1, sampleCount));
            Thread.sleep(1000L * (settle - gap * (sampleCount - 1)));
            for (int i = 0; i < sampleCount; i++) {
                if (i > 0) {
                    Thread.sleep(1000L * gap);
                }
                samples.add(sample(app.pid()));
                System.err.printf(Locale.ROOT, "memory: sample %s%n", samples.getLast());
            }
            return new Result(w, seedSeconds, samples, peakRss(app.pid()), null);
        } finally {
            app.destroy();
            if (!app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
            Runtime.getRuntime().removeShutdownHook(reaper);
            if (!keep) {
                deleteTree(data);
            }
        }
    }

    /** Null once the demo reports phase "live"; otherwise why not. */
    private static String awaitLive(Process app, Path data, int port, Duration limit) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Path credentials = data.resolve("demo-credentials.json");
        long deadline = System.nanoTime() + limit.toNanos();
        String lastPhase = "";
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                return "the application ended (exit " + app.exitValue() + ")";
            }
            Thread.sleep(2000);
            if (!Files.isRegularFile(credentials)) {
                continue;
            }
            Matcher key = API_KEY.matcher(Files.readString(credentials));
            if (!key.find()) {
                continue;
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/demo/status"))
                        .header("Authorization", "Bearer " + key.group(1)).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher phase = PHASE.matcher(r.body());
                if (r.statusCode() == 200 && phase.find()) {
                    if (!phase.group(1).equals(lastPhase)) {
                        lastPhase = phase.group(1);
                        System.err.println("memory: phase " + lastPhase);
                    }
                    if (lastPhase.equals("live")) {
                        return null;
                    }
                    if (lastPhase.startsWith("failed")) {
                        return lastPhase;
                    }
                }
            } catch (IOException e) {
                // not listening yet
            }
        }
        return "not live within " + limit.toMinutes() + " minutes (last phase: " + lastPhase + ")";
    }

    /**
     * Heap used right after a full GC, the live objects' bytes (the class histogram's total, itself after a full
     * GC: on a busy application "used" also counts what was allocated since the GC), committed heap, metaspace
     * used (jcmd), and the RSS at that moment.
     */
    private static Sample sample(long pid) throws Exception {
        Matcher live = HISTOGRAM_TOTAL.matcher(jcmd(pid, "GC.class_histogram"));
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long rss = status(pid, "VmRSS");
        Matcher heap = HEAP.matcher(info);
        Matcher meta = METASPACE.matcher(jcmd(pid, "VM.metaspace", "basic"));
        if (!heap.find()) {
            throw new IllegalStateException("unexpected GC.heap_info output:\n" + info);
        }
        return new Sample(Long.parseLong(heap.group(2)), live.find() ? Long.parseLong(live.group(1)) / 1024 : -1,
                Long.parseLong(heap.group(1)),
                meta.find() ? Long.parseLong(meta.group(1)) : -1, rss);
    }

    private static String jcmd(long pid, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static long peakRss(long pid) {
        try {
            return status(pid, "VmHWM");
        } catch (IOException e) {
            return -1; // the process has gone
        }
    }

    /** A kB figure from /proc/<pid>/status. */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private static String mb(long kb) {
        return kb < 0 ? "?" : String.format(Locale.ROOT, "%,.0f MB", kb / 1024.0);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
