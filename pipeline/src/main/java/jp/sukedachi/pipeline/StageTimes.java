package jp.sukedachi.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the consumer's CPU time goes, per stage of a batch (decode, each detector, triage, the database transaction,
 * the offset commit): {@code bench pipeline}'s per-stage table. Off unless the JVM starts with
 * {@code -Dsukedachi.stage-times=true}; off, every call is a branch on a static final the JIT removes.
 *
 * <p><b>Trade-off.</b> On, it reads the thread's CPU clock at stage boundaries, a few times per batch of up to 1,000
 * events (well under 1 % of a batch). The detectors run interleaved per event, where a CPU-clock read per detector and
 * event would cost as much as a cheap detector: their loop's CPU time is split by each detector's share of
 * {@link System#nanoTime()} within it instead.
 */
public final class StageTimes {
    public static final boolean ON = Boolean.getBoolean("sukedachi.stage-times");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Stage → CPU nanoseconds, in the order stages were first seen (the table's order). */
    private static final Map<String, Long> NANOS = new LinkedHashMap<>();
    private static long events;
    /**
     * The last {@link #BATCH_LOG} batches (a ring): size, how long the oldest event had waited since it was received
     * when the consumer took the batch, the consumer's wall time from taking the batch to the stage's commit
     * (the alerts are visible) and to the journal's copy of the position written after it (the next batch may start).
     * For {@code bench pipeline}'s latency phases: where an event-to-alert p99 comes from (queueing or batch time).
     */
    private static final int BATCH_LOG = 1 << 16;
    private static final int[] batchEvents = ON ? new int[BATCH_LOG] : null;
    private static final long[] batchWaitMillis = ON ? new long[BATCH_LOG] : null;
    private static final long[] batchHandledNanos = ON ? new long[BATCH_LOG] : null;
    private static final long[] batchWallNanos = ON ? new long[BATCH_LOG] : null;
    private static final long[] batchCpuNanos = ON ? new long[BATCH_LOG] : null;
    private static long batches;

    private StageTimes() {
    }

    /** The calling thread's CPU time now (0 when off). */
    public static long cpu() {
        return ON ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** Adds the CPU time since {@code since} (a {@link #cpu()} reading) to {@code stage}; returns the time now. */
    public static long lap(String stage, long since) {
        if (!ON) {
            return 0;
        }
        long now = THREADS.getCurrentThreadCpuTime();
        add(stage, now - since);
        return now;
    }

    public static synchronized void add(String stage, long nanos) {
        if (ON) {
            NANOS.merge(stage, nanos, Long::sum);
        }
    }

    /** Events the consumer took from the stream (the table's denominator). */
    public static synchronized void events(int n) {
        if (ON) {
            events += n;
        }
    }

    public static synchronized long events() {
        return events;
    }

    /** One batch the consumer committed (see {@link #BATCH_LOG}). */
    public static synchronized void batch(int size, long oldestWaitMillis, long handledNanos, long wallNanos,
            long cpuNanos) {
        if (ON) {
            int i = (int) (batches++ & (BATCH_LOG - 1));
            batchEvents[i] = size;
            batchWaitMillis[i] = oldestWaitMillis;
            batchHandledNanos[i] = handledNanos;
            batchWallNanos[i] = wallNanos;
            batchCpuNanos[i] = cpuNanos;
        }
    }

    /** The batches logged since {@link #resetBatches()} (at most the last {@link #BATCH_LOG}), oldest first. */
    public record Batches(int[] events, long[] oldestWaitMillis, long[] handledNanos, long[] wallNanos,
            long[] cpuNanos) {
    }

    public static synchronized Batches batches() {
        int n = ON ? (int) Math.min(batches, BATCH_LOG) : 0;
        Batches b = new Batches(new int[n], new long[n], new long[n], new long[n], new long[n]);
        for (int k = 0; k < n; k++) {
            int i = (int) ((batches - n + k) & (BATCH_LOG - 1));
            b.events()[k] = batchEvents[i];
            b.oldestWaitMillis()[k] = batchWaitMillis[i];
            b.handledNanos()[k] = batchHandledNanos[i];
            b.wallNanos()[k] = batchWallNanos[i];
            b.cpuNanos()[k] = batchCpuNanos[i];
        }
        return b;
    }

    public static synchronized void resetBatches() {
        batches = 0;
    }

    /** Stage → CPU nanoseconds since the last {@link #reset()}. */
    public static synchronized Map<String, Long> snapshot() {
        return new LinkedHashMap<>(NANOS);
    }

    public static synchronized void reset() {
        NANOS.replaceAll((k, v) -> 0L);
        events = 0;
    }
}
