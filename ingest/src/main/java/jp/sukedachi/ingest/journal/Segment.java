package jp.sukedachi.ingest.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * One segment file: frames of records {@code base, base+1, ...}. Holds a sparse in-memory index (one entry per
 * {@link #INDEX_INTERVAL} bytes) so a consumer's committed offset can be turned into a byte position without
 * scanning the whole file; the index of an old segment is built on first use, not at open, so open stays fast.
 */
final class Segment {
    /** Bytes between index entries: bounds a lookup to one small read while costing ~16 B per 4 KiB of data. */
    static final int INDEX_INTERVAL = 4096;

    final long base;
    final Path path;
    /** Bytes written to the file; final once sealed. Read by readers, the backpressure check and retention. */
    volatile long size;
    /** When the segment was sealed (rolled); {@code null} for the active segment. Drives age retention. */
    volatile Instant sealedAt;

    private long[] idxOffsets = new long[16];
    private long[] idxPositions = new long[16];
    private int idxCount;
    private boolean indexed;

    Segment(long base, Path path, long size) {
        this.base = base;
        this.path = path;
        this.size = size;
    }

    /** Records an index entry when the frame at {@code pos} starts a new interval; frames arrive in order. */
    synchronized void maybeIndex(long offset, long pos) {
        if (idxCount > 0 && pos - idxPositions[idxCount - 1] < INDEX_INTERVAL) {
            return;
        }
        if (idxCount == idxOffsets.length) {
            idxOffsets = Arrays.copyOf(idxOffsets, idxCount * 2);
            idxPositions = Arrays.copyOf(idxPositions, idxCount * 2);
        }
        idxOffsets[idxCount] = offset;
        idxPositions[idxCount] = pos;
        idxCount++;
    }

    /** Drops index entries at or past {@code size} (the tail was cut off after a failed write). */
    synchronized void trimIndex(long size) {
        while (idxCount > 0 && idxPositions[idxCount - 1] >= size) {
            idxCount--;
        }
    }

    synchronized boolean indexed() {
        return indexed;
    }

    synchronized void markIndexed() {
        indexed = true;
    }

    /** The nearest indexed frame at or before {@code offset}: {offset, position}; {base, 0} when none. */
    synchronized long[] floor(long offset) {
        int lo = 0;
        int hi = idxCount - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (idxOffsets[mid] <= offset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? new long[] {base, 0} : new long[] {idxOffsets[found], idxPositions[found]};
    }

    static String fileName(long base) {
        return String.format("%020d.seg", base);
    }

    @Override
    public String toString() {
        return path.getFileName() + "(" + size + " B)";
    }
}
