package jp.sukedachi.pipeline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.event.EventCodec;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.journal.Journal;
import jp.sukedachi.ingest.journal.JournalConfig;
import jp.sukedachi.ingest.journal.JournalDiskFullException;
import jp.sukedachi.ingest.journal.JournalFullException;
import jp.sukedachi.ingest.journal.JournalReader;
import jp.sukedachi.ingest.journal.JournalRecord;
import jp.sukedachi.pipeline.EventHandler;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.OffsetEventHandler;
import jp.sukedachi.pipeline.PipelineFullException;
import jp.sukedachi.pipeline.PipelineStatus;
import jp.sukedachi.pipeline.PipelineStorageException;
import jp.sukedachi.pipeline.StageTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default runtime: one JVM, the on-disk journal between receivers and the stages after them.
 * {@link #submit} returns after the journal's fsync; one consumer thread reads in order, hands
 * batches to the handler and commits the position only after the handler returns, so a crash
 * replays the uncommitted tail (at least once) and never loses an acknowledged event.
 */
public final class EmbeddedPipeline implements EventPipeline {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPipeline.class);
    static final String CONSUMER = "pipeline";
    private static final int BATCH = 1_000;
    /**
     * While the stage keeps its own position (in its database transaction), the journal's copy only drives retention
     * and backpressure: written (a file fsync and a directory fsync) at most this often while records keep coming,
     * and once the journal has been idle for {@link #IDLE_COMMIT}; never between two batches while events wait.
     * Batching policy: a batch is what the journal holds when the consumer asks, up to {@link #BATCH}: small while
     * the consumer keeps up (each request's events on their own, at once), full while it works off a backlog.
     *
     * <p><b>Trade-off.</b> Writing the copy whenever the consumer had caught up put its two fsyncs (7-12 ms median,
     * 30-100 ms at p99 on the busy 2-core machine) between every two batches: each event that arrived meanwhile
     * waited for them. Without them batches are smaller; in four pairs of bench pipeline runs the consumer's CPU per
     * event in the throughput pass was 15.7-16.4 µs before and 15.2-19.3 after (23 against 38 before the campaign
     * pre-check, which is why this design had been dropped once), the p50 at 80 % load 10-20 ms before and 6-9
     * after. The p99 follows the machine's other work and G1's pauses (longest 130-250 ms per phase) more than this:
     * 87-204 ms before, 62-470 after. A crash leaves the copy a little behind, which the reader's start from the
     * stage's position corrects.
     */
    private static final long JOURNAL_COMMIT_MILLIS = 1_000;
    private static final Duration IDLE_COMMIT = Duration.ofMillis(20);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    /** The journal's identity file, created with the journal and never changed (see {@link #streamId}). */
    static final String ID_FILE = "journal.id";
    private final Journal journal;
    private final String id;
    private final boolean inheritsUnnamedPosition;
    private volatile boolean running;
    /** Set from the moment the consumer has records in hand until it has handled them (see {@link #consumerBusy}). */
    private volatile boolean busy;
    /** While set the consumer takes nothing from the journal (appends go on): see {@link #holdConsumer}. */
    private volatile boolean held;
    /** Set while the consumer is in its held loop (see {@link #consumerHolding}). */
    private volatile boolean holding;
    private volatile Thread consumer;
    private OffsetEventHandler handler;
    /** For the health check: wall time of the last commit or idle poll, failures in a row and the last one. */
    private volatile long lastProgressMillis = System.currentTimeMillis();
    private volatile int consecutiveFailures;
    private volatile String lastFailure;

    public EmbeddedPipeline(Path directory, JournalConfig config) {
        try {
            boolean hadRecords = hasSegments(directory);
            Path idFile = directory.resolve(ID_FILE);
            boolean named = Files.exists(idFile);
            String existing = named ? readId(idFile) : null;
            this.journal = Journal.open(directory, config);
            try {
                this.id = named ? existing : createId(idFile);
            } catch (IOException e) {
                journal.close();
                throw e;
            }
            // A journal written before journals had identities: its position was stored under the bare name.
            this.inheritsUnnamedPosition = !named && hadRecords;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + directory, e);
        }
        if (!journal.recoveryReport().clean()) {
            log.warn("journal recovered: {}", journal.recoveryReport());
        }
    }

    public Journal journal() {
        return journal;
    }

    @Override
    public String streamId() {
        return id;
    }

    @Override
    public boolean inheritsUnnamedPosition() {
        return inheritsUnnamedPosition;
    }

    private static boolean hasSegments(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (DirectoryStream<Path> segments = Files.newDirectoryStream(directory, "*.seg")) {
            return segments.iterator().hasNext();
        }
    }

    private static String readId(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            // Never invent a new identity for a damaged file: that would silently replay or skip the journal.
            throw new IOException(file + " does not hold a journal identity (a UUID); restore it from a backup", e);
        }
    }

    /** Written to a temporary file, synced and renamed, so a crash leaves either no file or a whole one. */
    private static String createId(Path file) throws IOException {
        String created = UUID.randomUUID().toString();
        Path tmp = file.resolveSibling(ID_FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap((created + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException notSupported) {
            // Some file systems cannot sync a directory; the rename is still atomic.
        }
        return created;
    }

    @Override
    public void submit(List<SecurityEvent> events) throws PipelineFullException {
        if (!events.isEmpty()) {
            EventCodec.Packed packed = EventCodec.Packed.of(events);
            try {
                append(packed);
            } finally {
                packed.recycle();
            }
        }
    }

    /** Encodes each event into the journal's form as it is added (see {@link EventCodec.Packed}). */
    private static final class PackedBatch implements Batch {
        private final EventCodec.Packed packed = new EventCodec.Packed();

        @Override
        public void add(SecurityEvent event) {
            packed.add(event);
        }

        @Override
        public int size() {
            return packed.count();
        }
    }

    @Override
    public Batch newBatch() {
        return new PackedBatch();
    }

    @Override
    public void submit(Batch batch) throws PipelineFullException {
        if (batch.size() == 0) {
            return;
        }
        if (batch instanceof PackedBatch p) {
            try {
                append(p.packed);
            } finally {
                p.packed.recycle(); // written or refused: the journal holds none of its arrays
            }
        } else {
            EventPipeline.super.submit(batch);
        }
    }

    private void append(EventCodec.Packed packed) throws PipelineFullException {
        try {
            journal.appendChunks(packed.chunkData(), packed.chunkEnds(), packed.chunkCounts());
        } catch (JournalFullException e) {
            throw new PipelineFullException(e.getMessage(), (int) Math.max(1, e.retryAfterSeconds()));
        } catch (JournalDiskFullException e) {
            throw new PipelineStorageException(e.getMessage(), (int) e.retryAfterSeconds(), true, e);
        } catch (IOException e) {
            // Not durable, so not acknowledged: the sender retries (the journal cut the failed batch off again).
            throw new PipelineStorageException("journal append failed: " + e.getMessage(), 5, false, e);
        }
    }

    @Override
    public synchronized void start(EventHandler handler) {
        start((batch, lastOffset) -> handler.handle(batch), FROM_RUNTIME_POSITION, false);
    }

    @Override
    public synchronized void start(OffsetEventHandler handler, long startAfterOffset) {
        start(handler, startAfterOffset, true);
    }

    /** {@code keepsPosition}: the handler stores each batch's last offset with its work (see {@link #handled}). */
    private void start(OffsetEventHandler handler, long startAfterOffset, boolean keepsPosition) {
        if (consumer != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        handled = startAfterOffset;
        handlerKeepsPosition = keepsPosition;
        this.handler = handler;
        startConsumer();
    }

    private void startConsumer() {
        JournalReader first = openReader();
        lastProgressMillis = System.currentTimeMillis();
        consumer = Thread.ofPlatform().name("pipeline-consumer").daemon().start(() -> {
            JournalReader[] current = {first};
            try {
                consume(current, handler);
            } catch (Throwable t) {
                lastFailure = t.toString();
                log.error("pipeline consumer ended unexpectedly; the health check reports it and restarts it", t);
            } finally {
                if (running) {
                    log.error("pipeline consumer stopped while the runtime is running");
                }
                try {
                    current[0].close(); // a restarted consumer must be able to open its reader again
                } catch (IOException | RuntimeException e) {
                    log.warn("closing the journal reader failed", e);
                }
            }
        });
    }

    /**
     * Holds the consumer back (true) or lets it go on (false): while held it finishes the batch in hand, then takes
     * nothing more, so appends pile up in the journal as they would behind a stalled consumer. For measuring the
     * receive side alone ({@code bench pipeline}'s durable-ingest pass) and for maintenance; the health check sees a
     * held consumer as making progress.
     */
    public void holdConsumer(boolean hold) {
        held = hold;
    }

    /**
     * Whether the consumer has seen the hold and is taking nothing: a hold set while it waits in a poll takes effect
     * once that poll returns (with the records that came meanwhile: the batch in hand), up to its wait of 500 ms.
     */
    public boolean consumerHolding() {
        return holding;
    }

    /** The current consumer thread (null before start): for diagnostics and for tests that kill it. */
    public Thread consumerThread() {
        return consumer;
    }

    @Override
    public synchronized boolean restartConsumer() {
        Thread t = consumer;
        if (!running || t == null || t.isAlive()) {
            return false;
        }
        log.warn("restarting the pipeline consumer after offset {}", handled);
        startConsumer();
        return true;
    }

    @Override
    public boolean consumerBusy() {
        return busy;
    }

    @Override
    public PipelineStatus status() {
        Thread t = consumer;
        if (t == null) {
            return null; // not started (one-shot commands): nothing to watch
        }
        long committed = journal.committedOffset(CONSUMER);
        long backlog = Math.max(0, journal.nextOffset() - 1 - Math.max(committed, -1));
        String full = null;
        if (journal.belowReserve()) {
            full = "disk full: " + journal.usableSpace() / JournalConfig.MIB + " MiB free, reserve "
                    + journal.minFreeBytes() / JournalConfig.MIB + " MiB";
        }
        return new PipelineStatus(t.isAlive(), lastProgressMillis, backlog, consecutiveFailures,
                lastFailure, full);
    }

    /** Offset of the last batch the handler finished (or where it said it starts); only the consumer thread writes it. */
    private volatile long handled = FROM_RUNTIME_POSITION;
    /**
     * Whether the handler stores the offsets it is given with its work: then, once it has finished a batch, that
     * position is the one to resume after even when it started without one (a fresh database), and the journal's
     * copy is only for retention and backpressure.
     */
    private volatile boolean handlerKeepsPosition;

    private JournalReader openReader() {
        try {
            if (handled != FROM_RUNTIME_POSITION) {
                try {
                    return journal.reader(CONSUMER, handled);
                } catch (IllegalStateException e) {
                    // The stage's position does not fit this journal (replaced, or trimmed by retention).
                    log.error("cannot resume after offset {} ({}); resuming at the journal's own position", handled,
                            e.getMessage());
                    handled = FROM_RUNTIME_POSITION;
                }
            }
            return journal.reader(CONSUMER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal reader", e);
        }
    }

    /** {@code current[0]} is the open reader, so the thread's last act can close it whatever ended the loop. */
    private void consume(JournalReader[] current, OffsetEventHandler handler) {
        try {
            consumeLoop(current, handler);
        } finally {
            busy = false;
            holding = false;
        }
    }

    private void consumeLoop(JournalReader[] current, OffsetEventHandler handler) {
        long backoffMillis = 100;
        long uncommitted = -1; // handled, not yet written to the journal's offset file (-1: none)
        long journalCommitted = System.currentTimeMillis();
        while (running) {
            busy = false;
            JournalReader reader = current[0];
            holding = held;
            if (holding) {
                lastProgressMillis = System.currentTimeMillis();
                if (uncommitted >= 0 && commitJournal(reader, uncommitted)) {
                    uncommitted = -1; // held: the journal's copy must not wait for the next batch
                }
                if (!pause(5)) {
                    return;
                }
                continue;
            }
            List<JournalRecord> records;
            long cpu = StageTimes.cpu();
            try {
                records = reader.poll(BATCH, uncommitted >= 0 ? IDLE_COMMIT : IDLE_POLL);
            } catch (InterruptedException e) {
                lastFailure = "interrupted";
                return;
            } catch (IOException | RuntimeException e) {
                if (!running || interrupted(e)) {
                    return;
                }
                consecutiveFailures++;
                lastFailure = e.toString();
                log.error("journal read failed; retrying with a fresh reader", e);
                if (!pause(1000)) {
                    return;
                }
                current[0] = reopen(reader); // its channel may be closed: retrying the same one would spin
                uncommitted = -1; // a fresh reader writes its start position itself
                continue;
            }
            if (records.isEmpty()) {
                lastProgressMillis = System.currentTimeMillis(); // nothing to do is progress too
                if (uncommitted >= 0 && commitJournal(reader, uncommitted)) {
                    uncommitted = -1;
                    journalCommitted = lastProgressMillis;
                }
                continue;
            }
            busy = true;
            long taken = StageTimes.ON ? System.nanoTime() : 0;
            cpu = StageTimes.lap("journal read", cpu);
            long batchCpu = cpu;
            StageTimes.events(records.size());
            List<SecurityEvent> batch = new ArrayList<>(records.size());
            for (JournalRecord r : records) {
                try {
                    batch.add(EventCodec.decode(r.payload()));
                } catch (RuntimeException e) {
                    // An undecodable record (written by a future version?) must not stop the line.
                    log.error("journal record {} cannot be decoded and is skipped: {}", r.offset(), e.toString());
                }
            }
            StageTimes.lap("decode", cpu);
            try {
                long last = records.getLast().offset();
                if (!batch.isEmpty()) {
                    handler.handle(batch, last);
                }
                long handledAt = StageTimes.ON ? System.nanoTime() : 0;
                if (handlerKeepsPosition || handled != FROM_RUNTIME_POSITION) {
                    handled = last;
                }
                long now = System.currentTimeMillis();
                if (handled == FROM_RUNTIME_POSITION || now - journalCommitted >= JOURNAL_COMMIT_MILLIS) {
                    cpu = StageTimes.cpu();
                    reader.commit(last); // the runtime's own position (after every batch), else the copy
                    StageTimes.lap("journal offset commit", cpu);
                    uncommitted = -1;
                    journalCommitted = now;
                } else {
                    uncommitted = last;
                }
                if (StageTimes.ON) {
                    StageTimes.batch(records.size(), oldestWait(batch, taken), handledAt - taken,
                            System.nanoTime() - taken, StageTimes.cpu() - batchCpu);
                }
                backoffMillis = 100;
                consecutiveFailures = 0;
                lastFailure = null;
                lastProgressMillis = System.currentTimeMillis();
            } catch (Exception | Error e) {
                // Not committed: a fresh reader starts after the last commit, so the batch comes again. An Error
                // (OutOfMemoryError) is retried too: the thread must not die silently; the health check reports
                // the failures in a row and the stalled progress.
                batch = null;
                records = null;
                if (interrupted(e)) {
                    return;
                }
                consecutiveFailures++;
                lastFailure = e.toString();
                log.error("pipeline stage failed on a batch; retrying in {} ms", backoffMillis, e);
                if (!pause(backoffMillis)) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
                current[0] = reopen(reader);
                uncommitted = -1;
            }
        }
    }

    /** For {@link StageTimes#batch}: how long the batch's oldest event had waited since received when it was taken. */
    private static long oldestWait(List<SecurityEvent> batch, long takenNanos) {
        long oldest = Long.MAX_VALUE;
        for (SecurityEvent e : batch) {
            oldest = Math.min(oldest, e.receivedMillis());
        }
        long takenMillis = System.currentTimeMillis() - (System.nanoTime() - takenNanos) / 1_000_000;
        return oldest == Long.MAX_VALUE ? 0 : takenMillis - oldest;
    }

    /** The deferred journal copy of the position (see {@link #JOURNAL_COMMIT_MILLIS}); false when it failed. */
    private boolean commitJournal(JournalReader reader, long offset) {
        try {
            reader.commit(offset);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("writing the journal's copy of the position failed; retried on the next batch", e);
            return false;
        }
    }

    /**
     * An interrupt stops this consumer thread (close() never interrupts; see there): it ends, the health check
     * reports it and restarts it. Without this an interrupted thread retried a closed channel for ever.
     */
    private boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted() || e instanceof ClosedByInterruptException) {
            lastFailure = "interrupted";
            return true;
        }
        return false;
    }

    /** Sleeps; false when interrupted (the consumer then ends). */
    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            lastFailure = "interrupted";
            return false;
        }
    }

    private JournalReader reopen(JournalReader reader) {
        try {
            reader.close();
        } catch (IOException closeFailure) {
            log.warn("closing the journal reader failed", closeFailure);
        }
        return openReader();
    }

    @Override
    public void maintain() {
        try {
            int deleted = journal.enforceRetention();
            if (deleted > 0) {
                log.info("journal retention deleted {} segment(s)", deleted);
            }
        } catch (IOException e) {
            log.warn("journal retention failed", e);
        }
    }

    @Override
    public Map<String, Number> gauges() {
        var m = journal.metrics();
        return Map.of(
                "sukedachi.journal.appended.records", m.appendedRecords(),
                "sukedachi.journal.fsyncs", m.fsyncs(),
                "sukedachi.journal.segments", m.segments(),
                "sukedachi.journal.bytes", m.totalBytes(),
                "sukedachi.journal.unconsumed.bytes", m.unconsumedBytes().getOrDefault(CONSUMER, 0L));
    }

    @Override
    public synchronized void close() {
        running = false;
        if (consumer != null) {
            // No interrupt: an interrupt during the offset file's fsync would close the journal's channel.
            // The consumer's poll wakes every 500 ms and sees running == false.
            try {
                consumer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            journal.close();
        } catch (IOException e) {
            log.warn("closing the journal failed", e);
        }
    }
}
