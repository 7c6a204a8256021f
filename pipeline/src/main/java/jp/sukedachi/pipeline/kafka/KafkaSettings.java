package jp.sukedachi.pipeline.kafka;

import java.time.Duration;

/**
 * Where and how the Kafka runtime keeps the event log.
 *
 * @param bootstrapServers  the brokers, {@code host:port,...}
 * @param topic             the events topic, keyed by company
 * @param partitions        partitions when this runtime creates the topic (the most workers that can share the work)
 * @param replicationFactor copies of each partition when this runtime creates the topic (1 on one broker)
 * @param group             the workers' consumer group
 * @param ackTimeout        how long a receiver waits for Kafka's acknowledgement before it refuses the request (503)
 * @param clientId          names this process in the brokers' logs and metrics
 */
public record KafkaSettings(String bootstrapServers, String topic, int partitions, short replicationFactor,
        String group, Duration ackTimeout, String clientId) {
}
