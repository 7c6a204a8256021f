package jp.sukedachi.simulate;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code ./sukedachi simulate}: registers the simulated companies and their devices at a running Sukedachi
 * (admin API key), then sends their telemetry through the real receivers at the asked rate for the asked time,
 * with the attack cases compressed into the run. Also the load tool: {@code --shape flat} sends exactly
 * {@code --eps}. {@code --out FILE} writes the records instead of sending them (to inspect or replay).
 * Prints one JSON summary line at the end.
 */
public final class SimulateMain {

    record Options(URI target, String apiKey, int tenants, double eps, Duration duration, long seed, int syslogPort,
            Simulator.Shape shape, boolean cases, Path state, Path out, Path demoDevices, Instant from) {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        System.exit(run(o, System.out, System.err));
    }

    static String usage() {
        return """
                usage: ./sukedachi simulate --target URL [--api-key KEY | --data DIR] [--tenants N] [--eps R]
                         [--duration D] [--seed S] [--syslog-port P] [--shape flat|office] [--no-cases]
                         [--state FILE] [--out FILE] [--from TIME]
                  --target URL     Sukedachi's base URL, e.g. http://127.0.0.1:8080
                  --api-key KEY    an admin API key (skd_…); or --data DIR of a demo (reads demo-credentials.json)
                  --tenants N      companies to simulate (default 30; the first 30 are the demo's)
                  --eps R          everyday events per second in all (default 50), plus the attack cases
                  --duration D     how long to send: 90s, 10m, 2h (default 1m)
                  --seed S         the same seed gives the same events (default 1)
                  --syslog-port P  UTM logs over syslog TCP to this port (default 5514; 0 = over HTTP instead)
                  --shape          flat: the same rate all the time (default); office: busy on weekday daytime
                  --no-cases       everyday traffic only
                  --state FILE     where device tokens are kept between runs (default ./simulate-devices.json)
                  --out FILE       write the records as NDJSON instead of sending them
                  --from TIME      start of the window (ISO time, e.g. 2026-11-01T00:00:00Z; default now):
                                   a past start sends the history up to now at once, then goes on live
                """;
    }

