package jp.sukedachi.ingest.parse.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.testkit.Datasets;

/** Raw log lines of the wazuh-ruleset-tests .ini files: {@code [title]} then {@code log N pass = line}. */
final class WazuhCases {
    record Case(String file, String title, int line, String log) {
    }

    private WazuhCases() {
    }

    static List<Case> read(String file) {
        List<Case> cases = new ArrayList<>();
        String title = null;
        int lineNo = 0;
        try {
            for (String line : Files.readAllLines(Datasets.path("wazuh-ruleset-tests/" + file), StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.startsWith("[") && line.endsWith("]")) {
                    title = line.substring(1, line.length() - 1);
                } else if (line.startsWith("log ") && (line.contains(" pass = ") || line.contains(" fail = "))) {
                    cases.add(new Case(file, title, lineNo, line.substring(line.indexOf(" = ") + 3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** The first log line of the case with this title. */
    static String line(String file, String title) {
        return read(file).stream().filter(c -> title.equals(c.title())).findFirst().orElseThrow().log();
    }
}
