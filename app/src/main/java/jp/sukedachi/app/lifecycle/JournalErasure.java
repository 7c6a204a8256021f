package jp.sukedachi.app.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import jp.sukedachi.event.EventCodec;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.embedded.EmbeddedPipeline;
import org.springframework.stereotype.Component;

/**
 * The company's events in the embedded journal, erased in place ({@code Journal.erase}): the payload of each of its
 * records becomes zeros, the pipeline's reader skips them, every other record keeps its offset, and a crash part-way
 * is finished on the next start. The company's receivers should be stopped first: records appended while the
 * erasure runs are not looked at (calling it again catches them).
 */
@Component
class JournalErasure implements TenantJournal {
    private final EventPipeline pipeline;

    JournalErasure(EventPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public long erase(UUID tenantId) {
        if (!(pipeline instanceof EmbeddedPipeline embedded)) {
            // Only the embedded runtime exists today; a Kafka topic would need compaction with tombstones instead.
            throw new UnsupportedOperationException("this runtime cannot erase a company's events: " + pipeline);
        }
        try {
            return embedded.journal().erase(payload -> EventCodec.belongsTo(payload, tenantId));
        } catch (IOException e) {
            throw new UncheckedIOException("erasing the company's events from the journal failed", e);
        }
    }
}
