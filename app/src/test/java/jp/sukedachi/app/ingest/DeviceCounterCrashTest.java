package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jp.sukedachi.app.support.CrashLoad;
import jp.sukedachi.app.support.DemoApi;
import jp.sukedachi.app.support.ServerProcess;
import jp.sukedachi.app.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device counters after SIGKILL (issue 12, item 7): a real server in its own JVM is killed while two clients post,
 * restarted on the same data folder and left to drain its journal. The device's received and parsed counters must
 * then equal the records of that device in the journal exactly (each stored record counted once, none lost with an
 * in-memory counter) and so be at least the acknowledged records. On the embedded H2 and on PostgreSQL.
 */
class DeviceCounterCrashTest {
    @TempDir
    Path data;

    @Test
    void deviceCountersEqualTheStoredRecordsAfterSigkillOnH2() throws Exception {
        countersSurviveSigkill(List.of());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
    void deviceCountersEqualTheStoredRecordsAfterSigkillOnPostgres() throws Exception {
        countersSurviveSigkill(TestDatabases.postgresSchema().serverArgs());
    }

    private void countersSurviveSigkill(List<String> database) throws Exception {
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        ServerProcess server = ServerProcess.start(data, database);
        DemoApi.Registered device;
        CrashLoad load = null;
        try {
            device = new DemoApi(server.port(), data).registerSensor("counter-crash");
            load = CrashLoad.start(server.port(), device.token(), new AtomicLong(), acknowledged, id ->
                    "{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":" + id + ",\"event_type\":\"flow\","
                            + "\"src_ip\":\"10.77.0.9\",\"src_port\":50000,\"dest_ip\":\"198.51.100.20\","
                            + "\"dest_port\":443,\"proto\":\"TCP\"}");
            Thread.sleep(3000); // killed below while these requests are in flight
            assertThat(acknowledged).as("acknowledged before the kill").isNotEmpty();
        } finally {
            server.kill();
            if (load != null) {
                load.stop();
            }
        }
        server = ServerProcess.start(data, database);
        long[] counters;
        try {
            DemoApi api = new DemoApi(server.port(), data);
            api.awaitDrained(data);
            counters = api.counters(device.id());
        } finally {
            server.kill();
        }
        Map<Long, Integer> onDisk = CrashLoad.journalIds(data, "counter-crash-check",
                e -> e.device() != null && device.id().equals(e.device().value()));
        long stored = onDisk.values().stream().mapToLong(Integer::longValue).sum();
        System.out.printf("counter crash: %d acknowledged, %d stored, counters received %d parsed %d quarantined %d%n",
                acknowledged.size(), stored, counters[0], counters[1], counters[2]);
        assertThat(counters[1]).as("parsed = records stored in the journal").isEqualTo(stored);
        assertThat(counters[0]).as("received = parsed + quarantined").isEqualTo(stored);
        assertThat(counters[2]).as("nothing quarantined").isZero();
        assertThat(counters[1]).as("parsed ≥ acknowledged").isGreaterThanOrEqualTo(acknowledged.size());
    }
}
