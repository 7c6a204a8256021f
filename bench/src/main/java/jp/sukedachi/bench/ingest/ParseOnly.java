package jp.sukedachi.bench.ingest;

import java.util.List;
import java.util.function.Supplier;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The single-threaded baselines over the same batches the HTTP clients send: the format's parser alone
 * (a fresh {@link RecordParser} per batch, as the server makes one per request), and raw Jackson streaming.
 */
final class ParseOnly {
    /** Result of one timed pass. */
    record Timing(long events, long nanos, long errors, long checksum, long allocatedBytes) {
        double eventsPerSecond() {
            return nanos == 0 ? 0 : events * 1e9 / nanos;
        }
    }

    private static final long RECEIVED = 1_716_000_000_000L;
    private static final JsonFactory JSON = new JsonFactory();

    private ParseOnly() {
    }

    /**
     * Runs a pass again and again until {@code minNanos} have passed (at least once), and returns the sum: a pass
     * over the batches can take only tens of milliseconds for a fast parser, too short to time alone.
     */
    static Timing repeatFor(long minNanos, Supplier<Timing> pass) {
        long events = 0;
        long nanos = 0;
        long errors = 0;
        long checksum = 0;
        long allocated = 0;
        do {
            Timing t = pass.get();
            events += t.events();
            nanos += t.nanos();
            errors += t.errors();
            checksum += t.checksum();
            allocated += t.allocatedBytes();
        } while (nanos < minNanos);
        return new Timing(events, nanos, errors, checksum, allocated);
    }

    /** Parses every batch; events are the non-null results, errors the records that threw or gave no event. */
    static Timing parse(Corpus corpus, LogFormat format, List<Corpus.Batch> batches) {
        long[] events = new long[1];
        long[] checksum = new long[1];
        long allocated = CpuMeter.allocatedBytes(Thread.currentThread().threadId());
        long start = System.nanoTime();
        long errors = forEachEvent(corpus, format, batches, e -> {
            events[0]++;
            checksum[0] += e.timestampMillis();
        });
        long nanos = System.nanoTime() - start;
        return new Timing(events[0], nanos, errors, checksum[0],
                CpuMeter.allocatedBytes(Thread.currentThread().threadId()) - allocated);
    }

    /** Thread CPU µs per event of the receiver's own stages, one thread, no HTTP and no disk. */
    record Stages(double parse, double stampEncode, double decode) {
    }

    /**
     * What a receiver does per event besides HTTP and the journal's write, stage by stage on this thread's CPU clock
     * (so other load on the machine inflates it little): parse; parse, stamp the owner and encode into the journal's
     * form (minus parse = the encoding's own cost); decode, what the consumer pays before any detector. Each stage
     * runs until it has used {@code minNanos} of CPU after a first untimed pass.
     */
    static Stages stages(Corpus corpus, LogFormat format, List<Corpus.Batch> batches, long minNanos) {
        List<jp.sukedachi.event.EventCodec.Packed> encoded = new java.util.ArrayList<>();
        java.util.function.BooleanSupplier parseOnly = () -> {
            forEachEvent(corpus, format, batches, e -> { });
            return true;
        };
        // As a receiver does: each batch's chunks go back for the next batch once "written" (Packed.recycle). Keeping
        // every batch's chunks instead (for the decode stage) cost fresh, zeroed 256 KB arrays per batch and the GC
        // behind them, and showed Suricata EVE's encoding at 8.7 µs per event; this pass now reads 1.6 (parse 5.5).
        java.util.function.BooleanSupplier parseEncode = () -> {
            for (Corpus.Batch b : batches) {
                var packed = new jp.sukedachi.event.EventCodec.Packed();
                forEachEvent(corpus, format, List.of(b), e -> packed.add(e.withOwner(TENANT, DEVICE, RECEIVED)));
                packed.recycle();
            }
            return true;
        };
        java.util.function.BooleanSupplier decode = () -> {
            for (var packed : encoded) {
                byte[][] data = packed.chunkData();
                int[][] ends = packed.chunkEnds();
                int[] counts = packed.chunkCounts();
                for (int c = 0; c < data.length; c++) {
                    int start = 0;
                    for (int i = 0; i < counts[c]; i++) {
                        byte[] one = java.util.Arrays.copyOfRange(data[c], start, ends[c][i]); // as the journal reads it
                        jp.sukedachi.event.EventCodec.decode(one);
                        start = ends[c][i];
                    }
                }
            }
            return true;
        };
        long events = Corpus.Plan.events(batches);
        double parse = cpuMicrosPerEvent(parseOnly, events, minNanos);
        double encode = cpuMicrosPerEvent(parseEncode, events, minNanos);
        for (Corpus.Batch b : batches) { // the decode stage's input, untimed
            var packed = new jp.sukedachi.event.EventCodec.Packed();
            forEachEvent(corpus, format, List.of(b), e -> packed.add(e.withOwner(TENANT, DEVICE, RECEIVED)));
            encoded.add(packed);
        }
        double decoded = cpuMicrosPerEvent(decode, events, minNanos);
        return new Stages(parse, encode - parse, decoded);
    }

