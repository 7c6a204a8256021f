package jp.sukedachi.bench.intel;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.match.IndicatorSnapshot;
import jp.sukedachi.intel.match.IntelMatcher;

/**
 * The intel matcher at scale, one process, one thread (per-core numbers): with 1,000,000 generated
 * indicators it measures (a) events/s of matching alone over parsed EVE and Zeek events, (b) parsing
 * EVE alone against parsing and matching the same lines in the same run ({@link ParseMatchRatio}: thread CPU
 * time, interleaved rounds, median and spread), (c) retained heap per indicator
 * of the snapshot (GC, heap used before and after building, median of several builds). Prints a table
 * and, as the last line, JSON. Goals: matching adds ≤ 20% to parse-only time; ≤ 100 bytes per indicator.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar jp.sukedachi.bench.intel.IntelBench [indicators] [seconds] [rounds]}
 * from the repository root (datasets in ../shared/datasets); give the JVM ≥ 2 GB of heap.
 */
public final class IntelBench {
    private IntelBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3.0;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 41;
        Instant now = Instant.parse("2026-06-01T00:00:00Z");

        List<String> eve = IntelBenchData.eveLines();
        List<List<String>> zeekFiles = IntelBenchData.zeekFiles();
        List<SecurityEvent> eveEvents = IntelBenchData.parse("suricata-eve", eve);
        List<SecurityEvent> zeekEvents = new ArrayList<>();
        for (List<String> f : zeekFiles) {
            zeekEvents.addAll(IntelBenchData.parse("zeek", f));
        }
        List<SecurityEvent> all = new ArrayList<>(eveEvents);
        all.addAll(zeekEvents);
        List<Indicator> indicators = IntelBenchData.indicators(n, all, 42);

