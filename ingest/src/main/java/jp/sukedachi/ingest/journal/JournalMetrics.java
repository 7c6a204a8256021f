package jp.sukedachi.ingest.journal;

import java.util.Map;

/**
 * A snapshot of journal counters. Counters ({@code appended*}, {@code fsyncs}, {@code appendBatches}) count since
 * this {@link Journal} was opened; the rest describe the files on disk.
 *
 * @param appendedRecords  records acknowledged by {@link Journal#appendBatch}
 * @param appendedBytes    framed bytes written for them (header + payload)
 * @param appendBatches    acknowledged {@code appendBatch} calls
 * @param fsyncs           {@code FileChannel.force} calls on segment data (group commit makes this lower than
 *                         {@code appendBatches} under concurrency; segment rolls add one each)
 * @param segments         segment files on disk
 * @param totalBytes       bytes in all segment files
 * @param nextOffset       offset of the next record (all offsets below it are durable)
 * @param unconsumedBytes  per registered consumer, bytes after its committed offset
 */
public record JournalMetrics(long appendedRecords, long appendedBytes, long appendBatches, long fsyncs, int segments,
        long totalBytes, long nextOffset, Map<String, Long> unconsumedBytes) {
}
