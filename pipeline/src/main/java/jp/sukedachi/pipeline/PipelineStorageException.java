package jp.sukedachi.pipeline;

import java.io.Serial;

/**
 * The pipeline could not make a batch durable because its storage refused it (disk below the free-space reserve,
 * or a write error). Nothing of the batch was kept, so the sender may retry it after {@link #retryAfterSeconds()}
 * without creating duplicates. Unchecked so that every receiver's generic error path still refuses the batch;
 * HTTP receivers answer 507 (disk full) or 503 with a Retry-After.
 */
public class PipelineStorageException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int retryAfterSeconds;
    private final boolean diskFull;

    public PipelineStorageException(String message, int retryAfterSeconds, boolean diskFull, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
        this.diskFull = diskFull;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** True when the cause is lack of disk space (507 Insufficient Storage), false for other write errors (503). */
    public boolean diskFull() {
        return diskFull;
    }
}
