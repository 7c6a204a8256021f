package jp.sukedachi.ingest.journal;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * Erasure in place (see the package documentation, "Erasure"): a matching frame keeps its length and gets a payload
 * of zeros and the CRC of those zeros XOR {@link #ERASED_MARK}, so every other record keeps its offset and byte
 * position, and a reader tells an erased frame from a damaged one.
 *
 * <p>Crash safety by a redo file: before the frames of a segment are touched, their positions are written to
 * {@value #PENDING} (temporary file, force, atomic rename, directory force). Only then are the frames overwritten
 * and forced, and only then is the file deleted. A crash at any point (even a power loss tearing a frame's pages)
 * leaves either no redo file and nothing touched, or a redo file that {@link #redo} applies again on open before
 * the last segment is recovered, so a half-written frame is never taken for a torn tail or for corruption. The redo
 * file holds positions only, never payload bytes.
 */
final class JournalEraser {
    /**
     * XOR-ed into the CRC of an erased frame. An intact frame never matches it (its CRC is the payload's own), a
     * damaged one only by a 2^-32 chance, the same as passing the CRC check at all.
     */
    static final int ERASED_MARK = 0x45524153; // "ERAS"
    static final String PENDING = "erase.pending";
    private static final int ZEROS = 64 * 1024;
    private static final ByteBuffer ZERO_BUFFER = ByteBuffer.allocateDirect(ZEROS).asReadOnlyBuffer();

    private final Path dir;
    /**
     * Held while a frame is overwritten. A reader that sees a frame fail its CRC re-reads it under this lock: the
     * mismatch may be an erase write in flight (positional reads are not atomic against writes), not damage.
     */
    final ReentrantLock writeLock = new ReentrantLock();

    JournalEraser(Path dir) {
        this.dir = dir;
    }

    /** True when the stored CRC marks the frame as erased (computed is the CRC of the payload as read). */
    static boolean isErased(int storedCrc, int computedCrc) {
        return (computedCrc ^ ERASED_MARK) == storedCrc;
    }

    /** Erases the matching records of {@code s} among its frames before {@code limit}; returns how many. */
    long eraseIn(Segment s, long limit, Predicate<ByteBuffer> matches) throws IOException {
        Positions hits = new Positions();
        try {
            scan(s, limit, matches, hits);
            if (hits.count == 0) {
                return 0;
            }
            try (FileChannel ch = FileChannel.open(s.path, WRITE)) {
                writePending(s.base, hits);
                apply(ch, hits);
            }
        } catch (NoSuchFileException deletedByRetention) {
            return 0; // its records are gone altogether
        }
        Files.deleteIfExists(dir.resolve(PENDING)); // a redo after this is harmless (idempotent), so no dir force
        return hits.count;
    }

    private static void scan(Segment s, long limit, Predicate<ByteBuffer> matches, Positions hits)
            throws IOException {
        CRC32C crc = new CRC32C();
        byte[] payload = new byte[256];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(s.path),
                1 << 16))) {
            long pos = 0;
            while (pos + Journal.HEADER <= limit) {
                int len = in.readInt();
                int stored = in.readInt();
                if (len <= 0 || pos + Journal.HEADER + len > limit) {
                    throw new JournalCorruptedException("bad frame header at byte " + pos + " of " + s.path, null);
                }
                if (payload.length < len) {
                    payload = new byte[Math.max(len, payload.length * 2)];
                }
                in.readFully(payload, 0, len);
                crc.reset();
                crc.update(payload, 0, len);
                int computed = (int) crc.getValue();
                if (computed == stored) {
                    if (matches.test(ByteBuffer.wrap(payload, 0, len).slice().asReadOnlyBuffer())) {
                        hits.add(pos, len);
                    }
                } else if (!isErased(stored, computed)) {
                    // Only erasure writes below the durable mark and erasures are serialised: this is damage.
                    throw new JournalCorruptedException("CRC mismatch at byte " + pos + " of " + s.path, null);
                }
                pos += Journal.HEADER + len;
            }
        } catch (EOFException e) {
            throw new JournalCorruptedException("segment " + s.path + " shorter than expected", null);
        }
    }

    /** Redo file: base, count, (position, length) × count, CRC32C of all before it. Whole or absent. */
    private void writePending(long base, Positions hits) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + hits.count * 12 + 4);
        b.putLong(base).putInt(hits.count);
        for (int i = 0; i < hits.count; i++) {
            b.putLong(hits.positions[i]).putInt(hits.lengths[i]);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        b.flip();
        Path tmp = dir.resolve(PENDING + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true); // always, even without fsync: the redo file is what makes a torn erase harmless
        }
        Files.move(tmp, dir.resolve(PENDING), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, READ)) {
            d.force(true);
        }
    }

    private void apply(FileChannel ch, Positions hits) throws IOException {
        ByteBuffer crcBuf = ByteBuffer.allocate(4);
        for (int i = 0; i < hits.count; i++) {
            writeLock.lock();
            try {
                overwrite(ch, hits.positions[i], hits.lengths[i], crcBuf);
            } finally {
                writeLock.unlock();
            }
        }
        ch.force(false); // always: the redo file is deleted next, so the erased frames must be on disk first
    }

    /** Writes the erased CRC and the zero payload of the frame at {@code pos} (its length field stays). */
    private static void overwrite(FileChannel ch, long pos, int len, ByteBuffer crcBuf) throws IOException {
        crcBuf.clear();
        crcBuf.putInt(erasedCrc(len)).flip();
        long at = pos + 4;
        while (crcBuf.hasRemaining()) {
            at += ch.write(crcBuf, at);
        }
        long left = len;
        while (left > 0) {
            ByteBuffer z = ZERO_BUFFER.duplicate();
            z.limit((int) Math.min(ZEROS, left));
            while (z.hasRemaining()) {
                int n = ch.write(z, at);
                at += n;
                left -= n;
            }
        }
    }

    static int erasedCrc(int len) {
        CRC32C crc = new CRC32C();
        ByteBuffer z = ZERO_BUFFER.duplicate();
        long left = len;
        while (left > 0) {
            z.clear();
            z.limit((int) Math.min(ZEROS, left));
            left -= z.remaining();
            crc.update(z);
        }
        return (int) crc.getValue() ^ ERASED_MARK;
    }

    /**
     * On open, before recovery: finishes an erasure a crash interrupted (idempotent). A temporary redo file was never
     * renamed, so nothing of its erasure was written: it is simply removed.
     */
    static void redo(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(PENDING + ".tmp"));
        Path pending = dir.resolve(PENDING);
        if (!Files.exists(pending)) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pending));
        if (b.remaining() < 16) {
            throw new JournalCorruptedException(pending + " is damaged (an interrupted erasure cannot be finished)",
                    null);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.limit() - 4);
        int count = b.getInt(8);
        if ((int) crc.getValue() != b.getInt(b.limit() - 4) || b.limit() != 8 + 4 + count * 12L + 4) {
            throw new JournalCorruptedException(pending + " is damaged (an interrupted erasure cannot be finished)",
                    null);
        }
        long base = b.getLong(0);
        Path seg = dir.resolve(Segment.fileName(base));
        if (Files.exists(seg)) {
            try (FileChannel ch = FileChannel.open(seg, READ, WRITE)) {
                ByteBuffer len = ByteBuffer.allocate(4);
                ByteBuffer crcBuf = ByteBuffer.allocate(4);
                b.position(12);
                for (int i = 0; i < count; i++) {
                    long pos = b.getLong();
                    int l = b.getInt();
                    len.clear();
                    Journal.readFully(ch, len, pos);
                    if (len.getInt(0) != l) {
                        throw new JournalCorruptedException("frame at byte " + pos + " of " + seg + " is not the one "
                                + pending + " names; refusing to overwrite it", null);
                    }
                    overwrite(ch, pos, l, crcBuf);
                }
                ch.force(false);
            }
        }
        Files.delete(pending);
        try (FileChannel d = FileChannel.open(dir, READ)) {
            d.force(true);
        }
    }

    /** Growable (position, length) list: a 64 MiB segment of small records has a few hundred thousand frames. */
    private static final class Positions {
        long[] positions = new long[64];
        int[] lengths = new int[64];
        int count;

        void add(long pos, int len) {
            if (count == positions.length) {
                positions = Arrays.copyOf(positions, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            positions[count] = pos;
            lengths[count] = len;
            count++;
        }
    }
}
