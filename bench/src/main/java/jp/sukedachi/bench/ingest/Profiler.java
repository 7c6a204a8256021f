package jp.sukedachi.bench.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A poor man's sampling profiler for {@code --profile}: every few milliseconds, the stacks of the server's
 * request threads. Idle threads (waiting for a request in Tomcat's queue) are left out; every other sample
 * counts once for its top frame (self) and once for each distinct Sukedachi method on its stack (inclusive),
 * and for what it is doing: on CPU, in the journal's fsync, waiting for another thread's group commit,
 * reading the request body. Safepoint bias applies: the numbers are a sketch, not a flame graph.
 */
final class Profiler implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 5;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> inclusive = new HashMap<>();
    private final Map<String, Integer> activity = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private int samples;
    private int onCpu;
    private static final String ON_CPU = "on CPU";

    Profiler() {
        sampler = Thread.ofPlatform().name("bench-profiler").daemon().start(this::loop);
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        for (ThreadInfo info : threads.dumpAllThreads(false, false, 80)) {
            if (!CpuMeter.REQUESTS.equals(CpuMeter.group(info.getThreadName()))) {
                continue;
            }
            StackTraceElement[] stack = info.getStackTrace();
            if (stack.length == 0 || idle(stack)) {
                continue;
            }
            String doing = activity(info, stack);
            synchronized (this) {
                samples++;
                activity.merge(doing, 1, Integer::sum);
                if (!doing.startsWith(ON_CPU)) {
                    continue;
                }
                onCpu++;
                self.merge(frame(stack[0]), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (StackTraceElement e : stack) {
                    if (interesting(e) && seen.add(frame(e))) {
                        inclusive.merge(frame(e), 1, Integer::sum);
                    }
                }
            }
        }
    }

    /** Sukedachi's own methods, and the JDK work they ask for per record. */
    private static boolean interesting(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("jp.sukedachi.") || c.equals("java.io.BufferedReader") && e.getMethodName().equals("readLine")
                || c.equals("java.util.zip.CRC32") || c.equals("java.lang.String") && e.getMethodName().equals("getBytes");
    }

    /** A Tomcat worker parked in its task queue: no request to serve. */
    private static boolean idle(StackTraceElement[] stack) {
        for (int i = 0; i < Math.min(stack.length, 12); i++) {
            String c = stack[i].getClassName();
            if (c.endsWith("TaskQueue") || c.endsWith("TaskQueue$1")) {
                return true;
            }
        }
        return false;
    }

    private static String activity(ThreadInfo info, StackTraceElement[] stack) {
        boolean inJournal = false;
        boolean force = false;
        boolean readingBody = false;
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            String m = e.getMethodName();
            if (c.endsWith("journal.Journal") && (m.equals("appendBatch") || m.equals("appendChunks"))) {
                inJournal = true;
            }
            if (m.startsWith("force") && (c.contains("FileChannelImpl") || c.contains("FileDispatcher"))) {
                force = true;
            }
            if (c.startsWith("org.apache.coyote") && m.toLowerCase(Locale.ROOT).contains("read")
                    || c.startsWith("org.apache.tomcat.util.net") && m.contains("read")) {
                readingBody = true;
            }
        }
        Thread.State state = info.getThreadState();
        String top = stack[0].getClassName() + "." + stack[0].getMethodName();
        if (force) {
            return "in the journal's fsync (FileChannel.force)";
        }
        if (inJournal && state != Thread.State.RUNNABLE) {
            return "waiting for the journal (its lock, or another thread's group commit)";
        }
        if (inJournal && (top.contains("pwrite") || top.contains("write0"))) {
            return "in the journal's write (pwrite)";
        }
        if (readingBody && (state != Thread.State.RUNNABLE || top.contains("read0") || top.contains("poll"))) {
            return "waiting for request bytes";
        }
        if (state == Thread.State.RUNNABLE && top.contains("SocketDispatcher.write")) {
            return "writing the response";
        }
        if (state == Thread.State.RUNNABLE) {
            return ON_CPU + (inJournal ? " in the journal (framing, CRC, copy)" : "");
        }
        return "blocked/waiting elsewhere (" + state + " at " + frame(stack[0]) + ")";
    }

    private static String frame(StackTraceElement e) {
        String c = e.getClassName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName();
    }

    /** Stops sampling and returns the summary lines. */
    synchronized List<String> report(int top) {
        List<String> out = new ArrayList<>();
        out.add(String.format("  %d samples of busy request threads (every %d ms)", samples, INTERVAL_MILLIS));
        out.add("  what they were doing:");
        for (Map.Entry<String, Integer> e : sorted(activity, top)) {
            out.add(String.format("    %5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
        }
        out.add(String.format("  of the %d on-CPU samples, methods on the stack (inclusive; Sukedachi's and per-record JDK work):",
                onCpu));
        for (Map.Entry<String, Integer> e : sorted(inclusive, top)) {
            out.add(String.format("    %5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, onCpu), e.getKey()));
        }
        out.add("  of the on-CPU samples, top frames (self):");
        for (Map.Entry<String, Integer> e : sorted(self, top)) {
            out.add(String.format("    %5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, onCpu), e.getKey()));
        }
        return out;
    }

    /** The activity shares, for the JSON report. */
    synchronized Map<String, Double> activityShares() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : sorted(activity, 20)) {
            out.put(e.getKey(), Math.round(1000.0 * e.getValue() / Math.max(1, samples)) / 1000.0);
        }
        return out;
    }

    private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> counts, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .toList();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
