package jp.sukedachi.bench.cluster;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.simulate.Sender;
import jp.sukedachi.simulate.SimRecord;
import jp.sukedachi.simulate.SimWorld;
import jp.sukedachi.simulate.Simulator;
import jp.sukedachi.simulate.Story;
import jp.sukedachi.testkit.KafkaTestBroker;
import jp.sukedachi.testkit.cluster.Await;
import jp.sukedachi.testkit.cluster.ClusterDb;
import jp.sukedachi.testkit.cluster.ClusterLoad;
import jp.sukedachi.testkit.cluster.ClusterNode;
import jp.sukedachi.testkit.cluster.ClusterTopic;

/**
 * {@code ./sukedachi bench cluster}: the cluster runtime on this machine. A Kafka broker, a PostgreSQL schema, a
 * receiver and one, then two worker processes (each its own JVM); a fixed HTTP load of Suricata flows for every
 * company, measured end to end (first request until the last event is counted in PostgreSQL) with one and with two
 * workers, the workers' CPU time per event, and the time until the lag is 0 again after one of two workers is killed
 * (SIGKILL) under load. Before that, the simulator's recorded input (the demo's seed, attacks included) goes through
 * an embedded-runtime node and through the cluster, and their alerts are compared. Every acknowledged event must be
 * counted once: lost and duplicated are counted per device. See bench/README.md, section "bench cluster".
 *
 * <p>Options: {@code --events N} (per measured phase, default 20000), {@code --companies N} (default 20),
 * {@code --clients N} (parallel HTTP clients, default 4), {@code --batch N} (events per request, default 200),
 * {@code --pg URL} (a PostgreSQL to make a schema in; default SUKEDACHI_TEST_PG_URL or the local test database).
 */
public final class ClusterBench {
    private static final long WORLD_SEED = 2026; // DemoWorld.WORLD_SEED: the seeded world is SimWorld.of(n, this)
    private static final int STORY_HOURS = 6;

    private final int events;
    private final int clients;
    private final int batch;
    private final Map<String, Long> acknowledged = new TreeMap<>();

    private ClusterBench(int events, int clients, int batch) {
        this.events = events;
        this.clients = clients;
        this.batch = batch;
    }

