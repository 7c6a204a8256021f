package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.support.TestWorld;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Device counters against a real database (H2 and PostgreSQL, see the subclasses) with the application's own
 * pipeline running: counts are written with what they count, so a write that fails (here: the counter table is
 * briefly gone, as when the database refuses writes) is retried with its journal batch and drops nothing.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
abstract class DeviceCounterContract {
    @Autowired
    IngestService ingest;
    @Autowired
    DeviceService devices;
    @Autowired
    DeviceCounterRepository counters;
    @Autowired
    TestWorld world;
    @Autowired
    JdbcClient jdbc;

    @Test
    void countsWhoseDatabaseWriteFailedAreNotDropped() throws Exception {
        Actor admin = world.admin().actor();
        var tenant = world.tenant(admin, TestWorld.unique("Counters"));
        Device device = devices.register(admin, tenant.id(), new DeviceDraft(TestWorld.unique("sensor"), "ids-sensor",
                "suricata-eve", List.of(), 60)).device();
        List<String> first = flows(0, 100);
        first.add("this is not JSON");
        first.add("{\"broken\":");
        assertThat(ingest.ingest(device, first.iterator(), null).accepted()).isEqualTo(100);
        awaitCounts(admin, device, 102, 100, 2);

        jdbc.sql("alter table device_counter rename to device_counter_away").update();
        try {
            assertThat(ingest.ingest(device, flows(100, 400).iterator(), null).accepted()).isEqualTo(300);
            // Longer than the old in-memory counters' flush interval (5 s): their flush failed and dropped these.
            Thread.sleep(6_000);
        } finally {
            jdbc.sql("alter table device_counter_away rename to device_counter").update();
        }
        awaitCounts(admin, device, 402, 400, 2);
    }

    @Test
    void quarantinedRecordsAreCountedWithTheQuarantine() throws Exception {
        Actor admin = world.admin().actor();
        var tenant = world.tenant(admin, TestWorld.unique("Quarantine"));
        Device device = devices.register(admin, tenant.id(), new DeviceDraft(TestWorld.unique("sensor"), "ids-sensor",
                "suricata-eve", List.of(), 60)).device();
        var result = ingest.ingest(device, List.of("not json", "{\"x\":", "still not json").iterator(), null);
        assertThat(result.quarantined()).isEqualTo(3);
        // No pipeline involved: counted in the quarantine's own transaction, readable at once.
        assertThat(sums(admin, device)).containsExactly(3, 0, 3);
    }

    private static List<String> flows(int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add("{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":" + i + ",\"event_type\":\"flow\","
                    + "\"src_ip\":\"10.77.1.9\",\"src_port\":50000,\"dest_ip\":\"198.51.100.21\",\"dest_port\":443,"
                    + "\"proto\":\"TCP\"}");
        }
        return lines;
    }

    private long[] sums(Actor actor, Device device) {
        long[] sum = new long[3];
        for (var h : counters.recent(actor, device.id(), 48)) {
            sum[0] += h.received();
            sum[1] += h.parsed();
            sum[2] += h.quarantined();
        }
        return sum;
    }

    private void awaitCounts(Actor actor, Device device, long received, long parsed, long quarantined)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long[] now = sums(actor, device);
        while (System.nanoTime() < deadline && now[1] < parsed) {
            Thread.sleep(200);
            now = sums(actor, device);
        }
        Thread.sleep(500); // and nothing more arrives (a replayed batch counted twice)
        assertThat(sums(actor, device)).containsExactly(received, parsed, quarantined);
    }
}
