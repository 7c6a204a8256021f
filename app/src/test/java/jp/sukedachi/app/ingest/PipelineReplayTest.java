package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.intel.match.IntelStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stage after the journal stores its offset with its work: a journal batch handled twice (a replay
 * after a crash whose transaction had committed) changes nothing the second time.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
class PipelineReplayTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    PipelineStages stages;
    @Autowired
    TestWorld world;
    @Autowired
    AlertQueries alerts;
    @Autowired
    IntelStore intel;
    @Autowired
    jp.sukedachi.app.intel.IntelService intelService;

    @Test
    void theSameBatchWithTheSameOffsetIsHandledOnce() {
        var admin = world.admin().actor();
        Tenant tenant = world.tenant(admin, TestWorld.unique("Replay"));
        intelService.importFeed(admin, "replay-c2", "list", new java.io.StringReader("203.0.113.99\n"), null);
        List<SecurityEvent> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant.id()))
                    .device(new DeviceId(new java.util.UUID(2, 2))).timestamp(1_780_000_000_000L + i).received(0)
                    .raw("flow " + i).set(Ecs.SOURCE_IP, "10.9.0.1").set(Ecs.DESTINATION_IP, "203.0.113.99").build());
        }
        // A consumer name of its own: the application's real pipeline keeps running beside this test.
        assertThat(stages.handle("replay-test", batch, 41)).isTrue();
        assertThat(stages.handle("replay-test", batch, 41)).as("replayed batch").isFalse();
        assertThat(stages.handle("replay-test", batch.subList(0, 10), 30)).as("an older batch").isFalse();

        List<Alert> found = alerts.alertsOf(admin, tenant.id(), 10);
        assertThat(found).singleElement().extracting(Alert::count).isEqualTo(50L);
        assertThat(alerts.detectionsOf(admin, tenant.id(), 1000)).hasSize(50);

        assertThat(stages.handle("replay-test", batch.subList(0, 5), 42)).as("the next batch").isTrue();
        assertThat(alerts.alertsOf(admin, tenant.id(), 10)).singleElement().extracting(Alert::count)
                .isEqualTo(55L);
    }
}
