package jp.sukedachi.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's `./sukedachi` launcher as a user would, with this JDK, and returns its exit and output. */
final class Script {

    record Result(int exit, String output) {
    }

    private Script() {
    }

    static Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    /** The database settings of the caller's environment are left out, so only {@code env} can name a database. */
    static Result run(Map<String, String> env, String... args) throws Exception {
        Path root = Path.of(System.getProperty("sukedachi.repo.root", "..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>();
        command.add(root.resolve("sukedachi").toString());
        Collections.addAll(command, args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().keySet().removeIf(k -> k.startsWith("SUKEDACHI_CLUSTER_DB_") || k.startsWith("SUKEDACHI_DB_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the script finished: %s", out).isTrue();
        return new Result(p.exitValue(), out);
    }
}
