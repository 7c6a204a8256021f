package jp.sukedachi.bench.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.simulate.SimRecord;
import jp.sukedachi.simulate.SimWorld;
import jp.sukedachi.simulate.Simulator;
import jp.sukedachi.simulate.Story;
import jp.sukedachi.simulate.Wire;

/**
 * The records of one benchmark format, read in place from the shared datasets and kept in memory,
 * both as strings (what a {@link RecordParser} gets) and as UTF-8 NDJSON (what the HTTP client sends).
 * Records are grouped in {@link Source}s: a Zeek TSV file's header block is the prefix of every batch
 * cut from it, because the parser's {@code #fields} state lives per stream, i.e. per request.
 */
final class Corpus {
    /** Benchmark keys, in the order they run. */
    static final List<String> KEYS = List.of("suricata-eve", "zeek-tsv", "zeek-json", "fortigate", "cisco-asa", "sshd",
            "windows");
    /** The simulator's traffic (30 companies, one weekday, seed 1), one key per wire format; run on request. */
    static final List<String> SIMULATED_KEYS = List.of("sim-fortigate", "sim-eve", "sim-zeek", "sim-windows");

    /** The simulator's wire of a {@code sim-*} key, null for a dataset key. */
    static Wire simulatedWire(String key) {
        return switch (key) {
            case "sim-fortigate" -> Wire.FORTIGATE_SYSLOG;
            case "sim-eve" -> Wire.SURICATA_EVE;
            case "sim-zeek" -> Wire.ZEEK_JSON;
            case "sim-windows" -> Wire.WINDOWS_BULK;
            default -> null;
        };
    }

    /** What {@code IngestService} quarantines unparsed; such a record would not count as accepted. */
    private static final int MAX_RECORD_CHARS = 64 * 1024;
    private static final long RECEIVED = 1_716_000_000_000L;

    /** Records sharing one parser state: a prefix (Zeek TSV header lines, else empty) and data records. */
    static final class Source {
        final String name;
        final String[] prefix;
        final String[] records;
        final byte[] prefixBytes;
        /** Every record's UTF-8 bytes followed by a newline, back to back; record i is [offsets[i], offsets[i+1]). */
        final byte[] ring;
        final int[] offsets;

        Source(String name, List<String> prefix, List<String> records) {
            this.name = name;
            this.prefix = prefix.toArray(String[]::new);
            this.records = records.toArray(String[]::new);
            this.prefixBytes = joinLines(prefix);
            this.offsets = new int[records.size() + 1];
            byte[][] each = new byte[records.size()][];
            int total = 0;
            for (int i = 0; i < each.length; i++) {
                each[i] = records.get(i).getBytes(StandardCharsets.UTF_8);
                offsets[i] = total;
                total += each[i].length + 1;
            }
            offsets[each.length] = total;
            this.ring = new byte[total];
            for (int i = 0; i < each.length; i++) {
                System.arraycopy(each[i], 0, ring, offsets[i], each[i].length);
                ring[offsets[i + 1] - 1] = '\n';
            }
        }

