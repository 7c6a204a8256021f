package jp.sukedachi.bench.sigma;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import jp.sukedachi.bench.intel.IntelBenchData;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.sigma.EventFiles;
import jp.sukedachi.detect.sigma.LogsourceMappings;
import jp.sukedachi.detect.sigma.SigmaDetector;
import jp.sukedachi.detect.sigma.SigmaEngine;
import jp.sukedachi.detect.sigma.SigmaRule;
import jp.sukedachi.detect.sigma.SigmaRuleSet;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;

/**
 * The Sigma engine per core: the OTRF atomic host logs and Sigma's regression events (Windows JSON records,
 * 16k distinct) replayed to a few million, parsed with the ingest Windows parser alone, then parsed and
 * matched against 100, 1,000 and all Windows rules of the SigmaHQ snapshot, in the same run (interleaved
 * rounds, medians). One thread. Prints a table and, as the last line, JSON. Goal: with all rules, at least
 * 60 % of parse-only throughput.
 *
 * <p>{@code ./sukedachi bench sigma [--events N] [--rounds R]} (N events per measured configuration and round).
 */
public final class SigmaBench {
    /**
     * The thread's CPU time, not wall time: the figure is per core, and a shared machine's other load then
     * inflates it less.
     */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private SigmaBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = 2_000_000;
        int rounds = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path datasets = IntelBenchData.datasets();
        Path sigma = datasets.resolve("sigmahq-sigma");

        long t0 = System.nanoTime();
        SigmaRuleSet.Builder b = new SigmaRuleSet.Builder();
        int rejected = 0;
        for (String d : List.of("rules", "rules-emerging-threats", "rules-threat-hunting")) {
            SigmaRuleSet s = SigmaRuleSet.load(sigma.resolve(d));
            s.rules().forEach(b::addRule);
            rejected += s.rejected().size();
        }
        SigmaRuleSet set = b.build();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        List<SigmaRule> windows = new ArrayList<>(set.rules().stream()
                .filter(r -> r.logsource() != null && "windows".equals(r.logsource().product())).toList());
        Collections.shuffle(windows, new Random(42));
        LogsourceMappings mappings = LogsourceMappings.standard();
        long heapBefore = usedAfterGc();
        t0 = System.nanoTime();
        SigmaEngine all = SigmaEngine.compile(windows, mappings);
        long compileMs = (System.nanoTime() - t0) / 1_000_000;
        // What the compiled engine keeps on the heap (every worker stream holds one set of automata, shared).
        double engineMb = (usedAfterGc() - heapBefore) / 1048576.0;
        SigmaEngine e1000 = SigmaEngine.compile(windows.subList(0, 1000), mappings);
        SigmaEngine e100 = SigmaEngine.compile(windows.subList(0, 100), mappings);

