package jp.sukedachi.app.intel;

import java.time.Instant;
import java.util.UUID;

/** A named source of indicators: a feed fetched by URL on a schedule, or a name for hand imports. */
public record IntelSource(UUID id, String name, String format, String url, int refreshMinutes, int ttlDays,
        boolean enabled, Instant lastRefreshAt, String lastStatus, Integer lastImported, Integer lastRejected,
        String lastError, Instant createdAt) {

    public boolean due(Instant now) {
        return enabled && url != null && (lastRefreshAt == null
                || lastRefreshAt.plusSeconds(60L * Math.max(1, refreshMinutes)).isBefore(now));
    }
}
