package jp.sukedachi.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.SukedachiApplication;
import jp.sukedachi.app.ingest.SyslogReceiver;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.kafka.KafkaPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;

/**
 * One jar in four roles ({@code sukedachi.role}), each the real server on a random port: what it answers over HTTP
 * (a path of another role: 404 with a sentence naming the role, in the API's JSON error shape, in the asker's
 * language), whether it consumes, listens for syslog and runs scheduled jobs, and its health naming role and
 * runtime. The Kafka roles point at a port where no broker listens: a role's shape does not need one; they run on
 * PostgreSQL, as a cluster must (on H2 they refuse to start).
 */
class NodeRoleTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    java.nio.file.Path data;

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
    void aReceiverTakesLogsButAnswersPagesAndTheApiWithASentenceNamingItsRole() throws Exception {
        try (ConfigurableApplicationContext node = start("receiver", "kafka")) {
            assertThat(post(node, "/api/v1/ingest").statusCode()).as("ingest is here (asks for a device token)")
                    .isEqualTo(401);
            assertThat(post(node, "/api/v1/_bulk").statusCode()).isEqualTo(401);
            assertNotHere(node, "/login", "receiver", "ログの受信専用", "only receives logs");
            assertNotHere(node, "/api/v1/alerts", "receiver", "ログの受信専用", "only receives logs");
            assertNotHere(node, "/", "receiver", "ログの受信専用", "only receives logs");
            assertThat(node.getBean(SyslogReceiver.class).port()).as("syslog listens").isPositive();
            assertThat(node.getBeansOfType(StreamConsumer.type())).as("no consumer").isEmpty();
            assertThat(node.getBean(EventPipeline.class)).isInstanceOf(KafkaPipeline.class);
            assertThat(scheduling(node)).as("no scheduled jobs on a receiver").isFalse();
            assertHealth(node, "receiver", "kafka");
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
    void aWorkerConsumesAndAnswersOnlyHealthAndMetrics() throws Exception {
        try (ConfigurableApplicationContext node = start("worker", "kafka")) {
            assertNotHere(node, "/api/v1/ingest", "worker", "検知処理専用", "only processes the logs received");
            assertNotHere(node, "/login", "worker", "検知処理専用", "only processes the logs received");
            assertNotHere(node, "/api/v1/alerts", "worker", "検知処理専用", "only processes the logs received");
            assertThat(node.getBean(SyslogReceiver.class).port()).as("syslog does not listen").isEqualTo(-1);
            assertThat(node.getBeansOfType(StreamConsumer.type())).as("the consumer").hasSize(1);
            assertThat(((KafkaPipeline) node.getBean(EventPipeline.class)).consumerThread()).isNotNull();
            assertThat(scheduling(node)).as("scheduled jobs").isTrue();
            assertHealth(node, "worker", "kafka");
            assertThat(get(node, "/actuator/prometheus").statusCode()).as("metrics are here (staff only)")
                    .isIn(401, 403);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
    void aWebServerServesPagesAndTheApiButTakesNoLogs() throws Exception {
        try (ConfigurableApplicationContext node = start("web", "kafka")) {
            HttpResponse<String> login = get(node, "/login");
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("<form");
            assertThat(get(node, "/api/v1/alerts").statusCode()).as("the REST API is here (asks who you are)")
                    .isEqualTo(401);
            assertNotHere(node, "/api/v1/ingest", "web", "画面と REST API 用", "serves the pages and the REST API");
            assertNotHere(node, "/api/v1/es/_bulk", "web", "画面と REST API 用", "serves the pages and the REST API");
            assertThat(node.getBean(SyslogReceiver.class).port()).as("syslog does not listen").isEqualTo(-1);
            assertThat(node.getBeansOfType(StreamConsumer.type())).as("no consumer").isEmpty();
            assertThat(node.getBean(EventPipeline.class)).as("no event log at all")
                    .isNotInstanceOf(KafkaPipeline.class);
            assertThat(scheduling(node)).as("scheduled jobs").isTrue();
            assertHealth(node, "web", "kafka");
        }
    }

    @Test
    void theDefaultRoleServesEverythingOnTheEmbeddedRuntime() throws Exception {
        try (ConfigurableApplicationContext node = start(null, null)) {
            assertThat(get(node, "/login").statusCode()).isEqualTo(200);
            assertThat(post(node, "/api/v1/ingest").statusCode()).isEqualTo(401);
            assertThat(get(node, "/api/v1/alerts").statusCode()).isEqualTo(401);
            assertThat(node.getBean(SyslogReceiver.class).port()).isPositive();
            assertThat(node.getBeansOfType(StreamConsumer.type())).hasSize(1);
            assertThat(scheduling(node)).isTrue();
            assertHealth(node, "all", "embedded");
        }
    }

    @Test
    void aClusterRoleOnTheDefaultH2DatabaseStopsTheStartSayingTheClusterNeedsPostgreSQL() {
        for (String role : List.of("receiver", "worker", "web")) {
            assertThatThrownBy(() -> start(role, "kafka", false)).rootCause()
                    .hasMessageContaining("sukedachi.role=" + role + " with sukedachi.runtime=kafka needs PostgreSQL");
        }
    }

    /** Whether {@code @Scheduled} methods run here. */
    private static boolean scheduling(ConfigurableApplicationContext node) {
        return !node.getBeansOfType(ScheduledAnnotationBeanPostProcessor.class).isEmpty();
    }

    /** PipelineStages is the ingest capability's own (package-private): found by name. */
    private static final class StreamConsumer {
        static Class<?> type() throws ClassNotFoundException {
            return Class.forName("jp.sukedachi.app.ingest.PipelineStages");
        }
    }

    /** A Kafka role on PostgreSQL (a cluster shares one database: H2 is refused), the default role on H2. */
    private ConfigurableApplicationContext start(String role, String runtime) throws Exception {
        return start(role, runtime, "kafka".equals(runtime));
    }

    private ConfigurableApplicationContext start(String role, String runtime, boolean postgres) throws Exception {
        List<String> database = postgres ? TestDatabases.postgresSchema().serverArgs() : List.of(
                "--spring.datasource.url=jdbc:h2:mem:role" + UUID.randomUUID().toString().replace("-", "")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa", "--spring.datasource.password=");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--sukedachi.data-dir=" + data,
                "--sukedachi.syslog.port=0", "--sukedachi.sigma.rules-dir=" + data, "--sukedachi.syslog.bind=127.0.0.1",
                "--sukedachi.intel.refresh-initial-ms=3600000", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--logging.level.org.apache.kafka=OFF",
                "--sukedachi.kafka.bootstrap-servers=127.0.0.1:" + unusedPort(),
                "--sukedachi.kafka.ack-timeout-ms=1000"));
        args.addAll(database);
        if (role != null) {
            args.add("--sukedachi.role=" + role);
        }
        if (runtime != null) {
            args.add("--sukedachi.runtime=" + runtime);
        }
        return new SpringApplicationBuilder(SukedachiApplication.class).run(args.toArray(String[]::new));
    }

    private static int unusedPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void assertNotHere(ConfigurableApplicationContext node, String path, String role, String japanese,
            String english) throws Exception {
        for (String method : List.of("GET", "POST")) {
            HttpResponse<String> ja = send(node, method, path, "ja");
            assertThat(ja.statusCode()).as(method + " " + path).isEqualTo(404);
            assertThat(ja.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(ja.body()).contains("\"error\":\"not_found\"", "\"status\":404", "\"role\":\"" + role + "\"",
                    japanese, "役割 " + role);
            HttpResponse<String> en = send(node, method, path, "en");
            assertThat(en.body()).contains(english, "role " + role).doesNotContain("Exception");
        }
    }

    private void assertHealth(ConfigurableApplicationContext node, String role, String runtime) throws Exception {
        HttpResponse<String> health = get(node, "/actuator/health/node");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"role\":\"" + role + "\"", "\"runtime\":\"" + runtime + "\"");
        assertThat(get(node, "/actuator/health").body()).contains("\"nodeRole\"");
    }

    private HttpResponse<String> get(ConfigurableApplicationContext node, String path) throws Exception {
        return send(node, "GET", path, "ja");
    }

    private HttpResponse<String> post(ConfigurableApplicationContext node, String path) throws Exception {
        return send(node, "POST", path, "ja");
    }

    private HttpResponse<String> send(ConfigurableApplicationContext node, String method, String path,
            String language) throws Exception {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept-Language", language).header("Content-Type", "application/x-ndjson")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}\n"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
