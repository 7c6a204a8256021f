package jp.sukedachi.app.device;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A log source of one tenant: a UTM, an IDS sensor, an endpoint agent or a log shipper. */
public record Device(UUID id, UUID tenantId, String name, DeviceKind kind, String format, List<String> sourceIps,
        String tokenPrefix, Instant createdAt, Instant lastSeenAt, boolean disabled) {
    public static final String AUTO = "auto";
}
