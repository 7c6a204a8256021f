package jp.sukedachi.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./sukedachi cluster demo --fresh` deletes only what the cluster demo made: a folder with its marker file and a
 * database with its comment. Each case refuses before any broker or node starts.
 */
class ClusterDemoScriptTest {

    @TempDir
    Path dir;

    @Test
    void freshRefusesAFolderWithoutTheClusterMarkerAndDeletesNothing() throws Exception {
        // What ./data looks like after the embedded demo and `./sukedachi kafka start`.
        Path data = dir.resolve("data");
        Path h2 = Files.createDirectories(data.resolve("db")).resolve("sukedachi.mv.db");
        Files.writeString(h2, "the embedded demo's database");
        Files.createDirectories(data.resolve("kafka/kafka-logs"));

        Script.Result result = Script.run("cluster", "demo", "--fresh", "--data", data.toString());

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("was not made by the cluster demo").contains("not deleted");
        assertThat(h2).hasContent("the embedded demo's database");
        assertThat(data.resolve("kafka/kafka-logs")).isDirectory();
    }

    @Test
    void theClusterDemoRefusesToMoveIntoAFolderOfOtherFiles() throws Exception {
        // Without this, a start in ./data would write the marker there and a later --fresh would delete ./data.
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("db"));
        Files.writeString(data.resolve("demo-credentials.json"), "{}");

        Script.Result result = Script.run("cluster", "demo", "--data", data.toString());

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("was not made by the cluster demo");
        assertThat(data.resolve(".sukedachi-cluster-demo")).doesNotExist();
        assertThat(data.resolve("demo-credentials.json")).exists();
    }

    @Test
    void freshNeverDropsADatabaseTheClusterDemoDidNotCreate() throws Exception {
        String testUrl = System.getenv("SUKEDACHI_TEST_PG_URL");
        assumeTrue(testUrl != null && !testUrl.isBlank(), "SUKEDACHI_TEST_PG_URL names a PostgreSQL server");
        assumeTrue(onPath("psql"), "psql is installed");
        Matcher m = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/[^?]*(?:\\?.*\\buser=([^&]+))?").matcher(testUrl);
        assertThat(m.find()).as("a PostgreSQL JDBC URL: %s", testUrl).isTrue();
        String host = m.group(1);
        String port = m.group(2) == null ? "5432" : m.group(2);
        String user = m.group(3) == null ? "postgres" : m.group(3);
        String foreign = "someone_elses_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        psql(host, port, user, "create database " + foreign);
        try {
            Path data = dir.resolve("cluster");
            Files.createDirectories(data.resolve("node-8080"));
            Files.writeString(data.resolve(".sukedachi-cluster-demo"), "made by the cluster demo");
            String url = "jdbc:postgresql://" + host + ":" + port + "/" + foreign;

            // serve's SUKEDACHI_DB_URL names the same database: neither setting lets --fresh drop it.
            Script.Result result = Script.run(Map.of("SUKEDACHI_CLUSTER_DB_URL", url, "SUKEDACHI_CLUSTER_DB_USER", user,
                    "SUKEDACHI_DB_URL", url, "SUKEDACHI_DB_USER", user), "cluster", "demo", "--fresh", "--data", data.toString());

            assertThat(result.exit()).as(result.output()).isNotZero();
            assertThat(result.output()).contains("was not created by the cluster demo").contains("not dropped");
            assertThat(psql(host, port, user, "select count(*) from pg_database where datname = '" + foreign + "'"))
                    .isEqualTo("1");
            assertThat(data.resolve("node-8080")).isDirectory();
        } finally {
            psql(host, port, user, "drop database if exists " + foreign);
        }
    }

    // --- helpers ---

    private static String psql(String host, String port, String user, String sql) throws Exception {
        Process p = new ProcessBuilder("psql", "-h", host, "-p", port, "-U", user, "-d", "postgres",
                "-v", "ON_ERROR_STOP=1", "-qtA", "-c", sql).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("psql %s: %s", sql, out).isZero();
        return out;
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
