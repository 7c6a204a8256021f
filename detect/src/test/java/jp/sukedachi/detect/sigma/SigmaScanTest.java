package jp.sukedachi.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sigma scan}: one JSON line per match, a summary line, refusals on stderr, usage errors exit 2. */
class SigmaScanTest {
    @TempDir
    Path dir;

    @Test
    void printsMatchesAndASummary() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules/windows"));
        Files.writeString(rules.resolve("whoami.yml"), SigmaTestRules.processRule(
                "    sel:\n        Image|endswith: '\\whoami.exe'\n    condition: sel\n").replace("title: test", "title: Who \"am\" I"));
        Files.writeString(rules.resolve("broken.yml"), "title: broken\nid: b\nlogsource: {product: windows}\ndetection: {condition: x}\n");
        Path events = dir.resolve("events.ndjson");
        Files.writeString(events, String.join("\n",
                "{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"},\"EventData\":{\"Image\":\"C:\\\\x\\\\a.exe\"}}}",
                "{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"},\"EventData\":{\"Image\":\"C:\\\\x\\\\WHOAMI.EXE\"}}}",
                "not json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = SigmaScan.run(new String[] {"--rules", dir.resolve("rules").toString(), events.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).containsExactly(
                "{\"rule\":\"00000000-0000-0000-0000-000000000001\",\"title\":\"Who \\\"am\\\" I\",\"file\":\"" + events
                        + "\",\"event\":1}",
                "{\"summary\":true,\"rules_loaded\":1,\"rules_rejected\":1,\"rules_active\":1,\"files\":1,\"events\":2,"
                        + "\"unparsed\":1,\"matches\":1}");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken.yml: condition:");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(SigmaScan.run(new String[] {"x.json"}, System.out, e)).isEqualTo(2);
        assertThat(SigmaScan.run(new String[] {"--rules", dir.resolve("nope").toString(), "x.json"}, System.out, e)).isEqualTo(2);
        assertThat(SigmaScan.run(new String[] {"--bogus"}, System.out, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage", "not a directory", "unknown option");
    }
}
