package jp.sukedachi.app.device;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.security.Tokens;
import jp.sukedachi.app.tenant.Actor;
import jp.sukedachi.app.tenant.DuplicateException;
import jp.sukedachi.app.tenant.NotFoundException;
import jp.sukedachi.app.tenant.Role;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.ingest.parse.LogFormats;
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
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private final DeviceRepository devices;
    private final TenantRepository tenants;
    private final LogFormats formats;
    private final AuditLog audit;
    private final Clock clock;

    public DeviceService(DeviceRepository devices, TenantRepository tenants, LogFormats formats, AuditLog audit,
            Clock clock) {
        this.devices = devices;
        this.tenants = tenants;
        this.formats = formats;
        this.audit = audit;
        this.clock = clock;
    }

    /** A registered device with its token, which is shown this once. */
    public record Registered(Device device, String token) {
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
            ips.add(normaliseIp(ip));
        }
        int interval = draft.expectedIntervalMinutes() == null ? Device.DEFAULT_EXPECTED_INTERVAL_MINUTES
                : draft.expectedIntervalMinutes();
        if (interval < 1 || interval > Device.MAX_EXPECTED_INTERVAL_MINUTES) {
            throw new IllegalArgumentException("expectedIntervalMinutes must be between 1 and "
                    + Device.MAX_EXPECTED_INTERVAL_MINUTES);
        }
        String token = TOKEN_PREFIX + Tokens.random();
        Device device = new Device(UUID.randomUUID(), tenantId, name, DeviceKind.parse(draft.kind()), format,
                List.copyOf(ips), token.substring(0, 10), clock.instant(), null, false, interval);
        devices.insert(device, Tokens.sha256(token));
        audit.record(actor, tenantId, AuditAction.DEVICE_REGISTERED, name, Outcome.SUCCESS,
                device.kind().code() + " " + format + " every " + interval + " min");
        return new Registered(device, token);
    }

    /** The enabled device a token belongs to. */
    public Optional<Device> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return devices.findByTokenHash(Tokens.sha256(token));
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
