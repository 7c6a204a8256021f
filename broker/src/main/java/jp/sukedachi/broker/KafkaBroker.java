package jp.sukedachi.broker;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker in KRaft combined mode (broker and controller in one JVM), listening on
 * 127.0.0.1 only, for development, the cluster demo and the tests. Production runs a real Kafka cluster
 * (docs/operations.md); this class only chooses one node's settings and calls Kafka's own formatter and server.
 *
 * <pre>java -cp 'broker/target/lib/*:broker/target/classes' jp.sukedachi.broker.KafkaBroker
 *     --data DIR --port P --controller-port C [--node-id 1] [--owner-pid PID]</pre>
 *
 * DIR holds everything: {@code kafka-logs/} (the topics), {@code cluster.id}, {@code broker.log}. The folder is
 * formatted at the first start only, so a restart keeps every acknowledged record. Prints
 * {@code kafka ready 127.0.0.1:P} once clients can use it; SIGTERM stops it cleanly.
 */
public final class KafkaBroker {

    /** The line launchers wait for (the script, testkit's KafkaTestBroker). */
    public static final String READY = "kafka ready ";

    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private KafkaBroker() {
    }

    /** {@code ownerPid} 0 = none; else the broker stops itself when that process ends (a test JVM killed by SIGKILL). */
    record Options(Path data, int port, int controllerPort, int nodeId, long ownerPid) {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("kafka broker: " + e.getMessage());
            System.err.println("usage: KafkaBroker --data DIR --port P --controller-port C [--node-id 1] [--owner-pid PID]");
            System.exit(2);
            return;
        }
        Path data = options.data().toAbsolutePath().normalize();
        Files.createDirectories(data);
        // Before the first logger exists: Kafka's own logging goes to DIR/broker.log, not to the console.
        System.setProperty("sukedachi.broker.log", data.resolve("broker.log").toString());
        if (System.getProperty("log4j2.configurationFile") == null) {
            // -Dlog4j2.configurationFile=... still wins, e.g. to read Kafka's INFO lines while debugging.
            System.setProperty("log4j2.configurationFile", "classpath:sukedachi-broker-log4j2.xml");
        }

        Instant began = Instant.now();
        Logger log = LoggerFactory.getLogger(KafkaBroker.class);
        log.info("starting on 127.0.0.1:{} (controller {}), data {}", options.port(), options.controllerPort(), data);
        Map<String, Object> config = settings(options, data);
        if (formatOnce(options, data)) {
            log.info("formatted {} for a new cluster", data.resolve("kafka-logs"));
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);

        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            log.info("stopping");
            try {
                server.shutdown();
                log.info("stopped");
            } finally {
                org.apache.logging.log4j.LogManager.shutdown();
            }
        }, "kafka-broker-shutdown"));

        try {
            server.startup();
            awaitClients(options.port(), Duration.ofSeconds(60));
        } catch (Throwable e) {
            log.error("could not start", e);
            System.err.println("kafka broker: could not start: " + e);
            Runtime.getRuntime().halt(1);
        }
        long millis = Duration.between(began, Instant.now()).toMillis();
        log.info("ready on 127.0.0.1:{} after {} ms", options.port(), millis);
        System.out.println(READY + HOST + ":" + options.port() + " (" + millis + " ms, data " + data + ")");
        System.out.flush();
        if (options.ownerPid() > 0) {
            // A test JVM's own shutdown hook kills its brokers, but a SIGKILLed one runs none: follow it out.
            ProcessHandle.of(options.ownerPid()).ifPresentOrElse(
                    owner -> owner.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
        server.awaitShutdown();
        if (!stopping.get()) {
            // The server stopped by itself (a fatal error, see broker.log): end the JVM with an error code.
            System.err.println("kafka broker: stopped unexpectedly, see " + data.resolve("broker.log"));
            System.exit(1);
        }
    }

    static Options parse(String[] args) {
        Path data = null;
        int port = -1;
        int controllerPort = -1;
        int nodeId = 1;
        long ownerPid = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--data" -> data = Path.of(value);
                case "--port" -> port = number(name, value);
                case "--controller-port" -> controllerPort = number(name, value);
                case "--node-id" -> nodeId = number(name, value);
                case "--owner-pid" -> ownerPid = number(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (data == null || port < 0 || controllerPort < 0) {
            throw new IllegalArgumentException("--data, --port and --controller-port are required");
        }
        if (port == controllerPort) {
            throw new IllegalArgumentException("--port and --controller-port must differ");
        }
        return new Options(data, port, controllerPort, nodeId, ownerPid);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }

    /** One node's settings: every replication factor and ISR 1, both listeners on loopback only. */
    static Map<String, Object> settings(Options options, Path data) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", String.valueOf(options.nodeId()));
        c.put("listeners", "PLAINTEXT://" + HOST + ":" + options.port() + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                + options.controllerPort());
        c.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + options.port());
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("controller.listener.names", CONTROLLER_LISTENER);
        // A static one-voter quorum: nothing to negotiate, and the same ports on every restart.
        c.put("controller.quorum.voters", options.nodeId() + "@" + HOST + ":" + options.controllerPort());
        c.put("log.dirs", data.resolve("kafka-logs").toString());
        c.put("num.partitions", "12");
        c.put("default.replication.factor", "1");
        c.put("offsets.topic.replication.factor", "1");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("min.insync.replicas", "1");
        // After a SIGKILL the restarted node must wait until its previous registration's session expires (Kafka's
        // default 9 s) before it may register again; a node's heartbeat to itself needs no such margin.
        c.put("broker.heartbeat.interval.ms", "500");
        c.put("broker.session.timeout.ms", "4000");
        // Workers join at once instead of Kafka's 3 s wait for more members (tests and failover measure this).
        c.put("group.initial.rebalance.delay.ms", "0");
        // Topics exist because the application created them with its partition count, never by a typo.
        c.put("auto.create.topics.enable", "false");
        return c;
    }

    /**
     * Formats DIR at the first start only (true then); the cluster id is made once and kept in DIR/cluster.id, so a
     * start interrupted after the id was written formats with the same id.
     */
    private static boolean formatOnce(Options options, Path data) throws Exception {
        Path logs = data.resolve("kafka-logs");
        if (Files.exists(logs.resolve("meta.properties"))) {
            return false;
        }
        Path idFile = data.resolve("cluster.id");
        String clusterId;
        if (Files.exists(idFile)) {
            clusterId = Files.readString(idFile, StandardCharsets.UTF_8).strip();
        } else {
            clusterId = Uuid.randomUuid().toString();
            Files.writeString(idFile, clusterId + "\n", StandardCharsets.UTF_8);
        }
        Files.createDirectories(logs);
        try (PrintStream quiet = new PrintStream(PrintStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(options.nodeId())
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logs.toString())
                    .addDirectory(logs.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setIgnoreFormatted(true)
                    .run();
        }
        return true;
    }

    /** Returns once the broker answers a client (it is registered and unfenced), so "ready" means usable. */
    private static void awaitClients(int port, Duration timeout) throws Exception {
        Map<String, Object> c = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(c)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not answer within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        }
    }
}
