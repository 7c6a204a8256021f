package jp.sukedachi.bench.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends batches as {@code POST /api/v1/ingest} NDJSON bodies from a number of concurrent clients, each a
 * thread doing one synchronous request at a time on its own keep-alive connection (like shippers, which wait for the
 * acknowledgement before sending the next batch). A batch is fine only if the answer is 202 with {@code accepted}
 * equal to its records.
 * <p>Plain HTTP/1.1 over a socket, not {@code java.net.http.HttpClient}: the load generator shares the machine's
 * cores with the server, and the JDK client cost 1.6 µs of CPU per sshd event (a third of what the server spent),
 * which a real shipper on another machine does not take from the receiver. This one writes the request head and the
 * corpus's byte slices and reads the answer (Content-Length or chunked): about a tenth of that.
 */
public final class HttpLoad implements AutoCloseable {
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final int KEPT_ERRORS = 5;

    /** What one pass did. */
    record Result(long accepted, long batches, long bytes, long nanos, long errors, List<String> firstErrors,
            long maxLatencyNanos, long totalLatencyNanos) {
        double eventsPerSecond() {
            return nanos == 0 ? 0 : accepted * 1e9 / nanos;
        }

        static final Result NONE = new Result(0, 0, 0, 0, 0, List.of(), 0, 0);

        /** Two passes as one (errors kept from both, up to the usual few). */
        Result plus(Result o) {
            List<String> errs = new ArrayList<>(firstErrors);
            for (String e : o.firstErrors) {
                if (errs.size() < KEPT_ERRORS) {
                    errs.add(e);
                }
            }
            return new Result(accepted + o.accepted, batches + o.batches, bytes + o.bytes, nanos + o.nanos,
                    errors + o.errors, List.copyOf(errs), Math.max(maxLatencyNanos, o.maxLatencyNanos),
                    totalLatencyNanos + o.totalLatencyNanos);
        }

        double averageLatencyMillis() {
            return batches == 0 ? 0 : totalLatencyNanos / 1e6 / batches;
        }
    }

    private final int port;
    private final int clients;
    /** Kept across passes, so that the CPU time of the client threads can be read after a pass. */
    private final ExecutorService pool;
    /** One keep-alive connection per client thread, reused across passes. */
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final List<Connection> opened = Collections.synchronizedList(new ArrayList<>());

    HttpLoad(int port, int clients) {
        this.port = port;
        this.clients = clients;
        AtomicInteger threadNo = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(clients,
                r -> Thread.ofPlatform().name("bench-client-" + threadNo.incrementAndGet()).daemon().unstarted(r));
    }

    Result run(Corpus corpus, List<Corpus.Batch> batches, String token) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong maxLatency = new AtomicLong();
        AtomicLong totalLatency = new AtomicLong();
        List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
        String head = "POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: ";
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < batches.size()) {
                    Corpus.Batch b = batches.get(i);
                    long sent = System.nanoTime();
                    String problem;
                    try {
                        Answer response = connection().post(head, corpus.bodyBytes(b), out -> corpus.writeBody(b, out));
                        problem = check(response, b.count());
                        if (problem == null) {
                            accepted.addAndGet(b.count());
                            bytes.addAndGet(corpus.bodyBytes(b));
                        }
                    } catch (IOException e) {
                        problem = "request failed: " + e;
                        dropConnection();
                    }
                    long latency = System.nanoTime() - sent;
                    totalLatency.addAndGet(latency);
                    maxLatency.accumulateAndGet(latency, Math::max);
                    if (problem != null) {
                        errors.incrementAndGet();
                        synchronized (firstErrors) {
                            if (firstErrors.size() < KEPT_ERRORS) {
                                firstErrors.add("batch " + i + ": " + problem);
                            }
                        }
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                errors.incrementAndGet();
                firstErrors.add("client failed: " + e.getCause());
            }
        }
        long nanos = System.nanoTime() - start;
        // Fresh connections for the next pass: between passes a connection idles longer than the server keeps it.
        closeConnections();
        return new Result(accepted.get(), batches.size(), bytes.get(), nanos, errors.get(), List.copyOf(firstErrors),
                maxLatency.get(), totalLatency.get());
    }

    private Connection connection() throws IOException {
        Connection c = connections.get();
        if (c == null || c.closed) {
            c = new Connection(port);
            connections.set(c);
            opened.add(c);
        }
        return c;
    }

    private void dropConnection() {
        Connection c = connections.get();
        if (c != null) {
            c.close();
            connections.remove();
        }
    }

    private void closeConnections() {
        synchronized (opened) {
            opened.forEach(Connection::close);
            opened.clear();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        closeConnections();
    }

    /** An answer: status and body. */
    public record Answer(int status, String body) {
    }

    /** Writes a request's body (exactly the length given with it). */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * One keep-alive HTTP/1.1 connection to the server under test (loopback), one request at a time; bench pipeline
     * sends through it too.
     */
    public static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        volatile boolean closed;

        public Connection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) Duration.ofMinutes(2).toMillis());
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        /** {@code head}: the request line and headers up to and including "Content-Length: ". */
        public Answer post(String head, long contentLength, Body writer) throws IOException {
            out.write((head + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            writer.writeTo(out);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("not an HTTP answer: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = colon < 0 ? h : h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : h.substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].strip(), 16)) {
                    body.write(in.readNBytes((int) size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                body.write(in.readNBytes((int) length));
            } else {
                body.write(in.readAllBytes());
                close = true;
            }
            if (close) {
                close();
            }
            return new Answer(code, body.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("the server closed the connection");
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        public boolean isClosed() {
            return closed;
        }

        public void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** Null when the answer is 202 with every record accepted; else what was wrong. */
    private static String check(Answer response, int expected) {
        String body = response.body();
        if (response.status() != 202) {
            return "HTTP " + response.status() + " " + abbreviate(body);
        }
        Matcher m = ACCEPTED.matcher(body);
        if (!m.find()) {
            return "202 without an accepted count: " + abbreviate(body);
        }
        long accepted = Long.parseLong(m.group(1));
        return accepted == expected ? null : "accepted " + accepted + " of " + expected + ": " + abbreviate(body);
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }
}
