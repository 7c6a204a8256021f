package jp.sukedachi.ingest.journal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link JournalCrashTest}: appends batches of uniquely numbered records from several threads
 * until killed, printing {@code ACK <first id> <count> END} after every acknowledged batch. The END marker lets the
 * test ignore a line cut short by the kill.
 *
 * <p>Arguments: journal directory, first id, threads, segment bytes.
 */
public final class JournalCrashMain {
    static final int BATCH = 50;
    static final int RECORD_BYTES = 100;

    private JournalCrashMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        AtomicLong ids = new AtomicLong(Long.parseLong(args[1]));
        int threads = Integer.parseInt(args[2]);
        long segmentBytes = Long.parseLong(args[3]);
        PrintStream out = System.out;
        Journal journal = Journal.open(dir, JournalConfig.defaults().withSegmentBytes(segmentBytes));
        RecoveryReport rep = journal.recoveryReport();
        out.println("READY next=" + rep.nextOffset() + " truncated=" + rep.bytesTruncated());
        out.flush();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    while (true) {
                        long first = ids.getAndAdd(BATCH);
                        journal.appendBatch(TestRecords.batch(first, BATCH, RECORD_BYTES));
                        // println on a PrintStream is synchronized: lines from threads do not interleave.
                        out.println("ACK " + first + " " + BATCH + " END");
                        out.flush();
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(3);
                }
            }, "appender-" + t);
            th.start();
        }
        // Runs until SIGKILL; the journal is deliberately never closed.
    }
}
