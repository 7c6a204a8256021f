package jp.sukedachi.ingest.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints append throughput (200-byte records, batches of 100, fsync on); measures, asserts nothing. */
class JournalThroughputTest {
    @TempDir
    Path dir;

    @Test
    void printAppendThroughput() throws Exception {
        List<byte[]> batch = TestRecords.batch(0, 100, 200);
        for (int threads : new int[] {1, 4}) {
            try (Journal j = Journal.open(dir.resolve("t" + threads), JournalConfig.defaults())) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long deadline = System.nanoTime() + 1_000_000_000L;
                long t0 = System.nanoTime();
                List<Future<Long>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    fs.add(pool.submit(() -> {
                        long n = 0;
                        while (System.nanoTime() < deadline) {
                            j.appendBatch(batch);
                            n += batch.size();
                        }
                        return n;
                    }));
                }
                long records = 0;
                for (Future<Long> f : fs) {
                    records += f.get();
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                JournalMetrics m = j.metrics();
                System.out.printf("throughput: %d thread(s): %.0f records/s (%.1f MB/s), %d batches, %d fsyncs%n",
                        threads, records / secs, m.appendedBytes() / secs / 1e6, m.appendBatches(), m.fsyncs());
            }
        }
    }
}
