package jp.sukedachi.app.config;

import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Request bodies of the receivers (ingest, _bulk, intel import), read the same strict way: the
 * Content-Encoding decoded (gzip, deflate as zlib or raw; anything else refused), the declared charset
 * honoured and checked, a limit before and after decompression. Every problem is a {@link Refused}
 * naming it, thrown before the caller stores anything, so a sender's retry cannot duplicate.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** A body that is not read, with the HTTP status and a message that says what to change. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final HttpStatus status;
        private final String error;

        public Refused(HttpStatus status, String error, String message) {
            super(message);
            this.status = status;
            this.error = error;
        }

        public HttpStatus status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    /** The body with its Content-Encoding removed, limited to {@code limit} bytes before and after decoding. */
    public static InputStream decoded(HttpServletRequest request, long limit) throws IOException {
        InputStream in = new LimitedInputStream(request.getInputStream(), limit);
        List<String> codings = codings(request.getHeader(HttpHeaders.CONTENT_ENCODING));
        // Codings are listed in the order they were applied, so they come off in reverse.
        for (int i = codings.size() - 1; i >= 0; i--) {
            in = switch (codings.get(i)) {
                case "gzip", "x-gzip" -> gzip(in);
                case "deflate" -> deflate(in);
                default -> throw new IllegalStateException();
            };
        }
        return codings.isEmpty() ? in : new LimitedInputStream(in, limit);
    }

    private static List<String> codings(String header) {
        List<String> codings = new ArrayList<>();
        if (header == null) {
            return codings;
        }
        for (String part : header.split(",")) {
            String coding = part.strip().toLowerCase(Locale.ROOT);
            switch (coding) {
                case "", "identity" -> { }
                case "gzip", "x-gzip", "deflate" -> codings.add(coding);
                default -> throw new Refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_content_encoding",
                        "Content-Encoding '" + part.strip() + "' is not supported; send the body uncompressed, gzip or deflate");
            }
        }
        return codings;
    }

    private static InputStream gzip(InputStream in) throws IOException {
        try {
            return new GZIPInputStream(in, 64 * 1024);
        } catch (ZipException | EOFException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "bad_gzip",
                    "Content-Encoding says gzip but the body is not gzip data (" + e.getMessage() + ")");
        }
    }

    /** HTTP's "deflate" is zlib-wrapped (RFC 9110), but many senders send raw deflate: both are read. */
    private static InputStream deflate(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(2);
        int cmf = buffered.read();
        int flg = buffered.read();
        buffered.reset();
        boolean zlib = cmf >= 0 && flg >= 0 && (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
        return new InflaterInputStream(buffered, new Inflater(!zlib), 64 * 1024);
    }

    /** The charset the Content-Type declares (UTF-8 when none); an unknown one is refused. */
    public static Charset charset(HttpServletRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            for (String param : type.split(";")) {
                String p = param.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).strip().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        throw new Refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_charset",
                                "charset '" + name + "' is not known; send UTF-8 or name a standard charset such as Shift_JIS");
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Whether the Content-Type names a charset (if not, a receiver may read records in the device's charset). */
    public static boolean declaresCharset(HttpServletRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).contains("charset=");
    }

    /**
     * The whole body split at LF, read before anything is stored, for receivers that decode each record in the
     * device's charset; a truncated body or one over the limit is refused here. The lines are ranges of one array
     * (no copy per line).
     */
    public static ByteLines byteLines(HttpServletRequest request, long limit) {
        byte[] all;
        try (InputStream in = decoded(request, limit)) {
            long declared = request.getContentLengthLong();
            // Uncompressed with a length: read into an array of exactly that size (readAllBytes would gather
            // chunks and copy them once more).
            all = declared >= 0 && declared <= limit && request.getHeader(HttpHeaders.CONTENT_ENCODING) == null
                    ? exactly(in, (int) declared) : in.readAllBytes();
        } catch (IOException e) {
            throw refusal(e, limit, StandardCharsets.UTF_8, 0);
        }
        int[] ends = new int[16];
        int count = 0;
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                if (i > start || i < all.length) {
                    if (count == ends.length) {
                        ends = Arrays.copyOf(ends, count * 2);
                    }
                    ends[count++] = i; // the line ends before the LF (or at the end of the body)
                }
                start = i + 1;
            }
        }
        return new ByteLines(all, ends, count);
    }

    private static byte[] exactly(InputStream in, int length) throws IOException {
        byte[] all = new byte[length];
        int read = in.readNBytes(all, 0, length);
        if (read < length) {
            throw new EOFException("the body ended after " + read + " of the " + length + " bytes its length announced");
        }
        if (in.read() >= 0) {
            // More than Content-Length: the container never hands that over, but refuse rather than drop bytes.
            throw new IOException("the body is longer than the " + length + " bytes its length announced");
        }
        return all;
    }

    /** The lines of a body: line {@code i} is {@code body[start(i) .. end(i))}, without its LF. */
    public record ByteLines(byte[] body, int[] ends, int count) {
        public int start(int i) {
            return i == 0 ? 0 : ends[i - 1] + 1;
        }

        public int end(int i) {
            return ends[i];
        }
    }

    /** A reader that fails on bytes that are not valid in the charset instead of replacing them with U+FFFD. */
    public static BufferedReader strictReader(InputStream in, Charset charset) {
        return new BufferedReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
    }

    /**
     * The whole body as lines, read before anything is stored: a truncated or corrupt compressed body,
     * bytes that are not the declared charset, or a body over the limit are refused here.
     */
    public static List<String> lines(HttpServletRequest request, long limit) {
        Charset charset = charset(request);
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = strictReader(decoded(request, limit), charset)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw refusal(e, limit, charset, lines.size() + 1);
        }
    }

    /** What an I/O failure while reading a body means for the sender. */
    public static Refused refusal(IOException e, long limit, Charset charset, long line) {
        if (e instanceof LimitedInputStream.LimitExceededException) {
            return new Refused(HttpStatus.CONTENT_TOO_LARGE, "body_too_large", "the request body exceeds " + limit
                    + " bytes (uncompressed); send smaller batches");
        }
        if (e instanceof CharacterCodingException) {
            return new Refused(HttpStatus.BAD_REQUEST, "bad_charset", "line " + line + " is not valid " + charset.name()
                    + "; declare the body's charset in Content-Type (for example text/plain; charset=Shift_JIS)");
        }
        if (e instanceof EOFException || e instanceof ZipException) {
            return new Refused(HttpStatus.BAD_REQUEST, "bad_compression", "the compressed body is truncated or corrupt ("
                    + e.getMessage() + "); nothing of it was stored, send it again");
        }
        return new Refused(HttpStatus.BAD_REQUEST, "body_unreadable", "the request body could not be read ("
                + e.getMessage() + "); nothing of it was stored, send it again");
    }
}
