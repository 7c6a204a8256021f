package jp.sukedachi.bench.intel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;

/** Inputs of the intel benchmarks: real EVE and Zeek lines from the shared datasets, and generated indicators. */
public final class IntelBenchData {
    private IntelBenchData() {
    }

    public static Path datasets() {
        String configured = System.getProperty("sukedachi.datasets");
        if (configured != null) {
            return Path.of(configured);
        }
        for (String candidate : List.of("../shared/datasets", "../../shared/datasets", "../../../shared/datasets")) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("shared datasets not found; run from the repository root or set -Dsukedachi.datasets");
    }

    /** Every line of the Suricata EVE samples. */
    public static List<String> eveLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(datasets().resolve("suricata-verify-eve"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        lines.add(line);
                    }
                }
            }
        }
        return lines;
    }

    /** The Zeek TSV logs of the WRCCDC sample, one list of lines per file (each with its own header). */
    public static List<List<String>> zeekFiles() throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(datasets().resolve("brimdata-zeek-wrccdc/zeek-default"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log.gz")).sorted().toList()) {
                List<String> lines = new ArrayList<>();
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f));
                        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        lines.add(line);
                    }
                }
                out.add(lines);
            }
        }
        return out;
    }

    public static RecordParser parser(String format) {
        return LogFormats.standard().byId(format).orElseThrow().newParser();
    }

    /** Parses lines with one parser; malformed and header lines are skipped. */
    public static List<SecurityEvent> parse(String format, List<String> lines) {
        RecordParser p = parser(format);
        List<SecurityEvent> events = new ArrayList<>();
        for (String line : lines) {
            try {
                SecurityEvent e = p.parse(line, 0L);
                if (e != null) {
                    events.add(e);
                }
            } catch (MalformedRecordException e) {
                // skipped, as the pipeline quarantines it
            }
        }
        return events;
    }

    /**
     * {@code n} indicators: 40% IPv4, 5% CIDR, 25% domains (half exact, half suffix), 15% URLs, 15% hashes
     * (MD5/SHA-1/SHA-256). Random values, plus one in fifty of the distinct destination addresses and names seen in {@code seen}
     * events, so that matching also exercises the hit path.
     */
    public static List<Indicator> indicators(int n, List<SecurityEvent> seen, long seed) {
        Random rnd = new Random(seed);
        String[] sources = {"feodotracker", "urlhaus", "threatfox", "malwarebazaar", "sslbl", "own-soc"};
        String[] threats = {"botnet_cc", "payload_delivery", "phishing", "malware"};
        String[] families = new String[24];
        for (int i = 0; i < families.length; i++) {
            families[i] = "Family" + i;
        }
        Instant expires = Instant.parse("2099-01-01T00:00:00Z");
        List<Indicator> out = new ArrayList<>(n);
        Set<String> realIps = new LinkedHashSet<>();
        Set<String> realNames = new LinkedHashSet<>();
        for (SecurityEvent e : seen) {
            String ip = e.get(Ecs.DESTINATION_IP);
            if (ip != null && ip.indexOf(':') < 0) {
                realIps.add(ip);
            }
            String name = e.get(Ecs.DNS_QUESTION_NAME);
            if (name != null) {
                realNames.add(name.toLowerCase());
            }
        }
        int k = 0;
        for (String ip : realIps) {
            if (k++ % 50 == 0) {
                out.add(new Indicator(IndicatorType.IPV4, ip, "threatfox", 80, "botnet_cc", "Family1", null, null, expires, null, null));
            }
        }
        for (String name : realNames) {
            if (k++ % 50 == 0) {
                out.add(new Indicator(IndicatorType.DOMAIN, name, "threatfox", 80, "botnet_cc", "Family2", null, null, expires, null, null));
            }
        }
        HexFormat hex = HexFormat.of();
        while (out.size() < n) {
            int pick = rnd.nextInt(100);
            String source = sources[rnd.nextInt(sources.length)];
            String threat = threats[rnd.nextInt(threats.length)];
            String family = rnd.nextInt(3) == 0 ? null : families[rnd.nextInt(families.length)];
            int confidence = 25 + rnd.nextInt(76);
            IndicatorType type;
            String value;
            if (pick < 40) {
                type = IndicatorType.IPV4;
                value = ip(rnd);
            } else if (pick < 45) {
                type = IndicatorType.CIDR;
                int prefix = 16 + rnd.nextInt(13);
                int addr = rnd.nextInt() & (-1 << (32 - prefix));
                value = ((addr >>> 24) & 255) + "." + ((addr >>> 16) & 255) + "." + ((addr >>> 8) & 255) + "." + (addr & 255)
                        + "/" + prefix;
            } else if (pick < 70) {
                type = rnd.nextBoolean() ? IndicatorType.DOMAIN : IndicatorType.DOMAIN_SUFFIX;
                value = domain(rnd);
            } else if (pick < 85) {
                type = IndicatorType.URL;
                value = "http://" + domain(rnd) + "/" + word(rnd, 4 + rnd.nextInt(8)) + "/" + word(rnd, 3 + rnd.nextInt(10))
                        + (rnd.nextBoolean() ? ".exe" : ".php?id=" + rnd.nextInt(100000));
            } else {
                int which = rnd.nextInt(3);
                type = which == 0 ? IndicatorType.MD5 : which == 1 ? IndicatorType.SHA1 : IndicatorType.SHA256;
                byte[] b = new byte[which == 0 ? 16 : which == 1 ? 20 : 32];
                rnd.nextBytes(b);
                value = hex.formatHex(b);
            }
            out.add(new Indicator(type, value, source, confidence, threat, family, null, null,
                    rnd.nextInt(4) == 0 ? null : expires, null, null));
        }
        return out;
    }

    private static String ip(Random rnd) {
        return (1 + rnd.nextInt(222)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
    }

    private static final String[] TLDS = {"com", "net", "org", "ru", "cn", "xyz", "top", "info", "jp", "co.jp"};

    private static String domain(Random rnd) {
        String d = word(rnd, 5 + rnd.nextInt(10)) + "." + TLDS[rnd.nextInt(TLDS.length)];
        return rnd.nextInt(3) == 0 ? word(rnd, 3 + rnd.nextInt(5)) + "." + d : d;
    }

    private static String word(Random rnd, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            c[i] = (char) ('a' + rnd.nextInt(26));
        }
        return new String(c);
    }
}
