package jp.sukedachi.bench.ingest;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CPU of a pass went, from per-thread CPU times: the server's request threads, the pipeline
 * consumer, the load generator (bench clients and the JDK HttpClient), other Java threads, and what no
 * Java thread accounts for (GC, JIT compiler, VM threads) as process CPU minus the threads' sum.
 */
final class CpuMeter {
    static final String REQUESTS = "server_requests";
    static final String CONSUMER = "pipeline_consumer";
    static final String LOAD = "load_generator";
    static final String OTHER = "other_threads";
    static final String VM = "gc_jit_vm";

    /**
     * Per-thread CPU nanos and allocated bytes by thread id, their group, the process CPU, and the JVM's
     * GC (collections, milliseconds in collections) and JIT (compile milliseconds) totals, at one moment.
     */
    record Snapshot(Map<Long, Long> cpuById, Map<Long, Long> allocById, Map<Long, String> groupById, long processCpu,
            long gcCount, long gcMillis, long jitMillis, long nanoTime) {
    }

    /** The JVM-wide counters between two snapshots. */
    record Jvm(long gcCount, long gcMillis, long jitMillis) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuMeter() {
    }

    /** Total JIT compile time of this JVM so far, ms (0 where not monitored). */
    static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    static Snapshot take() {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, Long> alloc = new HashMap<>();
        Map<Long, String> group = new HashMap<>();
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            long t = THREADS.getThreadCpuTime(info.getThreadId());
            if (t >= 0) {
                cpu.put(info.getThreadId(), t);
                alloc.put(info.getThreadId(), allocatedBytes(info.getThreadId()));
                group.put(info.getThreadId(), group(info.getThreadName()));
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long jitMillis = jitMillis();
        return new Snapshot(cpu, alloc, group, processCpu(), gcCount, gcMillis, jitMillis, System.nanoTime());
    }

    /** Bytes the thread allocated so far (HotSpot), or 0 where unknown. */
    static long allocatedBytes(long threadId) {
        // Qualified: HotSpot's extension shares its simple name with the imported java.lang.management.ThreadMXBean.
        if (THREADS instanceof com.sun.management.ThreadMXBean hotspot) {
            return Math.max(0, hotspot.getThreadAllocatedBytes(threadId));
        }
        return 0;
    }

    /** Bytes allocated per group between two snapshots (the VM group stays empty). */
    static Map<String, Long> allocatedBetween(Snapshot before, Snapshot after) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String g : new String[] {REQUESTS, CONSUMER, LOAD, OTHER}) {
            out.put(g, 0L);
        }
        for (Map.Entry<Long, Long> e : after.allocById().entrySet()) {
            long delta = e.getValue() - before.allocById().getOrDefault(e.getKey(), 0L);
            out.merge(after.groupById().get(e.getKey()), delta, Long::sum);
        }
        return out;
    }

    static Jvm jvmBetween(Snapshot before, Snapshot after) {
        return new Jvm(after.gcCount() - before.gcCount(), after.gcMillis() - before.gcMillis(),
                after.jitMillis() - before.jitMillis());
    }

    static String group(String threadName) {
        if (threadName.startsWith("http-nio-") && threadName.contains("-exec-")) {
            return REQUESTS;
        }
        if (threadName.equals("pipeline-consumer")) {
            return CONSUMER;
        }
        if (threadName.startsWith("bench-client-") || threadName.startsWith("HttpClient-")) {
            return LOAD;
        }
        return OTHER;
    }

    /** CPU nanos per group between two snapshots (threads that ended in between are missed: keep them alive). */
    static Map<String, Long> between(Snapshot before, Snapshot after) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String g : new String[] {REQUESTS, CONSUMER, LOAD, OTHER, VM}) {
            out.put(g, 0L);
        }
        long threads = 0;
        for (Map.Entry<Long, Long> e : after.cpuById().entrySet()) {
            long delta = e.getValue() - before.cpuById().getOrDefault(e.getKey(), 0L);
            out.merge(after.groupById().get(e.getKey()), delta, Long::sum);
            threads += delta;
        }
        out.put(VM, Math.max(0, after.processCpu() - before.processCpu() - threads));
        return out;
    }

    /** Machine-wide CPU jiffies from /proc/stat (busy, total), or null where there is no such file. */
    record MachineCpu(long busy, long total, long ourCpu, long nanoTime) {
        static MachineCpu now() {
            long proc = CpuMeter.processCpu();
            long t = System.nanoTime();
            try {
                String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
                String[] f = line.trim().split("\\s+");
                long[] v = new long[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    v[i - 1] = Long.parseLong(f[i]);
                }
                // user nice system idle iowait irq softirq steal (guest time is already in user)
                long idle = v[3] + (v.length > 4 ? v[4] : 0);
                long total = 0;
                for (int i = 0; i < Math.min(8, v.length); i++) {
                    total += v[i];
                }
                return new MachineCpu(total - idle, total, proc, t);
            } catch (IOException | RuntimeException e) {
                return new MachineCpu(-1, -1, proc, t);
            }
        }

        /**
         * Share of all cores that other processes used between two readings (machine busy minus this process),
         * 0 to 1; negative when unknown. A benchmark number taken while others ran is lower than it should be.
         */
        double othersShare(MachineCpu later, int cores) {
            if (busy < 0 || later.busy < 0 || later.total == total) {
                return -1;
            }
            double machineBusy = (double) (later.busy - busy) / (later.total - total);
            double ours = (later.ourCpu - ourCpu) / (double) Math.max(1, later.nanoTime - nanoTime) / cores;
            return Math.max(0, Math.min(1, machineBusy - ours));
        }
    }

    static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
