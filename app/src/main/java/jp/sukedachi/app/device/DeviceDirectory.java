package jp.sukedachi.app.device;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

    /** Marks a device seen (never moves its last-seen time backwards). */
    public void touch(UUID deviceId, Instant at) {
        devices.touch(deviceId, at);
    }
}