        List<String> records = records(datasets);
        LogFormat format = LogFormats.standard().byId("windows").orElseThrow();
        int reps = (int) Math.max(1, events / records.size());
        SigmaEngine[] engines = {null, e100, e1000, all};
        String[] names = {"parse only", "parse + 100 rules", "parse + 1,000 rules", "parse + all " + all.activeRules().size() + " Windows rules"};
        double[][] ns = new double[engines.length][rounds];
        long[] matches = new long[engines.length];
        // Warm-up: JIT for every configuration.
        for (int k = 0; k < engines.length; k++) {
            run(format, records, Math.max(1, reps / 4), engines[k], new long[1]);
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < engines.length; k++) {
                long[] m = new long[1];
                ns[k][r] = run(format, records, reps, engines[k], m) / (double) ((long) reps * records.size());
                matches[k] = m[0] / reps;
            }
        }
        // Matching alone over pre-parsed events, all rules: the engine's own cost per event.
        List<SecurityEvent> parsed = EventFiles.parse(records, LogFormats.standard(), 0L).events();
        double[] matchOnlyNs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            SigmaEngine.Matcher m = all.newMatcher();
            long sink = 0;
            long s0 = CPU.getCurrentThreadCpuTime();
            for (int rep = 0; rep < reps; rep++) {
                for (SecurityEvent e : parsed) {
                    sink += m.match(e).size();
                }
            }
            matchOnlyNs[r] = (CPU.getCurrentThreadCpuTime() - s0) / (double) ((long) reps * parsed.size());
            if (sink == 42) {
                System.out.print("");
            }
        }
        double matchOnly = 1e9 / median(matchOnlyNs);
        // The same through the pipeline's SigmaDetector: detections built, and after every 1,000 events (a batch)
        // advance and snapshot, as the runtime calls them; without correlation activity the snapshot is the same array.
        SigmaDetector detector = new SigmaDetector();
        detector.install(all, windows);
        TenantId tenant = new TenantId(new UUID(0, 1));
        List<SecurityEvent> owned = parsed.stream().map(e -> e.withOwner(tenant, null, e.receivedMillis())).toList();
        double[] detectorNs = new double[rounds];
        long[] found = new long[1];
        DetectionSink sinkTo = d -> found[0]++;
        for (int r = 0; r < rounds; r++) {
            long s0 = CPU.getCurrentThreadCpuTime();
            int n = 0;
            for (int rep = 0; rep < reps; rep++) {
                for (SecurityEvent e : owned) {
                    detector.detect(e, sinkTo);
                    if (++n == 1_000) {
                        n = 0;
                        detector.advance(e.timestampMillis(), sinkTo);
                        found[0] += detector.snapshot().length;
                    }
                }
            }
            detectorNs[r] = (CPU.getCurrentThreadCpuTime() - s0) / (double) ((long) reps * owned.size());
        }
        double viaDetector = 1e9 / median(detectorNs);
        double[] rate = new double[engines.length];
        for (int k = 0; k < engines.length; k++) {
            rate[k] = 1e9 / median(ns[k]);
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = ns[0][r] / ns[3][r];
        }
        double ratio = median(ratios);

        System.out.println();
        System.out.printf(Locale.ROOT, "Sigma engine benchmark: %,d rules loaded (%d rejected) in %,d ms; %,d Windows rules, "
                + "%,d active, compiled in %,d ms (%,d plan entries, %.1f MB of heap kept)%n", set.rules().size(), rejected,
                loadMs, windows.size(), all.activeRules().size(), compileMs, all.entries(), engineMb);
        System.out.printf(Locale.ROOT, "%,d distinct Windows records (OTRF atomic + Sigma regression) replayed %d times = %,d events "
                + "per configuration and round; %d rounds, medians; one thread, thread CPU time%n", records.size(), reps, (long) reps * records.size(), rounds);
        System.out.println("| configuration | ns/event | events/s/core | vs parse only | matches per pass |");
        System.out.println("|---|---|---|---|---|");
        for (int k = 0; k < engines.length; k++) {
            System.out.printf(Locale.ROOT, "| %s | %.0f | %,.0f | %.2f | %,d |%n", names[k], median(ns[k]), rate[k], rate[k] / rate[0], matches[k]);
        }
        System.out.printf(Locale.ROOT, "| match only (pre-parsed events), all rules | %.0f | %,.0f | | |%n", 1e9 / matchOnly, matchOnly);
        System.out.printf(Locale.ROOT, "| SigmaDetector (pre-parsed events), all rules, advance + snapshot per 1,000 | %.0f | %,.0f | | |%n",
                1e9 / viaDetector, viaDetector);
        System.out.printf(Locale.ROOT, "ratio all rules / parse only (median of per-round ratios): %.3f (goal ≥ 0.6)%n", ratio);
        System.out.printf(Locale.ROOT,
                "{\"rules_loaded\":%d,\"rules_rejected\":%d,\"windows_rules\":%d,\"rules_active\":%d,\"events_per_round\":%d,"
                        + "\"events_per_s_parse_only\":%.0f,\"events_per_s_100_rules\":%.0f,\"events_per_s_1000_rules\":%.0f,"
                        + "\"events_per_s_all_rules\":%.0f,\"ratio_vs_parse_only\":%.3f,\"matches_per_pass_all_rules\":%d,"
                        + "\"events_per_s_match_only_all_rules\":%.0f,\"events_per_s_detector_all_rules\":%.0f,\"compile_ms\":%d,"
                        + "\"engine_heap_mb\":%.1f,\"goal_ratio\":0.6}%n",
                set.rules().size(), rejected, windows.size(), all.activeRules().size(), (long) reps * records.size(), rate[0], rate[1],
                rate[2], rate[3], ratio, matches[3], matchOnly, viaDetector, compileMs, engineMb);
    }

    /** Heap in use after a full collection (System.gc twice: the first may only finish a concurrent cycle). */
    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** OTRF zips (one JSON record a line) and the regression JSON documents, as raw text. */
    static List<String> records(Path datasets) throws Exception {
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(datasets.resolve("otrf-security-datasets/atomic")),
                Files.walk(datasets.resolve("sigmahq-sigma/regression_data")))) {
            files = s.filter(p -> p.toString().endsWith(".zip") || p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            out.addAll(EventFiles.records(f));
        }
        return out;
    }

    /** Nanoseconds to parse (and match, when an engine is given) every record {@code reps} times, a parser per pass. */
    private static long run(LogFormat format, List<String> records, int reps, SigmaEngine engine, long[] matches) {
        SigmaEngine.Matcher m = engine == null ? null : engine.newMatcher();
        long sink = 0;
        long t0 = CPU.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
            RecordParser p = format.newParser();
            for (String rec : records) {
                try {
                    SecurityEvent e = p.parse(rec, 0L);
                    if (e != null) {
                        sink += e.originalFieldCount();
                        if (m != null) {
                            matches[0] += m.match(e).size();
                        }
                    }
                } catch (MalformedRecordException x) {
                    sink--;
                }
            }
        }
        long t = CPU.getCurrentThreadCpuTime() - t0;
        if (sink == 42) {
            System.out.print("");
        }
        return t;
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
