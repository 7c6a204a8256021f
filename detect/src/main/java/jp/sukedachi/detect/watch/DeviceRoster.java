package jp.sukedachi.detect.watch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.TenantId;

/** The devices the silent-device watch looks after, as the application has them registered. */
@FunctionalInterface
public interface DeviceRoster {
    /** Every registered device, switched off ones included (the watch skips those). */
    List<WatchedDevice> devices();

    /**
     * One registered device.
     *
     * @param expectedIntervalMinutes the longest silence that is still normal for it
     * @param registeredAt            when it was registered: a device that never sent anything is silent since then
     * @param lastSeenAt              when its last data arrived, as stored; null when it never sent anything
     */
    record WatchedDevice(DeviceId id, TenantId tenant, String name, int expectedIntervalMinutes, boolean disabled,
            Instant registeredAt, Instant lastSeenAt) {
        public WatchedDevice {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(registeredAt, "registeredAt");
        }
    }
}
