package jp.sukedachi.ingest.parse.windows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import jp.sukedachi.testkit.Datasets;

/** Reads the three Windows datasets and frames their records the way a receiver would. */
final class WinTestData {
    private WinTestData() {
    }

    /** A record and where it came from. */
    record Rec(String source, String text) {
    }

    static final List<String> WAZUH_WINDOWS_FILES = List.of("sysmon.ini", "sysmon_eid_1.ini", "sysmon_eid_3.ini",
            "sysmon_eid_10.ini", "sysmon_eid_11.ini", "sysmon_eid_13.ini", "win_security.ini", "win_event_channel.ini",
            "windows_baseline_intrusion_detection.ini");

    static List<Path> sigmaEventFiles() throws IOException {
        try (Stream<Path> s = Files.walk(Datasets.path("sigmahq-sigma/regression_data"))) {
            return s.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsoncls")).sorted().toList();
        }
    }

    /** One file's JSON documents: one pretty-printed object, or several one after another (NDJSON or not). */
    static List<String> frameDocuments(String text) {
        List<String> docs = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (c == '}' && --depth == 0) {
                docs.add(text.substring(start, i + 1));
            }
        }
        return docs;
    }

    static String read(Path p) throws IOException {
        String s = Files.readString(p, StandardCharsets.UTF_8);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static List<Path> otrfZips() throws IOException {
        try (Stream<Path> s = Files.walk(Datasets.path("otrf-security-datasets/atomic"))) {
            return s.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
    }

    /** Every line of every JSON file inside the zip, blank lines included (they must parse to null). */
    static List<String> zipLines(Path zip) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (e.isDirectory() || !e.getName().endsWith(".json")) {
                    continue;
                }
                String text = new String(z.readAllBytes(), StandardCharsets.UTF_8);
                for (String line : text.split("\n", -1)) {
                    lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                }
                if (!lines.isEmpty() && lines.getLast().isEmpty()) {
                    lines.removeLast(); // the final newline ends the last record; it is not a blank record
                }
            }
        }
        return lines;
    }

    /** The {@code log N pass = } payloads of one Wazuh ruleset test file. */
    static List<Rec> wazuhCases(String file) throws IOException {
        List<Rec> out = new ArrayList<>();
        String title = "";
        for (String line : Files.readAllLines(Datasets.path("wazuh-ruleset-tests").resolve(file), StandardCharsets.UTF_8)) {
            if (line.startsWith("[") && line.endsWith("]")) {
                title = line.substring(1, line.length() - 1);
            }
            int eq = line.indexOf(" pass = ");
            if (line.startsWith("log ") && eq > 0) {
                out.add(new Rec(file + " [" + title + "]", line.substring(eq + " pass = ".length())));
            }
        }
        return out;
    }
}
