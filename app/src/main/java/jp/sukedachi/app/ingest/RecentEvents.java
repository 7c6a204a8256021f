package jp.sukedachi.app.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import jp.sukedachi.event.SecurityEvent;
import org.springframework.stereotype.Component;

/**
 * The latest normalised events of each device, for checking that a feed arrives and parses as
 * expected. Held in memory (raw events are not kept: DESIGN.md "Storage"); filled by the pipeline
 * consumer, so what is shown here has passed the journal.
 */
@Component
public class RecentEvents {
    public static final int PER_DEVICE = 200;
    private final Map<UUID, Ring> rings = new ConcurrentHashMap<>();

    private static final class Ring {
        private final SecurityEvent[] events = new SecurityEvent[PER_DEVICE];
        private long next;

        synchronized void add(SecurityEvent e) {
            events[(int) (next++ % PER_DEVICE)] = e;
        }

        synchronized List<SecurityEvent> latest(int limit) {
            List<SecurityEvent> out = new ArrayList<>();
            for (long i = next - 1; i >= 0 && i >= next - PER_DEVICE && out.size() < limit; i--) {
                out.add(events[(int) (i % PER_DEVICE)]);
            }
            return out;
        }
    }

    public void add(SecurityEvent event) {
        if (event.device() != null) {
            rings.computeIfAbsent(event.device().value(), k -> new Ring()).add(event);
        }
    }

    /** Newest first. Callers check the device belongs to the actor's tenants before asking. */
    public List<SecurityEvent> latest(UUID deviceId, int limit) {
        Ring ring = rings.get(deviceId);
        return ring == null ? List.of() : ring.latest(Math.max(1, Math.min(limit, PER_DEVICE)));
    }
}
