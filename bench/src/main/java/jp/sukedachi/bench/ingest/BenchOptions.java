package jp.sukedachi.bench.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command-line options of {@code ./sukedachi bench ingest}; both {@code --x v} and {@code --x=v}. */
record BenchOptions(
        Path datasets,
        int events,
        int warmup,
        int batch,
        int clients,
        List<String> formats,
        Path dataDir,
        boolean fsync,
        boolean profile,
        boolean withConsumer,
        boolean help) {

    static final int DEFAULT_EVENTS = 100_000;
    static final int DEFAULT_BATCH = 1_000;
    static final int DEFAULT_CLIENTS = 4;

    static String usage() {
        return """
                Usage: ./sukedachi bench ingest [options]

                Sends real public log records to an in-process Sukedachi server (POST /api/v1/ingest,
                NDJSON, device tokens, journal with fsync) and compares its throughput with the parsers
                alone and, for JSON formats, with raw Jackson streaming over the same records.

                Options:
                  --events N      events per format in the measured pass (default %d)
                  --warmup N      events per format in one HTTP warm-up pass (default: half of --events);
                                  the pass is repeated (3 to 8 times) until the speed stops improving
                                  and the JIT compilers are done
                  --batch N       records per HTTP request and per parser (default %d)
                  --clients N     concurrent HTTP clients (default %d)
                  --formats LIST  comma-separated subset of: %s
                                  or the simulator's traffic: sim-fortigate, sim-eve, sim-zeek, sim-windows
                  --datasets DIR  the shared datasets (default: ../shared/datasets beside the repository)
                  --data-dir DIR  the server's data folder, new or empty, kept afterwards (default: a
                                  temporary folder under bench/target, deleted at the end)
                  --profile       sample the server's request threads during the measured passes and print
                                  where they spend their time (costs some CPU: numbers drop a little)
                  --with-consumer let the pipeline consumer (detection, alerts) run during the HTTP passes, as
                                  the embedded runtime does; by default it is held until a pass ends, so the
                                  passes measure the receiver (HTTP → durable journal) as a cluster receiver
                                  node runs it; `bench pipeline` measures the whole
                  --no-fsync      DIAGNOSTIC ONLY: journal without fsync (not durable); shows what the
                                  fsync costs. Reported as "fsync": false.
                  -h, --help      this text

                The last line of the output is one JSON object (events_per_s, parse_only_events_per_s and
                ratio_vs_parse_only at top level, then "overall" and "formats"). Exit status 1 on errors
                (a rejected batch, a wrong accepted count), not on missed goals.
                """.formatted(DEFAULT_EVENTS, DEFAULT_BATCH, DEFAULT_CLIENTS, String.join(", ", Corpus.KEYS));
    }

    static BenchOptions parse(String[] args, Path repoRoot) {
        Path datasets = repoRoot.resolve("../shared/datasets").normalize();
        Integer events = null;
        Integer warmup = null;
        int batch = DEFAULT_BATCH;
        int clients = DEFAULT_CLIENTS;
        List<String> formats = new ArrayList<>(Corpus.KEYS);
        Path dataDir = null;
        boolean fsync = true;
        boolean profile = false;
        boolean withConsumer = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--profile" -> profile = true;
                case "--with-consumer" -> withConsumer = true;
                case "--no-fsync" -> fsync = false;
                case "--events", "--warmup", "--batch", "--clients", "--formats", "--datasets", "--data-dir" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--events" -> events = positive(name, value);
                        case "--warmup" -> warmup = nonNegative(name, value);
                        case "--batch" -> batch = positive(name, value);
                        case "--clients" -> clients = positive(name, value);
                        case "--datasets" -> datasets = Path.of(value).toAbsolutePath().normalize();
                        case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath().normalize();
                        default -> {
                            formats = new ArrayList<>();
                            for (String f : value.split(",")) {
                                String key = f.strip();
                                if (key.isEmpty()) {
                                    continue;
                                }
                                if (!Corpus.KEYS.contains(key) && !Corpus.SIMULATED_KEYS.contains(key)) {
                                    throw new IllegalArgumentException("unknown format '" + key + "'; one of "
                                            + String.join(", ", Corpus.KEYS) + ", " + String.join(", ", Corpus.SIMULATED_KEYS));
                                }
                                formats.add(key);
                            }
                            if (formats.isEmpty()) {
                                throw new IllegalArgumentException("--formats names no format");
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (--help lists them)");
            }
        }
        int e = events == null ? DEFAULT_EVENTS : events;
        int w = warmup == null ? Math.max(batch, e / 2) : warmup;
        return new BenchOptions(datasets, e, w, batch, clients, List.copyOf(formats), dataDir, fsync, profile, withConsumer, help);
    }

    private static int positive(String name, String value) {
        int n = nonNegative(name, value);
        if (n == 0) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String name, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }
}
