package jp.sukedachi.testkit.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Sukedachi node of a test cluster in its own JVM (the test JVM's java and class path, main
 * {@code SukedachiApplication}): a role, a runtime, a free HTTP port, its own data folder, a PostgreSQL schema shared
 * with the other nodes. Its output goes to a log file under {@code target/cluster-logs} (kept after the test), whose
 * tail failures quote. {@link #kill()} is SIGKILL (no shutdown hook, no flush), {@link #stop()} SIGTERM.
 */
public final class ClusterNode implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String name;
    private final Process process;
    private final Path data;
    private final Path log;
    private final int port;

    private ClusterNode(String name, Process process, Path data, Path log, int port) {
        this.name = name;
        this.process = process;
        this.data = data;
        this.log = log;
        this.port = port;
    }

    /** Where nodes' logs go (kept after the run): {@code target/cluster-logs} of the working folder unless set. */
    private static volatile Path logs = Path.of("target", "cluster-logs");

    public static void logsIn(Path dir) {
        logs = dir;
    }

    /** The arguments of a Kafka-runtime node in {@code role} against {@code bootstrap}, after the database's. */
    public static List<String> kafka(String role, String bootstrap, List<String> database) {
        List<String> args = new ArrayList<>(database);
        args.addAll(List.of("--sukedachi.runtime=kafka", "--sukedachi.role=" + role,
                "--sukedachi.kafka.bootstrap-servers=" + bootstrap));
        return args;
    }

    /**
     * An embedded-runtime node (role all) that seeds the demo world of {@code companies} companies into the database
     * and writes the simulated devices' tokens to {@code <data>/demo-devices.json}; {@link #awaitSeeded} waits for them.
     */
    public static ClusterNode launchSeeder(String name, Path data, List<String> database, int companies,
            List<String> extra) throws IOException {
        List<String> args = new ArrayList<>(database);
        args.addAll(List.of("--sukedachi.demo=true", "--sukedachi.demo-world.traffic=false",
                "--sukedachi.demo-world.companies=" + companies));
        args.addAll(extra);
        return launch(name, data, args);
    }

    /** Until the seeder is up and has written the demo world's device tokens. */
    public ClusterNode awaitSeeded() throws Exception {
        awaitHealthy();
        Await.until(name + " seeding the demo world", Duration.ofMinutes(2),
                () -> Files.exists(data.resolve("demo-devices.json")) && Files.exists(data.resolve("demo-credentials.json")));
        return this;
    }

    /** The simulated devices' tokens a seeder wrote, keyed {@code company/device}. */
    public java.util.SortedMap<String, String> demoTokens() throws IOException {
        String text = Files.readString(data.resolve("demo-devices.json"));
        java.util.SortedMap<String, String> tokens = new java.util.TreeMap<>();
        var m = java.util.regex.Pattern.compile("\"([^\"]+/[^\"]+)\"\\s*:\\s*\"([^\"]+)\"").matcher(text);
        while (m.find()) {
            tokens.put(m.group(1), m.group(2));
        }
        return tokens;
    }

    /** Starts the node and returns once /actuator/health says UP. */
    public static ClusterNode start(String name, Path data, List<String> args) throws Exception {
        ClusterNode node = launch(name, data, args);
        node.awaitHealthy();
        return node;
    }

    /**
     * Starts the node without waiting (several nodes start side by side; {@link #awaitHealthy()} each after).
     * {@code args} are {@code --key=value}; they replace the defaults of the same key.
     */
    public static ClusterNode launch(String name, Path data, List<String> args) throws IOException {
        int port = freePort();
        Files.createDirectories(data);
        String java = ProcessHandle.current().info().command().orElse("java");
        Map<String, String> all = new LinkedHashMap<>();
        for (String a : List.of("--server.port=" + port, "--sukedachi.data-dir=" + data,
                "--sukedachi.syslog.enabled=false", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--spring.datasource.hikari.maximum-pool-size=5")) {
            all.put(a.substring(0, a.indexOf('=')), a);
        }
        for (String a : args) {
            all.put(a.substring(0, a.indexOf('=')), a);
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                // ends with this JVM even when it is killed outright (no shutdown hook runs then)
                OwnedMain.class.getName(), String.valueOf(ProcessHandle.current().pid()),
                "jp.sukedachi.app.SukedachiApplication"));
        command.addAll(all.values());
        Path log = Files.createDirectories(logs).resolve(name + "-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A test that fails half-way must not leave JVMs behind.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new ClusterNode(name, process, data, log, port);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path data() {
        return data;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Until /actuator/health answers UP (at most 3 minutes: two cores shared by several JVMs starting). */
    public ClusterNode awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended with " + process.exitValue() + " while starting: " + tail());
            }
            try {
                var r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        kill();
        throw new AssertionError(name + " not healthy within 3 minutes (last answer: " + last + "): " + tail());
    }

    /** Until the node's log holds {@code text} (e.g. the Sigma rules loaded), at most a minute. */
    public void awaitLog(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (text(log).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + ": \"" + text + "\" not in its log within a minute: " + tail());
    }

    /** SIGKILL: no shutdown hook, no flush, no leaving the consumer group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** CPU time the process has used so far (user + system), from the operating system. */
    public Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The end of the node's log, for failure messages. */
    public String tail() {
        try {
            String text = text(log);
            return "\n--- " + log + " (end) ---\n" + text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The log as text; a character still being written at its end does not fail the read. */
    private static String text(Path log) throws IOException {
        return new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
