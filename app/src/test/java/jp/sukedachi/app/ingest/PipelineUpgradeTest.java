package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import jp.sukedachi.app.support.DemoApi;
import jp.sukedachi.app.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An installation from before journals had identities (one {@code pipeline_offset} row named "pipeline", no
 * {@code journal/journal.id}) is upgraded: its first start names the journal and takes over that row, so the
 * journal is neither replayed nor skipped. The journal's own copy of the position is removed here (as after a crash
 * between the database commit and the journal's), so only the taken-over row can say where to resume: a replay
 * would count the first records twice.
 */
class PipelineUpgradeTest {
    private static final String C2 = "203.0.113.178";

    @TempDir
    Path data;

    @Test
    void anUpgradedJournalResumesAtThePositionStoredBeforeItHadAnIdentity() throws Exception {
        ServerProcess server = ServerProcess.start(data);
        DemoApi.Registered device;
        try {
            DemoApi api = new DemoApi(server.port(), data);
            api.importIndicator(C2);
            device = api.registerSensor("upgrade");
            for (int i = 0; i < 3; i++) {
                api.send(device.token(), flows(i * 100, 100));
            }
            api.awaitDrained(data);
            assertThat(alertCount(api)).isEqualTo(300);
        } finally {
            server.kill();
        }
        String before = Files.readString(data.resolve("journal/journal.id")).strip();
        try (Connection db = h2()) {
            db.createStatement().executeUpdate("update pipeline_offset set consumer = 'pipeline' where consumer = 'pipeline:"
                    + before + "'");
        }
        Files.delete(data.resolve("journal/journal.id"));
        Files.delete(data.resolve("journal/consumers/pipeline.offset"));

        server = ServerProcess.start(data);
        try {
            DemoApi api = new DemoApi(server.port(), data);
            api.send(device.token(), flows(300, 100));
            api.awaitDrained(data);
            assertThat(alertCount(api)).as("no record counted twice or skipped").isEqualTo(400);
        } finally {
            server.kill();
        }
        String after = Files.readString(data.resolve("journal/journal.id")).strip();
        try (Connection db = h2(); ResultSet rs = db.createStatement().executeQuery(
                "select consumer, last_offset from pipeline_offset")) {
            Map<String, Long> rows = new HashMap<>();
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
            assertThat(rows).as("the old row became the journal's own").containsOnlyKeys("pipeline:" + after);
        }
    }

    private Connection h2() throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/sukedachi")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
    }

    private static String flows(int from, int n) {
        StringBuilder body = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            body.append("{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":").append(i)
                    .append(",\"event_type\":\"flow\",\"src_ip\":\"10.66.0.5\",\"src_port\":50000,\"dest_ip\":\"")
                    .append(C2).append("\",\"dest_port\":443,\"proto\":\"TCP\"}\n");
        }
        return body.toString();
    }

    private static long alertCount(DemoApi api) throws Exception {
        long sum = 0;
        for (JsonNode a : api.json("/api/v1/tenants/" + DemoApi.TENANT + "/alerts?limit=1000")) {
            if (a.toString().contains(C2)) {
                sum += a.get("count").asLong();
            }
        }
        return sum;
    }
}
