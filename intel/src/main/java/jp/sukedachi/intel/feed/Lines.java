package jp.sukedachi.intel.feed;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Reads lines (LF, CRLF or CR) with a length cap: a longer line is returned cut with
 * {@link #truncated()} set, and the rest of it is skipped, so one huge line cannot take the memory.
 */
final class Lines {
    static final int MAX_LINE = 64 * 1024;

    private final Reader in;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private int number;
    private boolean truncated;
    private boolean pendingCr;
    private final StringBuilder line = new StringBuilder(256);

    Lines(Reader in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end. */
    String next() {
        line.setLength(0);
        truncated = false;
        boolean any = false;
        try {
            while (true) {
                if (pos == len) {
                    len = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                char c = buf[pos++];
                if (pendingCr) {
                    pendingCr = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                any = true;
                if (c == '\n') {
                    break;
                }
                if (c == '\r') {
                    pendingCr = true;
                    break;
                }
                if (line.length() < MAX_LINE) {
                    line.append(c);
                } else {
                    truncated = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        number++;
        if (number == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF') {
            line.deleteCharAt(0);
        }
        return line.toString();
    }

    int number() {
        return number;
    }

    boolean truncated() {
        return truncated;
    }
}
