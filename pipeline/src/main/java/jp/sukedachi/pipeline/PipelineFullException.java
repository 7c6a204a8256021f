package jp.sukedachi.pipeline;

import java.io.Serial;

/** The journal holds too much unprocessed data; senders should retry after {@link #retryAfterSeconds()}. */
public class PipelineFullException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int retryAfterSeconds;

    public PipelineFullException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
