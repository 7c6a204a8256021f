package jp.sukedachi.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.sukedachi.bench.intel.IntelBenchData;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.intel.match.IndicatorSnapshot;
import jp.sukedachi.intel.match.IntelMatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Threat-intel matching against 1,000,000 generated indicators (40% IPv4, 5% CIDR, 25% domains, 15% URLs,
 * 15% hashes): matching alone over all parsed EVE / Zeek sample events, and EVE parse-only against
 * parse + match (compare the two scores in one run). Time per pass over the sample.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IntelBenchmark {
    private final Instant now = Instant.parse("2026-06-01T00:00:00Z");
    private IntelMatcher matcher;
    private List<String> eveLines;
    private List<SecurityEvent> eveEvents;
    private List<SecurityEvent> zeekEvents;

    @Setup
    public void setUp() throws Exception {
        eveLines = IntelBenchData.eveLines();
        eveEvents = IntelBenchData.parse("suricata-eve", eveLines);
        zeekEvents = new ArrayList<>();
        for (List<String> f : IntelBenchData.zeekFiles()) {
            zeekEvents.addAll(IntelBenchData.parse("zeek", f));
        }
        List<SecurityEvent> all = new ArrayList<>(eveEvents);
        all.addAll(zeekEvents);
        matcher = IntelMatcher.of(IndicatorSnapshot.of(IntelBenchData.indicators(1_000_000, all, 42)));
    }

    @Benchmark
    public void matchEve(Blackhole bh) {
        for (SecurityEvent e : eveEvents) {
            bh.consume(matcher.match(e, now));
        }
    }

    @Benchmark
    public void matchZeek(Blackhole bh) {
        for (SecurityEvent e : zeekEvents) {
            bh.consume(matcher.match(e, now));
        }
    }

    @Benchmark
    public void parseEve(Blackhole bh) throws MalformedRecordException {
        RecordParser p = IntelBenchData.parser("suricata-eve");
        for (String line : eveLines) {
            bh.consume(p.parse(line, 0L));
        }
    }

    @Benchmark
    public void parseAndMatchEve(Blackhole bh) throws MalformedRecordException {
        RecordParser p = IntelBenchData.parser("suricata-eve");
        for (String line : eveLines) {
            SecurityEvent e = p.parse(line, 0L);
            if (e != null) {
                bh.consume(matcher.match(e, now));
            }
        }
    }
}
