package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.support.Receivers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Real clients against a real server (issue 12, items 2 and 13): the README's own curl line, run
 * verbatim by the curl binary, and the official Elasticsearch clients for Python (Debian's
 * python3-elasticsearch) and Node.js (@elastic/elasticsearch from npm, installed by .ci/run into
 * app/src/test/node). Every record they send must be in the journal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
            "sukedachi.test.context=real-clients"}) // its own context: a paused one cannot restart the pipeline
class RealClientsTest extends ReceiverServerTest {
    static final Path REPO = Path.of(System.getProperty("sukedachi.repo.root", "..")).toAbsolutePath().normalize();
    static final Path EVE = REPO.resolve("../shared/datasets/suricata-verify-eve/dns-tcp-www-google-com.eve.json").normalize();
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path NODE = Path.of("/usr/bin/node");
    static final Path NODE_PROJECT = REPO.resolve("app/src/test/node");
    static final int DOCUMENTS = 250;

    /** The example column of the README's "Sending logs" row for POST /api/v1/ingest: the curl line as written. */
    static String readmeCurlLine() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        int section = readme.indexOf("## Sending logs");
        assertThat(section).as("README.md has a 'Sending logs' section").isNotNegative();
        String table = readme.substring(section, readme.indexOf("\n## ", section + 3));
        Matcher row = Pattern.compile("(?m)^\\| `POST /api/v1/ingest` \\|.*$").matcher(table);
        assertThat(row.find()).as("the Sending logs table has a POST /api/v1/ingest row").isTrue();
        Matcher curl = Pattern.compile("`(curl [^`]+)`").matcher(row.group());
        assertThat(curl.find()).as("that row gives a curl command: " + row.group()).isTrue();
        return curl.group(1);
    }

    /** Splits a shell command line into words as the shell would for this simple form (quotes, no escapes). */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(line);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return words;
    }

    /** What a command printed: standard output (the answer) and standard error (curl's progress, tracebacks). */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n" + out + "\n" + err;
        }
    }

    static Run run(Path dir, List<String> command) throws Exception {
        Path err = Files.createTempFile("client-", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time: " + command).isTrue();
            return new Run(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Absent clients skip outside CI (with the reason); in CI .ci/run installs them, so absence fails. */
    static void requireClient(boolean present, String reason) {
        if (System.getenv("CI") != null) {
            assertThat(present).as(reason + " — .ci/run should have installed it").isTrue();
        }
        assumeTrue(present, reason + "; run .ci/run (or install it) to include this test");
    }

    @Test
    void theReadmesCurlCommandRunVerbatimStoresEveryRecordOfTheFile(@TempDir Path dir) throws Exception {
        String line = readmeCurlLine();
        assertThat(line).contains("sdt_…").contains("HOST:8080").contains("@eve.json");
        Receivers.Device device = receivers.device("suricata-eve");
        // Only the placeholders change: the token, and HOST:8080 for this test's server.
        String command = line.replace("sdt_…", device.token()).replace("HOST:8080", "127.0.0.1:" + port);
        Files.copy(EVE, dir.resolve("eve.json"));
        int records = (int) Files.readAllLines(EVE).stream().filter(l -> !l.isBlank()).count();

        Run curl = run(dir, words(command));
        assertThat(curl.exit()).as(curl.toString()).isZero();
        JsonNode answer = json.readTree(curl.out());
        assertThat(answer.get("accepted").asInt()).as(curl.out()).isEqualTo(records);
        assertThat(receivers.journal(device)).hasSize(records);
    }

    @Test
    void thePythonElasticsearchClientReadsInfoAndBulksEveryDocument() throws Exception {
        requireClient(Files.isExecutable(PYTHON) && run(REPO, List.of(PYTHON.toString(), "-c", "import elasticsearch"))
                .exit() == 0, "the Python Elasticsearch client is not installed (apt-get install python3-elasticsearch)");
        Receivers.Device device = receivers.device("auto");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Run python = run(REPO, List.of(PYTHON.toString(), "app/src/test/python/es_client.py",
                receivers.base() + "/api/v1/es", device.token(), Integer.toString(DOCUMENTS), tag));
        assertClientStoredEverything(python, device);
    }

    @Test
    void theNodeElasticsearchClientReadsInfoAndBulksEveryDocument() throws Exception {
        requireClient(Files.isExecutable(NODE) && Files.isDirectory(NODE_PROJECT.resolve("node_modules/@elastic/elasticsearch")),
                "the Node.js Elasticsearch client is not installed (npm install in app/src/test/node)");
        Receivers.Device device = receivers.device("auto");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Run node = run(NODE_PROJECT, List.of(NODE.toString(), "es-client.mjs", receivers.base() + "/api/v1/es",
                device.token(), Integer.toString(DOCUMENTS), tag));
        assertClientStoredEverything(node, device);
    }

    private void assertClientStoredEverything(Run run, Receivers.Device device) throws Exception {
        assertThat(run.exit()).as(run.toString()).isZero();
        String last = run.out().strip().lines().reduce((a, b) -> b).orElse("");
        JsonNode result = json.readTree(last);
        assertThat(result.get("info").asString()).isEqualTo("8.15.0");
        assertThat(result.get("infoSlash").asString()).isEqualTo("8.15.0");
        assertThat(result.get("errors").asBoolean()).as(run.out()).isFalse();
        assertThat(result.get("created").asInt()).isEqualTo(DOCUMENTS);
        assertThat(receivers.journal(device)).hasSize(DOCUMENTS);
    }
}
