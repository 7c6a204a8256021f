package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;

class RecentEventsTest {
    private static final TenantId TENANT = TenantId.random();

    private static SecurityEvent event(DeviceId device, int n) {
        return SecurityEvent.builder("test").timestamp(1_000L + n).received(2_000L).raw("line " + n)
                .set("event.sequence", Integer.toString(n)).build().withOwner(TENANT, device, 2_000L);
    }

    /** A batch keeps what adding its events one by one keeps, though only the survivors are encoded. */
    @Test
    void aBatchLeavesTheSameNewestEventsPerDeviceAsAddingEachEventAlone() {
        DeviceId chatty = DeviceId.random();
        DeviceId quiet = DeviceId.random();
        List<SecurityEvent> batch = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            batch.add(event(chatty, i));
            if (i % 100 == 0) {
                batch.add(event(quiet, i));
            }
        }
        batch.add(SecurityEvent.builder("test").raw("no device").build()); // kept nowhere, as before
        RecentEvents together = new RecentEvents(new IngestSettings(null, null, null));
        RecentEvents oneByOne = new RecentEvents(new IngestSettings(null, null, null));
        together.addAll(batch);
        batch.forEach(oneByOne::add);

        for (DeviceId d : List.of(chatty, quiet)) {
            assertThat(together.latest(d.value(), RecentEvents.PER_DEVICE))
                    .isEqualTo(oneByOne.latest(d.value(), RecentEvents.PER_DEVICE));
        }
        assertThat(together.latest(chatty.value(), 1_000)).hasSize(RecentEvents.PER_DEVICE)
                .first().extracting(e -> e.get("event.sequence")).isEqualTo("999");
        assertThat(together.latest(quiet.value(), 1_000)).hasSize(10);
        assertThat(together.usedBytes()).isEqualTo(oneByOne.usedBytes());
    }
}
