package jp.sukedachi.simulate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends simulated records through Sukedachi's real receivers, as the devices would: FortiGate lines over
 * syslog TCP (octet counting) from the device's own loopback source address, EVE and Zeek lines as NDJSON to
 * {@code POST /api/v1/ingest}, Windows events to the Elasticsearch {@code _bulk} API, each with the device's
 * token. A 503 (journal full) is retried after the server's {@code Retry-After}; any other refusal fails the
 * send, so nothing is lost silently.
 */
public final class Sender implements AutoCloseable {
    private static final int MAX_BATCH = 1_000;

    /** Where to send: the HTTP base URL and the syslog TCP port (same host); {@code syslogPort} ≤ 0: via HTTP. */
    public record Target(URI base, int syslogPort) {
    }

    /** How many records went out per channel. */
    public record Sent(long http, long bulk, long syslog) {
        public long total() {
            return http + bulk + syslog;
        }
    }

    private final Target target;
    /** Token per device, keyed by {@code company + "/" + device}. */
    private final Map<String, String> tokens;
    private final Map<String, String> sourceIps;
    private final HttpClient http;
    private final ExecutorService pool;
    private final Map<String, Socket> syslogSockets = new HashMap<>();

    public Sender(Target target, Map<String, String> tokens, SimWorld world, int parallelism) {
        this.target = target;
        this.tokens = Map.copyOf(tokens);
        Map<String, String> sources = new HashMap<>();
        for (SimWorld.Company c : world.companies()) {
            for (SimWorld.Device d : c.devices()) {
                if (d.sourceIp() != null) {
                    sources.put(key(c.slug(), d.name()), d.sourceIp());
                }
            }
        }
        this.sourceIps = Map.copyOf(sources);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        this.pool = Executors.newFixedThreadPool(Math.max(1, parallelism),
                r -> Thread.ofPlatform().name("simulate-sender").daemon().unstarted(r));
    }

    public static String key(String company, String device) {
        return company + "/" + device;
    }

    /** Sends the records, device by device in parallel, each device's records in order. */
    public synchronized Sent send(List<SimRecord> records) throws IOException, InterruptedException {
        Map<String, List<SimRecord>> byDevice = new LinkedHashMap<>();
        for (SimRecord r : records) {
            byDevice.computeIfAbsent(key(r.company(), r.device()), k -> new ArrayList<>()).add(r);
        }
        AtomicLong httpCount = new AtomicLong();
        AtomicLong bulkCount = new AtomicLong();
        AtomicLong syslogCount = new AtomicLong();
        List<Future<?>> running = new ArrayList<>();
        for (var e : byDevice.entrySet()) {
            String token = tokens.get(e.getKey());
            if (token == null) {
                throw new IllegalStateException("no token for device " + e.getKey());
            }
            List<SimRecord> list = e.getValue();
            Wire wire = list.getFirst().wire();
            running.add(pool.submit(() -> {
                switch (wire.channel()) {
                    case SYSLOG -> {
                        if (target.syslogPort() > 0) {
                            syslog(e.getKey(), list);
                            syslogCount.addAndGet(list.size());
                        } else {
                            post("/api/v1/ingest", token, list, false);
                            httpCount.addAndGet(list.size());
                        }
                    }
                    case HTTP -> {
                        post("/api/v1/ingest", token, list, false);
                        httpCount.addAndGet(list.size());
                    }
                    case BULK -> {
                        post("/api/v1/_bulk", token, list, true);
                        bulkCount.addAndGet(list.size());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException ex) {
                Throwable cause = ex.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IOException("sending failed: " + cause, cause);
            }
        }
        return new Sent(httpCount.get(), bulkCount.get(), syslogCount.get());
    }

    private void post(String path, String token, List<SimRecord> records, boolean bulk) throws IOException, InterruptedException {
        for (int from = 0; from < records.size(); from += MAX_BATCH) {
            List<SimRecord> batch = records.subList(from, Math.min(records.size(), from + MAX_BATCH));
            StringBuilder body = new StringBuilder(batch.size() * 500);
            for (SimRecord r : batch) {
                if (bulk) {
                    body.append("{\"create\":{\"_index\":\"winlogbeat\"}}\n");
                }
                body.append(r.line()).append('\n');
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            for (int attempt = 1; ; attempt++) {
                HttpRequest request = HttpRequest.newBuilder(target.base().resolve(path))
                        .timeout(Duration.ofMinutes(2))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || response.statusCode() == 202) {
                    break;
                }
                if (response.statusCode() == 503 && attempt < 30) {
                    long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
                    Thread.sleep(Math.max(200, Math.min(wait, 10) * 1000));
                    continue;
                }
                throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    private void syslog(String deviceKey, List<SimRecord> records) throws IOException {
        Socket socket;
        synchronized (syslogSockets) {
            socket = syslogSockets.get(deviceKey);
        }
        if (socket == null || socket.isClosed()) {
            socket = new Socket();
            String source = sourceIps.get(deviceKey);
            if (source != null) {
                // The receiver tells devices apart by sender address, as it would real UTMs.
                socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            }
            socket.connect(new InetSocketAddress(target.base().getHost(), target.syslogPort()), 10_000);
            synchronized (syslogSockets) {
                syslogSockets.put(deviceKey, socket);
            }
        }
        OutputStream out = socket.getOutputStream();
        StringBuilder sb = new StringBuilder(records.size() * 400);
        for (SimRecord r : records) {
            int length = r.line().getBytes(StandardCharsets.UTF_8).length;
            sb.append(length).append(' ').append(r.line());
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        synchronized (syslogSockets) {
            for (Socket s : syslogSockets.values()) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            syslogSockets.clear();
        }
    }
}
