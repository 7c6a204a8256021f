package jp.sukedachi.ingest.journal;

/**
 * The slowest registered consumer is more than {@link JournalConfig#maxUnconsumedBytes()} behind: the journal
 * refuses new data instead of deleting unconsumed data. Receivers map this to 429/503 with a Retry-After header.
 * Checked so that every receiver has to decide what to answer.
 */
public final class JournalFullException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;
    private final String consumer;
    private final long unconsumedBytes;

    public JournalFullException(String consumer, long unconsumedBytes, long retryAfterSeconds) {
        super("journal full: consumer '" + consumer + "' has " + unconsumedBytes + " unconsumed bytes; retry after "
                + retryAfterSeconds + " s");
        this.consumer = consumer;
        this.unconsumedBytes = unconsumedBytes;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds for the Retry-After header. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The consumer that is furthest behind ({@code "(none)"} when no consumer is registered). */
    public String consumer() {
        return consumer;
    }

    public long unconsumedBytes() {
        return unconsumedBytes;
    }
}
