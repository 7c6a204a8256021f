package jp.sukedachi.app.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import jp.sukedachi.ingest.journal.JournalConfig;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.intel.match.IntelStore;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.embedded.EmbeddedPipeline;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The plain-Java pipeline pieces as Spring beans. The embedded runtime keeps its journal under
 * {@code <data>/journal}; the consumer is started by {@code PipelineStages} once the stages exist.
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
    EventPipeline eventPipeline(SukedachiProperties properties, JournalSettings journal) {
        JournalConfig config = JournalConfig.defaults()
                .withMaxUnconsumedBytes(journal.maxUnconsumedMb() * 1024 * 1024)
                .withRetentionMaxBytes(journal.retentionMb() * 1024 * 1024)
                .withRetentionMaxAge(Duration.ofDays(journal.retentionDays()))
                .withFsync(journal.fsync())
                .withMinFreeBytes(journal.minFreeMb() * 1024 * 1024);
        return new EmbeddedPipeline(properties.dataDir().resolve("journal"), config);
    }

    /** The journal's counters on /actuator/prometheus (ingest lag = unconsumed bytes). */
    @Bean
    MeterBinder journalMeters(EventPipeline pipeline) {
        return registry -> pipeline.gauges().keySet().forEach(name -> Gauge
                .builder(name, pipeline, p -> p.gauges().getOrDefault(name, 0).doubleValue()).register(registry));
    }
}
