package jp.sukedachi.ingest.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise end to end: a separate JVM ingests under load and is killed with SIGKILL; after every
 * kill, each acknowledged record is in the journal exactly once. Three rounds on the same directory, each restart
 * recovering what the previous kill left and appending more.
 */
class JournalCrashTest {
    private static final int ROUNDS = 3;
    private static final long LOAD_MILLIS = 1500;
    /** Small segments so kills also land around segment rolls. */
    private static final long SEGMENT_BYTES = 256 * 1024;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordSurvivesSigkillExactlyOnce() throws Exception {
        Set<Long> acknowledged = new HashSet<>();
        for (int round = 1; round <= ROUNDS; round++) {
            // Disjoint id ranges per round: a record written but not acknowledged before a kill can never be
            // confused with a later one.
            long firstId = round * 1_000_000_000L;
            List<Long> acks = runAndKill(firstId);
            acknowledged.addAll(acks);

            Set<Long> seen = new HashSet<>();
            long present;
            try (Journal j = Journal.open(dir, JournalConfig.defaults().withSegmentBytes(SEGMENT_BYTES))) {
                RecoveryReport rep = j.recoveryReport();
                List<JournalRecord> all;
                try (JournalReader r = j.reader("verify-" + round, -1)) {
                    all = TestRecords.drain(r);
                }
                long lastOffset = -1;
                for (JournalRecord rec : all) {
                    assertThat(rec.offset()).isGreaterThan(lastOffset);
                    lastOffset = rec.offset();
                    long id = TestRecords.id(rec.payload()); // also checks the payload bytes
                    assertThat(seen.add(id)).as("record %d appears twice", id).isTrue();
                }
                present = all.size();
                j.removeConsumer("verify-" + round);
                System.out.printf("crash round %d: %d acknowledged this round, %d acknowledged in total, %d records"
                        + " in journal, %d segments; recovery: torn tail %s, %d bytes truncated, mid corruption %s%n",
                        round, acks.size(), acknowledged.size(), present, j.metrics().segments(), rep.tornTail(),
                        rep.bytesTruncated(), rep.midCorruption());
                assertThat(rep.midCorruption()).isFalse();
            }
            assertThat(acks).as("round %d made progress", round).isNotEmpty();
            Set<Long> missing = new HashSet<>(acknowledged);
            missing.removeAll(seen);
            assertThat(missing).as("acknowledged but missing after SIGKILL").isEmpty();
        }
    }

    /** Starts the child, lets it ingest for a while, kills it with SIGKILL; returns the acknowledged ids. */
    private List<Long> runAndKill(long firstId) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                JournalCrashMain.class.getName(), dir.toString(), Long.toString(firstId), "4",
                Long.toString(SEGMENT_BYTES));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        List<Long> acks = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("READY")) {
                        ready.countDown();
                    }
                    String[] f = line.split(" ");
                    if (f.length == 4 && f[0].equals("ACK") && f[3].equals("END")) {
                        long first = Long.parseLong(f[1]);
                        int n = Integer.parseInt(f[2]);
                        synchronized (acks) {
                            for (int i = 0; i < n; i++) {
                                acks.add(first + i);
                            }
                        }
                    }
                }
            } catch (Exception e) {
                // stream closes when the process dies
            }
        }, "child-stdout");
        reader.start();
        try {
            assertThat(ready.await(20, TimeUnit.SECONDS)).as("child started").isTrue();
            Thread.sleep(LOAD_MILLIS);
            assertThat(p.isAlive()).as("child still ingesting when killed").isTrue();
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close, no final flush
            p.waitFor(20, TimeUnit.SECONDS);
        }
        reader.join(Duration.ofSeconds(20).toMillis());
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        synchronized (acks) {
            return new ArrayList<>(acks);
        }
    }
}
