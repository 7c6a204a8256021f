package jp.sukedachi.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * thread doing one synchronous request at a time (like shippers, which wait for the acknowledgement before
 * sending the next batch). A batch is fine only if the answer is 202 with {@code accepted} equal to its records.
 */
final class HttpLoad implements AutoCloseable {
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

    private final HttpClient client;
    private final URI uri;
    private final int clients;
    /** Kept across passes, so that the CPU time of the client threads can be read after a pass. */
    private final ExecutorService pool;

    HttpLoad(int port, int clients) {
        this.clients = clients;
        AtomicInteger threadNo = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(clients,
                r -> Thread.ofPlatform().name("bench-client-" + threadNo.incrementAndGet()).daemon().unstarted(r));
        this.uri = URI.create("http://127.0.0.1:" + port + "/api/v1/ingest");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    Result run(Corpus corpus, List<Corpus.Batch> batches, String token) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong maxLatency = new AtomicLong();
        AtomicLong totalLatency = new AtomicLong();
        List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < batches.size()) {
                    Corpus.Batch b = batches.get(i);
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofMinutes(2))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/x-ndjson")
                            .POST(corpus.body(b))
                            .build();
                    long sent = System.nanoTime();
                    String problem;
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        problem = check(response, b.count());
                        if (problem == null) {
                            accepted.addAndGet(b.count());
                            bytes.addAndGet(corpus.bodyBytes(b));
                        }
                    } catch (IOException e) {
                        problem = "request failed: " + e;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
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
        return new Result(accepted.get(), batches.size(), bytes.get(), nanos, errors.get(), List.copyOf(firstErrors),
                maxLatency.get(), totalLatency.get());
    }

    @Override
    public void close() {
        pool.shutdownNow();
        client.close();
    }

    /** Null when the answer is 202 with every record accepted; else what was wrong. */
    private static String check(HttpResponse<String> response, int expected) {
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() != 202) {
            return "HTTP " + response.statusCode() + " " + abbreviate(body);
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
