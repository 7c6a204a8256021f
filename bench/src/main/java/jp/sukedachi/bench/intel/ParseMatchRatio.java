package jp.sukedachi.bench.intel;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.intel.match.IntelMatcher;

/**
 * Parse+match time ÷ parse-only time of the same EVE lines, measured so that one run gives the same answer on a
 * quiet and on a busy 2-core machine.
 *
 * <p>Why it is measured this way (each point was a source of run-to-run spread): the time is the measuring
 * thread's own CPU time, not the wall clock, so time spent descheduled while other processes run, and GC pauses
 * (done by the GC's threads), are not charged to either side; the rounds are short (about 0.15 s a side) and many,
 * with the two sides interleaved in alternating order (AB, BA, AB …) so that drift of the machine and a GC that
 * one side's garbage triggers fall on both sides alike; both paths are warmed up before the first round (C2 has
 * compiled the parser and the matcher); the answer is the median of the per-round ratios, and the spread over the
 * rounds is reported next to it. The wall-clock ratio and the GCs during each side are reported too, so a reader
 * can see what the CPU-time figure leaves out.
 */
record ParseMatchRatio(int rounds, double parseNs, double bothNs, double median, double min, double p25, double p75,
        double max, double wallMedian, long gcParse, long gcParseMillis, long gcBoth, long gcBothMillis) {

    /** Events per pass: about 0.15 s of parsing, so a round is short next to the machine's load changes. */
    private static final int EVENTS_PER_PASS = 25_000;
    private static final double WARM_UP_SECONDS = 6;

    static ParseMatchRatio measure(List<String> lines, IntelMatcher matcher, Instant now, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
        int reps = Math.max(1, EVENTS_PER_PASS / lines.size());
        double events = (double) reps * lines.size();
        long warmUpEnd = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
        while (System.nanoTime() < warmUpEnd) {
            pass(lines, reps, null, now, threads);
            pass(lines, reps, matcher, now, threads);
        }
        double[] parse = new double[rounds];
        double[] both = new double[rounds];
        double[] ratios = new double[rounds];
        double[] wallRatios = new double[rounds];
        long[] gc = new long[4];
        for (int r = 0; r < rounds; r++) {
            boolean parseFirst = r % 2 == 0;
            long[] first = pass(lines, reps, parseFirst ? null : matcher, now, threads);
            long[] second = pass(lines, reps, parseFirst ? matcher : null, now, threads);
            long[] p = parseFirst ? first : second;
            long[] b = parseFirst ? second : first;
            parse[r] = p[0] / events;
            both[r] = b[0] / events;
            ratios[r] = both[r] / parse[r];
            wallRatios[r] = (double) b[1] / p[1];
            gc[0] += p[2];
            gc[1] += p[3];
            gc[2] += b[2];
            gc[3] += b[3];
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        return new ParseMatchRatio(rounds, median(parse), median(both), quantile(sorted, 0.5), sorted[0],
                quantile(sorted, 0.25), quantile(sorted, 0.75), sorted[rounds - 1], median(wallRatios), gc[0], gc[1],
                gc[2], gc[3]);
    }

    /**
     * One pass: parse (and, if a matcher is given, match) the lines reps times, a fresh parser per repetition.
     * Returns thread CPU ns, wall ns, GC collections and GC milliseconds during the pass.
     */
    private static long[] pass(List<String> lines, int reps, IntelMatcher matcher, Instant now, ThreadMXBean threads) {
        long gcCount = -gcCount();
        long gcMillis = -gcMillis();
        long sink = 0;
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
            RecordParser p = IntelBenchData.parser("suricata-eve");
            for (String line : lines) {
                try {
                    SecurityEvent e = p.parse(line, 0L);
                    if (e != null) {
                        sink += matcher == null ? e.ecsFieldCount() : matcher.match(e, now).size() + e.ecsFieldCount();
                    }
                } catch (MalformedRecordException x) {
                    sink--;
                }
            }
        }
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        wall = System.nanoTime() - wall;
        if (sink == 42) {
            System.out.print("");
        }
        return new long[] {cpu, wall, gcCount + gcCount(), gcMillis + gcMillis()};
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return quantile(c, 0.5);
    }

    /** The q-quantile of sorted values, nearest rank. */
    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
