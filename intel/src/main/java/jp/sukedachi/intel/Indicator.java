package jp.sukedachi.intel;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One indicator of compromise. {@code value} is normalised by {@link Normalize} for its type, so the
 * same thing from two feeds has the same value. {@code tenant} is null for indicators that protect
 * every customer of the provider, or a tenant id for one customer's own.
 *
 * @param confidence  0–100 as the source rates it
 * @param threatType  e.g. botnet_cc, payload_delivery, phishing
 * @param expiresAt   after this the indicator no longer matches (TTL by source); null = no expiry
 */
public record Indicator(IndicatorType type, String value, String source, int confidence, String threatType,
        String malwareFamily, Instant firstSeen, Instant lastSeen, Instant expiresAt, UUID tenant, String reference) {

    public Indicator {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        if (confidence < 0 || confidence > 100) {
            throw new IllegalArgumentException("confidence must be 0..100: " + confidence);
        }
    }

    /** Identity in the store: the same type and value from the same source and scope is one indicator. */
    public String key() {
        return type + ":" + value;
    }

    public boolean activeAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    public boolean visibleTo(UUID tenantId) {
        return tenant == null || tenant.equals(tenantId);
    }
}
