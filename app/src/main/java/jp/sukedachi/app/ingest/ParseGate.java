package jp.sukedachi.app.ingest;

import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * While this process's consumer works, the receivers parse on at most all cores but one, so that the consumer (one
 * thread: detection, triage, the alerts' commit) always has a core. Without it, on the 2-core machine four receiving
 * threads and the consumer share the cores evenly, the consumer gets two fifths of one and falls behind at 80 % of
 * the pipeline's throughput (bench pipeline: batches of 1,000, p99 event-to-alert 562 ms, the consumer off CPU up to
 * 124 ms per batch; with the gate 130 ms at the same rate). Only parsing passes through here: the journal's fsync
 * wait holds no permit, and while the consumer is idle or held (bench ingest) nothing waits at all.
 */
final class ParseGate {
    /** Leaves the gate; a no-op when entering did not wait for a permit. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    private static final Pass OPEN = () -> { };
    private final BooleanSupplier consumerBusy;
    private final Semaphore permits;
    private final Pass release;

    ParseGate(BooleanSupplier consumerBusy, int parsers) {
        this.consumerBusy = consumerBusy;
        this.permits = new Semaphore(parsers);
        this.release = this.permits::release;
    }

    /** All cores but one, and at least one. */
    static int parsersBesideTheConsumer() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    Pass enter() {
        if (!consumerBusy.getAsBoolean()) {
            return OPEN;
        }
        permits.acquireUninterruptibly();
        return release;
    }
}
