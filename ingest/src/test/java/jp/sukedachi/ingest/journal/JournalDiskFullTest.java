package jp.sukedachi.ingest.journal;

import static jp.sukedachi.ingest.journal.TestRecords.batch;
import static jp.sukedachi.ingest.journal.TestRecords.drain;
import static jp.sukedachi.ingest.journal.TestRecords.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk full on a real, small tmpfs (issue 12, item 5): a refused batch leaves nothing behind, the journal takes
 * appends again as soon as space returns (no reopen), and the reserve refuses before the disk is full.
 */
class JournalDiskFullTest {
    @TempDir
    Path base;
    Path mount;
    Path dir;

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = base.resolve("small");
        Files.createDirectories(mount);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor() == 0,
                "a small tmpfs cannot be mounted here (needs root and mount permission): " + out);
        dir = mount.resolve("journal");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }

    /** Fills the file system until at most {@code leave} bytes are free. */
    private Path fill(long leave) throws IOException {
        Path filler = mount.resolve("filler");
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (Files.getFileStore(mount).getUsableSpace() > leave + chunk.length) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            // the disk filled up before we could stop: fine
        }
        return filler;
    }

    @Test
    void aBatchThatHitsAFullDiskLeavesNothingAndAppendsWorkAgainOnceSpaceIsFreed() throws Exception {
        JournalConfig config = JournalConfig.defaults().withSegmentBytes(1024 * 1024).withMinFreeBytes(0);
        List<Long> acknowledged = new ArrayList<>();
        try (Journal j = Journal.open(dir, config)) {
            JournalReader reader = j.reader("pipeline");
            Path filler = fill(64 * 1024);
            long nextId = 0;
            IOException refused = null;
            long segmentBytesBefore = -1;
            for (int i = 0; i < 100 && refused == null; i++) {
                long before = j.nextOffset();
                segmentBytesBefore = totalSegmentBytes();
                try {
                    j.appendBatch(batch(nextId, 50, 1000)); // 50 KB: the second or third one does not fit
                    for (long k = nextId; k < nextId + 50; k++) {
                        acknowledged.add(k);
                    }
                } catch (IOException e) {
                    refused = e;
                    assertThat(j.nextOffset()).isEqualTo(before);
                }
                nextId += 50;
            }
            assertThat(refused).as("the disk must fill up").isInstanceOf(JournalDiskFullException.class);
            assertThat(totalSegmentBytes()).as("the refused batch was cut off again").isEqualTo(segmentBytesBefore);

            Files.delete(filler);
            j.appendBatch(batch(nextId, 50, 1000)); // no reopen needed
            for (long k = nextId; k < nextId + 50; k++) {
                acknowledged.add(k);
            }

            List<Long> read = new ArrayList<>();
            for (JournalRecord r : drain(reader)) {
                read.add(id(r.payload()));
            }
            assertThat(read).as("exactly the acknowledged records, none of the refused batch").isEqualTo(acknowledged);
        }
        try (Journal j = Journal.open(dir, config)) {
            assertThat(j.recoveryReport().clean()).as("nothing torn left on disk").isTrue();
            assertThat(j.nextOffset()).isEqualTo(acknowledged.size());
        }
    }

    @Test
    void theFreeSpaceReserveRefusesBeforeTheDiskIsFull() throws Exception {
        JournalConfig config = JournalConfig.defaults().withMinFreeBytes(2 * 1024 * 1024);
        try (Journal j = Journal.open(dir, config)) {
            j.appendBatch(batch(0, 10, 100));
            Path filler = fill(1536 * 1024);
            assertThat(j.belowReserve()).isTrue();
            assertThatThrownBy(() -> j.appendBatch(batch(10, 10, 100))).isInstanceOf(JournalDiskFullException.class)
                    .hasMessageContaining("reserve of 2 MiB");
            assertThat(j.nextOffset()).isEqualTo(10);
            assertThat(Files.getFileStore(mount).getUsableSpace()).as("the reserve was kept")
                    .isGreaterThan(1024 * 1024);

            Files.delete(filler);
            assertThat(j.belowReserve()).isFalse();
            assertThat(j.appendBatch(batch(10, 10, 100))).isEqualTo(19);
        }
    }

    private long totalSegmentBytes() throws IOException {
        try (var s = Files.list(dir)) {
            long sum = 0;
            for (Path p : s.filter(p -> p.toString().endsWith(".seg")).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }
}
