package jp.sukedachi.app.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.EventCodec;
import jp.sukedachi.event.SecurityEvent;
import org.springframework.stereotype.Component;

/**
 * The latest normalised events of each device, for checking that a feed arrives and parses as
 * expected. Held in memory (raw events are not kept: DESIGN.md "Storage"); filled by the pipeline
 * consumer, so what is shown here has passed the journal.
 *
 * <p>Memory has one TOTAL budget ({@code sukedachi.recent.max-mb}), not a per-device one: 200 parsed events for
 * each of ~1,000 devices filled a 1 GiB heap (issue 12). Events are kept in their compact journal encoding and
 * decoded when shown. Each device may use an equal share of the budget (at most {@link #PER_DEVICE} events);
 * when the budget is exceeded the oldest events of devices above their share go first, so every device keeps its
 * newest events and a chatty device cannot push a quiet one out.
 */
@Component
public class RecentEvents {
    public static final int PER_DEVICE = 200;
    /** Bookkeeping per stored event (array header, deque slot) and per device (map entry, ring): counted too. */
    static final int EVENT_OVERHEAD = 32;
    static final int DEVICE_OVERHEAD = 256;

    private final long maxBytes;
    // Guarded by this: one writer (the pipeline consumer) and occasional readers; every operation is short.
    private final Map<UUID, Ring> rings = new HashMap<>();
    private final List<Ring> order = new ArrayList<>();
    private int cursor;
    private long totalBytes;

    private static final class Ring {
        final UUID device;
        final ArrayDeque<byte[]> events = new ArrayDeque<>();
        long bytes = DEVICE_OVERHEAD;

        Ring(UUID device) {
            this.device = device;
        }
    }

    /** The budget is at least 1 MiB ({@code sukedachi.recent.max-mb} is checked when the settings bind). */
    RecentEvents(IngestSettings settings) {
        this.maxBytes = settings.recent().maxBytes();
    }

    /**
     * A committed batch: only the events that can still be here after it (the newest {@link #PER_DEVICE} of each
     * device) are added, in order, so a chatty device's batch does not push events into its ring only to evict them
     * again. (Adding is cheap otherwise: a consumed event carries the journal bytes it was decoded from.)
     */
    public void addAll(List<SecurityEvent> batch) {
        Map<UUID, Integer> kept = new HashMap<>();
        boolean[] keep = new boolean[batch.size()];
        for (int i = batch.size() - 1; i >= 0; i--) {
            DeviceId device = batch.get(i).device();
            if (device != null && kept.merge(device.value(), 1, Integer::sum) <= PER_DEVICE) {
                keep[i] = true;
            }
        }
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                add(batch.get(i));
            }
        }
    }

    public void add(SecurityEvent event) {
        if (event.device() == null) {
            return;
        }
        byte[] data = EventCodec.encode(event); // outside the lock: the costly part
        UUID id = event.device().value();
        synchronized (this) {
            Ring ring = rings.get(id);
            if (ring == null) {
                ring = new Ring(id);
                rings.put(id, ring);
                order.add(ring);
                totalBytes += ring.bytes;
            }
            ring.events.addLast(data);
            ring.bytes += cost(data);
            totalBytes += cost(data);
            long share = maxBytes / rings.size();
            while (ring.events.size() > 1 && (ring.events.size() > PER_DEVICE || ring.bytes > share)) {
                evictOldest(ring);
            }
            evictOverBudget(share);
        }
    }

    /** Round robin over the devices above their share, oldest event first, until the total fits again. */
    private void evictOverBudget(long share) {
        int idle = 0;
        while (totalBytes > maxBytes && !order.isEmpty() && idle <= order.size()) {
            cursor = cursor % order.size();
            Ring r = order.get(cursor);
            if (r.bytes > share && !r.events.isEmpty()) {
                evictOldest(r);
                idle = 0;
            } else {
                idle++;
            }
            if (r.events.isEmpty()) {
                remove(r);
            } else {
                cursor++;
            }
        }
    }

    private void evictOldest(Ring r) {
        byte[] old = r.events.removeFirst();
        r.bytes -= cost(old);
        totalBytes -= cost(old);
    }

    private void remove(Ring r) {
        rings.remove(r.device);
        int last = order.size() - 1;
        order.set(cursor, order.get(last)); // swap-remove keeps the round robin O(1)
        order.remove(last);
        totalBytes -= r.bytes;
    }

    private static long cost(byte[] data) {
        return data.length + EVENT_OVERHEAD;
    }

    /** Newest first. Callers check the device belongs to the actor's tenants before asking. */
    public List<SecurityEvent> latest(UUID deviceId, int limit) {
        List<byte[]> copy = new ArrayList<>();
        synchronized (this) {
            Ring ring = rings.get(deviceId);
            if (ring == null) {
                return List.of();
            }
            int n = Math.max(1, Math.min(limit, PER_DEVICE));
            Iterator<byte[]> it = ring.events.descendingIterator();
            while (it.hasNext() && copy.size() < n) {
                copy.add(it.next());
            }
        }
        List<SecurityEvent> out = new ArrayList<>(copy.size());
        copy.forEach(b -> out.add(EventCodec.decode(b)));
        return out;
    }

    /** Bytes counted against the budget now (events, their bookkeeping and the devices'). */
    public synchronized long usedBytes() {
        return totalBytes;
    }

    public long budgetBytes() {
        return maxBytes;
    }

    /** Devices with at least one recent event. */
    public synchronized int devices() {
        return rings.size();
    }
}
