package jp.sukedachi.ingest.journal;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Durable on-disk journal between the receivers and the pipeline (see the package documentation for the file
 * format, offsets, recovery and retention policy).
 *
 * <p>Receivers call {@link #appendBatch} and acknowledge only after it returns: by then the batch is on disk.
 * Pipeline threads read with a {@link JournalReader} and commit their offset with (or after) their database write,
 * so a crash replays records and never loses them.
 *
 * <p>Thread-safe. Appends use group commit: one caller at a time (the leader) writes every batch queued so far and
 * forces the file once for all of them, so concurrent receivers share an fsync instead of queueing behind one each.
 */
public final class Journal implements AutoCloseable {
    /** Frame header: payload length (int) + CRC32C of the payload (int). */
    static final int HEADER = 8;

    private static final String SEGMENT_SUFFIX = ".seg";
    private static final String OFFSET_SUFFIX = ".offset";
    private static final Pattern SEGMENT_NAME = Pattern.compile("\\d{20}\\.seg");
    private static final Pattern CONSUMER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Frames are gathered in this buffer so a batch of small records costs a few write calls, not one each. */
    private static final int WRITE_BUFFER_BYTES = 1 << 20;

    private final Path dir;
    private final Path consumersDir;
    private final JournalConfig config;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final RecoveryReport recovery;
    /** Where the free-space reserve is measured (statfs on every group: microseconds, once per fsync). */
    private final FileStore store;

    /** Segments by base offset; concurrent so readers and metrics never need the lock to walk it. */
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a leader finishes a group: waiting appenders check whether their batch was in it. */
    private final Condition groupDone = lock.newCondition();
    /** Signalled when new records become durable: blocked {@link JournalReader#poll} calls wake up. */
    private final Condition dataAvailable = lock.newCondition();

    // Guarded by lock.
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Map<String, ConsumerState> consumers = new HashMap<>();
    private boolean leaderBusy;
    private boolean closed;
    private IOException failure;

    // Touched only by the current leader (leadership is handed over under the lock, which orders the accesses).
    private Segment active;
    private FileChannel activeChannel;
    private long nextOffset;
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
    private final ByteBuffer headerBuffer = ByteBuffer.allocate(HEADER);
    private final CRC32C writeCrc = new CRC32C();

    /** What readers may see: everything before {@code nextOffset} is on disk. Replaced after every force. */
    private volatile DurableMark durable;

    /** Serialises retention runs (file deletion happens outside the main lock so appends are not held up). */
    private final Object retentionMonitor = new Object();
    /** Serialises erasures (one redo file at a time); appends, reads and retention go on meanwhile. */
    private final Object eraseMonitor = new Object();
    final JournalEraser eraser;

    private final AtomicLong appendedRecords = new AtomicLong();
    private final AtomicLong appendedBytes = new AtomicLong();
    private final AtomicLong appendBatches = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();

    /** Readers only ever see offsets below {@code nextOffset}, which lie in segments up to {@code segmentBase}. */
    record DurableMark(long nextOffset, long segmentBase, long position) {
    }

    /**
     * One caller's batch: chunks of records back to back, chunk c holding {@code counts[c]} records, its record i
     * ending at {@code ends[c][i]}.
     */
    private static final class Pending {
        final byte[][] data;
        final int[][] ends;
        final int[] counts;
        final long bytes;
        final int records;
        long lastOffset;
        boolean done;
        IOException failure;

        Pending(byte[][] data, int[][] ends, int[] counts, long bytes, int records) {
            this.data = data;
            this.ends = ends;
            this.counts = counts;
            this.bytes = bytes;
            this.records = records;
        }
    }

    static final class ConsumerState {
        final String name;
        long committed;
        /** Segment holding the committed record and the byte position just after it: for unconsumed bytes. */
        long segmentBase = -1;
        long endPosition;
        boolean readerOpen;

        ConsumerState(String name, long committed) {
            this.name = name;
            this.committed = committed;
        }
    }

    private Journal(Path dir, JournalConfig config) throws IOException {
        this.dir = dir;
        this.config = config;
        this.eraser = new JournalEraser(dir);
        this.consumersDir = dir.resolve("consumers");
        Files.createDirectories(consumersDir);
        // One process per directory: a second writer would interleave frames. The OS drops the lock when the
        // process dies, so a SIGKILLed ingester does not block its restart.
        this.lockChannel = FileChannel.open(dir.resolve("journal.lock"), CREATE, WRITE);
        FileLock fl;
        try {
            fl = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            fl = null;
        }
        if (fl == null) {
            lockChannel.close();
            throw new IOException("journal " + dir + " is already open by another process or Journal instance");
        }
        this.fileLock = fl;
        try {
            this.store = Files.getFileStore(dir);
            this.recovery = load();
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Opens (creating if needed) the journal in {@code dir}, recovering the last segment: a torn tail is truncated
     * and reported in {@link #recoveryReport()}; corruption followed by valid records throws
     * {@link JournalCorruptedException} unless {@link JournalConfig#repair()} is set.
     */
    public static Journal open(Path dir, JournalConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        Files.createDirectories(dir);
        return new Journal(dir, config);
    }

    // ------------------------------------------------------------------------------------------------- open

    private RecoveryReport load() throws IOException {
        List<Long> bases = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SEGMENT_SUFFIX)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (SEGMENT_NAME.matcher(name).matches()) {
                    bases.add(Long.parseLong(name.substring(0, 20)));
                }
            }
        }
        bases.sort(null);
        if (bases.isEmpty()) {
            createSegmentFile(0);
            bases.add(0L);
        }
        for (int i = 0; i < bases.size() - 1; i++) {
            Path p = dir.resolve(Segment.fileName(bases.get(i)));
            Segment s = new Segment(bases.get(i), p, Files.size(p));
            // The mtime was set from the configured clock when the segment was sealed, so age retention
            // survives restarts and can be tested with an injected clock.
            s.sealedAt = Files.getLastModifiedTime(p).toInstant();
            segments.put(s.base, s);
        }
        // Before recovery: a half-done erasure must be finished, not mistaken for a torn tail or corruption.
        JournalEraser.redo(dir);
        long lastBase = bases.get(bases.size() - 1);
        Segment last = new Segment(lastBase, dir.resolve(Segment.fileName(lastBase)), 0);
        segments.put(lastBase, last);
        Recovered r = recover(last);

        loadConsumers();
        // Never hand out an offset a consumer already committed: after a repair (or a journal that lost data)
        // reusing it would make the consumer skip the new record. Jump past it instead, in a fresh segment.
        long maxCommitted = consumers.values().stream().mapToLong(c -> c.committed).max().orElse(-1);
        long next = Math.max(r.next, Math.max(r.resumeAt, maxCommitted + 1));
        if (next > r.next) {
            sealNow(last);
            last = new Segment(next, createSegmentFile(next), 0);
            last.markIndexed();
            segments.put(next, last);
        }
        active = last;
        nextOffset = next;
        activeChannel = FileChannel.open(active.path, WRITE);
        durable = new DurableMark(nextOffset, active.base, active.size);
        for (ConsumerState c : consumers.values()) {
            locate(c);
        }
        RecoveryReport report = new RecoveryReport(1, r.count, r.truncated, r.torn, r.mid, r.repaired,
                r.mid ? last.path : null, r.corruptPos, r.corruptOffset, r.after, nextOffset);
        enforceRetention();
        return report;
    }

    private record Recovered(long count, long next, long truncated, boolean torn, boolean mid, boolean repaired,
            long corruptPos, long corruptOffset, long after, long resumeAt) {
    }

    /**
     * Scans every frame of the last segment. A bad frame (short header, impossible length, CRC mismatch) with
     * nothing valid after it is a torn write from a crash: it was never acknowledged (acknowledgement follows the
     * force), so it is cut off. A bad frame followed by valid frames is damage to data that may have been
     * acknowledged: refuse to open unless repair is set, rather than silently dropping the good records after it.
     */
    private Recovered recover(Segment s) throws IOException {
        try (FileChannel ch = FileChannel.open(s.path, READ, WRITE)) {
            long fileSize = ch.size();
            // Mapping makes the resync search below simple; segments are at most 1 GiB (JournalConfig).
            MappedByteBuffer m = fileSize == 0 ? null : ch.map(FileChannel.MapMode.READ_ONLY, 0, fileSize);
            int size = (int) fileSize;
            int p = 0;
            long count = 0;
            while (p < size) {
                int len = validFrameAt(m, p, size);
                if (len < 0) {
                    break;
                }
                s.maybeIndex(s.base + count, p);
                p += HEADER + len;
                count++;
            }
            s.markIndexed();
            s.size = p;
            if (p == size) {
                return new Recovered(count, s.base + count, 0, false, false, false, -1, -1, 0, 0);
            }
            int q = resync(m, p + 1, size);
            boolean mid = q >= 0;
            long after = 0;
            if (mid) {
                int at = q;
                int len;
                while (at < size && (len = validFrameAt(m, at, size)) >= 0) {
                    at += HEADER + len;
                    after++;
                }
                if (!config.repair()) {
                    RecoveryReport report = new RecoveryReport(1, count, 0, false, true, false, s.path, p,
                            s.base + count, after, s.base + count);
                    throw new JournalCorruptedException("corrupt frame at byte " + p + " of " + s.path + " followed by "
                            + after + " valid records; refusing to open (reopen with repair to truncate there)",
                            report);
                }
            }
            ch.truncate(p);
            if (config.fsync()) {
                ch.force(true);
            }
            // After a repair, skip the offsets of the dropped records so none is ever reused.
            long resumeAt = mid ? s.base + count + 1 + after : 0;
            return new Recovered(count, s.base + count, fileSize - p, !mid, mid, mid, mid ? p : -1,
                    mid ? s.base + count : -1, after, resumeAt);
        }
    }

    /** Payload length of a valid frame at {@code p}, or -1 when the frame is short, impossible or fails its CRC. */
    private static int validFrameAt(ByteBuffer b, int p, int size) {
        if (size - p < HEADER) {
            return -1;
        }
        int len = b.getInt(p);
        if (len <= 0 || len > size - p - HEADER) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(b.slice(p + HEADER, len));
        int computed = (int) crc.getValue();
        int stored = b.getInt(p + 4);
        return computed == stored || JournalEraser.isErased(stored, computed) ? len : -1;
    }

    /**
     * First position at or after {@code from} where a valid frame starts, or -1. A random 4-byte length rarely
     * fits the remaining bytes and a random CRC matches with probability 2^-32, so a hit means real frames.
     */
    private static int resync(ByteBuffer b, int from, int size) {
        for (int q = from; q + HEADER < size; q++) {
            if (validFrameAt(b, q, size) >= 0) {
                return q;
            }
        }
        return -1;
    }

    private void loadConsumers() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(consumersDir)) {
            for (Path p : ds) {
                String file = p.getFileName().toString();
                if (file.endsWith(OFFSET_SUFFIX + ".tmp")) {
                    Files.deleteIfExists(p); // a commit interrupted before its rename: the old file is current
                } else if (file.endsWith(OFFSET_SUFFIX)) {
                    String name = file.substring(0, file.length() - OFFSET_SUFFIX.length());
                    String text = Files.readString(p, StandardCharsets.US_ASCII).trim();
                    consumers.put(name, new ConsumerState(name, Long.parseLong(text)));
                }
            }
        }
    }

    private Path createSegmentFile(long base) throws IOException {
        Path p = dir.resolve(Segment.fileName(base));
        FileChannel.open(p, CREATE_NEW, WRITE).close(); // empty until the leader writes into it
        // The directory entry must be durable before records in the file are acknowledged.
        syncDirectory(dir);
        return p;
    }

    private void sealNow(Segment s) {
        Instant now = config.clock().instant();
        s.sealedAt = now;
        try {
            Files.setLastModifiedTime(s.path, FileTime.from(now));
        } catch (IOException e) {
            // Only affects age retention (the real mtime is close enough); not worth failing an append for.
        }
    }

    private void syncDirectory(Path d) throws IOException {
        if (!config.fsync()) {
            return;
        }
        try (FileChannel ch = FileChannel.open(d, READ)) {
            ch.force(true);
        }
    }

    // ----------------------------------------------------------------------------------------------- append

    /**
     * Appends the records and returns once they are on disk (one force for the whole batch, shared with batches
     * of other threads that arrive while a force is in progress). Records of one batch get consecutive offsets.
     * A batch is not atomic on disk: if the process dies before this returns, any prefix of it may survive (the
     * crash test sees this); it was never acknowledged, so a client retry can duplicate those records, which is
     * the usual at-least-once contract of an unacknowledged send.
     *
     * @return the offset of the last record of the batch
     * @throws JournalFullException the slowest consumer is more than {@link JournalConfig#maxUnconsumedBytes()}
     *                              behind; nothing was appended
     * @throws JournalDiskFullException the file system is below {@link JournalConfig#minFreeBytes()} (or ran out
     *                              of space): nothing of the batch was kept, appends succeed again once space returns
     * @throws IOException          the write or force failed. The group is cut back to where it started, so nothing
     *                              of the batch is kept or ever replayed; only when that cut itself fails may a
     *                              prefix survive, and the journal then refuses appends until reopened
     */
    public long appendBatch(List<byte[]> records) throws IOException, JournalFullException {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        long total = 0;
        for (byte[] r : records) {
            if (r == null) {
                throw new IllegalArgumentException("record length must be in [1, segmentBytes - " + HEADER + "]: null");
            }
            checkLength(r.length);
            total += r.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch of " + total + " bytes is too large for one append");
        }
        byte[] data = new byte[(int) total];
        int[] ends = new int[records.size()];
        int pos = 0;
        for (int i = 0; i < ends.length; i++) {
            byte[] r = records.get(i);
            System.arraycopy(r, 0, data, pos, r.length);
            pos += r.length;
            ends[i] = pos;
        }
        return append(new Pending(new byte[][] {data}, new int[][] {ends}, new int[] {ends.length}, total, ends.length));
    }

    /**
     * The same as {@link #appendBatch(List)} for records already packed back to back, in one array or several
     * (chunks, in order; a chunk may be empty): chunk {@code c}'s record {@code i} is
     * {@code data[c][ends[c][i-1] .. ends[c][i])} (the first at 0), {@code counts[c]} records in it. A receiver encodes
     * as it parses, into chunks, without knowing the batch's size and without an array or a copy per record; the
     * arrays are read, never kept, and must not change until this returns.
     */
    public long appendChunks(byte[][] data, int[][] ends, int[] counts) throws IOException, JournalFullException {
        if (data.length != ends.length || data.length != counts.length) {
            throw new IllegalArgumentException("chunks, ends and counts differ in number");
        }
        long bytes = 0;
        int records = 0;
        for (int c = 0; c < data.length; c++) {
            int count = counts[c];
            if (count < 0 || count > ends[c].length || count > 0 && ends[c][count - 1] > data[c].length) {
                throw new IllegalArgumentException("record ends outside the data: " + count + " records, "
                        + data[c].length + " bytes");
            }
            int start = 0;
            for (int i = 0; i < count; i++) {
                checkLength(ends[c][i] - start);
                start = ends[c][i];
            }
            bytes += start;
            records += count;
        }
        if (records == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        return append(new Pending(data, ends, counts, bytes, records));
    }

    private void checkLength(int length) {
        if (length <= 0 || length > config.segmentBytes() - HEADER) {
            // Zero-length frames are refused so that a zero-filled tail can never parse as valid records.
            throw new IllegalArgumentException("record length must be in [1, segmentBytes - " + HEADER + "]: "
                    + length);
        }
    }

    private long append(Pending mine) throws IOException, JournalFullException {
        boolean rolled = false;
        lock.lock();
        try {
            ensureWritable();
            checkFull();
            queue.add(mine);
            while (!mine.done) {
                if (leaderBusy) {
                    // Bounded by one write+force; an interrupt must not turn an in-flight batch into a silent
                    // loss, so the wait is uninterruptible.
                    groupDone.awaitUninterruptibly();
                    continue;
                }
                if (closed) {
                    queue.remove(mine); // never written: the caller must not acknowledge it
                    throw new IllegalStateException("journal closed");
                }
                leaderBusy = true;
                List<Pending> group = new ArrayList<>(queue);
                queue.clear();
                lock.unlock();
                IOException error = null;
                int rolls = 0;
                Segment startSegment = active;
                long startSize = active.size;
                boolean cutBack = true;
                try {
                    rolls = writeGroup(group);
                } catch (IOException e) {
                    error = outOfSpace(e);
                } catch (RuntimeException e) {
                    error = new IOException(e);
                } finally {
                    if (error != null) {
                        cutBack = cutBack(startSegment, startSize, error);
                    }
                    lock.lock();
                }
                leaderBusy = false;
                rolled |= rolls > 0;
                if (error != null) {
                    if (!cutBack) {
                        failure = error; // a prefix may be on disk: only a reopen (recovery) can tell
                    }
                } else {
                    durable = new DurableMark(nextOffset, active.base, active.size);
                    appendBatches.addAndGet(group.size());
                    dataAvailable.signalAll();
                }
                for (Pending p : group) {
                    p.failure = error;
                    p.done = true;
                }
                groupDone.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure instanceof JournalDiskFullException full) {
            throw new JournalDiskFullException(full.getMessage(), full.usableBytes(), full.reserveBytes(),
                    full.retryAfterSeconds(), full);
        }
        if (mine.failure != null) {
            throw new IOException("append failed: " + mine.failure.getMessage(), mine.failure);
        }
        if (rolled) {
            enforceRetention(); // a roll is when a segment can become old enough or too much
        }
        return mine.lastOffset;
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new IllegalStateException("journal closed");
        }
        if (failure != null) {
            throw new IOException("journal failed earlier and must be reopened: " + failure.getMessage(), failure);
        }
    }

    /** Caller holds the lock. Soft limit: batches already queued or being written still go through. */
    private void checkFull() throws JournalFullException {
        String slowest = "(none)";
        long worst;
        if (consumers.isEmpty()) {
            // No consumer yet: everything is unconsumed (the pipeline registers before receivers start).
            worst = totalBytes();
        } else {
            worst = -1;
            for (ConsumerState c : consumers.values()) {
                long u = unconsumed(c);
                if (u > worst) {
                    worst = u;
                    slowest = c.name;
                }
            }
        }
        if (worst >= config.maxUnconsumedBytes()) {
            throw new JournalFullException(slowest, worst, Math.max(1, config.fullRetryAfter().toSeconds()));
        }
    }

    /**
     * Leader only, without the lock. After a failed write the group is cut off again: the active segment is
     * truncated to where the group started and segments the group rolled into are deleted, so a batch that was
     * refused is never replayed to the pipeline nor duplicated by the sender's retry. Returns false when the cut
     * failed too (then the journal must be reopened).
     */
    private boolean cutBack(Segment start, long size, IOException cause) {
        try {
            if (active != start) {
                for (Segment s : new ArrayList<>(segments.tailMap(start.base, false).values())) {
                    segments.remove(s.base);
                    Files.deleteIfExists(s.path);
                }
                activeChannel.close();
                activeChannel = FileChannel.open(start.path, WRITE);
                start.sealedAt = null;
                active = start;
            }
            activeChannel.truncate(size);
            if (config.fsync()) {
                activeChannel.force(false);
            }
            active.size = size;
            active.trimIndex(size);
            return true;
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    /** A write that failed for lack of space becomes {@link JournalDiskFullException} (others stay as they are). */
    private IOException outOfSpace(IOException e) {
        if (e instanceof JournalDiskFullException) {
            return e;
        }
        long usable = usableSpace();
        String text = String.valueOf(e.getMessage());
        if (text.contains("No space left") || text.contains("Disk quota") || usable < config.minFreeBytes()) {
            return diskFull(usable, e);
        }
        return e;
    }

    private JournalDiskFullException diskFull(long usable, Throwable cause) {
        return new JournalDiskFullException("disk full: " + (usable / JournalConfig.MIB) + " MiB free on the journal's"
                + " file system, below the reserve of " + (config.minFreeBytes() / JournalConfig.MIB) + " MiB",
                usable, config.minFreeBytes(), Math.max(1, config.fullRetryAfter().toSeconds()), cause);
    }

    /** Free bytes on the journal's file system for this process; Long.MAX_VALUE when it cannot be asked. */
    public long usableSpace() {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The configured free-space reserve, in bytes. */
    public long minFreeBytes() {
        return config.minFreeBytes();
    }

    /** True while the file system is below the reserve: appends are refused until space returns. */
    public boolean belowReserve() {
        return usableSpace() < config.minFreeBytes();
    }

    /** Leader only, without the lock. Returns how many segments were rolled. */
    private int writeGroup(List<Pending> group) throws IOException {
        if (config.minFreeBytes() > 0) {
            long need = 0;
            for (Pending p : group) {
                need += (long) HEADER * p.records + p.bytes;
            }
            long usable = usableSpace();
            if (usable - need < config.minFreeBytes()) {
                throw diskFull(usable, null);
            }
        }
        int rolls = 0;
        long writePos = active.size;
        long pos = writePos;
        long off = nextOffset;
        long bytes = 0;
        long count = 0;
        writeBuffer.clear();
        for (Pending p : group) {
            for (int c = 0; c < p.data.length; c++) {
                byte[] data = p.data[c];
                int[] ends = p.ends[c];
                int start = 0;
                for (int i = 0; i < p.counts[c]; i++) {
                    int end = ends[i];
                    int length = end - start;
                    int frame = HEADER + length;
                    if (pos > 0 && pos + frame > config.segmentBytes()) {
                        flush(writePos);
                        roll(off);
                        rolls++;
                        writePos = 0;
                        pos = 0;
                    }
                    writeCrc.reset();
                    writeCrc.update(data, start, length);
                    int crc = (int) writeCrc.getValue();
                    if (frame > writeBuffer.remaining()) {
                        writePos = flush(writePos);
                    }
                    if (frame > writeBuffer.capacity()) {
                        headerBuffer.clear();
                        headerBuffer.putInt(length).putInt(crc).flip();
                        ByteBuffer[] parts = {headerBuffer, ByteBuffer.wrap(data, start, length)};
                        activeChannel.position(writePos);
                        while (parts[1].hasRemaining()) {
                            activeChannel.write(parts);
                        }
                        writePos += frame;
                        active.size = writePos;
                    } else {
                        writeBuffer.putInt(length).putInt(crc).put(data, start, length);
                    }
                    active.maybeIndex(off, pos);
                    pos += frame;
                    off++;
                    bytes += frame;
                    count++;
                    start = end;
                }
            }
            p.lastOffset = off - 1;
        }
        flush(writePos);
        if (config.fsync()) {
            activeChannel.force(false); // fdatasync: data plus the size needed to read it back
            fsyncs.incrementAndGet();
        }
        nextOffset = off;
        appendedRecords.addAndGet(count);
        appendedBytes.addAndGet(bytes);
        return rolls;
    }

    /** Writes the gathered frames at {@code writePos}; returns the new end. */
    private long flush(long writePos) throws IOException {
        writeBuffer.flip();
        while (writeBuffer.hasRemaining()) {
            writePos += activeChannel.write(writeBuffer, writePos);
        }
        writeBuffer.clear();
        active.size = writePos;
        return writePos;
    }

    /** Leader only. Forces and seals the active segment, then starts a new one whose name is its first offset. */
    private void roll(long base) throws IOException {
        if (config.fsync()) {
            // Readers may see the old segment as complete as soon as the mark moves past it, so it must be on disk
            // before any record of the new segment is acknowledged.
            activeChannel.force(false);
            fsyncs.incrementAndGet();
        }
        activeChannel.close();
        sealNow(active);
        Segment next = new Segment(base, createSegmentFile(base), 0);
        next.markIndexed();
        activeChannel = FileChannel.open(next.path, WRITE);
        segments.put(base, next);
        active = next;
    }

    // ------------------------------------------------------------------------------------------------ read

    /**
     * A reader for the named consumer, starting after the offset it last committed to the journal (after the
     * earliest retained record for a new consumer). One open reader per name.
     */
    public JournalReader reader(String consumerName) throws IOException {
        return openReader(consumerName, null);
    }

    /**
     * A reader that starts after {@code startAfterOffset}, for consumers that keep their offset in their own
     * database transaction (the journal's copy is then only used for retention and backpressure). Pass -1 to start
     * at the beginning.
     *
     * @throws IllegalStateException the offset is beyond the journal's end, or the records after it were deleted
     */
    public JournalReader reader(String consumerName, long startAfterOffset) throws IOException {
        return openReader(consumerName, startAfterOffset);
    }

    private JournalReader openReader(String name, Long startAfter) throws IOException {
        if (!CONSUMER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("consumer name must match " + CONSUMER_NAME + ": " + name);
        }
        ConsumerState c;
        boolean persist;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("journal closed");
            }
            c = consumers.get(name);
            if (c != null && c.readerOpen) {
                throw new IllegalStateException("consumer '" + name + "' already has an open reader");
            }
            long first = segments.firstKey();
            long end = durable.nextOffset();
            long committed;
            if (startAfter != null) {
                if (startAfter >= end) {
                    throw new IllegalStateException("consumer '" + name + "' starts after offset " + startAfter
                            + " but the journal ends at " + (end - 1) + ": journal data was lost or replaced");
                }
                if (startAfter + 1 < first) {
                    throw new IllegalStateException("records after offset " + startAfter
                            + " were deleted by retention (earliest retained: " + first + ")");
                }
                committed = startAfter;
            } else if (c != null) {
                committed = Math.max(c.committed, first - 1); // below first only if unconsumed data was dropped
            } else {
                committed = first - 1;
            }
            persist = c == null || c.committed != committed;
            if (c == null) {
                c = new ConsumerState(name, committed);
                consumers.put(name, c);
            }
            c.committed = committed;
            c.readerOpen = true;
        } finally {
            lock.unlock();
        }
        try {
            locate(c);
            if (persist) {
                writeOffsetFile(name, c.committed);
            }
            long start = c.committed + 1;
            Map.Entry<Long, Segment> e = segments.floorEntry(start);
            Segment seg = e != null ? e.getValue() : segments.firstEntry().getValue();
            start = Math.max(start, seg.base);
            return new JournalReader(this, name, c.committed, seg, positionOf(seg, start), start);
        } catch (IOException | RuntimeException ex) {
            readerClosed(name);
            throw ex;
        }
    }

    DurableMark durableMark() {
        return durable;
    }

    /** The segment whose range holds {@code offset} (the first one when the offset is older than all). */
    Segment segmentHolding(long offset) {
        Map.Entry<Long, Segment> e = segments.floorEntry(offset);
        return e != null ? e.getValue() : segments.firstEntry().getValue();
    }

    Segment segmentAfter(long base) {
        Map.Entry<Long, Segment> e = segments.higherEntry(base);
        return e == null ? null : e.getValue();
    }

    /** Blocks until records at or after {@code offset} are durable, the timeout passes, or the journal closes. */
    void awaitData(long offset, long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (durable.nextOffset() <= offset && !closed && nanos > 0) {
                nanos = dataAvailable.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        return closed; // racy read is fine: only used to stop a poll loop early
    }

    /** Called by {@link JournalReader#commit}: persist first, then publish, then let retention use it. */
    void commit(String name, long offset, long segmentBase, long endPosition) throws IOException {
        writeOffsetFile(name, offset);
        lock.lock();
        try {
            ConsumerState c = consumers.get(name);
            if (c != null) {
                c.committed = offset;
                c.segmentBase = segmentBase;
                c.endPosition = endPosition;
            }
        } finally {
            lock.unlock();
        }
        enforceRetention();
    }

    void readerClosed(String name) {
        lock.lock();
        try {
            ConsumerState c = consumers.get(name);
            if (c != null) {
                c.readerOpen = false;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets a consumer (its offset file is deleted), so it no longer holds back retention or causes
     * backpressure. For decommissioned pipelines; its reader must be closed.
     */
    public void removeConsumer(String name) throws IOException {
        lock.lock();
        try {
            ConsumerState c = consumers.get(name);
            if (c == null) {
                return;
            }
            if (c.readerOpen) {
                throw new IllegalStateException("consumer '" + name + "' has an open reader");
            }
            consumers.remove(name);
        } finally {
            lock.unlock();
        }
        Files.deleteIfExists(consumersDir.resolve(name + OFFSET_SUFFIX));
        enforceRetention();
    }

    /** Atomic and durable: temp file, force, rename over the old file, force the directory. */
    private void writeOffsetFile(String name, long offset) throws IOException {
        Path tmp = consumersDir.resolve(name + OFFSET_SUFFIX + ".tmp");
        Path dst = consumersDir.resolve(name + OFFSET_SUFFIX);
        try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap((offset + "\n").getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (config.fsync()) {
                ch.force(true);
            }
        }
        Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(consumersDir);
    }

    /** Sets the consumer's segment and end position from its committed offset (IO, so outside the lock). */
    private void locate(ConsumerState c) throws IOException {
        long committed;
        lock.lock();
        try {
            committed = c.committed;
        } finally {
            lock.unlock();
        }
        Map.Entry<Long, Segment> e = committed < 0 ? null : segments.floorEntry(committed);
        long base = -1;
        long end = 0;
        if (e != null) {
            base = e.getKey();
            end = positionOf(e.getValue(), committed + 1);
        }
        lock.lock();
        try {
            if (c.committed == committed) {
                c.segmentBase = base;
                c.endPosition = end;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Byte position of the frame with offset {@code target} in {@code s} (its size when the target is past its
     * last record). Uses the sparse index, then walks at most one index interval of frame headers.
     */
    long positionOf(Segment s, long target) throws IOException {
        ensureIndexed(s);
        long[] e = s.floor(target);
        long off = e[0];
        long pos = e[1];
        long limit = s.size;
        if (off >= target) {
            return pos;
        }
        try (FileChannel ch = FileChannel.open(s.path, READ)) {
            ByteBuffer h = ByteBuffer.allocate(4);
            while (off < target && pos + HEADER <= limit) {
                h.clear();
                readFully(ch, h, pos);
                int len = h.getInt(0);
                if (len <= 0 || pos + HEADER + len > limit) {
                    throw new JournalCorruptedException("bad frame header at byte " + pos + " of " + s.path, null);
                }
                pos += HEADER + len;
                off++;
            }
        }
        return Math.min(pos, limit);
    }

    /** Builds the sparse index of a segment that existed before this open (one sequential read of headers). */
    private void ensureIndexed(Segment s) throws IOException {
        if (s.indexed()) {
            return;
        }
        synchronized (s) {
            if (s.indexed()) {
                return;
            }
            long size = s.size;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(s.path),
                    1 << 16))) {
                long pos = 0;
                long off = s.base;
                while (pos + HEADER <= size) {
                    int len = in.readInt();
                    in.readInt();
                    if (len <= 0 || pos + HEADER + len > size) {
                        throw new JournalCorruptedException("bad frame header at byte " + pos + " of " + s.path,
                                null);
                    }
                    s.maybeIndex(off, pos);
                    in.skipNBytes(len);
                    pos += HEADER + len;
                    off++;
                }
            } catch (EOFException e) {
                throw new JournalCorruptedException("segment " + s.path + " shorter than expected", null);
            }
            s.markIndexed();
        }
    }

    static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new EOFException("unexpected end of journal file at " + pos);
            }
            pos += n;
        }
    }

    // ------------------------------------------------------------------------------------------- retention

    /**
     * Deletes whole sealed segments, oldest first, whose records every registered consumer has committed and that
     * are older than the maximum age or while the journal is above the maximum size. Unconsumed segments are kept
     * (unless {@link JournalConfig#retentionMayDropUnconsumed()}); the backpressure threshold stops growth instead.
     * Runs on open, after rolls and commits; call it periodically too so age applies to an idle journal.
     *
     * @return the number of segments deleted
     */
    public int enforceRetention() throws IOException {
        synchronized (retentionMonitor) {
            List<Segment> victims = new ArrayList<>();
            lock.lock();
            try {
                if (closed) {
                    return 0;
                }
                long minCommitted;
                if (config.retentionMayDropUnconsumed()) {
                    minCommitted = Long.MAX_VALUE;
                } else if (consumers.isEmpty()) {
                    minCommitted = Long.MIN_VALUE; // nobody has read anything: nothing is consumed
                } else {
                    minCommitted = consumers.values().stream().mapToLong(c -> c.committed).min().getAsLong();
                }
                long total = totalBytes();
                Instant oldest = config.clock().instant().minus(config.retentionMaxAge());
                List<Segment> list = new ArrayList<>(segments.values());
                for (int i = 0; i < list.size() - 1; i++) { // never the last (active) segment
                    Segment s = list.get(i);
                    boolean consumed = list.get(i + 1).base - 1 <= minCommitted;
                    boolean expired = s.sealedAt != null && !s.sealedAt.isAfter(oldest);
                    boolean oversize = total > config.retentionMaxBytes();
                    if (!consumed || !(expired || oversize)) {
                        break; // keep offsets contiguous from the first retained segment
                    }
                    segments.remove(s.base);
                    total -= s.size;
                    victims.add(s);
                }
            } finally {
                lock.unlock();
            }
            for (Segment s : victims) {
                Files.deleteIfExists(s.path); // readers that still hold it open keep reading (POSIX unlink)
            }
            return victims.size();
        }
    }

    // --------------------------------------------------------------------------------------------- erasure

    /**
     * Erases in place every durable record whose payload matches (the predicate gets a read-only view of the
     * payload, position 0, limit its length): the payload becomes zeros and the frame is marked erased, so readers
     * skip it, every other record keeps its offset and byte position, and consumers' committed offsets stay as they
     * are. Forced to disk before it returns. Crash-safe: a crash leaves every record intact or erased and the journal
     * readable; the next open finishes the segment that was being erased (see {@link JournalEraser}) and calling
     * this again (it is idempotent) finishes the rest. Appends, reads and retention go on meanwhile; records appended after the call
     * started are not looked at (stop what writes them first, then erase). Already erased records are not counted.
     *
     * @return how many records this call erased
     */
    public long erase(Predicate<ByteBuffer> payloadMatches) throws IOException {
        Objects.requireNonNull(payloadMatches, "payloadMatches");
        synchronized (eraseMonitor) {
            DurableMark mark;
            lock.lock();
            try {
                ensureWritable();
                mark = durable;
            } finally {
                lock.unlock();
            }
            long erased = 0;
            for (Segment s : new ArrayList<>(segments.headMap(mark.segmentBase(), true).values())) {
                if (closed) {
                    throw new IllegalStateException("journal closed during an erasure (the next open finishes it)");
                }
                // Sealed segments are complete; in the mark's segment only the forced part is looked at (a leader
                // may be writing after it, and a failed group is cut back to no earlier than the mark).
                long limit = s.base < mark.segmentBase() ? s.size : mark.position();
                erased += eraser.eraseIn(s, limit, payloadMatches);
            }
            return erased;
        }
    }

    // --------------------------------------------------------------------------------------------- metrics

    private long totalBytes() {
        long sum = 0;
        for (Segment s : segments.values()) {
            sum += s.size;
        }
        return sum;
    }

    /** Bytes after the consumer's committed record, from the segment sizes (caller holds the lock). */
    private long unconsumed(ConsumerState c) {
        long sum = 0;
        for (Segment s : segments.values()) {
            if (s.base > c.segmentBase) {
                sum += s.size;
            } else if (s.base == c.segmentBase) {
                sum += Math.max(0, s.size - c.endPosition);
            }
        }
        return sum;
    }

    public JournalMetrics metrics() {
        lock.lock();
        try {
            Map<String, Long> unconsumed = new TreeMap<>();
            for (ConsumerState c : consumers.values()) {
                unconsumed.put(c.name, unconsumed(c));
            }
            return new JournalMetrics(appendedRecords.get(), appendedBytes.get(), appendBatches.get(), fsyncs.get(),
                    segments.size(), totalBytes(), durable.nextOffset(), new LinkedHashMap<>(unconsumed));
        } finally {
            lock.unlock();
        }
    }

    /** What open found and did in the last segment. */
    public RecoveryReport recoveryReport() {
        return recovery;
    }

    /** Offset the next appended record will get; all offsets below it are durable. */
    public long nextOffset() {
        return durable.nextOffset();
    }

    /** Committed offset of a registered consumer, or -2 when unknown (committed -1 means "nothing yet"). */
    public long committedOffset(String consumerName) {
        lock.lock();
        try {
            ConsumerState c = consumers.get(consumerName);
            return c == null ? -2 : c.committed;
        } finally {
            lock.unlock();
        }
    }

    public Path directory() {
        return dir;
    }

    /** The settings it was opened with (retention, limits), e.g. for showing the retention to an admin. */
    public JournalConfig config() {
        return config;
    }

    // ----------------------------------------------------------------------------------------------- close

    /** Waits for an in-flight group, wakes blocked readers and releases the directory. Idempotent. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            while (leaderBusy) {
                groupDone.awaitUninterruptibly();
            }
            dataAvailable.signalAll();
        } finally {
            lock.unlock();
        }
        closeQuietly();
    }

    private void closeQuietly() throws IOException {
        IOException first = null;
        for (AutoCloseable c : new AutoCloseable[] {activeChannel, fileLock, lockChannel}) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof IOException io ? io : new IOException(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "Journal[" + dir + ", next=" + durable.nextOffset() + ", segments=" + segments.size() + "]";
    }
}