        // (c) heap per indicator.
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] retained = new long[5];
        long[] buildMillis = new long[retained.length];
        IndicatorSnapshot snapshot = null;
        for (int i = 0; i < retained.length; i++) {
            snapshot = null;
            long before = usedAfterGc(memory);
            long t0 = System.nanoTime();
            snapshot = IndicatorSnapshot.of(indicators);
            buildMillis[i] = (System.nanoTime() - t0) / 1_000_000;
            long after = usedAfterGc(memory);
            retained[i] = after - before;
        }
        long heap = median(retained);
        double bytesPerIndicator = (double) heap / snapshot.size();
        IntelMatcher matcher = IntelMatcher.of(snapshot);

        // (a) matching alone.
        double eveMatchRate = matchRate(matcher, eveEvents, now, seconds);
        double zeekMatchRate = matchRate(matcher, zeekEvents, now, seconds);
        long hits = 0;
        for (SecurityEvent e : all) {
            hits += matcher.match(e, now).size();
        }
        int eveHits = 0;
        for (SecurityEvent e : eveEvents) {
            eveHits += matcher.match(e, now).isEmpty() ? 0 : 1;
        }
        int allEvents = all.size();
        all = null;

        // (b) parse only vs parse + match, EVE: see ParseMatchRatio. The indicator list and the heap test's dead snapshots
        // go first, so that only the matcher's own snapshot is live while the ratio is measured.
        indicators = null;
        usedAfterGc(memory);
        ParseMatchRatio ratio = ParseMatchRatio.measure(eve, matcher, now, rounds);
        double parseOnly = ratio.parseNs();
        double parseMatch = ratio.bothNs();

        System.out.println();
        System.out.printf(Locale.ROOT, "Intel matcher benchmark: %,d indicators (%,d kept, %,d rejected), %d EVE + %d Zeek events%n",
                n, snapshot.size(), snapshot.rejected(), eveEvents.size(), zeekEvents.size());
        System.out.println("| measure | value | goal |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| snapshot build (median of %d) | %,d ms | |%n", buildMillis.length, median(buildMillis));
        System.out.printf(Locale.ROOT, "| retained heap of the snapshot (median) | %,.1f MB | |%n", heap / 1e6);
        System.out.printf(Locale.ROOT, "| heap bytes per indicator | %.1f | ≤ 100 |%n", bytesPerIndicator);
        System.out.printf(Locale.ROOT, "| estimated array bytes per indicator | %.1f | |%n",
                (double) snapshot.estimatedHeapBytes() / snapshot.size());
        System.out.printf(Locale.ROOT, "| match only, EVE events/s/core | %,.0f | |%n", eveMatchRate);
        System.out.printf(Locale.ROOT, "| match only, Zeek events/s/core | %,.0f | |%n", zeekMatchRate);
        System.out.printf(Locale.ROOT, "| detections over one pass of all %d events | %d | |%n", allEvents, hits);
        System.out.printf(Locale.ROOT, "| EVE parse only, ns/event | %.0f | |%n", parseOnly);
        System.out.printf(Locale.ROOT, "| EVE parse + match, ns/event | %.0f | |%n", parseMatch);
        System.out.printf(Locale.ROOT, "| EVE events that match (hit path: detections built) | %d of %d | |%n",
                eveHits, eveEvents.size());
        System.out.printf(Locale.ROOT, "| ratio parse+match / parse only, thread CPU time (median of %d rounds) | %.3f | ≤ 1.20 |%n",
                ratio.rounds(), ratio.median());
        System.out.printf(Locale.ROOT, "| ratio spread over the rounds: min · p25 · p75 · max | %.3f · %.3f · %.3f · %.3f | |%n",
                ratio.min(), ratio.p25(), ratio.p75(), ratio.max());
        System.out.printf(Locale.ROOT, "| ratio by wall clock over the same rounds (median) | %.3f | |%n", ratio.wallMedian());
        System.out.printf(Locale.ROOT, "| GC during the rounds: collections · pause ms (parse only / parse + match) | %d · %d / %d · %d | |%n",
                ratio.gcParse(), ratio.gcParseMillis(), ratio.gcBoth(), ratio.gcBothMillis());
        System.out.printf(Locale.ROOT,
                "{\"indicators\":%d,\"heap_bytes_per_indicator\":%.1f,\"snapshot_heap_bytes\":%d,\"build_ms\":%d,"
                        + "\"match_eve_events_per_s\":%.0f,\"match_zeek_events_per_s\":%.0f,\"parse_only_ns\":%.0f,"
                        + "\"parse_match_ns\":%.0f,\"ratio_vs_parse_only\":%.3f,\"ratio_rounds\":%d,\"ratio_min\":%.3f,"
                        + "\"ratio_p25\":%.3f,\"ratio_p75\":%.3f,\"ratio_max\":%.3f,\"ratio_wall_clock\":%.3f,"
                        + "\"gc_parse_only\":%d,\"gc_parse_match\":%d,\"eve_events_matching\":%d,\"goal_ratio\":1.2,"
                        + "\"goal_heap_bytes\":100}%n",
                snapshot.size(), bytesPerIndicator, heap, median(buildMillis), eveMatchRate, zeekMatchRate, parseOnly,
                parseMatch, ratio.median(), ratio.rounds(), ratio.min(), ratio.p25(), ratio.p75(), ratio.max(),
                ratio.wallMedian(), ratio.gcParse(), ratio.gcBoth(), eveHits);
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    private static double matchRate(IntelMatcher matcher, List<SecurityEvent> events, Instant now, double seconds) {
        long sink = 0;
        // Warm-up.
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (SecurityEvent e : events) {
                sink += matcher.match(e, now).size();
            }
        }
        long count = 0;
        long t0 = System.nanoTime();
        end = t0 + (long) (seconds * 1e9);
        long t;
        while ((t = System.nanoTime()) < end) {
            for (SecurityEvent e : events) {
                sink += matcher.match(e, now).size();
            }
            count += events.size();
        }
        if (sink == 42) {
            System.out.print("");
        }
        return count / ((t - t0) / 1e9);
    }

    private static long median(long[] a) {
        long[] c = a.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