    static Options parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        boolean cases = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-cases")) {
                cases = false;
                continue;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq > 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                value = args[++i];
            }
            m.put(key, value);
        }
        for (String k : m.keySet()) {
            if (!List.of("target", "api-key", "data", "tenants", "eps", "duration", "seed", "syslog-port", "shape", "state",
                    "out", "from").contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k);
            }
        }
        Path out = m.containsKey("out") ? Path.of(m.get("out")) : null;
        if (!m.containsKey("target") && out == null) {
            throw new IllegalArgumentException("--target URL is required (or --out FILE)");
        }
        String apiKey = m.getOrDefault("api-key", System.getenv("SUKEDACHI_API_KEY"));
        Path demoDevices = null;
        if (m.containsKey("data")) {
            Path data = Path.of(m.get("data"));
            apiKey = apiKey != null ? apiKey : readString(data.resolve("demo-credentials.json"), "apiKey");
            demoDevices = data.resolve("demo-devices.json");
        }
        if (apiKey == null && out == null) {
            throw new IllegalArgumentException("an admin API key is needed: --api-key, SUKEDACHI_API_KEY or --data DIR");
        }
        int tenants = integer(m.getOrDefault("tenants", "30"), "tenants");
        if (tenants < 1 || tenants > 5_000) {
            throw new IllegalArgumentException("--tenants must be 1–5000");
        }
        double eps = Double.parseDouble(m.getOrDefault("eps", "50"));
        if (!(eps >= 0 && eps <= 1_000_000)) {
            throw new IllegalArgumentException("--eps must be 0–1000000");
        }
        return new Options(m.containsKey("target") ? URI.create(m.get("target").replaceAll("/+$", "") + "/") : null,
                apiKey, tenants, eps, duration(m.getOrDefault("duration", "1m")),
                Long.parseLong(m.getOrDefault("seed", "1")), integer(m.getOrDefault("syslog-port", "5514"), "syslog-port"),
                Simulator.Shape.valueOf(m.getOrDefault("shape", "flat").toUpperCase(Locale.ROOT)), cases,
                Path.of(m.getOrDefault("state", "simulate-devices.json")), out, demoDevices,
                m.containsKey("from") ? instant(m.get("from")) : null);
    }

    private static Instant instant(String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--from must be an ISO time such as 2026-11-01T00:00:00Z, got " + v);
        }
    }

    private static int integer(String v, String name) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + v);
        }
    }

    /** 90s, 10m, 2h, 1d, or plain seconds. */
    static Duration duration(String v) {
        Matcher m = Pattern.compile("(\\d+)([smhd]?)").matcher(v.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--duration looks like 90s, 10m, 2h; got " + v);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    static int run(Options o, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        SimWorld world = SimWorld.of(o.tenants(), o.seed());
        Instant start = o.from() != null ? o.from() : Instant.now();
        Instant end = start.plus(o.duration());
        Story story = o.cases() ? new Story(start, end, o.seed()) : null;
        Simulator simulator = new Simulator(world, o.seed(), o.eps() * 3600 / o.tenants(), o.shape(), story);
        if (o.out() != null) {
            long n = write(simulator.between(start, end), o.out());
            out.println("{\"written\":" + n + ",\"file\":\"" + o.out() + "\",\"seed\":" + o.seed() + "}");
            return 0;
        }
        Map<String, String> tokens = register(o, world, err);
        boolean loopback = o.target().getHost().startsWith("127.") || o.target().getHost().equals("localhost");
        int syslogPort = loopback ? o.syslogPort() : 0; // source addresses 127.0.x.y only exist on this machine
        long sent = 0;
        long errors = 0;
        try (Sender sender = new Sender(new Sender.Target(o.target(), syslogPort), tokens, world, 8)) {
            long last = start.toEpochMilli();
            long lastReport = last;
            while (last < end.toEpochMilli()) {
                Thread.sleep(Math.max(0, Math.min(1_000, end.toEpochMilli() - System.currentTimeMillis())));
                long now = Math.min(System.currentTimeMillis(), end.toEpochMilli());
                if (now == last && now == end.toEpochMilli()) {
                    break;
                }
                List<SimRecord> batch = simulator.between(Instant.ofEpochMilli(last), Instant.ofEpochMilli(now));
                try {
                    sent += sender.send(batch).total();
                } catch (IOException e) {
                    errors += batch.size();
                    err.println("simulate: " + e.getMessage());
                }
                last = now;
                if (now - lastReport >= 10_000) {
                    err.printf("simulate: %d events sent%n", sent);
                    lastReport = now;
                }
            }
        }
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        out.printf(Locale.ROOT, "{\"sent\":%d,\"errors\":%d,\"seconds\":%.1f,\"eps\":%.1f,\"tenants\":%d,\"seed\":%d}%n",
                sent, errors, seconds, sent / Math.max(seconds, 0.001), o.tenants(), o.seed());
        return errors == 0 ? 0 : 1;
    }

    private static long write(List<SimRecord> records, Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (SimRecord r : records) {
            Json j = new Json().str("company", r.company()).str("device", r.device()).str("wire", r.wire().name())
                    .num("time", r.epochMillis()).num("case", r.caseId()).str("line", r.line());
            sb.append(j.line()).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return records.size();
    }

    /** Creates missing companies and devices; tokens come from the demo's file, the state file, or registration. */
    private static Map<String, String> register(Options o, SimWorld world, PrintStream err) throws IOException, InterruptedException {
        Map<String, String> tokens = new LinkedHashMap<>();
        if (o.demoDevices() != null && Files.exists(o.demoDevices())) {
            tokens.putAll(readTokens(o.demoDevices()));
        }
        String stateKey = o.target().toString();
        Map<String, String> saved = Files.exists(o.state()) ? readTokens(o.state()) : Map.of();
        saved.forEach((k, v) -> {
            if (k.startsWith(stateKey)) {
                tokens.putIfAbsent(k.substring(stateKey.length()), v);
            }
        });
        HttpClient http = HttpClient.newHttpClient();
        boolean changed = false;
        for (SimWorld.Company c : world.companies()) {
            boolean allKnown = c.devices().stream().allMatch(d -> tokens.containsKey(Sender.key(c.slug(), d.name())));
            if (allKnown) {
                continue;
            }
            Json t = new Json().str("name", c.name()).str("slug", c.slug()).str("nameKana", c.kana())
                    .str("industry", c.industry()).str("employeeBand", c.band()).str("prefecture", c.prefecture())
                    .str("contactName", c.contactName()).str("contactEmail", c.contactEmail()).str("contactPhone", c.phone());
            HttpResponse<String> r = post(http, o, "api/v1/tenants", t.line());
            if (r.statusCode() != 201 && r.statusCode() != 200 && r.statusCode() != 409) {
                throw new IOException("creating company " + c.slug() + ": " + r.statusCode() + " " + r.body());
            }
            for (SimWorld.Device d : c.devices()) {
                String key = Sender.key(c.slug(), d.name());
                if (tokens.containsKey(key)) {
                    continue;
                }
                Json dj = new Json().str("name", d.name()).str("kind", d.wire().deviceKind()).str("format", d.wire().format())
                        .num("expectedIntervalMinutes", 720);
                if (d.sourceIp() != null) {
                    dj.strings("sourceIps", d.sourceIp());
                }
                HttpResponse<String> dr = post(http, o, "api/v1/tenants/" + c.slug() + "/devices", dj.line());
                if (dr.statusCode() == 409 && dr.body().contains("address")) {
                    // A syslog address belongs to one device only (another world already holds this one).
                    throw new IOException("registering " + key + ": its syslog address " + d.sourceIp()
                            + " is held by another device: " + dr.body());
                }
                if (dr.statusCode() == 409) {
                    throw new IOException("device '" + d.name() + "' of " + c.slug() + " exists but its token is not in "
                            + o.state() + "; remove the device or pass the demo's --data DIR");
                }
                if (dr.statusCode() != 201) {
                    throw new IOException("registering " + key + ": " + dr.statusCode() + " " + dr.body());
                }
                String token = field(dr.body(), "token");
                if (token == null) {
                    throw new IOException("no token in the answer for " + key);
                }
                tokens.put(key, token);
                changed = true;
            }
        }
        if (changed) {
            Map<String, String> all = new LinkedHashMap<>(saved);
            tokens.forEach((k, v) -> all.put(stateKey + k, v));
            Json s = new Json().open("tokens");
            all.forEach(s::str);
            Files.writeString(o.state(), s.close().line());
            try {
                Files.setPosixFilePermissions(o.state(), PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system
            }
            err.println("simulate: device tokens saved in " + o.state());
        }
        return tokens;
    }

    private static HttpResponse<String> post(HttpClient http, Options o, String path, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(o.target().resolve(path)).header("Authorization", "Bearer " + o.apiKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {"tokens":{key:token,…}} as the demo and this tool write it. */
    static Map<String, String> readTokens(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(Files.readString(file))) {
            boolean inTokens = false;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.PROPERTY_NAME && p.currentName().equals("tokens")) {
                    inTokens = true;
                } else if (inTokens && t == JsonToken.VALUE_STRING) {
                    out.put(p.currentName(), p.getString());
                } else if (inTokens && t == JsonToken.END_OBJECT) {
                    break;
                }
            }
        }
        return out;
    }

    private static String readString(Path file, String name) {
        try {
            return field(Files.readString(file), name);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + name + " from " + file + ": " + e.getMessage());
        }
    }

    /** The first string property of that name anywhere in a JSON document, or null. */
    static String field(String json, String name) {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.PROPERTY_NAME && p.currentName().equals(name) && p.nextToken() == JsonToken.VALUE_STRING) {
                    return p.getString();
                }
            }
            return null;
        }
    }
}
