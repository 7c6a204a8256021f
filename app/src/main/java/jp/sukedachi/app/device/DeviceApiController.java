package jp.sukedachi.app.device;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.event.SecurityEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Devices of a tenant over the API, and what they sent: counters, latest events, quarantine. */
@RestController
@Tag(name = "Devices")
class DeviceApiController {
    private final TenantRepository tenants;
    private final DeviceRepository devices;
    private final DeviceService service;
    private final DeviceTraffic traffic;
    private final DeviceAddressRepository addresses;
    private final MessageSource messages;

    public DeviceApiController(TenantRepository tenants, DeviceRepository devices, DeviceService service,
            DeviceTraffic traffic, DeviceAddressRepository addresses, MessageSource messages) {
        this.addresses = addresses;
        this.messages = messages;
        this.tenants = tenants;
        this.devices = devices;
        this.service = service;
        this.traffic = traffic;
    }

    /**
     * A device registration's answer: the token is in it this once. {@code sourceIps} route syslog now;
     * {@code requestedSourceIps} wait for provider staff to confirm them.
     */
    public record RegisteredResponse(UUID id, String name, String kind, String format, List<String> sourceIps,
            List<String> requestedSourceIps, int expectedIntervalMinutes, String token) {
    }

    /** An address to add to a device. */
    public record AddressRequest(String address) {
    }

    /** A charset setting for a device's syslog. */
    public record CharsetRequest(String charset) {
    }

    /** A device with its hourly counters (newest first). */
    public record DeviceView(Device device, List<DeviceTraffic.Hour> counters) {
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
        return new RegisteredResponse(d.id(), d.name(), d.kind().code(), d.format(), d.sourceIps(),
                registered.requestedIps(), d.expectedIntervalMinutes(), registered.token());
    }

    private Device device(Actor actor, String slug, UUID id) {
        Tenant tenant = tenant(actor, slug);
        return devices.find(actor, id).filter(d -> d.tenantId().equals(tenant.id()))
                .orElseThrow(() -> new NotFoundException("device"));
    }

    @GetMapping("/api/v1/tenants/{slug}/devices/{id}/addresses")
    @Operation(summary = "A device's syslog source addresses: requested, confirmed (routing), rejected or under review")
    public List<DeviceAddress> addresses(Actor actor, @PathVariable String slug, @PathVariable UUID id) {
        return addresses.findByDevice(actor, device(actor, slug, id).id());
    }

    @PostMapping("/api/v1/tenants/{slug}/devices/{id}/addresses")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Request a syslog source address for a device (confirmed by provider staff; 409 if taken)")
    public DeviceAddress addAddress(Actor actor, @PathVariable String slug, @PathVariable UUID id,
            @RequestBody AddressRequest request) {
        return service.addAddress(actor, device(actor, slug, id).id(), request.address());
    }

    @DeleteMapping("/api/v1/tenants/{slug}/devices/{id}/addresses/{addressId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removeAddress(Actor actor, @PathVariable String slug, @PathVariable UUID id, @PathVariable long addressId) {
        service.removeAddress(actor, device(actor, slug, id).id(), addressId);
    }

    @PutMapping("/api/v1/tenants/{slug}/devices/{id}/charset")
    @Operation(summary = "How the device's syslog bytes are read: auto, UTF-8, Shift_JIS, EUC-JP or ISO-2022-JP")
    public Map<String, String> charset(Actor actor, @PathVariable String slug, @PathVariable UUID id,
            @RequestBody CharsetRequest request) {
        return Map.of("charset", service.setCharset(actor, device(actor, slug, id).id(), request.charset()));
    }

    @GetMapping("/api/v1/device-addresses")
    @Operation(summary = "Provider staff: requested and review addresses of every company, oldest first")
    public List<DeviceAddress> openAddresses(Actor actor) {
        if (!DeviceService.isStaff(actor)) {
            throw new AccessDeniedException("provider staff only");
        }
        return addresses.findOpen(actor, 1000);
    }

    @PostMapping("/api/v1/device-addresses/{addressId}/confirm")
    @Operation(summary = "Provider staff: confirm an address; it routes syslog to the device at once")
    public DeviceAddress confirm(Actor actor, @PathVariable long addressId) {
        return service.confirm(actor, addressId);
    }

    @PostMapping("/api/v1/device-addresses/{addressId}/reject")
    @Operation(summary = "Provider staff: reject an address request; the address is free again")
    public DeviceAddress reject(Actor actor, @PathVariable long addressId) {
        return service.reject(actor, addressId);
    }

    /** 409 naming the address in the caller's language, never the company that holds it. */
    @ExceptionHandler(AddressTakenException.class)
    ProblemDetail addressTaken(AddressTakenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, messages.getMessage(e.messageKey(),
                new Object[] {e.address()}, LocaleContextHolder.getLocale()));
        problem.setProperty("address", e.address());
        return problem;
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
        return new DeviceView(device, traffic.hourly(actor, id, 48));
    }

    @GetMapping("/api/v1/tenants/{slug}/events")
    @Operation(summary = "The latest normalised events, newest first, to check a feed")
    public List<EventView> events(Actor actor, @PathVariable String slug, @RequestParam(required = false) UUID device,
            @RequestParam(defaultValue = "50") int limit) {
        Tenant tenant = tenant(actor, slug);
        List<Device> targets = device == null ? devices.findByTenant(actor, tenant.id())
                : devices.find(actor, device).filter(d -> d.tenantId().equals(tenant.id())).map(List::of)
                        .orElseThrow(() -> new NotFoundException("device"));
        return targets.stream().flatMap(d -> traffic.latest(d.id(), limit).stream())
                .sorted((a, b) -> Long.compare(b.receivedMillis(), a.receivedMillis()))
                .limit(Math.max(1, Math.min(limit, traffic.latestKept())))
                .map(EventView::of).toList();
    }

    @GetMapping("/api/v1/tenants/{slug}/quarantine")
    @Operation(summary = "Records that failed to parse, newest first, with the reason")
    public List<QuarantineEntry> quarantine(Actor actor, @PathVariable String slug,
            @RequestParam(required = false) UUID device, @RequestParam(defaultValue = "100") int limit) {
        return traffic.quarantine(actor, tenant(actor, slug).id(), device, limit);
    }

}
