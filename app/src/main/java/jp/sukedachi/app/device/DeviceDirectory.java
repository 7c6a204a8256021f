package jp.sukedachi.app.device;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Service;

/**
 * What other capabilities read from the device registry (ingest routes and marks devices seen, the silent-device
 * watch lists them), so the registry's repositories stay its own. Tenant scope stays in the repositories.
 */
@Service
public class DeviceDirectory {
    private final DeviceRepository devices;
    private final DeviceAddressRepository addresses;
    /** Per device, the last-seen time this process last wrote (one entry per device that ever sent here). */
    private final ConcurrentHashMap<UUID, Long> lastWritten = new ConcurrentHashMap<>();
    private static final long TOUCH_EVERY_MS = 1_000;

    DeviceDirectory(DeviceRepository devices, DeviceAddressRepository addresses) {
        this.devices = devices;
        this.addresses = addresses;
    }

    /** A company's devices, as the actor may see them. */
    public List<Device> devicesOf(Actor actor, UUID tenantId) {
        return devices.findByTenant(actor, tenantId);
    }

    /** Every device, enabled or not, for the silent-device watch (which works for all tenants, as the system). */
    public List<Device> allForWatch() {
        return devices.findAllForWatch();
    }

    /** Confirmed addresses of enabled devices: the only ones that route syslog. */
    public List<DeviceRoute> routes() {
        return addresses.routes();
    }

    /**
     * Marks a device seen (never moves its last-seen time backwards). A device that sends many requests a second is
     * written at most once a second by this process: last-seen is read in minutes (the silent-device watch, the
     * pages), and the update per request was 3 % of the request threads' CPU in a JFR profile of 1,000-record
     * requests (issue 21).
     */
    public void touch(UUID deviceId, Instant at) {
        long ms = at.toEpochMilli();
        Long last = lastWritten.get(deviceId);
        if (last != null && ms >= last && ms - last < TOUCH_EVERY_MS) {
            return;
        }
        devices.touch(deviceId, at);
        lastWritten.put(deviceId, ms);
    }


    /**
     * A device's kind and when it was registered, for counts by kind (the program statistics). The kind is its code
     * ({@code utm}, {@code ids-sensor}, {@code endpoint}, {@code shipper}); {@link #KIND_CODES} lists them in order.
     */
    public record Registration(UUID tenantId, String kindCode, Instant registeredAt) {
    }

    /** The kind codes, in the order the pages list them. */
    public static final List<String> KIND_CODES = java.util.Arrays.stream(DeviceKind.values()).map(DeviceKind::code)
            .toList();

    /** The devices registered before {@code before} (enabled or not) within the actor's scope. */
    public List<Registration> registeredBefore(Actor actor, Instant before) {
        return devices.registeredBefore(actor, before);
    }
}
