package jp.sukedachi.app.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.journal.JournalConfig;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.intel.match.IntelStore;
import jp.sukedachi.pipeline.EventHandler;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.PipelineStorageException;
import jp.sukedachi.pipeline.embedded.EmbeddedPipeline;
import jp.sukedachi.pipeline.kafka.KafkaPipeline;
import jp.sukedachi.pipeline.kafka.KafkaSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The plain-Java pipeline pieces as Spring beans. The runtime ({@code sukedachi.runtime}) chooses the event log:
 * the embedded journal under {@code <data>/journal}, or Kafka. A process whose role neither receives nor consumes
 * ({@code web}) has no event log at all. The consumer is started by {@code PipelineStages} once the stages exist,
 * on the roles that consume.
 */
@Configuration
class PipelineConfig {
    @Bean
    LogFormats logFormats() {
        return LogFormats.standard();
    }

    /** The matcher's current indicator snapshot; IntelService swaps in new ones. */
    @Bean
    IntelStore intelStore() {
        return new IntelStore();
    }

    @Bean(destroyMethod = "close")
    EventPipeline eventPipeline(SukedachiProperties properties, JournalSettings journal, NodeSettings node,
            Environment environment) {
        String database = environment.getProperty("spring.datasource.url", "");
        if (node.runtime() == NodeRuntime.KAFKA && node.role() != NodeRole.ALL && database.startsWith("jdbc:h2:")) {
            // H2 is one process's own database: workers would each keep their own positions and alerts split or
            // double without a word. Role all on H2 stays allowed (one process: a trial of the Kafka runtime).
            throw new IllegalStateException(NodeRole.PROPERTY + "=" + node.role().setting() + " with "
                    + NodeRuntime.PROPERTY + "=kafka needs PostgreSQL (spring.datasource.url, SUKEDACHI_DB_URL): the "
                    + "processes of a cluster share one database, and H2 (the default) belongs to one process");
        }
        if (!node.role().serves(NodeRole.Part.RECEIVERS) && !node.role().serves(NodeRole.Part.CONSUMER)) {
            return new NoEventLog(node.role());
        }
        if (node.runtime() == NodeRuntime.KAFKA) {
            NodeSettings.Kafka k = node.kafka();
            return new KafkaPipeline(new KafkaSettings(k.bootstrapServers(), k.topic(), k.partitions(),
                    k.replicationFactor().shortValue(), k.group(), k.ackTimeout(),
                    clientId(node.role(), environment.getProperty("server.port", "8080"))));
        }
        JournalConfig config = JournalConfig.defaults()
                .withMaxUnconsumedBytes(journal.maxUnconsumedMb() * 1024 * 1024)
                .withRetentionMaxBytes(journal.retentionMb() * 1024 * 1024)
                .withRetentionMaxAge(Duration.ofDays(journal.retentionDays()))
                .withFsync(journal.fsync())
                .withMinFreeBytes(journal.minFreeMb() * 1024 * 1024);
        return new EmbeddedPipeline(properties.dataDir().resolve("journal"), config);
    }

    /**
     * Names this process in the brokers' logs and metrics: host, role and HTTP port (unique per host), or a random
     * suffix when the port is chosen at start (0).
     */
    static String clientId(NodeRole role, String serverPort) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        String suffix = serverPort == null || serverPort.isBlank() || serverPort.strip().equals("0")
                ? UUID.randomUUID().toString().substring(0, 8) : serverPort.strip();
        return (host + "-" + role.setting() + "-" + suffix).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The pipeline's counters on /actuator/prometheus (the journal's unconsumed bytes, Kafka's lag …). */
    @Bean
    MeterBinder journalMeters(EventPipeline pipeline) {
        return registry -> pipeline.gauges().keySet().forEach(name -> Gauge
                .builder(name, pipeline, p -> p.gauges().getOrDefault(name, 0).doubleValue()).register(registry));
    }

    /**
     * The event log of a process that neither receives nor consumes (role web): the pages and the REST API need
     * none, and the receivers' paths are not served there (see {@link NodeRoleFilter}); a call that still reaches
     * it is refused as unavailable, never silently dropped.
     */
    static final class NoEventLog implements EventPipeline {
        private final NodeRole role;

        NoEventLog(NodeRole role) {
            this.role = role;
        }

        @Override
        public void submit(List<SecurityEvent> events) {
            throw new PipelineStorageException("this server's role (" + role.setting() + ") takes no events", 60,
                    false, null);
        }

        @Override
        public void start(EventHandler handler) {
            throw new IllegalStateException("a server with the role " + role.setting() + " runs no consumer");
        }

        @Override
        public void close() {
        }
    }
}
