package jp.sukedachi.bench.ingest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.sukedachi.app.SukedachiApplication;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantDraft;
import jp.sukedachi.app.tenant.TenantService;
import jp.sukedachi.app.tenant.UserService;
import jp.sukedachi.ingest.journal.JournalMetrics;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.embedded.EmbeddedPipeline;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real Sukedachi server, started in this JVM: embedded runtime, in-memory H2, the journal in a data
 * folder with fsync as configured, HTTP on a free port. One admin, one tenant, one device per format,
 * created through the application's own services (audit, validation and token hashing included).
 */
final class ServerUnderTest implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final int port;
    private final Actor admin;
    private final Tenant tenant;

    private ServerUnderTest(ConfigurableApplicationContext context, int port, Actor admin, Tenant tenant) {
        this.context = context;
        this.port = port;
        this.admin = admin;
        this.tenant = tenant;
    }

    static ServerUnderTest start(Path dataDir, boolean fsync) {
        Map<String, String> props = new TreeMap<>();
        props.put("sukedachi.data-dir", dataDir.toString());
        props.put("spring.datasource.url",
                "jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        props.put("server.port", "0");
        props.put("sukedachi.syslog.enabled", "false");
        props.put("sukedachi.journal.fsync", Boolean.toString(fsync));
        props.put("logging.level.root", "WARN");
        props.put("spring.main.banner-mode", "off");
        // The first start on an empty database prints where the initial admin's password went: not ours.
        PrintStream out = System.out;
        ByteArrayOutputStream swallowed = new ByteArrayOutputStream();
        ConfigurableApplicationContext context;
        System.setOut(new PrintStream(swallowed, true, StandardCharsets.UTF_8));
        try {
            // As command-line arguments: they outrank application.yml (builder.properties() would not).
            String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            context = new SpringApplicationBuilder(SukedachiApplication.class).run(args);
        } catch (RuntimeException e) {
            System.setOut(out);
            System.err.print(swallowed.toString(StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(out);
        }
        try {
            // Guard against a setting losing to a config file or the environment: the data would land elsewhere.
            for (String key : List.of("sukedachi.data-dir", "spring.datasource.url", "sukedachi.journal.fsync")) {
                String effective = context.getEnvironment().getProperty(key);
                if (!props.get(key).equals(effective)) {
                    throw new IllegalStateException(key + " is " + effective + ", expected " + props.get(key));
                }
            }
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
            if (port == 0) {
                throw new IllegalStateException("the server did not report its port (local.server.port)");
            }
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(20)); // random: passes the policy
            AppUser user = context.getBean(UserService.class).provision(null, "bench@bench.sukedachi.jp", "Bench Admin",
                    Role.PROVIDER_ADMIN, password, null);
            Actor admin = user.actor();
            Tenant tenant = context.getBean(TenantService.class).create(admin, new TenantDraft("ベンチ株式会社", "bench",
                    "ベンチカブシキガイシャ", "E", "21-50", "13", "Bench", "bench@example.jp", "03-0000-0000"));
            return new ServerUnderTest(context, port, admin, tenant);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** A bean of the running application, for benchmarks that drive a service directly. */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    Actor admin() {
        return admin;
    }

    /** Registers a device with a fixed format and returns its token (shown once, as to a real user). */
    String device(String name, String kind, String format) {
        return context.getBean(DeviceService.class).register(admin, tenant.id(), new DeviceDraft(name, kind, format,
                List.of())).token();
    }

    JournalMetrics journal() {
        EventPipeline pipeline = context.getBean(EventPipeline.class);
        if (pipeline instanceof EmbeddedPipeline embedded) {
            return embedded.journal().metrics();
        }
        throw new IllegalStateException("not the embedded pipeline: " + pipeline.getClass().getName());
    }

    /**
     * Holds the pipeline consumer back (appends go on) or lets it go: see {@link EmbeddedPipeline#holdConsumer}. A hold
     * returns once the consumer has seen it (a poll it was in may last up to 500 ms).
     */
    void holdConsumer(boolean hold) throws InterruptedException {
        if (!(context.getBean(EventPipeline.class) instanceof EmbeddedPipeline embedded)) {
            throw new IllegalStateException("not the embedded pipeline");
        }
        embedded.holdConsumer(hold);
        while (hold && !embedded.consumerHolding()) {
            Thread.sleep(1);
        }
    }

    /** Waits until the pipeline consumer has read everything appended; returns the time it took. */
    Duration awaitConsumed(Duration max) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        while (System.nanoTime() < deadline) {
            long behind = 0;
            for (long b : journal().unconsumedBytes().values()) {
                behind += b;
            }
            if (behind == 0) {
                break;
            }
            Thread.sleep(5);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        context.close();
    }
}
