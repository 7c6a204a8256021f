package jp.sukedachi.app.device;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.shared.Tokens;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.text.TextDecoder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering devices and recognising them when they send. A device token is 256 random bits shown
 * once; only its SHA-256 is stored (like API keys, see {@link Tokens}).
 */
@Service
public class DeviceService {
    public static final String TOKEN_PREFIX = "sdt_";
    /** Syslog source addresses one device may hold or request. */
    public static final int MAX_ADDRESSES = 20;
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private final DeviceRepository devices;
    private final TenantRepository tenants;
    private final LogFormats formats;
    private final AuditLog audit;
    private final Clock clock;
    private final DeviceAddressRepository addresses;
    private final ApplicationEventPublisher events;

    public DeviceService(DeviceRepository devices, TenantRepository tenants, LogFormats formats, AuditLog audit,
            Clock clock, DeviceAddressRepository addresses, ApplicationEventPublisher events) {
        this.devices = devices;
        this.tenants = tenants;
        this.formats = formats;
        this.audit = audit;
        this.clock = clock;
        this.addresses = addresses;
        this.events = events;
    }

    /**
     * A registered device with its token, which is shown this once. {@code requestedIps} are the syslog
     * addresses that wait for provider staff to confirm them ({@code device.sourceIps()} are the confirmed ones).
     */
    public record Registered(Device device, String token, List<String> requestedIps) {
    }

