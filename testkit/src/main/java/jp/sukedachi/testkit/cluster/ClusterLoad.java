package jp.sukedachi.testkit.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP load on a receiver as devices send it: one thread posts batches of Suricata EVE flow records to each device in
 * turn and counts, per device, every event the receiver acknowledged (202 with all of the batch accepted); a refusal
 * (503) or an error counts nothing. The flows carry {@code eventTime}, so they never move a detector's event-time
 * clock past a window the test holds open.
 */
public final class ClusterLoad implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> tokens;
    private final Instant eventTime;
    private final Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
    /** Events of requests not acknowledged: a refusal whose Kafka commit went through after all may still be kept. */
    private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong nextFlow = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile String lastRefusal = "";
    private Thread thread;

    /** {@code tokens}: device key → token of the devices the load goes to. */
    public ClusterLoad(String base, Map<String, String> tokens, Instant eventTime) {
        this.base = base;
        this.tokens = Map.copyOf(tokens);
        this.eventTime = eventTime;
        tokens.keySet().forEach(k -> {
            acknowledged.put(k, new AtomicLong());
            refused.put(k, new AtomicLong());
        });
    }

    /** Starts posting {@code perBatch} flows per request, pausing {@code pause} between requests, until closed. */
    public ClusterLoad start(int perBatch, Duration pause) {
        return start(perBatch, pause, Long.MAX_VALUE);
    }

    /** As {@link #start(int, Duration)}, ending by itself once {@code limit} events are acknowledged. */
    public ClusterLoad start(int perBatch, Duration pause, long limit) {
        List<String> devices = List.copyOf(new TreeMap<>(tokens).keySet());
        thread = Thread.ofPlatform().name("cluster-load").daemon().start(() -> {
            for (long i = 0; !stop.get() && acknowledgedTotal() < limit; i++) {
                String device = devices.get((int) (i % devices.size()));
                StringBuilder body = new StringBuilder();
                for (int n = 0; n < perBatch; n++) {
                    body.append("{\"timestamp\":\"").append(eventTime).append("\",\"flow_id\":")
                            .append(nextFlow.incrementAndGet()).append(",\"event_type\":\"flow\",\"src_ip\":\"10.88.0.")
                            .append(1 + n % 20).append("\",\"src_port\":50000,\"dest_ip\":\"198.51.100.")
                            .append(1 + n % 7).append("\",\"dest_port\":443,\"proto\":\"TCP\"}\n");
                }
                post(device, "suricata-eve", body.toString(), perBatch);
                try {
                    if (!pause.isZero()) {
                        Thread.sleep(pause);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return this;
    }

    /**
     * Posts {@code lines} records in {@code format} to the device; counts them as acknowledged when all were accepted.
     *
     * @return the HTTP status (-1: no answer)
     */
    public int post(String device, String format, String lines, int count) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/ingest?format=" + format))
                    .header("Authorization", "Bearer " + tokens.get(device)).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), HttpResponse.BodyHandlers.ofString());
            statuses.computeIfAbsent(r.statusCode(), s -> new AtomicLong()).incrementAndGet();
            if (r.statusCode() == 202 && r.body().contains("\"accepted\":" + count + ",")) {
                acknowledged.get(device).addAndGet(count);
            } else {
                refused.get(device).addAndGet(count);
                lastRefusal = r.statusCode() + " " + r.headers().firstValue("Retry-After").orElse("-") + " " + r.body();
            }
            return r.statusCode();
        } catch (IOException e) {
            refused.get(device).addAndGet(count);
            errors.incrementAndGet();
            lastRefusal = e.toString();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Device key → events the receiver acknowledged. */
    public Map<String, Long> acknowledged() {
        Map<String, Long> out = new TreeMap<>();
        acknowledged.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Device key → events of requests that were refused or not answered (not acknowledged). */
    public Map<String, Long> refused() {
        Map<String, Long> out = new TreeMap<>();
        refused.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Counts {@code n} events sent to the device outside this load and refused. */
    public void refusedElsewhere(String device, long n) {
        refused.get(device).addAndGet(n);
    }

    public long acknowledgedTotal() {
        return acknowledged.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** HTTP status → requests answered so. */
    public Map<Integer, Long> statuses() {
        Map<Integer, Long> out = new TreeMap<>();
        statuses.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long count(int status) {
        AtomicLong n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    public long errors() {
        return errors.get();
    }

    public String lastRefusal() {
        return lastRefusal;
    }

    /** Until the load ended by itself (its limit reached). */
    public void awaitDone() throws InterruptedException {
        thread.join();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        if (thread != null) {
            thread.join(70_000);
        }
    }
}
