package jp.sukedachi.ingest.journal;

import static jp.sukedachi.ingest.journal.TenantEvents.anySegmentHolds;
import static jp.sukedachi.ingest.journal.TenantEvents.belongsTo;
import static jp.sukedachi.ingest.journal.TenantEvents.interleaved;
import static jp.sukedachi.ingest.journal.TenantEvents.segments;
import static jp.sukedachi.ingest.journal.TenantEvents.tenantOf;
import static jp.sukedachi.ingest.journal.TestRecords.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalEraseTest {
    private static final JournalConfig SMALL = JournalConfig.defaults().withSegmentBytes(4096);

    @TempDir
    Path dir;

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    /** Offset and payload bytes of each record, for comparing what a reader returns before and after. */
    private static List<String> described(List<JournalRecord> records) {
        return records.stream().map(r -> r.offset() + ":" + HexFormat.of().formatHex(r.payload())).toList();
    }

    private Map<Path, Long> sizes() throws Exception {
        Map<Path, Long> out = new LinkedHashMap<>();
        for (Path p : segments(dir)) {
            out.put(p, Files.size(p));
        }
        return out;
    }

    @Test
    void erasingOneCompanyLeavesNoTraceOfItAndEveryOtherRecordIdenticalAtItsOffset() throws Exception {
        List<JournalRecord> before;
        List<JournalRecord> othersBefore;
        try (Journal j = Journal.open(dir, SMALL)) {
            JournalReader pipeline = j.reader("pipeline");
            for (int batch = 0; batch < 5; batch++) {
                j.appendBatch(interleaved(batch * 30L, 30, a, b, c));
            }
            before = drain(pipeline);
            pipeline.commit(59);
            othersBefore = before.stream().filter(r -> !tenantOf(r.payload()).equals(a)).toList();
            assertThat(segments(dir)).hasSizeGreaterThan(3);
            assertThat(anySegmentHolds(dir, a)).isTrue();
            Map<Path, Long> sizesBefore = sizes();

            assertThat(j.erase(p -> belongsTo(p, a))).isEqualTo(50);

            assertThat(anySegmentHolds(dir, a)).as("company a's id anywhere in a segment file").isFalse();
            assertThat(anySegmentHolds(dir, b)).isTrue();
            assertThat(sizes()).as("segment files keep their sizes").isEqualTo(sizesBefore);
            assertThat(j.committedOffset("pipeline")).isEqualTo(59);
            try (JournalReader fresh = j.reader("fresh", -1)) {
                assertThat(described(drain(fresh))).isEqualTo(described(othersBefore));
            }
            // The consumer resumes after its commit and sees only the other companies' records.
            pipeline.close();
            try (JournalReader again = j.reader("pipeline")) {
                assertThat(described(drain(again))).isEqualTo(
                        described(othersBefore.stream().filter(r -> r.offset() > 59).toList()));
            }
            assertThat(j.erase(p -> belongsTo(p, a))).as("nothing left to erase").isZero();
            // New records keep coming after erased ones, offsets go on from where they were.
            assertThat(j.appendBatch(interleaved(1000, 3, b))).isEqualTo(152);
        }
        try (Journal j = Journal.open(dir, SMALL)) {
            assertThat(j.recoveryReport().clean()).isTrue();
            assertThat(j.committedOffset("pipeline")).isEqualTo(59);
            try (JournalReader fresh = j.reader("after-restart", -1)) {
                List<JournalRecord> all = drain(fresh);
                assertThat(described(all.subList(0, othersBefore.size()))).isEqualTo(described(othersBefore));
                assertThat(all).hasSize(othersBefore.size() + 3);
                assertThat(all).extracting(r -> tenantOf(r.payload())).doesNotContain(a);
            }
        }
    }

    @Test
    void appendsAndAReaderGoOnUndisturbedWhileACompanyIsErased() throws Exception {
        try (Journal j = Journal.open(dir, SMALL.withFsync(false))) {
            for (int batch = 0; batch < 40; batch++) {
                j.appendBatch(interleaved(batch * 50L, 50, a, b));
            }
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Integer> appender = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                try {
                    while (!stop.get()) {
                        j.appendBatch(interleaved(1_000_000 + n, 10, b, c));
                        n += 10;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return n;
            });
            List<JournalRecord> seen = new ArrayList<>();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try (JournalReader r = j.reader("live", -1)) {
                    while (!stop.get()) {
                        seen.addAll(r.poll(100, Duration.ofMillis(5)));
                    }
                    seen.addAll(drain(r));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            long erased = j.erase(p -> belongsTo(p, a));
            Thread.sleep(50);
            stop.set(true);
            int appended = appender.get();
            reader.get();

            assertThat(erased).isEqualTo(1000);
            assertThat(anySegmentHolds(dir, a)).isFalse();
            List<Long> offsets = seen.stream().map(JournalRecord::offset).toList();
            assertThat(offsets).isSorted().doesNotHaveDuplicates();
            long others = seen.stream().filter(r -> !tenantOf(r.payload()).equals(a)).count();
            assertThat(others).as("every record of the other companies read once").isEqualTo(1000 + appended);
        }
    }

    @Test
    void aReaderThatMeetsAFrameHalfWayThroughItsErasureWaitsForItInsteadOfCallingItDamage() throws Exception {
        try (Journal j = Journal.open(dir, SMALL)) {
            j.appendBatch(interleaved(0, 30, a, b));
            List<JournalRecord> read = new ArrayList<>();
            AtomicReference<CompletableFuture<Void>> reader = new AtomicReference<>();
            AtomicBoolean readerWaited = new AtomicBoolean();
            j.eraser.halfWayHook = () -> {
                if (reader.get() != null) {
                    return;
                }
                // Frame 0 now has its erased CRC but still its old payload: a reader sees a CRC mismatch there.
                reader.set(CompletableFuture.runAsync(() -> {
                    try (JournalReader r = j.reader("during", -1)) {
                        read.addAll(drain(r));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (!j.eraser.writeLock.hasQueuedThreads() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                readerWaited.set(j.eraser.writeLock.hasQueuedThreads());
            };
            assertThat(j.erase(p -> belongsTo(p, a))).isEqualTo(15);
            reader.get().get();
            assertThat(readerWaited).as("the reader hit the half-erased frame and waited").isTrue();
            assertThat(read).extracting(JournalRecord::offset).doesNotContain(0L).contains(1L, 3L, 29L);
            assertThat(read).filteredOn(r -> tenantOf(r.payload()).equals(b)).hasSize(15);
        }
    }

    @Test
    void aRedoFileThatWasNeverRenamedIsDroppedAndADamagedOneStopsTheOpen() throws Exception {
        try (Journal j = Journal.open(dir, SMALL)) {
            j.appendBatch(interleaved(0, 30, a, b));
        }
        Files.write(dir.resolve(JournalEraser.PENDING + ".tmp"), new byte[] {1, 2, 3});
        try (Journal j = Journal.open(dir, SMALL); JournalReader r = j.reader("check", -1)) {
            assertThat(drain(r)).hasSize(30);
        }
        assertThat(dir.resolve(JournalEraser.PENDING + ".tmp")).doesNotExist();

        Files.write(dir.resolve(JournalEraser.PENDING), new byte[20]);
        assertThatThrownBy(() -> Journal.open(dir, SMALL)).isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining("erase.pending is damaged");
    }
}
