package jp.sukedachi.app.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import jp.sukedachi.event.EventCodec;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.journal.Journal;
import jp.sukedachi.ingest.journal.JournalConfig;
import jp.sukedachi.ingest.journal.JournalReader;
import jp.sukedachi.ingest.journal.JournalRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load for the crash tests: two clients post batches of 100 uniquely numbered records to a device and
 * remember the ids of every batch the server acknowledged; then the journal on disk is read back to
 * count each id. The test kills the server while the clients are still sending.
 */
public final class CrashLoad {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> clients = new ArrayList<>();

    /** Starts the clients; {@code record} turns a unique id into one NDJSON line carrying it. */
    public static CrashLoad start(int port, String token, AtomicLong nextId, Set<Long> acknowledged,
            LongFunction<String> record) {
        CrashLoad load = new CrashLoad();
        for (int c = 0; c < 2; c++) {
            load.clients.add(Thread.ofPlatform().start(() -> {
                while (!load.stop.get()) {
                    List<Long> ids = new ArrayList<>();
                    StringBuilder body = new StringBuilder();
                    for (int i = 0; i < 100; i++) {
                        long id = nextId.incrementAndGet();
                        ids.add(id);
                        body.append(record.apply(id)).append('\n');
                    }
                    try {
                        var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest"))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 202 && JSON.readTree(r.body()).get("accepted").asInt() == 100) {
                            acknowledged.addAll(ids);
                        }
                    } catch (IOException | InterruptedException e) {
                        return; // the server is gone
                    }
                }
            }));
        }
        return load;
    }

    /** Stops the clients (after the kill they end on their own) and waits for them. */
    public void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : clients) {
            t.join(10_000);
        }
    }

    /** {@code flow_id} → how often a matching event is in the journal under {@code data}. */
    public static Map<Long, Integer> journalIds(Path data, String checker, Predicate<SecurityEvent> filter)
            throws Exception {
        Map<Long, Integer> counts = new HashMap<>();
        try (Journal journal = Journal.open(data.resolve("journal"), JournalConfig.defaults())) {
            try (JournalReader reader = journal.reader(checker, -1)) {
                List<JournalRecord> batch;
                while (!(batch = reader.poll(10_000, Duration.ofMillis(50))).isEmpty()) {
                    for (JournalRecord r : batch) {
                        SecurityEvent e = EventCodec.decode(r.payload());
                        String id = e.original("flow_id");
                        if (id != null && filter.test(e)) {
                            counts.merge(Long.parseLong(id), 1, Integer::sum);
                        }
                    }
                }
            }
            // A check must not hold back retention or count as a lagging consumer afterwards.
            journal.removeConsumer(checker);
        }
        return counts;
    }
}
