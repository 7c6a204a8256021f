/**
 * The embedded runtime's durable journal: receivers append, pipeline threads read, detect, triage and write to the
 * database, and commit their offset with that write, so a crash replays and never loses.
 *
 * <h2>Files</h2>
 * A directory holds segment files {@code <first offset, 20 digits>.seg}, a {@code consumers/} directory with one
 * {@code <name>.offset} file per consumer (decimal committed offset, replaced atomically: temp file, force,
 * {@code ATOMIC_MOVE} rename, directory force) and {@code journal.lock} (one process per directory). A segment is a
 * sequence of frames: payload length (int, big-endian, ≥ 1), CRC32C of the payload (int), payload. Segments roll
 * when the next frame would pass {@link jp.sukedachi.ingest.journal.JournalConfig#segmentBytes()}.
 *
 * <h2>Offsets</h2>
 * An offset is the global index of a record: 0, 1, 2, … across segments (not a byte position, so it survives
 * segment deletion and is easy to store next to database rows). {@code appendBatch} returns the last offset of the
 * batch. A committed offset means "this record and all before it are processed"; -1 means nothing yet. Offsets only
 * grow; after a {@code repair} they may jump (a gap), never repeat.
 *
 * <h2>Durability</h2>
 * {@code appendBatch} returns after {@code FileChannel.force(false)}: acknowledge the client only then. Concurrent
 * batches share one force (group commit). New segment files are made durable with a directory force before
 * records in them are acknowledged. Readers see only forced records.
 *
 * <h2>Consumer offsets</h2>
 * {@code reader(name)} resumes after the offset stored in the journal by {@code commit}. A pipeline that stores its
 * offset in the same database transaction as its results passes it back with {@code reader(name, offset)}: that is
 * exact once-per-record processing in the database, with the journal's copy (committed after the transaction)
 * used only for retention and backpressure, and always at or behind the database's.
 *
 * <h2>Recovery</h2>
 * On open the last segment is scanned and CRC-checked (older ones were forced before the roll; readers check every
 * CRC as they read). A bad frame with no valid frame after it is a torn write — never acknowledged — and is
 * truncated and reported ({@link jp.sukedachi.ingest.journal.RecoveryReport#tornTail()}). A bad frame followed by
 * valid frames is corruption of data that may have been acknowledged: open throws
 * {@link jp.sukedachi.ingest.journal.JournalCorruptedException} with the report, and only with
 * {@link jp.sukedachi.ingest.journal.JournalConfig#repair()} truncates there (losing the valid records after it,
 * whose offsets are then skipped). Note that after a power loss the disk may have written later pages of the last
 * unacknowledged group but not earlier ones; that also looks like middle corruption and needs an operator's
 * repair, which in that case only drops unacknowledged data.
 *
 * <h2>Erasure</h2>
 * {@code erase(predicate)} overwrites every matching durable record in place (a company leaving: its events must go
 * before retention would drop them): the length field stays, the payload becomes zeros and the CRC field holds the
 * CRC of those zeros XOR a fixed mark. Offsets and byte positions of all other records stay; readers skip erased
 * frames (offsets then have a gap); recovery and readers accept them as valid frames. Before a segment's frames are
 * touched, their positions go to {@code erase.pending} (forced, renamed atomically); the frames are then written and
 * forced and the file deleted. Open finishes an erasure that a crash interrupted before it scans the last segment,
 * so a half-erased frame is never treated as a torn tail (which would truncate good records after it) or as
 * corruption. Segments are read with positional reads (recovery's read-only map is dropped before any erasure), and
 * a reader that meets a CRC mismatch re-reads the frame under the erasure's write lock before calling it damage.
 *
 * <h2>Retention and backpressure</h2>
 * Whole sealed segments are deleted, oldest first, once every registered consumer has committed past them and they
 * are older than the maximum age or the journal is over the maximum size. Unconsumed data is never deleted unless
 * {@link jp.sukedachi.ingest.journal.JournalConfig#retentionMayDropUnconsumed()}; instead, when the slowest
 * consumer is more than {@link jp.sukedachi.ingest.journal.JournalConfig#maxUnconsumedBytes()} behind (all data
 * counts when no consumer is registered), {@code appendBatch} throws
 * {@link jp.sukedachi.ingest.journal.JournalFullException} and receivers answer 429/503 with Retry-After.
 */
package jp.sukedachi.ingest.journal;
