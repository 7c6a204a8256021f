package jp.sukedachi.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker for tests: {@code jp.sukedachi.broker.KafkaBroker} (module {@code broker}) started as a
 * child JVM on free loopback ports with its own data folder. Failover tests use {@link #kill()} (SIGKILL, like a
 * crashed machine's process) and {@link #restart()} (same ports and data, so clients reconnect by themselves).
 *
 * <p>The child's classpath is {@code broker/target/lib/*} and {@code broker/target/classes}, which Maven builds before
 * {@code pipeline}, {@code app} and {@code bench} (their test-scoped dependency on sukedachi-broker). The module's
 * classes never enter the caller's classpath, so a test JVM holds no broker code, only clients.
 */
public final class KafkaTestBroker implements AutoCloseable {

    private static final String READY = "kafka ready ";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String BUILD = "./mvnw -q -pl broker -am package -DskipTests";

    /** Children still running when the test JVM ends are killed, so no broker outlives its tests. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "kafka-test-broker-reaper"));
    }

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final List<String> command;
    private final Path console;
    private Process process;

    private KafkaTestBroker(Path dir, int port, int controllerPort, List<String> command) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.command = command;
        this.console = dir.resolve("console.log");
    }

    /**
     * JVM options of a test broker: small, and C1 only, which starts it about a quarter sooner on a busy machine
     * (a test broker holds thousands of records, not millions).
     */
    public static final List<String> TEST_JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** Starts a broker whose data lives in {@code dir} (created if missing) and waits until clients can use it. */
    public static KafkaTestBroker start(Path dir) {
        return start(dir, TEST_JVM_OPTIONS);
    }

    /** As {@link #start(Path)} with other JVM options, e.g. a benchmark's {@code -Xmx1g} with the full JIT. */
    public static KafkaTestBroker start(Path dir, List<String> jvmOptions) {
        Path broker = brokerModule();
        Path lib = broker.resolve("target/lib");
        Path classes = broker.resolve("target/classes");
        if (!Files.isDirectory(lib) || !Files.isRegularFile(classes.resolve("jp/sukedachi/broker/KafkaBroker.class"))) {
            throw new IllegalStateException("the Kafka broker is not built (" + lib + " or " + classes
                    + " missing); build it in " + broker.getParent() + " with: " + BUILD);
        }
        int[] ports = freePorts(2);
        Path data = dir.toAbsolutePath().normalize();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (Runtime.version().feature() >= 24) {
            // Kafka unmaps its segment files through sun.misc.Unsafe; JDK 24+ warns on every start otherwise.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", lib + File.separator + "*" + File.pathSeparator + classes,
                "jp.sukedachi.broker.KafkaBroker", "--data", data.toString(), "--port", String.valueOf(ports[0]),
                "--controller-port", String.valueOf(ports[1]), "--owner-pid", String.valueOf(ProcessHandle.current().pid())));
        KafkaTestBroker b = new KafkaTestBroker(data, ports[0], ports[1], List.copyOf(command));
        b.launch();
        return b;
    }

    /** {@code 127.0.0.1:port} for the clients' bootstrap.servers. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The broker's data folder (topics in kafka-logs/, its log in broker.log, its console in console.log). */
    public Path dir() {
        return dir;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The child's process id, e.g. to read its memory use. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("the broker is not started");
        }
        return process.pid();
    }

    /** SIGTERM and wait for a clean stop (≤ 30 s, then SIGKILL). Nothing happens when it is not running. */
    public void stop() {
        if (!isRunning()) {
            return;
        }
        process.destroy();
        if (!waitFor(process, STOP_TIMEOUT)) {
            process.destroyForcibly();
            waitFor(process, STOP_TIMEOUT);
        }
        LIVE.remove(process);
    }

    /** SIGKILL: the broker gets no chance to flush or say goodbye, as in a crash. */
    public void kill() {
        if (!isRunning()) {
            return;
        }
        process.destroyForcibly();
        waitFor(process, STOP_TIMEOUT);
        LIVE.remove(process);
    }

    /** Starts it again on the same ports with the same data (stopping it first when it still runs). */
    public void restart() {
        stop();
        launch();
    }

    /** Stops the broker; its data folder belongs to the caller and is left as it is. */
    @Override
    public void close() {
        stop();
    }

    private void launch() {
        try {
            Files.createDirectories(dir);
            long from = Files.exists(console) ? Files.size(console) : 0;
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                    .start();
            LIVE.add(process);
            awaitReady(from);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker: " + String.join(" ", command), e);
        }
    }

    private void awaitReady(long from) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (readFrom(console, from).contains(READY)) {
                return;
            }
            if (!process.isAlive()) {
                LIVE.remove(process);
                throw new IllegalStateException("the Kafka broker ended with exit code " + process.exitValue()
                        + " before it was ready:\n" + tails());
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("the Kafka broker was not ready within " + READY_TIMEOUT.toSeconds()
                        + " s:\n" + tails());
            }
            sleep(50);
        }
    }

    private String tails() {
        return "--- " + console + "\n" + tail(console) + "\n--- " + dir.resolve("broker.log") + "\n"
                + tail(dir.resolve("broker.log"));
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(missing)";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String readFrom(Path file, long from) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        byte[] all = Files.readAllBytes(file);
        int start = (int) Math.min(from, all.length);
        return new String(all, start, all.length - start, StandardCharsets.UTF_8);
    }

    /** The folder holding broker/pom.xml: sukedachi.repo.root (set by surefire) or a parent of the working dir. */
    static Path brokerModule() {
        List<Path> starts = new ArrayList<>();
        String root = System.getProperty("sukedachi.repo.root");
        if (root != null && !root.isBlank()) {
            starts.add(Path.of(root));
        }
        starts.add(Path.of(System.getProperty("user.dir")));
        for (Path start : starts) {
            for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("broker/pom.xml"))) {
                    return p.resolve("broker");
                }
            }
        }
        throw new IllegalStateException("the broker module (broker/pom.xml) was not found above "
                + Path.of(System.getProperty("user.dir")).toAbsolutePath() + "; build it with: " + BUILD);
    }

    /** Distinct free loopback ports (held open together so that no two are the same). */
    public static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket; the port is what matters
                }
            }
        }
    }

    private static String nullDevice() {
        return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }
}
