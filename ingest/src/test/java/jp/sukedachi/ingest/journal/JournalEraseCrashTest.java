package jp.sukedachi.ingest.journal;

import static jp.sukedachi.ingest.journal.TenantEvents.anySegmentHolds;
import static jp.sukedachi.ingest.journal.TenantEvents.interleaved;
import static jp.sukedachi.ingest.journal.TenantEvents.tenantOf;
import static jp.sukedachi.ingest.journal.TestRecords.drain;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An erasure killed with SIGKILL half-way through a frame (its new CRC on disk, its payload not yet zeroed): the next
 * open finishes it, recovery finds neither a torn tail nor corruption, every record of the other companies is there
 * at its offset and the company's id is gone from every file. Once in a sealed segment, once in the active one
 * (where a half-erased last frame would otherwise look like a torn tail and be cut off).
 */
class JournalEraseCrashTest {
    private static final long SEGMENT_BYTES = 4096;
    private static final JournalConfig CONFIG = JournalConfig.defaults().withSegmentBytes(SEGMENT_BYTES);

    @TempDir
    Path dir;

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    @Test
    void anErasureKilledHalfWayThroughAFrameIsFinishedOnOpenAndLosesNothingOfTheOthers() throws Exception {
        List<String> others;
        try (Journal j = Journal.open(dir, CONFIG); JournalReader pipeline = j.reader("pipeline")) {
            j.appendBatch(interleaved(0, 150, a, b, c));
            drain(pipeline);
            pipeline.commit(99);
        }
        // Round 1: killed at the first frame of company a, in the oldest (sealed) segment.
        killDuringErase(1);
        others = verify(150, false);

        // Round 2: more records, the last one a's, killed at that frame: the end of the active segment.
        try (Journal j = Journal.open(dir, CONFIG)) {
            j.appendBatch(interleaved(150, 31, a, b, c));
        }
        killDuringErase(11);
        List<String> after = verify(181, true);
        assertThat(after.subList(0, others.size())).isEqualTo(others);
    }

    /**
     * Reopens and checks the recovery; erases again (open finishes only the interrupted segment's frames, the rest
     * of an erasure is its caller's retry: {@code erase} is idempotent) and checks the content. Returns the records
     * of the other companies, described.
     */
    private List<String> verify(int total, boolean redoFinishedEverything) throws Exception {
        try (Journal j = Journal.open(dir, CONFIG)) {
            RecoveryReport rep = j.recoveryReport();
            assertThat(rep.clean()).as("recovery: %s", rep).isTrue();
            assertThat(rep.nextOffset()).isEqualTo(total);
            assertThat(dir.resolve(JournalEraser.PENDING)).doesNotExist();
            assertThat(j.committedOffset("pipeline")).isEqualTo(99);
            try (JournalReader first = j.reader("first-" + total, -1)) {
                // The half-erased frame (offset 0 in round 1) is finished: readers skip it.
                assertThat(first.poll(1, java.time.Duration.ZERO)).extracting(JournalRecord::offset)
                        .containsExactly(1L);
            }
            long again = j.erase(p -> TenantEvents.belongsTo(p, a));
            if (redoFinishedEverything) {
                assertThat(again).isZero();
            } else {
                assertThat(again).isPositive();
            }
            assertThat(anySegmentHolds(dir, a)).as("company a's id left in a segment").isFalse();
            try (JournalReader r = j.reader("verify-" + total, -1)) {
                List<JournalRecord> all = drain(r);
                assertThat(all).extracting(rec -> tenantOf(rec.payload())).doesNotContain(a);
                // Record i belongs to tenants[i % 3] and carries id i: every other record is there at its offset.
                long expected = java.util.stream.LongStream.range(0, total).filter(i -> i % 3 != 0).count();
                assertThat(all).hasSize((int) expected);
                for (JournalRecord rec : all) {
                    assertThat(rec.offset() % 3).isNotZero();
                    assertThat(jp.sukedachi.event.EventCodec.decode(rec.payload()).timestampMillis())
                            .isEqualTo(rec.offset());
                }
                return all.stream().map(x -> x.offset() + ":" + HexFormat.of().formatHex(x.payload())).toList();
            }
        }
    }

    private void killDuringErase(int stopAt) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                JournalEraseCrashMain.class.getName(), dir.toString(), a.toString(), Integer.toString(stopAt),
                Long.toString(SEGMENT_BYTES)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<String> half = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("HALF") || line.startsWith("DONE")) {
                        return line;
                    }
                }
                return "EOF";
            } catch (Exception e) {
                return e.toString();
            }
        });
        try {
            assertThat(half.get(30, TimeUnit.SECONDS)).as("child stopped half-way").isEqualTo("HALF");
            // Before the kill: the frame's new CRC is on disk but its payload (with a's id) is not yet zeroed.
            assertThat(dir.resolve(JournalEraser.PENDING)).exists();
            assertThat(anySegmentHolds(dir, a)).isTrue();
        } finally {
            p.destroyForcibly(); // SIGKILL: no close, no shutdown hooks
            p.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }
}
