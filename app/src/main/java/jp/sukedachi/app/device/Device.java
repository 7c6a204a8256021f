package jp.sukedachi.app.device;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A log source of one tenant: a UTM, an IDS sensor, an endpoint agent or a log shipper. */
public record Device(UUID id, UUID tenantId, String name, DeviceKind kind, String format, List<String> sourceIps,
        String tokenPrefix, Instant createdAt, Instant lastSeenAt, boolean disabled, int expectedIntervalMinutes) {
    public static final String AUTO = "auto";
    /** A device that sends nothing for longer than this is reported silent, unless registered otherwise. */
    public static final int DEFAULT_EXPECTED_INTERVAL_MINUTES = 60;
    /** The longest expected interval a device may be registered with (30 days). */
    public static final int MAX_EXPECTED_INTERVAL_MINUTES = 30 * 24 * 60;

    /** A device with the default expected interval. */
    public Device(UUID id, UUID tenantId, String name, DeviceKind kind, String format, List<String> sourceIps,
            String tokenPrefix, Instant createdAt, Instant lastSeenAt, boolean disabled) {
        this(id, tenantId, name, kind, format, sourceIps, tokenPrefix, createdAt, lastSeenAt, disabled,
                DEFAULT_EXPECTED_INTERVAL_MINUTES);
    }

    /** Since when the device has sent nothing: its last event, or its registration when it never sent. */
    public Instant silentSince() {
        return lastSeenAt != null ? lastSeenAt : createdAt;
    }

    /**
     * Whether the device has sent nothing for longer than its expected interval at {@code now}: the very rule of the
     * silent-device watch (jp.sukedachi.detect.watch.SilentDeviceDetector#isSilent), so a page never calls a device
     * silent that the watch does not, nor the other way round. Disabled devices are not watched, so never silent.
     */
    public boolean silentAt(Instant now) {
        return !disabled && now.toEpochMilli() - silentSince().toEpochMilli()
                > Duration.ofMinutes(expectedIntervalMinutes).toMillis();
    }

    /** The message key of the device's kind in plain words (device.kind.*). */
    public String kindLabelKey() {
        return kind.labelKey();
    }
}