    private static final jp.sukedachi.event.TenantId TENANT = jp.sukedachi.event.TenantId.random();
    private static final jp.sukedachi.event.DeviceId DEVICE = jp.sukedachi.event.DeviceId.random();

    private static double cpuMicrosPerEvent(java.util.function.BooleanSupplier pass, long events, long minNanos) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        pass.getAsBoolean(); // untimed: the JIT's turn
        long runs = 0;
        long start = threads.getCurrentThreadCpuTime();
        long used;
        do {
            pass.getAsBoolean();
            runs++;
            used = threads.getCurrentThreadCpuTime() - start;
        } while (used < minNanos);
        return used / 1e3 / (runs * events);
    }

    /** Parses every batch (a fresh parser each, its source's header lines first); returns the records that threw or gave no event. */
    private static long forEachEvent(Corpus corpus, LogFormat format, List<Corpus.Batch> batches,
            java.util.function.Consumer<SecurityEvent> sink) {
        long errors = 0;
        for (Corpus.Batch b : batches) {
            RecordParser parser = format.newParser();
            for (String header : corpus.sources.get(b.source()).prefix) {
                try {
                    parser.parse(header, RECEIVED);
                } catch (MalformedRecordException e) {
                    errors++;
                }
            }
            for (int k = 0; k < b.count(); k++) {
                try {
                    SecurityEvent e = parser.parse(corpus.record(b, k), RECEIVED);
                    if (e == null) {
                        errors++;
                    } else {
                        sink.accept(e);
                    }
                } catch (MalformedRecordException e) {
                    errors++;
                }
            }
        }
        return errors;
    }

    /**
     * The floor for a JSON format: Jackson's streaming parser over each record (the same strings the format's
     * parser gets), every token visited, every property name and scalar value read as text; no tree, no mapping.
     */
    static Timing jacksonTokens(Corpus corpus, List<Corpus.Batch> batches) {
        long events = 0;
        long errors = 0;
        long checksum = 0;
        long allocated = CpuMeter.allocatedBytes(Thread.currentThread().threadId());
        long start = System.nanoTime();
        for (Corpus.Batch b : batches) {
            for (int k = 0; k < b.count(); k++) {
                try (JsonParser p = JSON.createParser(corpus.record(b, k))) {
                    JsonToken t;
                    while ((t = p.nextToken()) != null) {
                        switch (t) {
                            case PROPERTY_NAME -> checksum += p.currentName().length();
                            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                                    checksum += p.getString().length();
                            default -> checksum++;
                        }
                    }
                    events++;
                } catch (RuntimeException e) {
                    errors++;
                }
            }
        }
        long nanos = System.nanoTime() - start;
        return new Timing(events, nanos, errors, checksum,
                CpuMeter.allocatedBytes(Thread.currentThread().threadId()) - allocated);
    }
}
