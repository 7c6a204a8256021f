package jp.sukedachi.app.config;

import java.time.Duration;
import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings that say what this process is in a deployment: {@code sukedachi.runtime} ({@code embedded}, the default,
 * or {@code kafka}), {@code sukedachi.role} ({@code all}, the default, {@code receiver}, {@code worker}, {@code web}:
 * see {@link NodeRole}) and the Kafka runtime's {@code sukedachi.kafka.*}. A value that is not allowed stops the
 * start with a sentence naming the setting and the allowed values.
 *
 * <p>{@code sukedachi.runtime} is also the prefix of the runtime watch's settings
 * ({@code sukedachi.runtime.stall-seconds} …): Spring binds both (a value of its own and values below it), but a
 * YAML file cannot hold both under one key, so application.yml documents the runtime in a comment and a config
 * file sets it as {@code sukedachi.runtime: kafka} only where it has no {@code runtime:} block (or by
 * {@code --sukedachi.runtime=kafka} / SUKEDACHI_RUNTIME).
 */
@ConfigurationProperties("sukedachi")
public record NodeSettings(NodeRuntime runtime, NodeRole role, Kafka kafka) {
    /** Spring binds the settings' text here (an enum binding would refuse a bad value without the allowed ones). */
    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public NodeSettings(String runtime, String role, Kafka kafka) {
        this(NodeRuntime.of(runtime), NodeRole.of(role), kafka);
    }

    public NodeSettings {
        runtime = runtime == null ? NodeRuntime.EMBEDDED : runtime;
        role = role == null ? NodeRole.ALL : role;
        kafka = kafka == null ? new Kafka(null, null, null, null, null, null) : kafka;
        if (runtime == NodeRuntime.EMBEDDED && (role == NodeRole.RECEIVER || role == NodeRole.WORKER)) {
            // The journal is this process's own folder: what a receiver appends only its own consumer can read.
            throw new IllegalArgumentException(NodeRole.PROPERTY + "=" + role.setting() + " needs "
                    + NodeRuntime.PROPERTY + "=kafka: with the embedded runtime one process receives and detects "
                    + "(role all; role web may run beside it on the same database)");
        }
    }

    /**
     * @param bootstrapServers  the brokers, {@code host:port,...} (127.0.0.1:9092)
     * @param topic             the events topic, keyed by company (events; at most 40 characters)
     * @param partitions        partitions when the topic is created: the most workers that can share the work (12)
     * @param replicationFactor copies of each partition when the topic is created (1: one broker)
     * @param group             the workers' consumer group (sukedachi-workers)
     * @param ackTimeoutMs      how long a receiver waits for Kafka's acknowledgement before it answers 503 (10000)
     */
    public record Kafka(String bootstrapServers, String topic, Integer partitions, Integer replicationFactor,
            String group, Long ackTimeoutMs) {
        /** The longest topic name: {@code pipeline:kafka:<topic>:<partition up to 9999>} fits 64 characters. */
        public static final int MAX_TOPIC_LENGTH = 40;

        public Kafka {
            bootstrapServers = Settings.orDefault(bootstrapServers, "127.0.0.1:9092").strip();
            topic = Settings.orDefault(topic, "events").strip();
            // Kafka allows 249 characters; 40 keep each partition's key (pipeline:kafka:<topic>:<partition>) within
            // the 64 characters of pipeline_offset.consumer and detector_state.stream.
            if (!topic.matches("[A-Za-z0-9._-]{1," + MAX_TOPIC_LENGTH + "}")) {
                throw new IllegalArgumentException("sukedachi.kafka.topic must be 1 to " + MAX_TOPIC_LENGTH
                        + " letters, digits, '.', '_' or '-' (Kafka's characters for topic names; at most "
                        + MAX_TOPIC_LENGTH + " so that the database can name each partition): \"" + topic + "\"");
            }
            partitions = Settings.within("sukedachi.kafka.partitions", partitions, 12, 1, 10_000);
            replicationFactor = Settings.within("sukedachi.kafka.replication-factor", replicationFactor, 1, 1,
                    Short.MAX_VALUE);
            group = Settings.orDefault(group, "sukedachi-workers").strip();
            ackTimeoutMs = Settings.within("sukedachi.kafka.ack-timeout-ms", ackTimeoutMs, 10_000, 1, 600_000);
        }

        public Duration ackTimeout() {
            return Duration.ofMillis(ackTimeoutMs);
        }
    }
}
