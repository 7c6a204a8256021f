package jp.sukedachi.bench.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The human-readable table and diagnostics, then the one-line JSON summary (always the last line). */
final class Report {
    /** Goal: durable HTTP ingest at least this fraction of the parser alone. */
    static final double GOAL_DURABLE_VS_PARSE = 0.5;
    /** Goal: the parser within 2× of raw Jackson streaming, i.e. at least this fraction of its speed. */
    static final double GOAL_PARSE_VS_JACKSON = 0.5;

    /** The facts a number depends on. */
    record Machine(int cores, String os, String jvm, long maxHeapMb, String gc, boolean fsync, String dataDir,
            String fileSystem, DiskProbe.Speeds disk) {
        static Machine describe(BenchOptions options, Path dataDir) {
            String fs;
            try {
                fs = Files.getFileStore(dataDir).type();
            } catch (IOException e) {
                fs = "unknown";
            }
            List<String> gcs = new ArrayList<>();
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcs.add(b.getName());
            }
            return new Machine(Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                    System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), String.join(", ", gcs), options.fsync(),
                    dataDir.toString(), fs, DiskProbe.measure(dataDir));
        }
    }

    /** Everything measured for one format. */
    record FormatResult(String key, String formatId, String origin, int records, int dropped, List<String> dropReasons,
            double averageRecordBytes, boolean json, ParseOnly.Timing parse, ParseOnly.Timing jackson,
            HttpLoad.Result warmup, int warmupPasses, HttpLoad.Result measured, long fsyncs, long appendBatches,
            long journalBytes, Map<String, Long> cpu,
            Map<String, Long> allocated, CpuMeter.Jvm jvm, long cpuWallNanos, long catchUpMillis, List<String> profile,
            Map<String, Double> activity, double parseOthersShare, double durableOthersShare, ParseOnly.Stages stages,
            List<Long> passSpeeds) {

        /** Journal bytes appended (frames) per second of the pass: what the disk had to take. */
        double journalMbPerSecond() {
            return journalBytes / 1e6 / Math.max(1e-9, measured.nanos() / 1e9);
        }

        /** This pass, with the speeds of all measured passes of its format (it is their median). */
        FormatResult withPassSpeeds(List<Long> speeds) {
            return new FormatResult(key, formatId, origin, records, dropped, dropReasons, averageRecordBytes, json, parse,
                    jackson, warmup, warmupPasses, measured, fsyncs, appendBatches, journalBytes, cpu, allocated, jvm,
                    cpuWallNanos, catchUpMillis, profile, activity, parseOthersShare, durableOthersShare, stages, speeds);
        }

        long errors() {
            return warmup.errors() + measured.errors() + parse.errors();
        }

        double durable() {
            return measured.eventsPerSecond();
        }

        double parseOnly() {
            return parse.eventsPerSecond();
        }

        double ratio() {
            return parseOnly() == 0 ? 0 : durable() / parseOnly();
        }

        Double jacksonSpeed() {
            return jackson == null ? null : jackson.eventsPerSecond();
        }

        Double parseVsJackson() {
            return jackson == null || jackson.eventsPerSecond() == 0 ? null : parseOnly() / jackson.eventsPerSecond();
        }

        /** Process CPU during the measured pass as a share of all cores. */
        double cpuUtilisation(int cores) {
            long total = 0;
            for (long v : cpu.values()) {
                total += v;
            }
            return cpuWallNanos == 0 ? 0 : (double) total / cpuWallNanos / cores;
        }

        double microsPerEvent(String group) {
            return measured.accepted() == 0 ? 0 : cpu.getOrDefault(group, 0L) / 1e3 / measured.accepted();
        }

        double journalBytesPerEvent() {
            return measured.accepted() == 0 ? 0 : (double) journalBytes / measured.accepted();
        }

        double bytesPerEvent(String group) {
            return measured.accepted() == 0 ? 0 : (double) allocated.getOrDefault(group, 0L) / measured.accepted();
        }

        double parseOnlyBytesPerEvent() {
            return parse.events() == 0 ? 0 : (double) parse.allocatedBytes() / parse.events();
        }
    }

    private final Machine machine;
    private final BenchOptions options;
    private final List<FormatResult> results;
    private final double seconds;

    Report(Machine machine, BenchOptions options, List<FormatResult> results, double seconds) {
        this.machine = machine;
        this.options = options;
        this.results = results;
        this.seconds = seconds;
    }

    long errors() {
        long n = 0;
        for (FormatResult r : results) {
            n += r.errors();
        }
        return n;
    }

    void print(PrintStream out) {
        out.println();
        out.println("Sukedachi ingest benchmark — HTTP NDJSON → journal (durable) vs. parser alone vs. raw Jackson");
        out.printf("machine : %d cores, %s, %s, max heap %,d MB, GC %s%n", machine.cores(), machine.os(), machine.jvm(),
                machine.maxHeapMb(), machine.gc());
        out.printf("journal : fsync %s, data %s (%s)%n", machine.fsync() ? "ON (durable)" : "OFF — NOT DURABLE, diagnostic run",
                machine.dataDir(), machine.fileSystem());
        out.printf("disk    : appended in 1 MiB writes, an fdatasync per 2 MiB (the journal's pattern): first 256 MiB %,.0f"
                + " MB/s, the next 768 MiB %,.0f MB/s (compare jrnl MB/s below)%n", machine.disk().first(),
                machine.disk().sustained());
        out.printf("load    : %,d measured + %,d warm-up events per format, batches of %,d records, %d HTTP clients; "
                + "parse-only and Jackson on 1 thread%n", options.events(), options.warmup(), options.batch(),
                options.clients());
        out.printf("consumer: %s%n", options.withConsumer()
                ? "running during the HTTP passes (--with-consumer: detection and alerts share the cores)"
                : "held during the HTTP passes (the receiver alone, as a cluster receiver node; catch-up timed after)");
        out.printf("goals   : durable/parse ≥ %.2f, parse/jackson ≥ %.2f (parser within 2× of Jackson); * = below the goal%n",
                GOAL_DURABLE_VS_PARSE, GOAL_PARSE_VS_JACKSON);
        out.println();
        String head = "%-12s %8s %6s %9s %15s %13s %14s %14s %14s %7s%n";
        out.printf(head, "format", "records", "B/rec", "events", "parse-only ev/s", "durable ev/s", "durable/parse",
                "jackson ev/s", "parse/jackson", "errors");
        for (FormatResult r : results) {
            out.printf("%-12s %,8d %,6.0f %,9d %,15.0f %,13.0f %14s %14s %14s %,7d%n", r.key(), r.records(),
                    r.averageRecordBytes(), r.measured().accepted(), r.parseOnly(), r.durable(),
                    ratio(r.ratio(), GOAL_DURABLE_VS_PARSE), r.jacksonSpeed() == null ? "-" : String.format("%,.0f",
                            r.jacksonSpeed()), r.parseVsJackson() == null ? "-" : ratio(r.parseVsJackson(),
                            GOAL_PARSE_VS_JACKSON), r.errors());
        }
        Overall o = overall();
        out.printf("%-12s %8s %6s %,9d %,15.0f %,13.0f %14s %14s %14s %,7d%n", "overall", "", "", o.events, o.parseOnly,
                o.durable, ratio(o.ratio(), GOAL_DURABLE_VS_PARSE), o.jackson == null ? "-" : String.format("%,.0f (json)",
                        o.jackson), o.parseVsJackson() == null ? "-" : ratio(o.parseVsJackson(), GOAL_PARSE_VS_JACKSON),
                errors());
        out.println();
        out.println("durable pass details (the median of the three measured passes; CPU in µs per accepted event, by thread group):");
        String dHead = "%-12s %7s %7s %8s %7s %9s %7s %7s %5s %7s %9s %9s %9s %9s %9s %9s%n";
        out.printf(dHead, "format", "batches", "fsyncs", "b/fsync", "MB/s", "jrnl MB/s", "avg ms", "max ms", "cpu%", "others%",
                "requests", "consumer", "load gen", "gc/jit/vm", "other", "parse-only");
        for (FormatResult r : results) {
            out.printf("%-12s %,7d %,7d %8.2f %7.1f %9.1f %7.1f %7.1f %5.0f %7s %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f%n", r.key(),
                    r.measured().batches(), r.fsyncs(), r.fsyncs() == 0 ? 0.0 : (double) r.appendBatches() / r.fsyncs(),
                    r.measured().bytes() / 1e6 / Math.max(1e-9, r.measured().nanos() / 1e9), r.journalMbPerSecond(),
                    r.measured().averageLatencyMillis(), r.measured().maxLatencyNanos() / 1e6,
                    100 * r.cpuUtilisation(machine.cores()), percent(r.durableOthersShare()),
                    r.microsPerEvent(CpuMeter.REQUESTS),
                    r.microsPerEvent(CpuMeter.CONSUMER), r.microsPerEvent(CpuMeter.LOAD), r.microsPerEvent(CpuMeter.VM),
                    r.microsPerEvent(CpuMeter.OTHER), r.parseOnly() == 0 ? 0 : 1e6 / r.parseOnly());
        }
        out.println("  (requests = Tomcat request threads: body read, parse, encode, journal, counters; consumer = the");
        out.println("   pipeline reading the journal back; load gen = this tool's HTTP clients, same JVM and cores;");
        out.println("   gc/jit/vm = process CPU no Java thread accounts for; parse-only = the parser alone, for scale;");
        out.println("   cpu% = this process, others% = other processes, both as a share of all cores)");
        double worst = 0;
        for (FormatResult r : results) {
            worst = Math.max(worst, Math.max(r.parseOthersShare(), r.durableOthersShare()));
        }
        if (worst > 0.10) {
            out.printf("WARNING: other processes used up to %.0f%% of the cores during the timed passes: the speeds are%n",
                    100 * worst);
            out.println("         lower and noisier than on an idle machine (the CPU per event columns much less so).");
        }
        out.println();
        out.println("allocation (bytes per event) and JVM activity during that durable pass:");
        String aHead = "%-12s %10s %10s %10s %10s %12s %6s %7s %7s %7s%n";
        out.printf(aHead, "format", "parse-only", "requests", "consumer", "load gen", "journal B/ev", "GCs", "GC ms",
                "JIT ms", "warm-up");
        for (FormatResult r : results) {
            out.printf("%-12s %,10.0f %,10.0f %,10.0f %,10.0f %,12.0f %,6d %,7d %,7d %7s%n", r.key(),
                    r.parseOnlyBytesPerEvent(), r.bytesPerEvent(CpuMeter.REQUESTS), r.bytesPerEvent(CpuMeter.CONSUMER),
                    r.bytesPerEvent(CpuMeter.LOAD), r.journalBytesPerEvent(), r.jvm().gcCount(), r.jvm().gcMillis(),
                    r.jvm().jitMillis(), r.warmupPasses() + "×");
        }
        out.println("  (journal B/ev = framed bytes appended per event; JIT ms = compile time of all compiler threads;");
        out.println("   warm-up = HTTP warm-up passes run, repeated while the speed still improved by more than 5 %)");
        out.println();
        out.println("the receiver's stages without HTTP and disk (one thread, its CPU time, µs per event):");
        String sHead = "%-12s %8s %14s %8s %10s%n";
        out.printf(sHead, "format", "parse", "stamp+encode", "decode", "encode/parse");
        for (FormatResult r : results) {
            out.printf("%-12s %8.2f %14.2f %8.2f %10.2f%n", r.key(), r.stages().parse(), r.stages().stampEncode(),
                    r.stages().decode(), r.stages().stampEncode() / r.stages().parse());
        }
        out.println("  (stamp+encode = owner stamped and encoded into the journal's frames, parse excluded; decode = what");
        out.println("   the consumer pays to read an event back before any detector)");
        for (FormatResult r : results) {
            if (r.dropped() > 0) {
                out.printf("note: %s: %,d of %,d dataset records left out (no event or malformed), e.g. %s%n", r.key(),
                        r.dropped(), r.dropped() + r.records(), r.dropReasons());
            }
            if (r.jackson() != null && r.jackson().errors() > 0) {
                out.printf("note: %s: raw Jackson rejected %,d records the parser accepts (baseline incomplete)%n",
                        r.key(), r.jackson().errors());
            }
            for (String e : r.warmup().firstErrors()) {
                out.printf("ERROR: %s warm-up: %s%n", r.key(), e);
            }
            for (String e : r.measured().firstErrors()) {
                out.printf("ERROR: %s: %s%n", r.key(), e);
            }
            if (r.parse().errors() > 0) {
                out.printf("ERROR: %s: the parser rejected %,d records in the parse-only pass%n", r.key(), r.parse().errors());
            }
        }
        for (FormatResult r : results) {
            if (!r.profile().isEmpty()) {
                out.println();
                out.println("profile " + r.key() + ":");
                r.profile().forEach(out::println);
            }
        }
        out.printf("%ntotal run time %.1f s%n", seconds);
        out.println(JsonMapper.builder().build().writeValueAsString(json(o)));
    }

    private static String percent(double share) {
        return share < 0 ? "-" : String.format("%.0f", 100 * share);
    }

    private static String ratio(double value, double goal) {
        return String.format(Locale.ROOT, "%.2f%s", value, value < goal ? " *" : "  ");
    }

    /**
     * Aggregates: total events over total time (so a slow format weighs by the time it takes), on both sides for the
     * same events: parse-only repeats each format's batches for at least a second, so its own totals would weigh each
     * format by how often it was repeated (a mean of the speeds: 434k against a durable 123k, ratio 0.28, where the
     * parser's time for the events sent was 265k, ratio 0.47 — issue 21's fourth note). Each format's parse (and
     * Jackson) time is therefore its speed applied to the events the durable pass accepted.
     */
    private record Overall(long events, double durable, double parseOnly, Double jackson, Double parseJson) {
        double ratio() {
            return parseOnly == 0 ? 0 : durable / parseOnly;
        }

        Double parseVsJackson() {
            return jackson == null || jackson == 0 ? null : parseJson / jackson;
        }
    }

    private Overall overall() {
        long accepted = 0;
        long httpNanos = 0;
        double parseNanos = 0;
        long jsonEvents = 0;
        double jsonParseNanos = 0;
        double jacksonNanos = 0;
        for (FormatResult r : results) {
            long events = r.measured().accepted();
            accepted += events;
            httpNanos += r.measured().nanos();
            parseNanos += nanosFor(events, r.parseOnly());
            if (r.jackson() != null) {
                jsonEvents += events;
                jsonParseNanos += nanosFor(events, r.parseOnly());
                jacksonNanos += nanosFor(events, r.jacksonSpeed());
            }
        }
        return new Overall(accepted, rate(accepted, httpNanos), rate(accepted, parseNanos),
                jacksonNanos == 0 ? null : rate(jsonEvents, jacksonNanos),
                jsonParseNanos == 0 ? null : rate(jsonEvents, jsonParseNanos));
    }

    private static double nanosFor(long events, double eventsPerSecond) {
        return eventsPerSecond <= 0 ? 0 : events * 1e9 / eventsPerSecond;
    }

    private static double rate(long events, double nanos) {
        return nanos == 0 ? 0 : events * 1e9 / nanos;
    }

    private Map<String, Object> json(Overall o) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("bench", "ingest");
        root.put("events_per_s", Math.round(o.durable));
        root.put("parse_only_events_per_s", Math.round(o.parseOnly));
        root.put("ratio_vs_parse_only", round(o.ratio()));
        root.put("errors", errors());
        Map<String, Object> overall = new LinkedHashMap<>();
        overall.put("events_per_s", Math.round(o.durable));
        overall.put("parse_only_events_per_s", Math.round(o.parseOnly));
        overall.put("ratio_vs_parse_only", round(o.ratio()));
        overall.put("events", o.events);
        if (o.jackson != null) {
            overall.put("json_formats_parse_only_events_per_s", Math.round(o.parseJson));
            overall.put("jackson_tokens_events_per_s", Math.round(o.jackson));
            overall.put("parse_vs_jackson", o.parseVsJackson() == null ? null : round(o.parseVsJackson()));
        }
        overall.put("errors", errors());
        root.put("overall", overall);
        Map<String, Object> formats = new LinkedHashMap<>();
        for (FormatResult r : results) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("format", r.formatId());
            f.put("events_per_s", Math.round(r.durable()));
            f.put("parse_only_events_per_s", Math.round(r.parseOnly()));
            f.put("ratio_vs_parse_only", round(r.ratio()));
            if (r.jackson() != null) {
                f.put("jackson_tokens_events_per_s", Math.round(r.jacksonSpeed()));
                f.put("parse_vs_jackson", round(r.parseVsJackson()));
            }
            f.put("parse_only_other_processes_cpu_share", round(r.parseOthersShare()));
            f.put("events", r.measured().accepted());
            f.put("errors", r.errors());
            f.put("records", r.records());
            f.put("dropped_records", r.dropped());
            f.put("avg_record_bytes", Math.round(r.averageRecordBytes()));
            f.put("source", r.origin());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("batches", r.measured().batches());
            d.put("warmup_passes", r.warmupPasses());
            d.put("measured_passes_events_per_s", r.passSpeeds());
            d.put("fsyncs", r.fsyncs());
            d.put("journal_bytes_per_event", Math.round(r.journalBytesPerEvent()));
            d.put("batches_per_fsync", round(r.fsyncs() == 0 ? 0 : (double) r.appendBatches() / r.fsyncs()));
            d.put("mb_per_s", round(r.measured().bytes() / 1e6 / Math.max(1e-9, r.measured().nanos() / 1e9)));
            d.put("journal_mb_per_s", round(r.journalMbPerSecond()));
            d.put("avg_latency_ms", round(r.measured().averageLatencyMillis()));
            d.put("max_latency_ms", round(r.measured().maxLatencyNanos() / 1e6));
            d.put("cpu_utilisation", round(r.cpuUtilisation(machine.cores())));
            Map<String, Object> cpu = new LinkedHashMap<>();
            for (String g : r.cpu().keySet()) {
                cpu.put(g, round(r.microsPerEvent(g)));
            }
            d.put("cpu_us_per_event", cpu);
            Map<String, Object> alloc = new LinkedHashMap<>();
            alloc.put("parse_only", Math.round(r.parseOnlyBytesPerEvent()));
            for (String g : r.allocated().keySet()) {
                alloc.put(g, Math.round(r.bytesPerEvent(g)));
            }
            d.put("alloc_bytes_per_event", alloc);
            d.put("gc_count", r.jvm().gcCount());
            d.put("gc_ms", r.jvm().gcMillis());
            d.put("jit_ms", r.jvm().jitMillis());
            d.put("consumer_catch_up_ms", r.catchUpMillis());
            d.put("other_processes_cpu_share", round(r.durableOthersShare()));
            if (!r.activity().isEmpty()) {
                d.put("request_thread_activity", r.activity());
            }
            f.put("durable", d);
            f.put("stages_cpu_us_per_event", Map.of("parse", round(r.stages().parse()),
                    "stamp_encode", round(r.stages().stampEncode()), "decode", round(r.stages().decode())));
            formats.put(r.key(), f);
        }
        root.put("formats", formats);
        Map<String, Object> goals = new LinkedHashMap<>();
        goals.put("ratio_vs_parse_only_min", GOAL_DURABLE_VS_PARSE);
        goals.put("parse_vs_jackson_min", GOAL_PARSE_VS_JACKSON);
        root.put("goals", goals);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", machine.cores());
        m.put("jvm", machine.jvm());
        m.put("os", machine.os());
        m.put("max_heap_mb", machine.maxHeapMb());
        m.put("fsync", machine.fsync());
        m.put("file_system", machine.fileSystem());
        m.put("disk_first_256mib_mb_per_s", Math.round(machine.disk().first()));
        m.put("disk_sustained_mb_per_s", Math.round(machine.disk().sustained()));
        root.put("machine", m);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("events", options.events());
        s.put("warmup", options.warmup());
        s.put("batch", options.batch());
        s.put("clients", options.clients());
        s.put("consumer_during_passes", options.withConsumer());
        s.put("run_seconds", round(seconds));
        root.put("settings", s);
        return root;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
