package jp.sukedachi.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Sukedachi server in a separate JVM (demo data, on a data folder the test owns), for tests that
 * must kill it with SIGKILL. Its output goes to {@code <data>/server.log}, whose tail failures quote.
 */
public final class ServerProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process process;
    private final Path data;
    private final int port;

    private ServerProcess(Process process, Path data, int port) {
        this.process = process;
        this.data = data;
        this.port = port;
    }

    /** Starts the server on a free port and returns once /actuator/health says UP. */
    public static ServerProcess start(Path data) throws Exception {
        return start(data, List.of());
    }

    /**
     * Starts the server with further {@code --key=value} arguments (e.g. another database), which replace the
     * defaults of the same key.
     */
    public static ServerProcess start(Path data, List<String> extraArgs) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : List.of("--server.port=" + port, "--sukedachi.data-dir=" + data,
                "--sukedachi.demo=true", "--sukedachi.demo-world.traffic=false",
                "--sukedachi.demo-world.companies=2", "--sukedachi.syslog.enabled=false", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN")) {
            args.put(a.substring(0, a.indexOf('=')), a);
        }
        for (String a : extraArgs) {
            args.put(a.substring(0, a.indexOf('=')), a);
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "jp.sukedachi.app.SukedachiApplication"));
        command.addAll(args.values());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile()).start();
        ServerProcess server = new ServerProcess(process, data, port);
        server.waitHealthy();
        return server;
    }

    public int port() {
        return port;
    }

    /** SIGKILL on Linux: no shutdown hook, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void waitHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server died: " + tail(data)).isTrue();
            try {
                var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        kill();
        throw new AssertionError("server not healthy in time: " + tail(data));
    }

    /** The end of the server's log, for failure messages. */
    public static String tail(Path data) throws IOException {
        Path log = data.resolve("server.log");
        if (!Files.exists(log)) {
            return "(no log)";
        }
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 3000));
    }
}
