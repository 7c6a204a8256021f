package jp.sukedachi.ingest.journal;

import static jp.sukedachi.ingest.journal.TestRecords.batch;
import static jp.sukedachi.ingest.journal.TestRecords.drain;
import static jp.sukedachi.ingest.journal.TestRecords.id;
import static jp.sukedachi.ingest.journal.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private static JournalConfig tiny() {
        return JournalConfig.defaults().withSegmentBytes(256);
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void roundTripAcrossSegmentRollsAndRestart() throws Exception {
        try (Journal j = Journal.open(dir, tiny())) {
            JournalReader r = j.reader("pipeline");
            long last = -1;
            for (int b = 0; b < 50; b++) {
                last = j.appendBatch(batch(b * 7L, 7, 30));
            }
            assertThat(last).isEqualTo(349);
            assertThat(segmentFiles()).hasSizeGreaterThan(40); // 38-byte frames, 6 per 256-byte segment

            List<JournalRecord> got = drain(r);
            assertThat(got).hasSize(350);
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).offset()).isEqualTo(i);
                assertThat(id(got.get(i).payload())).isEqualTo(i);
            }
            r.commit(200);
            r.close();
        }
        try (Journal j = Journal.open(dir, tiny())) {
            assertThat(j.recoveryReport().clean()).isTrue();
            assertThat(j.committedOffset("pipeline")).isEqualTo(200);
            try (JournalReader r = j.reader("pipeline")) {
                // Polled but uncommitted records (201..349) come again; nothing is skipped.
                List<JournalRecord> again = drain(r);
                assertThat(again).extracting(JournalRecord::offset).first().isEqualTo(201L);
                assertThat(again).hasSize(149);
                assertThat(j.appendBatch(batch(350, 3, 30))).isEqualTo(352);
                assertThat(drain(r)).extracting(rec -> id(rec.payload())).containsExactly(350L, 351L, 352L);
                r.commit(352);
            }
            // A consumer that never committed starts at the beginning.
            try (JournalReader other = j.reader("audit")) {
                assertThat(drain(other)).hasSize(353);
            }
        }
    }

    @Test
    void packedBatchesAreFramedRecordByRecordAcrossRollsAndBadRangesAreRefused() throws Exception {
        try (Journal j = Journal.open(dir, tiny())) {
            JournalReader r = j.reader("pipeline");
            // Sizes 8..40 in one array: frames of different lengths, several segment rolls inside one batch.
            List<byte[]> records = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                records.add(record(i, 8 + i % 33));
            }
            // Two chunks with spare bytes and spare end slots (the counts say how many are used), and an empty one.
            byte[][] data = new byte[3][];
            int[][] ends = new int[3][];
            int[] counts = {25, 0, 15};
            int first = 0;
            for (int c = 0; c < 3; c++) {
                List<byte[]> part = records.subList(first, first + counts[c]);
                data[c] = new byte[part.stream().mapToInt(b -> b.length).sum() + 5];
                ends[c] = new int[counts[c] + 3];
                int pos = 0;
                for (int i = 0; i < part.size(); i++) {
                    System.arraycopy(part.get(i), 0, data[c], pos, part.get(i).length);
                    pos += part.get(i).length;
                    ends[c][i] = pos;
                }
                first += counts[c];
            }
            assertThat(j.appendChunks(data, ends, counts)).isEqualTo(39);
            List<JournalRecord> got = drain(r);
            assertThat(got).hasSize(40);
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).payload()).isEqualTo(records.get(i));
            }
            assertThat(segmentFiles()).hasSizeGreaterThan(3);

            byte[][] one = {data[0]};
            assertThatThrownBy(() -> j.appendChunks(one, new int[][] {{8, 8}}, new int[] {2})) // an empty record
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 0");
            assertThatThrownBy(() -> j.appendChunks(one, new int[][] {{data[0].length + 1}}, new int[] {1}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the data");
            assertThatThrownBy(() -> j.appendChunks(new byte[][] {new byte[300]}, new int[][] {{300}}, new int[] {1}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 300"); // over a segment
            assertThatThrownBy(() -> j.appendChunks(one, new int[][] {{8}}, new int[] {0}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty batch");
            assertThat(j.nextOffset()).isEqualTo(40); // refused batches left nothing behind
            r.close();
        }
    }

    @Test
    void pollWaitsForAnAppendWithoutBusyWaiting() throws Exception {
        try (Journal j = Journal.open(dir, JournalConfig.defaults()); JournalReader r = j.reader("p")) {
            CompletableFuture<List<JournalRecord>> polled = CompletableFuture.supplyAsync(() -> {
                try {
                    return r.poll(10, Duration.ofSeconds(10));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(100);
            assertThat(polled).isNotDone();
            long t0 = System.nanoTime();
            j.appendBatch(List.of(record(42, 20)));
            List<JournalRecord> got = polled.get(5, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2000);
            assertThat(got).extracting(rec -> id(rec.payload())).containsExactly(42L);
            assertThat(r.poll(10, Duration.ofMillis(50))).isEmpty(); // times out cleanly
        }
    }

    @Test
    void externalOffsetStore() throws Exception {
        try (Journal j = Journal.open(dir, tiny())) {
            j.appendBatch(batch(0, 20, 30));
            // The pipeline keeps its offset in its database and passes it back on start.
            try (JournalReader r = j.reader("db", 11)) {
                assertThat(drain(r)).extracting(JournalRecord::offset).containsExactly(12L, 13L, 14L, 15L, 16L, 17L,
                        18L, 19L);
                r.commit(15); // not the end of what was polled: position found through the index
            }
            assertThat(j.committedOffset("db")).isEqualTo(15);
            assertThatThrownBy(() -> j.reader("db", 20)).isInstanceOf(IllegalStateException.class);
            try (JournalReader r = j.reader("db")) {
                assertThat(r.poll(100, Duration.ZERO)).extracting(JournalRecord::offset).first().isEqualTo(16L);
            }
        }
    }

    @Test
    void fsyncOncePerBatchNotPerRecord() throws Exception {
        try (Journal j = Journal.open(dir, JournalConfig.defaults())) {
            for (int b = 0; b < 20; b++) {
                j.appendBatch(batch(b * 50L, 50, 200));
            }
            JournalMetrics m = j.metrics();
            assertThat(m.appendedRecords()).isEqualTo(1000);
            assertThat(m.appendBatches()).isEqualTo(20);
            assertThat(m.fsyncs()).isEqualTo(20);
            assertThat(m.appendedBytes()).isEqualTo(1000L * (200 + Journal.HEADER));
            assertThat(m.segments()).isEqualTo(1);
        }
        try (Journal j = Journal.open(dir, JournalConfig.defaults().withFsync(false))) {
            j.appendBatch(batch(1000, 5, 200));
            assertThat(j.metrics().fsyncs()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------- torn tail / corruption

    /** Ten records of 40..49 bytes in one segment; returns the start position of each frame. */
    private long[] writeTen() throws Exception {
        long[] starts = new long[11];
        try (Journal j = Journal.open(dir, JournalConfig.defaults())) {
            for (int i = 0; i < 10; i++) {
                j.appendBatch(List.of(record(i, 40 + i)));
                starts[i + 1] = starts[i] + Journal.HEADER + 40 + i;
            }
        }
        return starts;
    }

    private Path onlySegment() throws IOException {
        List<Path> files = segmentFiles();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private static void flip(Path file, long pos) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0x40);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    @Test
    void tornTailIsTruncatedAndReported() throws Exception {
        long[] starts = writeTen();
        Path seg = onlySegment();
        byte[] original = Files.readAllBytes(seg);
        long lastStart = starts[9];
        // Cut inside the length field, right after it, inside the CRC, inside the payload, one byte short.
        long[] cuts = {lastStart + 2, lastStart + 4, lastStart + 6, lastStart + Journal.HEADER + 10,
            starts[10] - 1};
        for (long cut : cuts) {
            Files.write(seg, original);
            truncate(seg, cut);
            assertRecoversNine(seg, cut - lastStart, "cut at " + cut);
        }
        // A flipped byte in the last record's payload: CRC mismatch at the end = torn write.
        Files.write(seg, original);
        flip(seg, lastStart + Journal.HEADER + 20);
        assertRecoversNine(seg, starts[10] - lastStart, "flipped payload byte");
        // Garbage after the last frame (e.g. a zero-filled extent) is a torn tail too.
        Files.write(seg, original);
        Files.write(seg, new byte[100], java.nio.file.StandardOpenOption.APPEND);
        try (Journal j = Journal.open(dir, JournalConfig.defaults())) {
            assertThat(j.recoveryReport().bytesTruncated()).isEqualTo(100);
            assertThat(j.recoveryReport().recordsRecovered()).isEqualTo(10);
        }
    }

    private void assertRecoversNine(Path seg, long truncated, String what) throws Exception {
        try (Journal j = Journal.open(dir, JournalConfig.defaults())) {
            RecoveryReport rep = j.recoveryReport();
            assertThat(rep.tornTail()).as(what).isTrue();
            assertThat(rep.midCorruption()).as(what).isFalse();
            assertThat(rep.recordsRecovered()).as(what).isEqualTo(9);
            assertThat(rep.bytesTruncated()).as(what).isEqualTo(truncated);
            assertThat(rep.nextOffset()).as(what).isEqualTo(9);
            try (JournalReader r = j.reader("check-" + truncated, -1)) {
                assertThat(drain(r)).as(what).extracting(rec -> id(rec.payload()))
                        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            }
            j.removeConsumer("check-" + truncated);
            // Appending continues at the cut: the torn record was never acknowledged, so its offset is free.
            assertThat(j.appendBatch(List.of(record(99, 40)))).as(what).isEqualTo(9);
        }
    }

    @Test
    void corruptionInTheMiddleRefusesToOpenUnlessRepair() throws Exception {
        long[] starts = writeTen();
        Path seg = onlySegment();
        flip(seg, starts[3] + Journal.HEADER + 5); // payload of record 3; records 4..9 are fine

        assertThatThrownBy(() -> Journal.open(dir, JournalConfig.defaults()))
                .isInstanceOfSatisfying(JournalCorruptedException.class, e -> {
                    RecoveryReport rep = e.report();
                    assertThat(rep.midCorruption()).isTrue();
                    assertThat(rep.corruptOffset()).isEqualTo(3);
                    assertThat(rep.corruptPosition()).isEqualTo(starts[3]);
                    assertThat(rep.recordsAfterCorruption()).isEqualTo(6);
                    assertThat(rep.repaired()).isFalse();
                });
        assertThat(Files.size(seg)).as("good data is not touched").isEqualTo(starts[10]);

        try (Journal j = Journal.open(dir, JournalConfig.defaults().withRepair(true))) {
            RecoveryReport rep = j.recoveryReport();
            assertThat(rep.repaired()).isTrue();
            assertThat(rep.recordsRecovered()).isEqualTo(3);
            assertThat(rep.bytesTruncated()).isEqualTo(starts[10] - starts[3]);
            // Offsets of the dropped records are skipped, never reused.
            assertThat(j.appendBatch(List.of(record(100, 40)))).isEqualTo(10);
            try (JournalReader r = j.reader("check")) {
                assertThat(drain(r)).extracting(JournalRecord::offset).containsExactly(0L, 1L, 2L, 10L);
            }
        }
    }

    @Test
    void damagedLengthFieldInTheMiddleIsAlsoDetected() throws Exception {
        long[] starts = writeTen();
        Path seg = onlySegment();
        flip(seg, starts[5]); // high byte of record 5's length: the frame now runs past the end of the file
        assertThatThrownBy(() -> Journal.open(dir, JournalConfig.defaults()))
                .isInstanceOfSatisfying(JournalCorruptedException.class,
                        e -> assertThat(e.report().recordsAfterCorruption()).isEqualTo(4));
    }

    @Test
    void readerDetectsCorruptionInAnOlderSegment() throws Exception {
        try (Journal j = Journal.open(dir, tiny())) {
            j.appendBatch(batch(0, 30, 30));
        }
        flip(segmentFiles().get(0), Journal.HEADER + 3);
        try (Journal j = Journal.open(dir, tiny()); JournalReader r = j.reader("p")) {
            assertThat(j.recoveryReport().clean()).isTrue(); // only the last segment is scanned on open
            assertThatThrownBy(() -> r.poll(100, Duration.ZERO)).isInstanceOf(JournalCorruptedException.class)
                    .hasMessageContaining("CRC");
        }
    }

    // ------------------------------------------------------------------------------------------------ retention

    @Test
    void retentionBySizeDeletesOnlyConsumedSegments() throws Exception {
        JournalConfig cfg = JournalConfig.defaults().withSegmentBytes(1024).withRetentionMaxBytes(4096)
                .withFsync(false);
        try (Journal j = Journal.open(dir, cfg)) {
            JournalReader slow = j.reader("slow");
            JournalReader fast = j.reader("fast");
            for (int b = 0; b < 40; b++) {
                j.appendBatch(batch(b * 5L, 5, 92)); // 100-byte frames, 10 per segment
            }
            int before = segmentFiles().size();
            assertThat(before).isEqualTo(20);
            assertThat(j.enforceRetention()).as("nothing is consumed yet").isZero();

            fast.commit(drain(fast).get(199).offset());
            assertThat(j.enforceRetention()).as("'slow' has not consumed anything").isZero();
            assertThat(segmentFiles()).hasSize(20);

            List<JournalRecord> some = slow.poll(95, Duration.ZERO);
            slow.commit(some.get(94).offset()); // segments 0..8 fully consumed, segment 9 partly
            assertThat(segmentFiles()).hasSize(11); // commit ran retention: 9 deleted; still above 4096 B
            assertThat(segmentFiles().get(0).getFileName().toString()).isEqualTo("00000000000000000090.seg");
            // Everything 'slow' has not committed is still readable.
            assertThat(drain(slow)).extracting(JournalRecord::offset).first().isEqualTo(95L);
            slow.commit(199);
            assertThat(j.metrics().totalBytes()).isLessThanOrEqualTo(4096);
            assertThat(j.metrics().segments()).isEqualTo(4); // 3 sealed + the (full) active one
            slow.close();
            fast.close();
        }
    }

    @Test
    void retentionByAgeWithInjectedClock() throws Exception {
        TestRecords.MutableClock clock = new TestRecords.MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
        JournalConfig cfg = JournalConfig.defaults().withSegmentBytes(1024).withRetentionMaxAge(Duration.ofDays(7))
                .withFsync(false).withClock(clock);
        try (Journal j = Journal.open(dir, cfg)) {
            JournalReader a = j.reader("a");
            JournalReader b = j.reader("b");
            for (int i = 0; i < 10; i++) {
                j.appendBatch(batch(i * 10L, 10, 92)); // one segment per batch
            }
            a.commit(drain(a).get(99).offset());
            b.poll(45, Duration.ZERO);
            b.commit(44);
            assertThat(j.enforceRetention()).as("young segments stay").isZero();

            clock.advance(Duration.ofDays(8));
            assertThat(j.enforceRetention()).as("old, and consumed by both: segments 0..3").isEqualTo(4);
            assertThat(segmentFiles().get(0).getFileName().toString()).isEqualTo("00000000000000000040.seg");
            b.commit(drain(b).get(54).offset()); // 99
            assertThat(segmentFiles()).hasSize(1); // all sealed segments old and consumed
            a.close();
            b.close();
        }
        try (Journal j = Journal.open(dir, cfg)) {
            assertThat(j.nextOffset()).isEqualTo(100);
            assertThat(j.committedOffset("a")).isEqualTo(99);
        }
    }

    @Test
    void retentionMayDropUnconsumedOnlyWhenConfigured() throws Exception {
        JournalConfig cfg = JournalConfig.defaults().withSegmentBytes(1024).withRetentionMaxBytes(3000)
                .withFsync(false).withRetentionMayDropUnconsumed(true);
        try (Journal j = Journal.open(dir, cfg)) {
            j.reader("idle").close(); // registered, never reads
            for (int b = 0; b < 10; b++) {
                j.appendBatch(batch(b * 10L, 10, 92));
            }
            assertThat(j.metrics().totalBytes()).isLessThanOrEqualTo(3000);
            assertThat(segmentFiles().get(0).getFileName().toString()).isEqualTo("00000000000000000070.seg");
            try (JournalReader r = j.reader("idle")) {
                // The lost range is skipped: the consumer continues at the earliest retained record.
                assertThat(drain(r)).extracting(JournalRecord::offset).first().isEqualTo(70L);
            }
        }
    }

    // --------------------------------------------------------------------------------------------- backpressure

    @Test
    void fullJournalPushesBackUntilConsumed() throws Exception {
        JournalConfig cfg = JournalConfig.defaults().withMaxUnconsumedBytes(1000).withFsync(false)
                .withFullRetryAfter(Duration.ofSeconds(3));
        try (Journal j = Journal.open(dir, cfg); JournalReader r = j.reader("pipeline")) {
            int accepted = 0;
            JournalFullException full = null;
            while (full == null && accepted < 100) {
                try {
                    j.appendBatch(List.of(record(accepted, 92)));
                    accepted++;
                } catch (JournalFullException e) {
                    full = e;
                }
            }
            assertThat(accepted).isEqualTo(10); // 10 x 100 bytes reach the threshold
            assertThat(full).isNotNull();
            assertThat(full.retryAfterSeconds()).isEqualTo(3);
            assertThat(full.consumer()).isEqualTo("pipeline");
            assertThat(j.metrics().unconsumedBytes()).containsEntry("pipeline", 1000L);

            List<JournalRecord> got = r.poll(5, Duration.ZERO);
            assertThatThrownBy(() -> j.appendBatch(List.of(record(99, 92))))
                    .as("polled but not committed still counts").isInstanceOf(JournalFullException.class);
            r.commit(got.get(4).offset());
            assertThat(j.metrics().unconsumedBytes()).containsEntry("pipeline", 500L);
            assertThat(j.appendBatch(List.of(record(10, 92)))).isEqualTo(10);
        }
    }

    // ---------------------------------------------------------------------------------------------- concurrency

    @Test
    void concurrentAppendersOneReaderExactlyOnceInOrder() throws Exception {
        int threads = 8;
        int batches = 100;
        int perBatch = 10;
        int total = threads * batches * perBatch;
        JournalConfig cfg = JournalConfig.defaults().withSegmentBytes(8 * 1024); // ~7 rolls under load
        try (Journal j = Journal.open(dir, cfg); JournalReader r = j.reader("pipeline")) {
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            try {
                Future<List<JournalRecord>> reading = pool.submit(() -> {
                    List<JournalRecord> all = new ArrayList<>();
                    while (all.size() < total) {
                        all.addAll(r.poll(500, Duration.ofSeconds(10)));
                    }
                    return all;
                });
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long prefix = (long) t << 32;
                    writers.add(pool.submit(() -> {
                        for (int b = 0; b < batches; b++) {
                            long last = j.appendBatch(batch(prefix + (long) b * perBatch, perBatch, 60));
                            assertThat(last).isNotNegative();
                        }
                        return null;
                    }));
                }
                for (Future<?> w : writers) {
                    w.get(60, TimeUnit.SECONDS);
                }
                List<JournalRecord> all = reading.get(60, TimeUnit.SECONDS);
                assertThat(all).hasSize(total);
                long[] nextPerThread = new long[threads];
                for (int i = 0; i < all.size(); i++) {
                    assertThat(all.get(i).offset()).isEqualTo(i);
                    long id = id(all.get(i).payload());
                    int t = (int) (id >>> 32);
                    // Each thread's records appear exactly once, in the order it appended them, and a batch is
                    // contiguous (records of one batch get consecutive offsets).
                    assertThat(id & 0xffffffffL).isEqualTo(nextPerThread[t]);
                    nextPerThread[t]++;
                    if (nextPerThread[t] % perBatch != 0) {
                        assertThat(id(all.get(i + 1).payload())).isEqualTo(id + 1);
                    }
                }
                assertThat(nextPerThread).containsOnly((long) batches * perBatch);
                JournalMetrics m = j.metrics();
                assertThat(m.appendBatches()).isEqualTo((long) threads * batches);
                assertThat(m.fsyncs()).isLessThanOrEqualTo(m.appendBatches() + m.segments());
                System.out.printf("concurrency: %d batches from %d threads, %d fsyncs (group commit), %d segments%n",
                        m.appendBatches(), threads, m.fsyncs(), m.segments());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void secondOpenOfTheSameDirectoryIsRefused() throws Exception {
        try (Journal j = Journal.open(dir, JournalConfig.defaults())) {
            assertThat(j.directory()).isEqualTo(dir);
            assertThatThrownBy(() -> Journal.open(dir, JournalConfig.defaults())).isInstanceOf(IOException.class)
                    .hasMessageContaining("already open");
        }
    }
}