    @Transactional
    public Registered register(Actor actor, UUID tenantId, DeviceDraft draft) {
        if (!actor.isAdmin() && actor.role() != Role.TENANT_OWNER) {
            throw new AccessDeniedException("devices are registered by admins and company owners");
        }
        tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("tenant"));
        String name = draft.name().strip();
        if (devices.nameTaken(tenantId, name)) {
            throw new DuplicateException("device.nameTaken");
        }
        String format = draft.format() == null || draft.format().isBlank() ? Device.AUTO : draft.format().strip();
        if (!format.equals(Device.AUTO) && formats.byId(format).isEmpty()) {
            throw new IllegalArgumentException("unknown format '" + format + "'; use auto or one of "
                    + formats.all().stream().map(f -> f.id()).toList());
        }
        List<String> ips = new ArrayList<>();
        for (String ip : draft.sourceIps() == null ? List.<String>of() : draft.sourceIps()) {
            String normalised = normaliseIp(ip);
            if (!ips.contains(normalised)) {
                ips.add(normalised);
            }
        }
        if (ips.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("sourceIps: at most " + MAX_ADDRESSES + " addresses per device; got " + ips.size());
        }
        for (String ip : ips) {
            refuseTaken(actor, tenantId, name, ip);
        }
        int interval = draft.expectedIntervalMinutes() == null ? Device.DEFAULT_EXPECTED_INTERVAL_MINUTES
                : draft.expectedIntervalMinutes();
        if (interval < 1 || interval > Device.MAX_EXPECTED_INTERVAL_MINUTES) {
            throw new IllegalArgumentException("expectedIntervalMinutes must be between 1 and "
                    + Device.MAX_EXPECTED_INTERVAL_MINUTES);
        }
        String token = TOKEN_PREFIX + Tokens.random();
        boolean confirm = bindsDirectly(actor);
        Device device = new Device(UUID.randomUUID(), tenantId, name, DeviceKind.parse(draft.kind()), format,
                confirm ? List.copyOf(ips) : List.of(), token.substring(0, 10), clock.instant(), null, false, interval);
        devices.insert(device, Tokens.sha256(token));
        for (String ip : ips) {
            claim(actor, device, ip, confirm);
        }
        addresses.syncDevice(device.id());
        audit.record(actor, tenantId, AuditAction.DEVICE_REGISTERED, name, Outcome.SUCCESS,
                device.kind().code() + " " + format + " every " + interval + " min");
        events.publishEvent(new DeviceAddressesChanged());
        return new Registered(device, token, confirm ? List.of() : List.copyOf(ips));
    }

    /**
     * Adds a syslog source address to a device: confirmed at once when a provider admin adds it, else a request
     * that provider staff confirm or reject. A taken address is refused without saying who holds it.
     */
    @Transactional
    public DeviceAddress addAddress(Actor actor, UUID deviceId, String address) {
        Device device = devices.find(actor, deviceId).orElseThrow(() -> new NotFoundException("device"));
        mayManage(actor);
        String ip = normaliseIp(address);
        if (addresses.findByDevice(actor, deviceId).size() >= MAX_ADDRESSES) {
            throw new IllegalArgumentException("address: at most " + MAX_ADDRESSES + " addresses per device");
        }
        refuseTaken(actor, device.tenantId(), device.name(), ip);
        long id = claim(actor, device, ip, bindsDirectly(actor));
        addresses.syncDevice(deviceId);
        events.publishEvent(new DeviceAddressesChanged());
        return addresses.find(actor, id).orElseThrow();
    }

    /** Removes an address from a device (any status); it stops routing at once and is free for others. */
    @Transactional
    public void removeAddress(Actor actor, UUID deviceId, long addressId) {
        mayManage(actor);
        DeviceAddress a = addresses.find(actor, addressId).filter(x -> x.deviceId().equals(deviceId))
                .orElseThrow(() -> new NotFoundException("address"));
        addresses.delete(a.id());
        addresses.syncDevice(deviceId);
        audit.record(actor, a.tenantId(), AuditAction.DEVICE_ADDRESS_REMOVED, a.deviceName() + " " + a.address(),
                Outcome.SUCCESS, a.status().name().toLowerCase(Locale.ROOT));
        events.publishEvent(new DeviceAddressesChanged());
    }

    /** Provider staff confirm a requested (or review) address; from now on it routes syslog to that device. */
    @Transactional
    public DeviceAddress confirm(Actor actor, long addressId) {
        return decide(actor, addressId, DeviceAddress.Status.CONFIRMED, AuditAction.DEVICE_ADDRESS_CONFIRMED);
    }

    /** Provider staff reject a requested (or review) address; the address is free again. */
    @Transactional
    public DeviceAddress reject(Actor actor, long addressId) {
        return decide(actor, addressId, DeviceAddress.Status.REJECTED, AuditAction.DEVICE_ADDRESS_REJECTED);
    }

    private DeviceAddress decide(Actor actor, long addressId, DeviceAddress.Status status, AuditAction action) {
        if (!isStaff(actor)) {
            throw new AccessDeniedException("addresses are confirmed by provider staff");
        }
        DeviceAddress a = addresses.find(actor, addressId).orElseThrow(() -> new NotFoundException("address"));
        if (a.status() != DeviceAddress.Status.REQUESTED && a.status() != DeviceAddress.Status.REVIEW) {
            throw new IllegalArgumentException("address: only a requested or review address can be decided; this one is "
                    + a.status().name().toLowerCase(Locale.ROOT));
        }
        try {
            addresses.decide(a.id(), status, actor.userId(), clock.instant());
        } catch (AddressTakenException e) {
            audit.record(actor, a.tenantId(), action, a.deviceName() + " " + a.address(), Outcome.FAILURE,
                    "address held by another device");
            throw e;
        }
        addresses.syncDevice(a.deviceId());
        audit.record(actor, a.tenantId(), action, a.deviceName() + " " + a.address(), Outcome.SUCCESS, a.tenantName());
        events.publishEvent(new DeviceAddressesChanged());
        return addresses.find(actor, addressId).orElseThrow();
    }

    /** Sets how the device's syslog bytes become text: auto, UTF-8, Shift_JIS, EUC-JP or ISO-2022-JP. */
    @Transactional
    /** A device's charset setting (for receivers that already authenticated the device by its token). */
    public String charset(UUID deviceId) {
        return devices.charset(deviceId);
    }

    public String setCharset(Actor actor, UUID deviceId, String charset) {
        Device device = devices.find(actor, deviceId).orElseThrow(() -> new NotFoundException("device"));
        mayManage(actor);
        String setting = TextDecoder.normalise(charset);
        devices.setCharset(deviceId, setting);
        audit.record(actor, device.tenantId(), AuditAction.DEVICE_CHARSET_CHANGED, device.name(), Outcome.SUCCESS, setting);
        events.publishEvent(new DeviceAddressesChanged());
        return setting;
    }

    private long claim(Actor actor, Device device, String ip, boolean confirm) {
        long id = addresses.insert(device.id(), device.tenantId(), ip,
                confirm ? DeviceAddress.Status.CONFIRMED : DeviceAddress.Status.REQUESTED, actor.userId(), clock.instant());
        audit.record(actor, device.tenantId(), confirm ? AuditAction.DEVICE_ADDRESS_CONFIRMED
                : AuditAction.DEVICE_ADDRESS_REQUESTED, device.name() + " " + ip, Outcome.SUCCESS, null);
        return id;
    }

    /** A claim on a taken address is refused and audited (a hijack attempt looks like this). */
    private void refuseTaken(Actor actor, UUID tenantId, String deviceName, String ip) {
        if (addresses.claimed(ip)) {
            audit.record(actor, tenantId, AuditAction.DEVICE_ADDRESS_REQUESTED, deviceName + " " + ip, Outcome.DENIED,
                    "address already held by a device");
            throw new AddressTakenException(ip);
        }
    }

    private static void mayManage(Actor actor) {
        if (!actor.isAdmin() && actor.role() != Role.TENANT_OWNER) {
            throw new AccessDeniedException("device addresses are managed by admins and company owners");
        }
    }

    /** Only provider staff decide which device an address names; a company owner can only ask. */
    private static boolean bindsDirectly(Actor actor) {
        return actor.isAdmin();
    }

    public static boolean isStaff(Actor actor) {
        return actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST;
    }

    /** A device that sent with its token, and its charset setting, read together (one query per request). */
    public record Sender(Device device, String charset) {
    }

    /**
     * The enabled device a token belongs to (none for a disabled device or a company being offboarded), with its
     * charset setting: the receivers need both for every request.
     */
    public Optional<Sender> sender(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return devices.findSenderByTokenHash(Tokens.sha256(token));
    }

    /** An IP literal in canonical form; never a DNS lookup. */
    static String normaliseIp(String text) {
        String ip = text == null ? "" : text.strip();
        var v4 = IPV4.matcher(ip);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    throw new IllegalArgumentException("not an IP address: " + text);
                }
            }
        } else if (!ip.contains(":") || !IPV6.matcher(ip).matches()) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
    }
}
