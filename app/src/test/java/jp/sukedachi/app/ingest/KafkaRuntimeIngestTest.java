package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.app.SukedachiApplication;
import jp.sukedachi.app.intel.IntelService;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.support.Receivers;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.kafka.KafkaPipeline;
import jp.sukedachi.testkit.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * The application on the Kafka runtime (role all, a real broker, PostgreSQL) takes an HTTP ingest batch as it does
 * on the embedded runtime (2xx, every record accepted) and turns it into the same alert (detector, rule, severity,
 * count). The big equivalence and failover tests are the cluster tests'; this one shows the wiring.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class KafkaRuntimeIngestTest {
    private static final int FLOWS = 20;

    @TempDir
    Path dir;

    @Test
    void anIngestBatchOnTheKafkaRuntimeBecomesTheSameAlertAsOnTheEmbeddedRuntime() throws Exception {
        List<String> embedded = alertsAfterIngest(List.of(), dir.resolve("embedded"));
        assertThat(embedded).singleElement().asString().startsWith("intel|").endsWith("|" + FLOWS);
        try (KafkaTestBroker broker = KafkaTestBroker.start(dir.resolve("kafka"))) {
            List<String> kafka = alertsAfterIngest(List.of("--sukedachi.runtime=kafka", "--sukedachi.role=all",
                    "--sukedachi.kafka.bootstrap-servers=" + broker.bootstrap(), "--sukedachi.kafka.partitions=3"),
                    dir.resolve("cluster"));
            assertThat(kafka).isEqualTo(embedded);
        }
    }

    /** One company, one C2 indicator, FLOWS flows to it over HTTP ingest; its alerts once the pipeline has them. */
    private List<String> alertsAfterIngest(List<String> runtime, Path data) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--sukedachi.data-dir=" + data,
                "--sukedachi.syslog.enabled=false", "--sukedachi.intel.refresh-initial-ms=3600000",
                "--sukedachi.sigma.rules-dir=" + data, "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--logging.level.org.apache.kafka=ERROR"));
        args.addAll(TestDatabases.postgresSchema().serverArgs());
        args.addAll(runtime);
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(SukedachiApplication.class)
                .run(args.toArray(String[]::new))) {
            assertThat(server.getBean(EventPipeline.class) instanceof KafkaPipeline).isEqualTo(!runtime.isEmpty());
            TestWorld world = server.getBean(TestWorld.class);
            var admin = world.admin().actor();
            server.getBean(IntelService.class).importFeed(admin, "runtime-c2", "list",
                    new StringReader("203.0.113.99\n"), null);
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();
            Receivers receivers = new Receivers(port, server.getBean(ApiKeyService.class).create(admin, "runtime")
                    .secret(), server.getBean(ObjectMapper.class), server.getBean(EventPipeline.class));
            Receivers.Device device = receivers.device("suricata-eve");
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < FLOWS; i++) {
                body.append("{\"timestamp\":\"2026-11-22T01:00:").append(10 + i).append(".000000+0000\",\"flow_id\":")
                        .append(5000 + i).append(",\"event_type\":\"flow\",\"src_ip\":\"10.0.0.5\",\"src_port\":")
                        .append(40000 + i).append(",\"dest_ip\":\"203.0.113.99\",\"dest_port\":443,\"proto\":\"TCP\"}\n");
            }
            HttpResponse<String> answer = receivers.send(receivers.request("/api/v1/ingest")
                    .header("Authorization", "Bearer " + device.token()).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
            assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
            assertThat(answer.body()).contains("\"accepted\":" + FLOWS);
            return awaitAlerts(server.getBean(JdbcClient.class), receivers.slug());
        }
    }

    /** detector|rule|severity|count of the company's alerts, once their counts have stopped at FLOWS. */
    private static List<String> awaitAlerts(JdbcClient jdbc, String slug) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> alerts = List.of();
        while (System.nanoTime() < deadline) {
            alerts = jdbc.sql("select a.detector || '|' || a.rule_id || '|' || a.severity || '|' || a.event_count "
                    + "from alert a join tenant t on t.id = a.tenant_id where t.slug = :s order by 1")
                    .param("s", slug).query(String.class).list();
            if (!alerts.isEmpty() && alerts.stream().allMatch(a -> a.endsWith("|" + FLOWS))) {
                return alerts;
            }
            Thread.sleep(100);
        }
        return alerts;
    }
}