        private static byte[] joinLines(List<String> lines) {
            StringBuilder sb = new StringBuilder();
            for (String l : lines) {
                sb.append(l).append('\n');
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One request's (and one parser's) worth: {@code count} records of a source from {@code start}, wrapping. */
    record Batch(int source, int start, int count) {
    }

    /** The warm-up batches, then the measured ones, cut from the corpus with one running cursor. */
    record Plan(List<Batch> warmup, List<Batch> measured) {
        static int events(List<Batch> batches) {
            int n = 0;
            for (Batch b : batches) {
                n += b.count();
            }
            return n;
        }
    }

    final String key;
    final String formatId;
    final boolean json;
    final String origin;
    final List<Source> sources;
    final int dropped;
    final List<String> dropReasons;

    private Corpus(String key, String formatId, boolean json, String origin, List<Source> sources, int dropped,
            List<String> dropReasons) {
        this.key = key;
        this.formatId = formatId;
        this.json = json;
        this.origin = origin;
        this.sources = sources;
        this.dropped = dropped;
        this.dropReasons = dropReasons;
    }

    /** Distinct records loaded (before repetition). */
    int records() {
        int n = 0;
        for (Source s : sources) {
            n += s.records.length;
        }
        return n;
    }

    /** Average UTF-8 bytes per record, newline included. */
    double averageRecordBytes() {
        long bytes = 0;
        for (Source s : sources) {
            bytes += s.ring.length;
        }
        return (double) bytes / Math.max(1, records());
    }

    String record(Batch b, int k) {
        String[] r = sources.get(b.source()).records;
        return r[(b.start() + k) % r.length];
    }

    /** Writes the request body of a batch (its prefix, then its records as NDJSON, sliced from the ring) to {@code out}. */
    void writeBody(Batch b, java.io.OutputStream out) throws java.io.IOException {
        Source s = sources.get(b.source());
        out.write(s.prefixBytes);
        int n = s.records.length;
        int at = b.start() % n;
        int left = b.count();
        while (left > 0) {
            int take = Math.min(left, n - at);
            int from = s.offsets[at];
            out.write(s.ring, from, s.offsets[at + take] - from);
            left -= take;
            at = 0;
        }
    }

    /** Bytes of a batch's body. */
    long bodyBytes(Batch b) {
        Source s = sources.get(b.source());
        int n = s.records.length;
        long full = b.count() / n;
        int rest = b.count() % n;
        int at = b.start() % n;
        long bytes = s.prefixBytes.length + full * s.ring.length;
        int end = at + rest;
        bytes += end <= n ? s.offsets[end] - s.offsets[at] : (s.ring.length - s.offsets[at]) + s.offsets[end - n];
        return bytes;
    }

    /**
     * Cuts batches of {@code batch} records: through each source in turn, a source's last batch filled up from
     * its beginning, and round again as often as needed. Each batch belongs to one source (one prefix).
     */
    Plan plan(int warmupEvents, int measuredEvents, int batch) {
        int[] cursor = {0, 0}; // source, position
        List<Batch> warm = cut(warmupEvents, batch, cursor);
        List<Batch> measured = cut(measuredEvents, batch, cursor);
        return new Plan(warm, measured);
    }

    private List<Batch> cut(int events, int batch, int[] cursor) {
        List<Batch> out = new ArrayList<>();
        int left = events;
        while (left > 0) {
            Source s = sources.get(cursor[0]);
            int count = Math.min(batch, left);
            out.add(new Batch(cursor[0], cursor[1], count));
            left -= count;
            cursor[1] += count;
            if (cursor[1] >= s.records.length) {
                cursor[0] = (cursor[0] + 1) % sources.size();
                cursor[1] = 0;
            }
        }
        return out;
    }

    // --- loading ---------------------------------------------------------------------------------

    static Corpus load(String key, Path datasets, LogFormat format) {
        Wire wire = simulatedWire(key);
        if (wire != null) {
            // The demo's generator as the load: a Wednesday of 30 offices with the attack cases, as sent.
            var start = Instant.parse("2026-11-18T00:00:00Z");
            var end = start.plus(Duration.ofDays(1));
            var world = SimWorld.of(30, 1);
            var simulator = new Simulator(world, 1, 400, Simulator.Shape.FLAT,
                    new Story(start, end, 1));
            List<String> lines = simulator.between(start, end).stream().filter(r -> r.wire() == wire)
                    .map(SimRecord::line).toList();
            return single(key, format, wire != Wire.FORTIGATE_SYSLOG,
                    "the simulator (30 companies, 1 day, seed 1)", Map.of("simulated", lines));
        }
        return switch (key) {
            case "suricata-eve" -> single(key, format, true, "suricata-verify-eve/*.eve.json",
                    lines(files(datasets.resolve("suricata-verify-eve"), p -> name(p).endsWith(".eve.json"))));
            case "zeek-tsv" -> zeekTsv(key, format, datasets);
            case "zeek-json" -> single(key, format, true, "brimdata-zeek-wrccdc/zeek-json/*.json.gz",
                    lines(files(datasets.resolve("brimdata-zeek-wrccdc/zeek-json"), p -> name(p).endsWith(".json.gz"))));
            case "fortigate" -> single(key, format, false, "wazuh-ruleset-tests/fortigate.ini",
                    wazuh(datasets, "fortigate.ini"));
            case "cisco-asa" -> single(key, format, false, "wazuh-ruleset-tests/cisco_{asa,ftd}.ini",
                    wazuh(datasets, "cisco_asa.ini", "cisco_ftd.ini"));
            case "sshd" -> single(key, format, false, "wazuh-ruleset-tests/sshd.ini", wazuh(datasets, "sshd.ini"));
            case "windows" -> single(key, format, true, "otrf-security-datasets/atomic/**.zip (JSON lines)",
                    zipLines(files(datasets.resolve("otrf-security-datasets/atomic"), p -> name(p).endsWith(".zip"))));
            default -> throw new IllegalArgumentException("unknown format " + key);
        };
    }

    /** Every format except Zeek TSV: one source, no prefix, records validated with one parser. */
    private static Corpus single(String key, LogFormat format, boolean json, String origin, Map<String, List<String>> files) {
        List<String> records = new ArrayList<>();
        for (List<String> lines : files.values()) {
            for (String line : lines) {
                if (!line.isBlank()) {
                    records.add(line);
                }
            }
        }
        List<String> reasons = new ArrayList<>();
        List<String> good = validate(format, List.of(), records, reasons);
        if (good.isEmpty()) {
            throw new IllegalStateException(key + ": no parsable record in " + origin);
        }
        String where = origin + " (" + files.size() + (files.size() == 1 ? " file)" : " files)");
        return new Corpus(key, format.id(), json, where, List.of(new Source(key, List.of(), good)),
                records.size() - good.size(), reasons);
    }

    /**
     * Stratosphere's labeled Zeek TSV logs. Each header block ({@code #separator} … {@code #types}) with the data
     * lines after it is one source; {@code #close} trailers are dropped.
     */
    private static Corpus zeekTsv(String key, LogFormat format, Path datasets) {
        Map<String, List<String>> files = lines(files(datasets.resolve("stratosphere-zeek-labeled"), p -> {
            String n = name(p);
            return n.endsWith(".log") || n.endsWith(".log.labeled");
        }));
        List<Source> sources = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int total = 0;
        int kept = 0;
        for (Map.Entry<String, List<String>> f : files.entrySet()) {
            List<String> header = new ArrayList<>();
            List<String> data = new ArrayList<>();
            for (String line : f.getValue()) {
                if (line.isBlank() || line.startsWith("#close")) {
                    continue;
                }
                if (line.startsWith("#")) {
                    if (!data.isEmpty()) {
                        kept += addTsvSource(f.getKey(), format, header, data, sources, reasons);
                        header = new ArrayList<>();
                        data = new ArrayList<>();
                    }
                    header.add(line);
                } else {
                    data.add(line);
                    total++;
                }
            }
            if (!data.isEmpty()) {
                kept += addTsvSource(f.getKey(), format, header, data, sources, reasons);
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException(key + ": no parsable Zeek TSV log under stratosphere-zeek-labeled");
        }
        return new Corpus(key, format.id(), false, "stratosphere-zeek-labeled/**/*.log{,.labeled} (" + sources.size()
                + " logs)", sources, total - kept, reasons);
    }

    private static int addTsvSource(String file, LogFormat format, List<String> header, List<String> data,
            List<Source> sources, List<String> reasons) {
        List<String> good = validate(format, header, data, reasons);
        if (!good.isEmpty()) {
            sources.add(new Source(file, header, good));
        }
        return good.size();
    }

    /**
     * The records the server would accept as events with this prefix: a fresh parser parses the prefix and then
     * every record, as {@code IngestService} does per request; null results and malformed records are dropped
     * (with a few reasons kept for the report), so every batch sent must be accepted in full.
     */
    private static List<String> validate(LogFormat format, List<String> prefix, List<String> records, List<String> reasons) {
        RecordParser parser = format.newParser();
        List<String> good = new ArrayList<>(records.size());
        try {
            for (String p : prefix) {
                parser.parse(p, RECEIVED);
            }
        } catch (MalformedRecordException | RuntimeException e) {
            note(reasons, "header: " + e.getMessage());
            return good;
        }
        for (String r : records) {
            if (r.length() > MAX_RECORD_CHARS) {
                note(reasons, "longer than " + MAX_RECORD_CHARS + " characters");
                continue;
            }
            try {
                if (parser.parse(r, RECEIVED) != null) {
                    good.add(r);
                } else {
                    note(reasons, "no event: " + abbreviate(r));
                }
            } catch (MalformedRecordException e) {
                note(reasons, e.getMessage());
            } catch (RuntimeException e) {
                note(reasons, "parser error " + e);
            }
        }
        return good;
    }

    private static void note(List<String> reasons, String reason) {
        if (reasons.size() < 5) {
            reasons.add(reason);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    private static List<Path> files(Path dir, Predicate<Path> filter) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("dataset folder not found: " + dir);
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> found = walk.filter(Files::isRegularFile).filter(filter).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no matching files under " + dir);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of each file (gzip by name), split as the server splits a body: BufferedReader.readLine. */
    private static Map<String, List<String>> lines(List<Path> files) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Path p : files) {
            try (InputStream raw = Files.newInputStream(p);
                    InputStream in = name(p).endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
                out.put(p.toString(), readLines(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
        }
        return out;
    }

    /** The JSON lines of every {@code .json} entry of each zip. */
    private static Map<String, List<String>> zipLines(List<Path> zips) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Path zip : zips) {
            try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                    if (!e.isDirectory() && e.getName().endsWith(".json")) {
                        out.put(zip + "!" + e.getName(), readLines(z));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + zip, e);
            }
        }
        return out;
    }

    /** The raw log lines ({@code log N pass|fail = …}) of wazuh-ruleset-tests .ini files. */
    private static Map<String, List<String>> wazuh(Path datasets, String... files) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String f : files) {
            Path p = datasets.resolve("wazuh-ruleset-tests").resolve(f);
            List<String> logs = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    if (line.startsWith("log ") && (line.contains(" pass = ") || line.contains(" fail = "))) {
                        logs.add(line.substring(line.indexOf(" = ") + 3));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
            out.put(p.toString(), logs);
        }
        return out;
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
}
