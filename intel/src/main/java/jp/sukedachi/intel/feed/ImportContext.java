package jp.sukedachi.intel.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What an import needs besides the content.
 *
 * @param source  the feed's name in the store (e.g. {@code urlhaus}), copied to every indicator
 * @param now     the import time: the base of expiry when a row has no last-seen time
 * @param ttl     how long an indicator of this source stays active after it was last seen (or imported);
 *                null = no expiry
 * @param tenant  null for provider-wide indicators, else the one customer they belong to
 */
public record ImportContext(String source, Instant now, Duration ttl, UUID tenant) {
    public ImportContext {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(now, "now");
        if (ttl != null && ttl.isNegative()) {
            throw new IllegalArgumentException("negative ttl");
        }
    }

    /** lastSeen-or-now + ttl; null when there is no ttl. */
    public Instant expiry(Instant lastSeen) {
        if (ttl == null) {
            return null;
        }
        return (lastSeen == null ? now : lastSeen).plus(ttl);
    }
}
