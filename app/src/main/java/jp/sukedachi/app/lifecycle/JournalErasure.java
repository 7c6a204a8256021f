package jp.sukedachi.app.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import jp.sukedachi.event.EventCodec;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.embedded.EmbeddedPipeline;
import org.springframework.stereotype.Component;

/**
 * The company's events in this process's event log, erased where the runtime keeps them in place.
 *
 * <p>The embedded journal is erased in place ({@code Journal.erase}): the payload of each of its records becomes
 * zeros, the pipeline's reader skips them, every other record keeps its offset, and a crash part-way is finished on
 * the next start. The company's receivers should be stopped first: records appended while the erasure runs are not
 * looked at (calling it again catches them).
 *
 * <p>Every other runtime erases nothing here, and the offboarding still completes: the Kafka topic cannot be
 * rewritten in place, so its retention (no longer than the offboarding grace period, docs/operations.md) drops
 * the company's events before the rows are deleted; a process that neither receives nor consumes (role web) has
 * no event log at all. Several embedded instances on one database each hold their own journal, and only the one
 * that runs the offboarding erases its own (see docs/operations.md).
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
            return 0; // nothing kept in place by this process (see the class comment)
        }
        try {
            return embedded.journal().erase(payload -> EventCodec.belongsTo(payload, tenantId));
        } catch (IOException e) {
            throw new UncheckedIOException("erasing the company's events from the journal failed", e);
        }
    }
}
