package jp.sukedachi.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateMainTest {
    @TempDir
    Path dir;

    @Test
    void optionsAndTheirErrors() {
        var o = SimulateMain.parse(new String[] {"--target", "http://127.0.0.1:8080", "--api-key=skd_x", "--tenants", "5",
            "--eps", "200", "--duration", "10m", "--seed", "42", "--shape", "office", "--no-cases"});
        assertThat(o.target().toString()).isEqualTo("http://127.0.0.1:8080/");
        assertThat(o.tenants()).isEqualTo(5);
        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.shape()).isEqualTo(Simulator.Shape.OFFICE);
        assertThat(o.cases()).isFalse();
        assertThat(SimulateMain.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SimulateMain.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> SimulateMain.parse(new String[] {"--target", "http://x", "--api-key", "k", "--bogus", "1"}))
                .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> SimulateMain.parse(new String[] {"--api-key", "k"})).hasMessageContaining("--target");
        assertThatThrownBy(() -> SimulateMain.parse(new String[] {"--target", "http://x", "--api-key", "k", "--tenants", "0"}))
                .hasMessageContaining("1–5000");
        assertThatThrownBy(() -> SimulateMain.duration("soon")).hasMessageContaining("90s");
        // The device registration answer: the token is read with the JSON parser, wherever it stands.
        assertThat(SimulateMain.field("{\"device\":{\"name\":\"a\"},\"token\":\"sdt_x\\\"y\"}", "token"))
                .isEqualTo("sdt_x\"y");
        assertThat(SimulateMain.field("{\"name\":\"token\"}", "token")).isNull();
    }

    @Test
    void theSameSeedWritesTheSameRecordsAndADifferentSeedOthers() throws Exception {
        Path a = dir.resolve("a.ndjson");
        Path b = dir.resolve("b.ndjson");
        Path c = dir.resolve("c.ndjson");
        run("--out", a.toString(), "--tenants", "3", "--eps", "20", "--duration", "30s", "--seed", "9", "--no-cases", "--from", "2026-11-20T00:00:00Z");
        run("--out", b.toString(), "--tenants", "3", "--eps", "20", "--duration", "30s", "--seed", "9", "--no-cases", "--from", "2026-11-20T00:00:00Z");
        run("--out", c.toString(), "--tenants", "3", "--eps", "20", "--duration", "30s", "--seed", "10", "--no-cases", "--from", "2026-11-20T00:00:00Z");
        assertThat(Files.readAllLines(a)).isNotEmpty();
        assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
        assertThat(Files.readString(a)).isNotEqualTo(Files.readString(c));
        assertThat(Files.readString(a)).contains("\"wire\":\"FORTIGATE_SYSLOG\"");
    }

    private static void run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SimulateMain.run(SimulateMain.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"written\":");
    }
}
