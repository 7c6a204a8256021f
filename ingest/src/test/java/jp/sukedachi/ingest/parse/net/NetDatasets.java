package jp.sukedachi.ingest.parse.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jp.sukedachi.testkit.Datasets;

/** The network-sensor log files among the shared datasets, read in place (gzip and zip included). */
final class NetDatasets {
    private NetDatasets() {
    }

    /** One log file: a name for messages and its lines (a zip entry counts as one file). */
    record LogFile(String name, List<String> lines) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<LogFile> suricataEve() {
        return files("suricata-verify-eve", p -> p.getFileName().toString().endsWith(".eve.json"));
    }

    /** Stratosphere's labeled Zeek TSV: every {@code *.log} and {@code *.log.labeled}. */
    static List<LogFile> stratosphereZeek() {
        return files("stratosphere-zeek-labeled", p -> {
            String n = p.getFileName().toString();
            return n.endsWith(".log") || n.endsWith(".log.labeled");
        });
    }

    /** WRCCDC Zeek logs, TSV ({@code zeek-default/*.log.gz}) and NDJSON ({@code zeek-json/*.json.gz}). */
    static List<LogFile> brimdataZeek() {
        return files("brimdata-zeek-wrccdc", p -> p.getFileName().toString().endsWith(".gz"));
    }

    /** APT29 day 1 Corelight-style Zeek JSON: every entry of the two zips. */
    static List<LogFile> apt29Zeek() {
        try (Stream<Path> list = Files.list(Datasets.path("otrf-security-datasets/apt29-day1-zeek"))) {
            List<LogFile> out = new ArrayList<>();
            for (Path zip : list.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
                out.addAll(zipEntries(zip));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface PathFilter {
        boolean accept(Path p);
    }

    private static List<LogFile> files(String folder, PathFilter filter) {
        Path root = Datasets.path(folder);
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = walk.filter(Files::isRegularFile).filter(filter::accept).sorted().toList();
            List<LogFile> out = new ArrayList<>();
            for (Path p : paths) {
                String name = Datasets.root().relativize(p).toString();
                out.add(new LogFile(name, readLines(p)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> readLines(Path p) {
        try (InputStream raw = Files.newInputStream(p);
                InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return readLines(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<LogFile> zipEntries(Path zip) {
        List<LogFile> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    out.add(new LogFile(Datasets.root().relativize(zip) + "!" + e.getName(), readLines(in)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads lines without closing the stream (a zip entry); bad UTF-8 becomes U+FFFD. */
    private static List<String> readLines(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    /** A record line that must yield an event: not blank and not a {@code #} header. */
    static boolean isDataLine(String line) {
        return !line.isBlank() && !line.startsWith("#");
    }
}
