package jp.sukedachi.ingest.journal;

import java.io.IOException;

/**
 * The journal's file system has (or would have after this batch) less free space than
 * {@link JournalConfig#minFreeBytes()}, or a write failed for lack of space. Nothing of the batch was kept, and the
 * journal accepts again as soon as space returns (no reopen needed). Receivers answer 507 with a Retry-After.
 */
public final class JournalDiskFullException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long usableBytes;
    private final long reserveBytes;
    private final long retryAfterSeconds;

    public JournalDiskFullException(String message, long usableBytes, long reserveBytes, long retryAfterSeconds,
            Throwable cause) {
        super(message, cause);
        this.usableBytes = usableBytes;
        this.reserveBytes = reserveBytes;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Free bytes the file system reported when the append was refused. */
    public long usableBytes() {
        return usableBytes;
    }

    /** The configured reserve ({@link JournalConfig#minFreeBytes()}). */
    public long reserveBytes() {
        return reserveBytes;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
