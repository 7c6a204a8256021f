package jp.sukedachi.app.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.sukedachi.app.support.SigmaTestRules;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.testkit.cluster.ClusterNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the cluster tests share: the demo world seeded into a PostgreSQL schema (companies, their simulated devices and
 * tokens, the demo indicators), a small Sigma rules folder, and the database and topic read back as they are.
 */
final class ClusterWorld {
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The demo world's seed (DemoWorld.WORLD_SEED): the seeded companies and devices are SimWorld.of(n, this). */
    static final long WORLD_SEED = 2026;
    /** The Sigma rule every failed Windows logon matches, and the correlation over five of one user in ten minutes. */
    static final String FAILED_LOGON_ID = "c1a57e10-2f0b-4c1d-9e8a-20c1a57e0001";
    static final String FIVE_FAILED_ID = "c1a57e10-2f0b-4c1d-9e8a-20c1a57e0002";

    private ClusterWorld() {
    }

    /** A rules folder with the failed-logon rule and its correlation (loads in milliseconds, unlike SigmaHQ's). */
    static Path sigmaRules(Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("sigma-rules/windows"));
        Files.writeString(rules.resolve("failed-logon.yml"),
                SigmaTestRules.failedLogon(FAILED_LOGON_ID, "Failed Logon (cluster test)"));
        Files.writeString(rules.resolve("five-failed-logons.yml"), SigmaTestRules.fiveFailedLogons(FIVE_FAILED_ID,
                FAILED_LOGON_ID, "Five Failed Logons of One User in Ten Minutes (cluster test)"));
        return rules.getParent();
    }

    /** Failed logons number {@code from} … {@code from + n - 1} of {@code user}, ten seconds apart from {@code t0}. */
    static String failedLogons(String user, java.time.Instant t0, int from, int n) {
        StringBuilder body = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            body.append("{\"@timestamp\":\"").append(t0.plusSeconds(10L * i)).append("\",\"EventID\":4625,")
                    .append("\"Channel\":\"Security\",\"SourceName\":\"Microsoft-Windows-Security-Auditing\",")
                    .append("\"Hostname\":\"PC-07\",\"TargetUserName\":\"").append(user)
                    .append("\",\"TargetDomainName\":\"CLUSTER\",\"LogonType\":\"3\",\"IpAddress\":\"192.0.2.77\"}\n");
        }
        return body.toString();
    }

    /** The UTM (FortiGate) of every company: each company has one, so load can reach every company through it. */
    static Map<String, String> utms(Map<String, String> tokens) {
        Map<String, String> out = new TreeMap<>();
        tokens.forEach((k, v) -> {
            if (k.endsWith("-FGT")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** What every node of a test runs with: the same small rules folder, and the log line saying they are loaded. */
    static List<String> common(Path rules) {
        return List.of("--sukedachi.sigma.rules-dir=" + rules, "--logging.level.jp.sukedachi.app.sigma=INFO",
                "--sukedachi.notify.sweep-ms=3600000");
    }

    static final String RULES_LOADED = "Sigma: 2 rules loaded";

    /** The Kafka-runtime arguments of a node in {@code role} on the schema. */
    static List<String> kafka(String role, String bootstrap, TestDatabases.PostgresSchema pg, List<String> common) {
        List<String> args = new ArrayList<>(ClusterNode.kafka(role, bootstrap, pg.serverArgs()));
        args.addAll(common);
        return args;
    }

    /** A running cluster: its receiver and workers, and every company's UTM (device key → token). */
    record Cluster(ClusterNode receiver, List<ClusterNode> workers, Map<String, String> utms) {
    }

    /**
     * Starts a receiver and {@code workers} workers on the schema and, beside them, an embedded node that seeds the
     * demo world of {@code companies} companies (the cluster's nodes need it only once requests arrive) and stops
     * again; returns once every node is healthy and the workers have their Sigma rules. Each node is added to
     * {@code nodes} (the test closes them).
     */
    static Cluster launchCluster(String name, Path temp, TestDatabases.PostgresSchema pg, String bootstrap,
            int companies, int workers, List<String> common, List<ClusterNode> nodes) throws Exception {
        ClusterNode seeder = launchSeeder(name + "-seed", temp.resolve(name + "-seed"), pg, companies, common);
        nodes.add(seeder);
        ClusterNode receiver = ClusterNode.launch(name + "-receiver", temp.resolve(name + "-r"),
                kafka("receiver", bootstrap, pg, common));
        nodes.add(receiver);
        List<ClusterNode> started = new ArrayList<>();
        for (int w = 1; w <= workers; w++) {
            ClusterNode worker = ClusterNode.launch(name + "-worker-" + w, temp.resolve(name + "-w" + w),
                    kafka("worker", bootstrap, pg, common));
            started.add(worker);
            nodes.add(worker);
        }
        Map<String, String> utms = utms(seeder.awaitSeeded().demoTokens());
        seeder.stop();
        nodes.remove(seeder);
        receiver.awaitHealthy();
        for (ClusterNode w : started) {
            w.awaitHealthy().awaitLog(RULES_LOADED);
        }
        return new Cluster(receiver, started, utms);
    }

    /** An embedded node that seeds the demo world into the schema (see {@link ClusterNode#launchSeeder}). */
    static ClusterNode launchSeeder(String name, Path data, TestDatabases.PostgresSchema pg, int companies,
            List<String> common) throws Exception {
        return ClusterNode.launchSeeder(name, data, pg.serverArgs(), companies, common);
    }
}
