package jp.sukedachi.ingest.journal;

import static java.nio.file.StandardOpenOption.READ;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Reads the journal for one named consumer, in offset order, only records that are already durable (a record
 * that a crash could still take back must not reach the database, or the consumer's committed offset could point
 * past the end of the recovered journal).
 *
 * <p>Delivery is at-least-once: {@link #poll} moves a read position; {@link #commit} records that everything up to
 * an offset has been processed. After a restart, reading resumes after the committed offset, so records polled but
 * not committed are delivered again. Use from one thread at a time.
 */
public final class JournalReader implements AutoCloseable {
    private final Journal journal;
    private final String name;
    private final CRC32C crc = new CRC32C();
    /** Records are read in chunks so a poll of many small records costs a few reads, not two per record. */
    private ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

    private Segment segment;
    private FileChannel channel;
    /** Byte position in {@link #segment} of the frame with offset {@link #next}. */
    private long position;
    private long next;
    private long committed;
    private boolean closed;

    JournalReader(Journal journal, String name, long committed, Segment segment, long position, long next)
            throws IOException {
        this.journal = journal;
        this.name = name;
        this.committed = committed;
        this.segment = segment;
        this.position = position;
        this.next = next;
        this.channel = FileChannel.open(segment.path, READ);
    }

    public String name() {
        return name;
    }

    /** Last committed offset (-1 when nothing was ever committed on an empty journal). */
    public synchronized long committedOffset() {
        return committed;
    }

    /** Offset of the next record {@link #poll} will return. */
    public synchronized long nextOffset() {
        return next;
    }

    /**
     * Returns up to {@code maxRecords} durable records after the last one returned, waiting up to {@code wait} for
     * the first one (woken by appends, no polling). Empty when nothing arrived in time or the journal was closed.
     *
     * @throws JournalCorruptedException a durable frame fails its CRC (disk damage; the reader stays before it)
     */
    public synchronized List<JournalRecord> poll(int maxRecords, Duration wait)
            throws IOException, InterruptedException {
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords must be positive");
        }
        ensureOpen();
        List<JournalRecord> out = new ArrayList<>(Math.min(maxRecords, 1024));
        long deadline = System.nanoTime() + (wait.isNegative() ? 0 : TimeUnit.NANOSECONDS.convert(wait));
        while (true) {
            fill(out, maxRecords);
            if (!out.isEmpty() || journal.isClosed()) {
                return out;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return out;
            }
            journal.awaitData(next, left);
        }
    }

    private void fill(List<JournalRecord> out, int max) throws IOException {
        while (out.size() < max) {
            Journal.DurableMark mark = journal.durableMark();
            if (next >= mark.nextOffset()) {
                return;
            }
            // Segments before the mark's segment are sealed and forced: read them to their end. In the mark's
            // segment, read only up to the forced position.
            boolean sealed = segment.base < mark.segmentBase();
            long limit = sealed ? segment.size : mark.position();
            if (position >= limit) {
                if (!sealed) {
                    return;
                }
                Segment after = journal.segmentAfter(segment.base);
                if (after == null) {
                    return;
                }
                FileChannel ch = FileChannel.open(after.path, READ);
                channel.close();
                channel = ch;
                segment = after;
                position = 0;
                next = Math.max(next, after.base); // offsets may jump (after a repair), never go back
                continue;
            }
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), limit - position));
            Journal.readFully(channel, buffer, position);
            buffer.flip();
            int parsed = 0;
            while (out.size() < max && buffer.remaining() >= Journal.HEADER) {
                int at = buffer.position();
                int len = buffer.getInt(at);
                if (len <= 0 || position + Journal.HEADER + len > limit) {
                    throw corrupted("bad frame length " + len);
                }
                if (buffer.remaining() < Journal.HEADER + len) {
                    break;
                }
                byte[] payload = new byte[len];
                buffer.get(at + Journal.HEADER, payload);
                crc.reset();
                crc.update(payload);
                int stored = buffer.getInt(at + 4);
                boolean erased = false;
                if ((int) crc.getValue() != stored) {
                    // Off the hot path: an intact frame never gets here.
                    erased = JournalEraser.isErased(stored, (int) crc.getValue());
                    if (!erased) {
                        payload = rereadSettled(len);
                        if (payload == null) {
                            erased = true;
                        }
                        // The rest of the chunk may be as stale as this frame was: read on from a fresh chunk.
                        position += Journal.HEADER + len;
                        if (!erased) {
                            out.add(new JournalRecord(next, payload));
                        }
                        next++;
                        parsed++;
                        buffer.position(buffer.limit());
                        break;
                    }
                }
                buffer.position(at + Journal.HEADER + len);
                // Erased records are skipped here, in the journal, rather than handed out flagged or left to the
                // payload decoder (e.g. an "erased" version byte in EventCodec): the mark lives in the CRC field, so
                // the check costs nothing on the hot path (only a failed CRC looks at it), the journal stays
                // ignorant of payload formats, and no consumer can forget to skip them. The price: a consumer sees a
                // gap in offsets (allowed, as after a repair) and cannot count erased records.
                if (!erased) {
                    out.add(new JournalRecord(next, payload));
                }
                next++;
                position += Journal.HEADER + len;
                parsed++;
            }
            if (parsed == 0 && out.size() < max) {
                if (buffer.limit() < Journal.HEADER) {
                    throw corrupted("truncated frame header");
                }
                // The next frame is larger than the buffer: grow to fit it and read again.
                int len = buffer.getInt(0);
                buffer = ByteBuffer.allocate(Integer.highestOneBit(Journal.HEADER + len - 1) << 1);
            }
        }
    }

    /**
     * Reads the frame at {@link #position} again while no erasure is writing: a CRC mismatch may have been an
     * erasure's write caught half-way (positional reads are not atomic against writes). Returns its payload, or
     * null when it is erased; throws when it is still bad (real damage).
     */
    private byte[] rereadSettled(int len) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(Journal.HEADER + len);
        journal.eraser.writeLock.lock();
        try {
            Journal.readFully(channel, frame, position);
        } finally {
            journal.eraser.writeLock.unlock();
        }
        if (frame.getInt(0) != len) {
            throw corrupted("bad frame length " + frame.getInt(0));
        }
        byte[] payload = new byte[len];
        frame.get(Journal.HEADER, payload);
        crc.reset();
        crc.update(payload);
        int computed = (int) crc.getValue();
        int stored = frame.getInt(4);
        if (computed == stored) {
            return payload;
        }
        if (JournalEraser.isErased(stored, computed)) {
            return null;
        }
        throw corrupted("CRC mismatch");
    }

    private JournalCorruptedException corrupted(String what) {
        return new JournalCorruptedException(what + " at byte " + position + " of " + segment.path + " (offset "
                + next + ", consumer " + name + ")", null);
    }

    /**
     * Persists that every record up to and including {@code offset} is processed (atomic, durable file). Call it
     * after the database transaction holding those records committed; if the offset is also stored in that
     * transaction (see {@link Journal#reader(String, long)}), this copy only drives retention and backpressure.
     *
     * @throws IllegalArgumentException the offset goes backwards or was not delivered yet
     */
    public synchronized void commit(long offset) throws IOException {
        ensureOpen();
        if (offset < committed) {
            throw new IllegalArgumentException("commit goes backwards: " + offset + " < " + committed);
        }
        if (offset >= next) {
            throw new IllegalArgumentException("offset " + offset + " not delivered yet (next is " + next + ")");
        }
        if (offset == committed) {
            return;
        }
        long base;
        long end;
        if (offset == next - 1) {
            // Common case, everything polled is done: the read position is exactly where consumption ends.
            base = segment.base;
            end = position;
        } else {
            Segment holder = journal.segmentHolding(offset);
            base = holder.base;
            end = journal.positionOf(holder, offset + 1);
        }
        journal.commit(name, offset, base, end);
        committed = offset;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("reader closed");
        }
    }

    /** Releases the reader; the committed offset stays registered (see {@link Journal#removeConsumer}). */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        channel.close();
        journal.readerClosed(name);
    }
}
