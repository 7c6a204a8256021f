package jp.sukedachi.ingest.journal;

import java.io.IOException;

/**
 * Durable journal data failed its CRC or framing check somewhere other than a torn tail. Thrown by
 * {@link Journal#open} for corruption in the middle of the last segment (with the {@link RecoveryReport}; reopen
 * with {@link JournalConfig#withRepair(boolean) repair} to truncate there) and by readers that meet a bad frame in
 * data that was acknowledged.
 */
public final class JournalCorruptedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient RecoveryReport report;

    public JournalCorruptedException(String message, RecoveryReport report) {
        super(message);
        this.report = report;
    }

    /** The recovery report when thrown by {@link Journal#open}; {@code null} when thrown by a reader. */
    public RecoveryReport report() {
        return report;
    }
}
