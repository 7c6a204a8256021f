package jp.sukedachi.app.config;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes and fails past a limit: request bodies and downloaded feeds (also after gunzip, which
 * bounds compression bombs) can never make the server read without end.
 */
public final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** Thrown once more than the limit was read. */
    public static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceededException(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && ++count > limit) {
            throw new LimitExceededException(limit);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0 && (count += n) > limit) {
            throw new LimitExceededException(limit);
        }
        return n;
    }
}
