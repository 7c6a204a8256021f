package jp.sukedachi.bench.ingest;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the data folder's disk takes when written as the journal writes: appended in 1 MiB writes with an fdatasync
 * after every 2 MiB (a group commit of two 1,000-record batches), 1 GiB in all, timed for the first 256 MiB and for
 * the rest apart: the 2-core test machine's virtual disk took its first few hundred MB at 960-1,430 MB/s and then
 * 240-1,075 MB/s (from one run to the next), while a run of the bench writes several GB of journal (issue 21's
 * fourth note).
 */
final class DiskProbe {
    private static final int WRITE_BYTES = 1 << 20;
    private static final int WRITES_PER_SYNC = 2;
    private static final int WRITES = 1024;
    private static final int FIRST = 256;

    /** MB/s (10^6 bytes) of the first 256 MiB and of the 768 after them; -1 when the folder could not be written. */
    record Speeds(double first, double sustained) {
    }

    private DiskProbe() {
    }

    static Speeds measure(Path dir) {
        Path file = dir.resolve("disk-probe.bin");
        ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BYTES);
        for (int i = 0; i < WRITE_BYTES; i++) {
            buffer.put((byte) (i * 31)); // not zeros: nothing on the way may shortcut them
        }
        try (FileChannel ch = FileChannel.open(file, CREATE_NEW, WRITE)) {
            long position = 0;
            long start = System.nanoTime();
            long firstNanos = 0;
            for (int i = 1; i <= WRITES; i++) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    position += ch.write(buffer, position);
                }
                if (i % WRITES_PER_SYNC == 0) {
                    ch.force(false);
                }
                if (i == FIRST) {
                    firstNanos = System.nanoTime() - start;
                }
            }
            long restNanos = System.nanoTime() - start - firstNanos;
            return new Speeds(FIRST * (double) WRITE_BYTES * 1e3 / firstNanos,
                    (WRITES - FIRST) * (double) WRITE_BYTES * 1e3 / restNanos);
        } catch (IOException e) {
            return new Speeds(-1, -1);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a probe file left in a temporary data folder goes with the folder
            }
        }
    }
}
