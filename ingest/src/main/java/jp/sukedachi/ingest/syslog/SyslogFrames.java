package jp.sukedachi.ingest.syslog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Syslog framing on bytes (decoding comes after, per device charset). TCP: RFC 6587 octet-counting
 * ("LEN SP MSG": one record even when MSG holds line breaks) or non-transparent framing ended by LF or
 * NUL. UDP: one datagram is one record (RFC 5426); an octet-count prefix, as {@code logger -d
 * --octet-count} sends, is removed. Trailing NUL, CR and LF are trailers, never part of the record.
 */
public final class SyslogFrames {
    /** The longest frame taken; a longer non-transparent frame is cut here and reported as such. */
    public static final int MAX_FRAME = 64 * 1024;
    private static final byte[] NONE = new byte[0];

    private SyslogFrames() {
    }

    /** One frame read from a stream. {@code cut} says the sender's frame was longer than {@link #MAX_FRAME}. */
    public record Frame(byte[] bytes, boolean cut) {
    }

    /** The next TCP frame, or null at the end of the stream. Empty frames (blank lines) are skipped. */
    public static Frame read(InputStream in) throws IOException {
        while (true) {
            int c = in.read();
            while (c == '\n' || c == '\r' || c == 0) {
                c = in.read();
            }
            if (c < 0) {
                return null;
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
            if (c >= '1' && c <= '9') {
                long length = c - '0';
                int d;
                int digits = 1;
                while ((d = in.read()) >= '0' && d <= '9' && digits < 10) {
                    length = length * 10 + (d - '0');
                    digits++;
                }
                if (d == ' ') {
                    byte[] frame = in.readNBytes((int) Math.min(length, MAX_FRAME));
                    if (length > MAX_FRAME) {
                        // Too long to take whole: keep the start, skip the rest so the next frame still lines up.
                        in.skipNBytes(length - MAX_FRAME);
                        return new Frame(trimTrailer(frame, frame.length), true);
                    }
                    if (frame.length < length) {
                        return new Frame(trimTrailer(frame, frame.length), true); // the stream ended mid-frame
                    }
                    byte[] trimmed = trimTrailer(frame, frame.length);
                    if (trimmed.length == 0) {
                        continue;
                    }
                    return new Frame(trimmed, false);
                }
                // Not octet-counting after all: the digits belong to a newline-framed message.
                buf.write(Long.toString(length).getBytes(StandardCharsets.US_ASCII));
                c = d;
            }
            boolean cut = false;
            while (c >= 0 && c != '\n' && c != 0) {
                if (buf.size() < MAX_FRAME) {
                    buf.write(c);
                } else {
                    cut = true;
                }
                c = in.read();
            }
            byte[] bytes = buf.toByteArray();
            byte[] trimmed = trimTrailer(bytes, bytes.length);
            if (trimmed.length > 0 || c < 0) {
                return trimmed.length == 0 ? null : new Frame(trimmed, cut);
            }
        }
    }

    /**
     * The record a UDP datagram carries: without an RFC 6587 octet-count prefix whose count matches the
     * rest of the datagram, and without trailing NUL/CR/LF.
     */
    public static byte[] datagram(byte[] data, int length) {
        int digits = 0;
        long count = 0;
        while (digits < length && digits < 10 && data[digits] >= '0' && data[digits] <= '9') {
            count = count * 10 + (data[digits] - '0');
            digits++;
        }
        if (digits > 0 && data[0] != '0' && digits < length && data[digits] == ' ') {
            int rest = length - digits - 1;
            // The count must match what follows (up to trailers), so a message that merely starts with a number stays whole.
            byte[] body = Arrays.copyOfRange(data, digits + 1, length);
            if (count == rest || count == trimTrailer(body, body.length).length) {
                return trimTrailer(body, body.length);
            }
        }
        return trimTrailer(data, length);
    }

    /** The bytes without trailing NUL, CR and LF (RFC 6587 trailers, and C senders' string terminators). */
    public static byte[] trimTrailer(byte[] data, int length) {
        int end = length;
        while (end > 0 && (data[end - 1] == '\n' || data[end - 1] == '\r' || data[end - 1] == 0)) {
            end--;
        }
        return end == 0 ? NONE : Arrays.copyOf(data, end);
    }

    /** The text without trailing NUL, CR and LF; for line readers of other receivers (e.g. HTTP ingest). */
    public static String trimTrailer(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r' || text.charAt(end - 1) == 0)) {
            end--;
        }
        return text.substring(0, end);
    }
}
