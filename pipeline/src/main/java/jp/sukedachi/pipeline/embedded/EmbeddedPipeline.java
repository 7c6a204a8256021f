package jp.sukedachi.pipeline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
import java.util.UUID;
import jp.sukedachi.event.EventCodec;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.journal.Journal;
import jp.sukedachi.ingest.journal.JournalConfig;
import jp.sukedachi.ingest.journal.JournalFullException;
import jp.sukedachi.ingest.journal.JournalReader;
import jp.sukedachi.ingest.journal.JournalRecord;
import jp.sukedachi.pipeline.EventHandler;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.OffsetEventHandler;
import jp.sukedachi.pipeline.PipelineFullException;
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
    /** The journal's identity file, created with the journal and never changed (see {@link #streamId}). */
    static final String ID_FILE = "journal.id";
    private final Journal journal;
    private final String id;
    private final boolean inheritsUnnamedPosition;
    private volatile boolean running;
    private Thread consumer;

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
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (SecurityEvent e : events) {
            payloads.add(EventCodec.encode(e));
        }
        try {
            journal.appendBatch(payloads);
        } catch (JournalFullException e) {
            throw new PipelineFullException(e.getMessage(), (int) Math.max(1, e.retryAfterSeconds()));
        } catch (IOException e) {
            // Not durable, so not acknowledged: the sender retries.
            throw new UncheckedIOException("journal append failed", e);
        }
    }

    @Override
    public synchronized void start(EventHandler handler) {
        start((batch, lastOffset) -> handler.handle(batch), FROM_RUNTIME_POSITION);
    }

    @Override
    public synchronized void start(OffsetEventHandler handler, long startAfterOffset) {
        if (consumer != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        handled = startAfterOffset;
        JournalReader first = openReader();
        consumer = Thread.ofPlatform().name("pipeline-consumer").daemon().start(() -> consume(first, handler));
    }

    /** Offset of the last batch the handler finished (or where it said it starts); only the consumer thread writes it. */
    private volatile long handled = FROM_RUNTIME_POSITION;

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

    private void consume(JournalReader initial, OffsetEventHandler handler) {
        JournalReader reader = initial;
        long backoffMillis = 100;
        while (running) {
            List<JournalRecord> records;
            try {
                records = reader.poll(BATCH, Duration.ofMillis(500));
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("journal read failed; retrying", e);
                sleep(1000);
                continue;
            }
            if (records.isEmpty()) {
                continue;
            }
            List<SecurityEvent> batch = new ArrayList<>(records.size());
            for (JournalRecord r : records) {
                try {
                    batch.add(EventCodec.decode(r.payload()));
                } catch (RuntimeException e) {
                    // An undecodable record (written by a future version?) must not stop the line.
                    log.error("journal record {} cannot be decoded and is skipped: {}", r.offset(), e.toString());
                }
            }
            try {
                long last = records.getLast().offset();
                if (!batch.isEmpty()) {
                    handler.handle(batch, last);
                }
                if (handled != FROM_RUNTIME_POSITION) {
                    handled = last;
                }
                reader.commit(last);
                backoffMillis = 100;
            } catch (Exception e) {
                // Not committed: a fresh reader starts after the last commit, so the batch comes again.
                log.error("pipeline stage failed on a batch of {}; retrying in {} ms", batch.size(), backoffMillis, e);
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
                try {
                    reader.close();
                } catch (IOException closeFailure) {
                    log.warn("closing the journal reader failed", closeFailure);
                }
                reader = openReader();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
    public java.util.Map<String, Number> gauges() {
        var m = journal.metrics();
        return java.util.Map.of(
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
