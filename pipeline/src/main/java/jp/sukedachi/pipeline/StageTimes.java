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

    /** Stage → CPU nanoseconds since the last {@link #reset()}. */
    public static synchronized Map<String, Long> snapshot() {
        return new LinkedHashMap<>(NANOS);
    }

    public static synchronized void reset() {
        NANOS.replaceAll((k, v) -> 0L);
        events = 0;
    }
}
