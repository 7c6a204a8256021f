package jp.sukedachi.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jp.sukedachi.testkit.KafkaTestBroker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development broker is a real Kafka: records acknowledged with acks=all survive a SIGKILL, loopback only. */
class KafkaBrokerTest {

    @TempDir
    static Path dir;

    static KafkaTestBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start(dir.resolve("broker"));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aRecordProducedWithAcksAllIsReadBack() throws Exception {
        createTopic("read-back", 3);
        RecordMetadata sent = produce("read-back", "company-a", "first event");

        assertThat(readAll("read-back", sent.partition(), 1)).containsExactly("company-a=first event");
    }

    @Test
    void anAcknowledgedRecordSurvivesASigkillOfTheBrokerAndItsRestart() throws Exception {
        createTopic("survives", 3);
        RecordMetadata sent = produce("survives", "company-b", "acknowledged before the crash");

        broker.kill();
        assertThat(broker.isRunning()).isFalse();
        broker.restart();

        assertThat(readAll("survives", sent.partition(), 1)).containsExactly("company-b=acknowledged before the crash");
        // The restarted broker still takes new records on the same port.
        RecordMetadata after = produce("survives", "company-b", "after the restart");
        assertThat(after.offset()).isEqualTo(sent.offset() + 1);
    }

    @Test
    void theBrokerRefusesConnectionsOnEveryNonLoopbackAddress() throws Exception {
        List<InetAddress> outside = nonLoopbackAddresses();
        assumeFalse(outside.isEmpty(), "this machine has no non-loopback address to try");

        for (InetAddress address : outside) {
            for (int port : new int[] {broker.port(), broker.controllerPort()}) {
                assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(address, port), 2000);
                    }
                }).as("%s:%d", address.getHostAddress(), port).isInstanceOf(ConnectException.class);
            }
        }
        // The same ports do answer on loopback, so the refusal above is the binding, not a dead broker.
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), broker.port()), 2000);
            assertThat(s.isConnected()).isTrue();
        }
    }

    @Test
    void theScriptStartsReportsAndStopsABroker() throws Exception {
        Path data = dir.resolve("script-data");
        int[] ports = KafkaTestBroker.freePorts(2);
        int port = ports[0];
        int controllerPort = ports[1];
        Script.Result start = Script.run("kafka", "start", "--data", data.toString(), "--port=" + port,
                "--controller-port", String.valueOf(controllerPort));
        try {
            assertThat(start.exit()).as(start.output()).isZero();
            assertThat(start.output()).contains("kafka ready 127.0.0.1:" + port);
            assertThat(data.resolve("kafka/kafka-logs/meta.properties")).exists();

            Script.Result running = Script.run("kafka", "status", "--data", data.toString());
            assertThat(running.exit()).as(running.output()).isZero();
            assertThat(running.output()).contains("127.0.0.1:" + port);
        } finally {
            Script.Result stop = Script.run("kafka", "stop", "--data", data.toString());
            assertThat(stop.exit()).as(stop.output()).isZero();
        }
        Script.Result stopped = Script.run("kafka", "status", "--data", data.toString());
        assertThat(stopped.exit()).as(stopped.output()).isEqualTo(3);
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aBrokerStartedForAnOwnerProcessStopsWhenTheOwnerIsKilled() throws Exception {
        // A test JVM killed by SIGKILL runs no shutdown hook; its brokers follow it out through --owner-pid.
        Process owner = new ProcessBuilder("sleep", "600").start();
        Path data = dir.resolve("owned");
        Path console = dir.resolve("owned-console.log");
        int[] ports = KafkaTestBroker.freePorts(2);
        Path module = Path.of(System.getProperty("sukedachi.repo.root", "..")).toAbsolutePath().normalize().resolve("broker");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
                module.resolve("target/lib") + "/*:" + module.resolve("target/classes"), KafkaBroker.class.getName(),
                "--data", data.toString(), "--port", String.valueOf(ports[0]), "--controller-port", String.valueOf(ports[1]),
                "--owner-pid", String.valueOf(owner.pid()))
                .redirectErrorStream(true).redirectOutput(console.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!Files.readString(console).contains(KafkaBroker.READY) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(console)).contains(KafkaBroker.READY);

            owner.destroyForcibly();

            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the broker ended after its owner").isTrue();
        } finally {
            owner.destroyForcibly();
            child.destroyForcibly();
        }
    }

    // --- helpers ---

    private static void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static RecordMetadata produce(String topic, String key, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String topic, int partition, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
        }
        return seen;
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                // IPv6 link-local needs a scope and adds nothing: the listener is bound to one IPv4 address.
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && a instanceof Inet4Address) {
                    found.add(a);
                }
            }
        }
        return found;
    }


}
