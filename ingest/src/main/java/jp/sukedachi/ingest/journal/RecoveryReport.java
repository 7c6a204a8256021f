package jp.sukedachi.ingest.journal;

import java.nio.file.Path;

/**
 * What {@link Journal#open} found in the last segment.
 *
 * @param segmentsScanned        segments whose frames were CRC-checked (the last one; older segments were forced
 *                               before the roll and are checked by readers as they are read)
 * @param recordsRecovered       valid records in the scanned segment
 * @param bytesTruncated         bytes cut from the end of the scanned segment (torn tail, or everything from the
 *                               corruption on when repaired)
 * @param tornTail               a partial or bad frame at the end was truncated (normal after a crash)
 * @param midCorruption          a bad frame was followed by valid frames: damaged durable data, not a torn write
 * @param repaired               the journal was opened anyway and truncated at the corruption
 * @param corruptSegment         segment holding the bad frame, or {@code null}
 * @param corruptPosition        byte position of the bad frame in that segment, or -1
 * @param corruptOffset          record offset the bad frame would have had, or -1
 * @param recordsAfterCorruption valid frames found after the bad frame (lost when repaired)
 * @param nextOffset             the offset the next appended record gets
 */
public record RecoveryReport(int segmentsScanned, long recordsRecovered, long bytesTruncated, boolean tornTail,
        boolean midCorruption, boolean repaired, Path corruptSegment, long corruptPosition, long corruptOffset,
        long recordsAfterCorruption, long nextOffset) {

    /** True when nothing had to be cut or repaired. */
    public boolean clean() {
        return bytesTruncated == 0 && !midCorruption;
    }
}