    public static void main(String[] args) throws Exception {
        // The bench's own Kafka clients (reading the topic back) would print their whole configuration each time.
        if (org.slf4j.LoggerFactory.getLogger("org.apache.kafka") instanceof ch.qos.logback.classic.Logger kafka) {
            kafka.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int events = Integer.parseInt(o.getOrDefault("events", "20000"));
        int companies = Integer.parseInt(o.getOrDefault("companies", "20"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "4"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "200"));
        String env = System.getenv("SUKEDACHI_TEST_PG_URL");
        String pg = o.getOrDefault("pg", env != null && !env.isBlank() ? env
                : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        new ClusterBench(events, clients, batch).run(pg, Math.max(8, companies));
    }

    private void run(String pg, int companies) throws Exception {
        long t0 = System.nanoTime();
        Path work = Files.createTempDirectory("sukedachi-cluster-bench");
        ClusterNode.logsIn(work.resolve("logs"));
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String schemaK = "sk_bench_k_" + suffix;
        String schemaE = "sk_bench_e_" + suffix;
        ClusterDb dbK = ClusterDb.createSchema(pg, schemaK);
        ClusterDb dbE = ClusterDb.createSchema(pg, schemaE);
        List<ClusterNode> nodes = new ArrayList<>();
        // No Sigma rules folder: SigmaHQ's thousands would load in every JVM; the cluster's cost is the figure here.
        Path rules = Files.createDirectories(work.resolve("sigma-rules"));
        List<String> common = List.of("--sukedachi.sigma.rules-dir=" + rules, "--sukedachi.notify.sweep-ms=3600000");
        System.out.printf("cluster bench: %d companies, %d events per phase, %d clients × %d events per request;"
                + " logs in %s%n", companies, events, clients, batch, work.resolve("logs"));
        try (KafkaTestBroker broker = KafkaTestBroker.start(work.resolve("kafka"))) {
            String bootstrap = broker.bootstrap();
            // The embedded node seeds its own schema and stays (the alerts to compare with); the cluster's schema is
            // seeded by an embedded node that stops again; the receiver starts beside them. The worker starts once
            // the demo indicators are in: it loads them when it starts.
            ClusterNode embedded = ClusterNode.launchSeeder("bench-embedded", work.resolve("e"), database(dbE, schemaE),
                    companies, common);
            nodes.add(embedded);
            ClusterNode seeder = ClusterNode.launchSeeder("bench-seed", work.resolve("seed"), database(dbK, schemaK),
                    companies, common);
            nodes.add(seeder);
            ClusterNode receiver = ClusterNode.launch("bench-receiver", work.resolve("r"),
                    with(ClusterNode.kafka("receiver", bootstrap, database(dbK, schemaK)), common));
            nodes.add(receiver);
            Map<String, String> tokensK = seeder.awaitSeeded().demoTokens();
            seeder.stop();
            nodes.remove(seeder);
            ClusterNode worker1 = ClusterNode.launch("bench-worker-1", work.resolve("w1"),
                    with(ClusterNode.kafka("worker", bootstrap, database(dbK, schemaK)), common));
            nodes.add(worker1);
            Map<String, String> tokensE = embedded.awaitSeeded().demoTokens();
            receiver.awaitHealthy();
            worker1.awaitHealthy();
            System.out.printf("  %-44s %8.1f%n", "nodes up after s", seconds(t0));

            boolean alertsEqual = replay(companies, embedded, receiver, worker1, tokensE, tokensK, dbE, dbK);
            embedded.stop();
            nodes.remove(embedded);

            Map<String, String> utms = new TreeMap<>();
            tokensK.forEach((k, v) -> {
                if (k.endsWith("-FGT")) {
                    utms.put(k, v);
                }
            });
            Map<String, UUID> ids = dbK.devices();
            Map<UUID, Long> baseline = dbK.parsed();

            Phase one = phase("1 worker", receiver, List.of(worker1), utms, dbK, bootstrap);
            ClusterNode worker2 = ClusterNode.start("bench-worker-2", work.resolve("w2"),
                    with(ClusterNode.kafka("worker", bootstrap, database(dbK, schemaK)), common));
            nodes.add(worker2);
            Await.until("two workers sharing the partitions", Duration.ofSeconds(90), () -> {
                var a = ClusterTopic.assignment(bootstrap, ClusterTopic.GROUP);
                return a.size() == 2 && a.values().stream().noneMatch(java.util.Set::isEmpty);
            });
            Phase two = phase("2 workers", receiver, List.of(worker1, worker2), utms, dbK, bootstrap);

            // Failover: half a phase's load; one of the two workers killed once a third of it is acknowledged.
            long ackedBefore = total(acknowledged);
            ClusterLoad[] loads = loads(receiver, utms, events / 2);
            Await.until("a third of the failover load", Duration.ofMinutes(2),
                    () -> sum(loads) >= events / 6);
            worker1.kill();
            nodes.remove(worker1);
            long killedAt = System.nanoTime();
            for (ClusterLoad l : loads) {
                l.awaitDone();
            }
            collect(loads);
            ClusterTopic.awaitDrained(dbK, bootstrap, total(baseline) + total(acknowledged), Duration.ofMinutes(3));
            double lagZeroAfter = seconds(killedAt);
            Thread.sleep(1_000); // a late duplicate would show now

            Map<UUID, Long> parsed = dbK.parsed();
            long counted = 0;
            long lost = 0;
            long duplicated = 0;
            for (var e : acknowledged.entrySet()) {
                UUID id = ids.get(e.getKey());
                long c = parsed.getOrDefault(id, 0L) - baseline.getOrDefault(id, 0L);
                counted += c;
                lost += Math.max(0, e.getValue() - c);
                duplicated += Math.max(0, c - e.getValue());
            }
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("  %-44s %8.1f (%,d events)%n", "lag 0 again after the kill, s", lagZeroAfter,
                    total(acknowledged) - ackedBefore);
            System.out.printf("  %-44s %,8d / %,d / %,d / %,d%n", "acknowledged / counted / lost / duplicated",
                    total(acknowledged), counted, lost, duplicated);
            System.out.printf("  %-44s %8d%n", "cores", cores);
            System.out.printf("  %-44s %8.1f%n", "whole run, s", seconds(t0));
            if (cores <= 2) {
                System.out.println("  (2 cores shared by broker, PostgreSQL, receiver and workers: the 1→2 ratio says"
                        + " little here; CPU per event per worker is the figure to scale with)");
            }
            System.out.printf(Locale.ROOT, "{\"workers_1_events_per_s\":%.0f,\"workers_2_events_per_s\":%.0f,"
                    + "\"worker_cpu_us_per_event_1\":%.1f,\"worker_cpu_us_per_event_2\":%.1f,"
                    + "\"receiver_cpu_us_per_event\":%.1f,\"failover_lag_zero_s\":%.1f,\"acknowledged\":%d,"
                    + "\"counted\":%d,\"lost\":%d,\"duplicated\":%d,\"alerts_equal\":%s,\"cores\":%d,"
                    + "\"events_per_phase\":%d,\"companies\":%d}%n", one.rate, two.rate, one.workerCpuPerEvent,
                    two.workerCpuPerEvent, (one.receiverCpuPerEvent + two.receiverCpuPerEvent) / 2, lagZeroAfter,
                    total(acknowledged), counted, lost, duplicated, alertsEqual, cores, events, companies);
        } finally {
            for (ClusterNode n : nodes) {
                n.close();
            }
            ClusterDb.dropSchema(pg, schemaK);
            ClusterDb.dropSchema(pg, schemaE);
        }
    }

    /** The schema's datasource arguments for a node. */
    private static List<String> database(ClusterDb db, String schema) {
        return List.of("--spring.datasource.url=" + db.url(), "--spring.datasource.username=",
                "--spring.datasource.password=", "--spring.flyway.schemas=" + schema);
    }

    private static List<String> with(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * The simulator's {@value #STORY_HOURS} hours (attack cases compressed into them) hour by hour through both
     * runtimes, each hour once the previous is counted in both; true when the alerts are the same.
     */
    private static boolean replay(int companies, ClusterNode embedded, ClusterNode receiver, ClusterNode worker,
            Map<String, String> tokensE, Map<String, String> tokensK, ClusterDb dbE, ClusterDb dbK) throws Exception {
        long t = System.nanoTime();
        SimWorld world = SimWorld.of(companies, WORLD_SEED);
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        Simulator simulator = new Simulator(world, WORLD_SEED, 8, Simulator.Shape.OFFICE,
                new Story(start, start.plus(Duration.ofHours(STORY_HOURS)), WORLD_SEED));
        long sent = 0;
        try (Sender toE = new Sender(new Sender.Target(URI.create(embedded.base()), 0), tokensE, world, 1);
                Sender toK = new Sender(new Sender.Target(URI.create(receiver.base()), 0), tokensK, world, 1)) {
            for (int h = 0; h < STORY_HOURS; h++) {
                List<SimRecord> hour = simulator.between(start.plus(Duration.ofHours(h)),
                        start.plus(Duration.ofHours(h + 1)));
                toE.send(hour);
                toK.send(hour);
                sent += hour.size();
                dbE.awaitReceived(sent, Duration.ofSeconds(120), embedded);
                dbK.awaitReceived(sent, Duration.ofSeconds(120), worker);
            }
        }
        List<String> e = dbE.alerts();
        List<String> k = dbK.alerts();
        boolean equal = e.equals(k);
        System.out.printf("  %-44s %8s (%d records, %d alerts embedded, %d Kafka, %.1f s)%n", "alerts equal", equal,
                sent, e.size(), k.size(), seconds(t));
        if (!equal) {
            System.out.println("    only embedded: " + ClusterDb.only(e, k));
            System.out.println("    only Kafka:    " + ClusterDb.only(k, e));
        }
        return equal;
    }

    private record Phase(double rate, double workerCpuPerEvent, double receiverCpuPerEvent) {
    }

    /** The fixed load through the receiver until every acknowledged event is counted. */
    private Phase phase(String name, ClusterNode receiver, List<ClusterNode> workers, Map<String, String> utms,
            ClusterDb db, String bootstrap) throws Exception {
        long expectedBefore = db.parsedTotal();
        Duration receiverCpu = receiver.cpu();
        List<Duration> workerCpu = workers.stream().map(ClusterNode::cpu).toList();
        long start = System.nanoTime();
        ClusterLoad[] loads = loads(receiver, utms, events);
        for (ClusterLoad l : loads) {
            l.awaitDone();
        }
        long acked = sum(loads);
        collect(loads);
        ClusterTopic.awaitDrained(db, bootstrap, expectedBefore + acked, Duration.ofMinutes(3));
        double s = seconds(start);
        double rate = acked / s;
        long cpuNanos = 0;
        for (int i = 0; i < workers.size(); i++) {
            cpuNanos += workers.get(i).cpu().minus(workerCpu.get(i)).toNanos();
        }
        double perEvent = cpuNanos / 1_000.0 / acked;
        double receiverPerEvent = receiver.cpu().minus(receiverCpu).toNanos() / 1_000.0 / acked;
        System.out.printf("  %-44s %,8.0f events/s (%,d events in %.1f s; worker CPU %.1f µs/event, receiver %.1f)%n",
                name + ", end to end", rate, acked, s, perEvent, receiverPerEvent);
        return new Phase(rate, perEvent, receiverPerEvent);
    }

    /** {@link #clients} loads over disjoint sets of the companies, {@code total} events acknowledged in all. */
    private ClusterLoad[] loads(ClusterNode receiver, Map<String, String> utms, long total) {
        List<Map<String, String>> shares = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            shares.add(new TreeMap<>());
        }
        int i = 0;
        for (var e : utms.entrySet()) {
            shares.get(i++ % clients).put(e.getKey(), e.getValue());
        }
        Instant eventTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClusterLoad[] loads = new ClusterLoad[clients];
        for (int c = 0; c < clients; c++) {
            loads[c] = new ClusterLoad(receiver.base(), shares.get(c), eventTime)
                    .start(batch, Duration.ZERO, total / clients);
        }
        return loads;
    }

    private static long sum(ClusterLoad[] loads) {
        long n = 0;
        for (ClusterLoad l : loads) {
            n += l.acknowledgedTotal();
        }
        return n;
    }

    private void collect(ClusterLoad[] loads) {
        for (ClusterLoad l : loads) {
            l.acknowledged().forEach((k, v) -> acknowledged.merge(k, v, Long::sum));
        }
    }

    private static long total(Map<?, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
