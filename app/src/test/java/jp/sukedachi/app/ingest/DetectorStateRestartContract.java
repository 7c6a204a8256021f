package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.app.SukedachiApplication;
import jp.sukedachi.app.sigma.SigmaRules;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.sigma.SigmaRuleSet;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.app.support.SigmaTestRules;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.pipeline.EventPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A windowed detector half-way through its window when the server stops: the server started again on the same
 * data folder and database restores the window with the stream position, so the rest of the events complete it
 * and it fires exactly once (before the detector state was stored, the count started afresh and never fired).
 * The server is the whole application, stopped and started again; the events go through its journal.
 */
abstract class DetectorStateRestartContract {
    private static final long T0 = 1_780_000_000_000L;
    private static final String CORRELATION_ID = "8f0b7c1e-2d3a-4b5c-9d6e-7f8091a2b3c4";
    private static final String FAILED_LOGON = SigmaTestRules.failedLogon("3a1f0c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
            "Failed Logon");
    private static final String FIVE_FAILED_LOGONS = SigmaTestRules.fiveFailedLogons(CORRELATION_ID,
            "3a1f0c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "Five Failed Logons Within Ten Minutes");

    @TempDir
    Path data;

    /** Further {@code --key=value} arguments naming the database (none: H2 in the data folder). */
    abstract List<String> databaseArgs();

    @Test
    void aWindowedDetectorHalfWayThroughItsWindowFiresOnceAfterARestart() throws Exception {
        UUID tenant;
        try (ConfigurableApplicationContext server = start(true)) {
            tenant = company(server);
            submit(server, failedLogons(tenant, 0, 3));
        }
        try (ConfigurableApplicationContext server = start(true)) {
            submit(server, failedLogons(tenant, 3, 2));
            assertThat(detections(server, tenant, FailedLogons.ID, "five")).as("5 of 5, across the restart").isEqualTo(1);
            assertThat(alerts(server, tenant, FailedLogons.ID, "five")).isEqualTo(1);
            submit(server, failedLogons(tenant, 5, 1));
            assertThat(detections(server, tenant, FailedLogons.ID, "five")).as("the sixth does not fire again").isEqualTo(1);
        }
    }

    @Test
    void aSigmaCorrelationHalfWayThroughItsWindowFiresOnceAfterARestart() throws Exception {
        UUID tenant;
        try (ConfigurableApplicationContext server = start(false)) {
            tenant = company(server);
            installRules(server);
            submit(server, failedLogons(tenant, 0, 3));
            assertThat(detections(server, tenant, "sigma", CORRELATION_ID)).isZero();
        }
        try (ConfigurableApplicationContext server = start(false)) {
            installRules(server);
            submit(server, failedLogons(tenant, 3, 2));
            assertThat(detections(server, tenant, "sigma", CORRELATION_ID)).as("5 of 5, across the restart").isEqualTo(1);
            assertThat(alerts(server, tenant, "sigma", CORRELATION_ID)).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start(boolean withTestDetector) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--sukedachi.data-dir=" + data,
                "--sukedachi.syslog.enabled=false", "--sukedachi.intel.refresh-initial-ms=3600000",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        args.addAll(databaseArgs());
        SpringApplicationBuilder builder = new SpringApplicationBuilder(SukedachiApplication.class);
        if (withTestDetector) {
            // Registered like every detector: a Detector bean (a prototype: each stream its own), found by the stages.
            builder.initializers(context -> ((GenericApplicationContext) context).registerBean(FailedLogons.ID,
                    Detector.class, FailedLogons::new, bean -> bean.setScope("prototype")));
        }
        return builder.run(args.toArray(String[]::new));
    }

    private static UUID company(ConfigurableApplicationContext server) {
        TestWorld world = server.getBean(TestWorld.class);
        return world.tenant(world.admin().actor(), TestWorld.unique("Restart")).id();
    }

    private static void installRules(ConfigurableApplicationContext server) throws InterruptedException {
        SigmaRules sigma = server.getBean(SigmaRules.class);
        // After the background load of the rules folder, which would replace these.
        assertThat(sigma.awaitFirstLoad(Duration.ofSeconds(60))).isTrue();
        sigma.install(new SigmaRuleSet.Builder().add(FAILED_LOGON, "failed-logon.yml", "windows/builtin")
                .add(FIVE_FAILED_LOGONS, "five-failed-logons.yml", "windows/correlation").build());
    }

    /** Failed logons of one user a minute apart, from {@code from} on. */
    static List<SecurityEvent> failedLogons(UUID tenant, int from, int n) {
        List<SecurityEvent> events = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            events.add(SecurityEvent.builder("windows").tenant(new TenantId(tenant))
                    .device(new DeviceId(new UUID(13, 13))).timestamp(T0 + i * 60_000L).received(0).raw("{}")
                    .original("EventID", "4625").original("Channel", "Security").original("Computer", "PC-07")
                    .original("TargetUserName", "yamada").build());
        }
        return events;
    }

    /** Submits through the journal and waits until the stages have committed everything. */
    private static void submit(ConfigurableApplicationContext server, List<SecurityEvent> events) throws Exception {
        EventPipeline pipeline = server.getBean(EventPipeline.class);
        pipeline.submit(events);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (pipeline.status().backlogRecords() > 0) {
            assertThat(System.nanoTime()).as("the pipeline caught up").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long detections(ConfigurableApplicationContext server, UUID tenant, String detector, String rule) {
        return server.getBean(JdbcClient.class).sql(
                "select count(*) from detection where tenant_id = :t and detector = :d and rule_id = :r")
                .param("t", tenant).param("d", detector).param("r", rule).query(Long.class).single();
    }

    private static long alerts(ConfigurableApplicationContext server, UUID tenant, String detector, String rule) {
        return server.getBean(JdbcClient.class).sql(
                "select count(*) from alert where tenant_id = :t and detector = :d and rule_id = :r")
                .param("t", tenant).param("d", detector).param("r", rule).query(Long.class).single();
    }

    /**
     * Fires when one company's failed logons reach five within ten minutes of event time; the timestamps of the
     * window are its state (a version number first, so another format is refused).
     */
    static final class FailedLogons implements Detector {
        static final String ID = "failed-logons";
        private static final long WINDOW = Duration.ofMinutes(10).toMillis();
        private final Map<UUID, Deque<Long>> windows = new TreeMap<>();
        private byte[] state;

        @Override
        public String id() {
            return ID;
        }

        @Override
        public void detect(SecurityEvent event, DetectionSink sink) {
            if (!"4625".equals(event.originalFields().get("EventID"))) {
                return;
            }
            Deque<Long> times = windows.computeIfAbsent(event.tenant().value(), t -> new ArrayDeque<>());
            times.addLast(event.timestampMillis());
            while (times.getFirst() <= event.timestampMillis() - WINDOW) {
                times.removeFirst();
            }
            state = null;
            if (times.size() == 5) {
                sink.accept(new Detection(event.tenant(), event.device(), event.timestampMillis(), ID, "five",
                        "Five failed logons within ten minutes", Detection.Severity.HIGH, Category.PASSWORD_GUESSING,
                        event, Map.of()));
            }
        }

        @Override
        public byte[] snapshot() {
            if (state == null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                write(bytes, out -> {
                    out.writeInt(1);
                    out.writeInt(windows.size());
                    for (var e : windows.entrySet()) {
                        out.writeUTF(e.getKey().toString());
                        out.writeInt(e.getValue().size());
                        for (long t : e.getValue()) {
                            out.writeLong(t);
                        }
                    }
                });
                state = bytes.toByteArray();
            }
            return state;
        }

        @Override
        public void restore(byte[] stored) {
            Map<UUID, Deque<Long>> read = new TreeMap<>();
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
                if (in.readInt() != 1) {
                    throw new IllegalArgumentException("unknown state version");
                }
                for (int n = in.readInt(); n > 0; n--) {
                    Deque<Long> times = read.computeIfAbsent(UUID.fromString(in.readUTF()), t -> new ArrayDeque<>());
                    for (int k = in.readInt(); k > 0; k--) {
                        times.addLast(in.readLong());
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("damaged state", e);
            }
            windows.clear();
            windows.putAll(read);
            state = null;
        }

        private interface Writer {
            void write(DataOutputStream out) throws IOException;
        }

        private static void write(ByteArrayOutputStream bytes, Writer writer) {
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                writer.write(out);
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
        }
    }
}
