package jp.sukedachi.app.device;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.ingest.DeviceCounterRepository;
import jp.sukedachi.app.ingest.QuarantineEntry;
import jp.sukedachi.app.ingest.QuarantineRepository;
import jp.sukedachi.app.ingest.RecentEvents;
import jp.sukedachi.app.tenant.Actor;
import jp.sukedachi.app.tenant.NotFoundException;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.event.SecurityEvent;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Devices of a tenant over the API, and what they sent: counters, latest events, quarantine. */
@RestController
@Tag(name = "Devices")
public class DeviceApiController {
    private final TenantRepository tenants;
    private final DeviceRepository devices;
    private final DeviceService service;
    private final DeviceCounterRepository counters;
    private final RecentEvents recent;
    private final QuarantineRepository quarantine;

    public DeviceApiController(TenantRepository tenants, DeviceRepository devices, DeviceService service,
            DeviceCounterRepository counters, RecentEvents recent, QuarantineRepository quarantine) {
        this.tenants = tenants;
        this.devices = devices;
        this.service = service;
        this.counters = counters;
        this.recent = recent;
        this.quarantine = quarantine;
    }

    /** A device registration's answer: the token is in it this once. */
    public record RegisteredResponse(UUID id, String name, String kind, String format, List<String> sourceIps,
            int expectedIntervalMinutes, String token) {
    }

    /** A device with its hourly counters (newest first). */
    public record DeviceView(Device device, List<DeviceCounterRepository.HourCount> counters) {
    }

    /** An event as the feed check shows it. */
    public record EventView(String timestamp, String format, UUID device, Map<String, String> fields,
            Map<String, String> original, String raw) {
        static EventView of(SecurityEvent e) {
            return new EventView(e.timestamp().toString(), e.format(), e.device() == null ? null : e.device().value(),
                    e.ecsFields(), e.originalFields(), e.raw());
        }
    }

    private Tenant tenant(Actor actor, String slug) {
        return tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("tenant"));
    }

    @PostMapping("/api/v1/tenants/{slug}/devices")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a device; the answer holds its token, shown once")
    public RegisteredResponse register(Actor actor, @PathVariable String slug, @Valid @RequestBody DeviceDraft draft) {
        var registered = service.register(actor, tenant(actor, slug).id(), draft);
        Device d = registered.device();
        return new RegisteredResponse(d.id(), d.name(), d.kind().code(), d.format(), d.sourceIps(), d.expectedIntervalMinutes(),
                registered.token());
    }

    @GetMapping("/api/v1/tenants/{slug}/devices")
    public List<Device> list(Actor actor, @PathVariable String slug) {
        return devices.findByTenant(actor, tenant(actor, slug).id());
    }

    @GetMapping("/api/v1/tenants/{slug}/devices/{id}")
    @Operation(summary = "A device with status, last seen and hourly counters")
    public DeviceView get(Actor actor, @PathVariable String slug, @PathVariable UUID id) {
        Tenant tenant = tenant(actor, slug);
        Device device = devices.find(actor, id).filter(d -> d.tenantId().equals(tenant.id()))
                .orElseThrow(() -> new NotFoundException("device"));
        return new DeviceView(device, counters.recent(actor, id, 48));
    }

    @GetMapping("/api/v1/tenants/{slug}/events")
    @Operation(summary = "The latest normalised events, newest first, to check a feed")
    public List<EventView> events(Actor actor, @PathVariable String slug, @RequestParam(required = false) UUID device,
            @RequestParam(defaultValue = "50") int limit) {
        Tenant tenant = tenant(actor, slug);
        List<Device> targets = device == null ? devices.findByTenant(actor, tenant.id())
                : devices.find(actor, device).filter(d -> d.tenantId().equals(tenant.id())).map(List::of)
                        .orElseThrow(() -> new NotFoundException("device"));
        return targets.stream().flatMap(d -> recent.latest(d.id(), limit).stream())
                .sorted((a, b) -> Long.compare(b.receivedMillis(), a.receivedMillis()))
                .limit(Math.max(1, Math.min(limit, RecentEvents.PER_DEVICE)))
                .map(EventView::of).toList();
    }

    @GetMapping("/api/v1/tenants/{slug}/quarantine")
    @Operation(summary = "Records that failed to parse, newest first, with the reason")
    public List<QuarantineEntry> quarantine(Actor actor, @PathVariable String slug,
            @RequestParam(required = false) UUID device, @RequestParam(defaultValue = "100") int limit) {
        return quarantine.findByTenant(actor, tenant(actor, slug).id(), device, limit);
    }

}
