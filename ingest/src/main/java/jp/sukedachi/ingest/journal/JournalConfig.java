package jp.sukedachi.ingest.journal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Journal settings; start from {@link #defaults()} and change with the {@code with*} methods.
 *
 * @param segmentBytes              roll to a new segment file when the next frame would pass this size (≤ 1 GiB, so
 *                                  recovery can map a whole segment; a record must fit in one segment)
 * @param retentionMaxBytes         delete consumed segments (oldest first) while the journal is larger than this
 * @param retentionMaxAge           delete consumed segments sealed longer ago than this
 * @param maxUnconsumedBytes        {@link JournalFullException} when the slowest consumer is further behind than
 *                                  this; keep it below {@code retentionMaxBytes} so backpressure comes before
 *                                  retention would want unconsumed data
 * @param fsync                     force data to disk before acknowledging; off only for benchmarks and tests
 * @param repair                    on open, truncate at corruption in the middle of the last segment instead of
 *                                  refusing to open (loses the valid records after it; see {@link RecoveryReport})
 * @param retentionMayDropUnconsumed let size/age retention delete data a consumer has not committed (default off:
 *                                  a full journal pushes back rather than loses events)
 * @param fullRetryAfter            Retry-After hint carried by {@link JournalFullException}
 * @param clock                     time source for segment ages (injectable for tests)
 * @param minFreeBytes              refuse appends ({@link JournalDiskFullException}) while the file system would
 *                                  have less than this free after the write: the database and the operating system
 *                                  on the same disk must never be starved by the journal
 */
public record JournalConfig(long segmentBytes, long retentionMaxBytes, Duration retentionMaxAge,
        long maxUnconsumedBytes, boolean fsync, boolean repair, boolean retentionMayDropUnconsumed,
        Duration fullRetryAfter, Clock clock, long minFreeBytes) {

    public static final long MIB = 1024L * 1024;
    public static final long GIB = 1024 * MIB;

    public JournalConfig {
        if (segmentBytes < 64 || segmentBytes > GIB) {
            throw new IllegalArgumentException("segmentBytes must be in [64, 1 GiB]: " + segmentBytes);
        }
        if (retentionMaxBytes <= 0 || maxUnconsumedBytes <= 0) {
            throw new IllegalArgumentException("byte limits must be positive");
        }
        Objects.requireNonNull(retentionMaxAge, "retentionMaxAge");
        Objects.requireNonNull(fullRetryAfter, "fullRetryAfter");
        Objects.requireNonNull(clock, "clock");
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must not be negative: " + minFreeBytes);
        }
    }

    /** 64 MiB segments, 2 GiB / 7 days retention, full at 1 GiB unconsumed, fsync on, no repair, 64 MiB reserve. */
    public static JournalConfig defaults() {
        return new JournalConfig(64 * MIB, 2 * GIB, Duration.ofDays(7), GIB, true, false, false,
                Duration.ofSeconds(5), Clock.systemUTC(), 64 * MIB);
    }

    public JournalConfig withSegmentBytes(long v) {
        return new JournalConfig(v, retentionMaxBytes, retentionMaxAge, maxUnconsumedBytes, fsync, repair,
                retentionMayDropUnconsumed, fullRetryAfter, clock, minFreeBytes);
    }

    public JournalConfig withRetentionMaxBytes(long v) {
        return new JournalConfig(segmentBytes, v, retentionMaxAge, maxUnconsumedBytes, fsync, repair,
                retentionMayDropUnconsumed, fullRetryAfter, clock, minFreeBytes);
    }

    public JournalConfig withRetentionMaxAge(Duration v) {
        return new JournalConfig(segmentBytes, retentionMaxBytes, v, maxUnconsumedBytes, fsync, repair,
                retentionMayDropUnconsumed, fullRetryAfter, clock, minFreeBytes);
    }

    public JournalConfig withMaxUnconsumedBytes(long v) {
        return new JournalConfig(segmentBytes, retentionMaxBytes, retentionMaxAge, v, fsync, repair,
                retentionMayDropUnconsumed, fullRetryAfter, clock, minFreeBytes);
    }

    public JournalConfig withFsync(boolean v) {
        return new JournalConfig(segmentBytes, retentionMaxBytes, retentionMaxAge, maxUnconsumedBytes, v, repair,
                retentionMayDropUnconsumed, fullRetryAfter, clock, minFreeBytes);
    }

    public JournalConfig withRepair(boolean v) {
        return new JournalConfig(segmentBytes, retentionMaxBytes, retentionMaxAge, maxUnconsumedBytes, fsync, v,
                retentionMayDropUnconsumed, fullRetryAfter, clock, minFreeBytes);
    }

    public JournalConfig withRetentionMayDropUnconsumed(boolean v) {
        return new JournalConfig(segmentBytes, retentionMaxBytes, retentionMaxAge, maxUnconsumedBytes, fsync, repair,
                v, fullRetryAfter, clock, minFreeBytes);
    }

    public JournalConfig withFullRetryAfter(Duration v) {
        return new JournalConfig(segmentBytes, retentionMaxBytes, retentionMaxAge, maxUnconsumedBytes, fsync, repair,
                retentionMayDropUnconsumed, v, clock, minFreeBytes);
    }

    public JournalConfig withClock(Clock v) {
        return new JournalConfig(segmentBytes, retentionMaxBytes, retentionMaxAge, maxUnconsumedBytes, fsync, repair,
                retentionMayDropUnconsumed, fullRetryAfter, v, minFreeBytes);
    }

    public JournalConfig withMinFreeBytes(long v) {
        return new JournalConfig(segmentBytes, retentionMaxBytes, retentionMaxAge, maxUnconsumedBytes, fsync, repair,
                retentionMayDropUnconsumed, fullRetryAfter, clock, v);
    }
}
