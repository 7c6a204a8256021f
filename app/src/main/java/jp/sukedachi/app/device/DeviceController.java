package jp.sukedachi.app.device;

import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.ingest.DeviceCounterRepository;
import jp.sukedachi.app.ingest.QuarantineRepository;
import jp.sukedachi.app.ingest.RecentEvents;
import jp.sukedachi.app.tenant.Actor;
import jp.sukedachi.app.tenant.DuplicateException;
import jp.sukedachi.app.tenant.NotFoundException;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.ingest.parse.LogFormats;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The device screens: a company's devices with a register form, and one device's status and feed. */
@Controller
public class DeviceController {
    private final TenantRepository tenants;
    private final DeviceRepository devices;
    private final DeviceService service;
    private final DeviceCounterRepository counters;
    private final RecentEvents recent;
    private final QuarantineRepository quarantine;
    private final LogFormats formats;

    public DeviceController(TenantRepository tenants, DeviceRepository devices, DeviceService service,
            DeviceCounterRepository counters, RecentEvents recent, QuarantineRepository quarantine, LogFormats formats) {
        this.tenants = tenants;
        this.devices = devices;
        this.service = service;
        this.counters = counters;
        this.recent = recent;
        this.quarantine = quarantine;
        this.formats = formats;
    }

    @GetMapping("/tenants/{id}/devices")
    public String list(Actor actor, @PathVariable UUID id, Model model) {
        return listPage(actor, id, model);
    }

    private String listPage(Actor actor, UUID tenantId, Model model) {
        model.addAttribute("tenant", tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("tenant")));
        model.addAttribute("devices", devices.findByTenant(actor, tenantId));
        model.addAttribute("kinds", DeviceKind.values());
        model.addAttribute("formats", formats.all().stream().map(f -> f.id()).toList());
        return "devices";
    }

    @PostMapping("/tenants/{id}/devices")
    public String register(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "utm") String kind, @RequestParam(defaultValue = "auto") String format,
            @RequestParam(defaultValue = "") String sourceIps, Model model) {
        try {
            List<String> ips = Arrays.stream(sourceIps.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
            var registered = service.register(actor, id, new DeviceDraft(name, kind, format, ips));
            model.addAttribute("createdToken", registered.token());
            model.addAttribute("createdDevice", registered.device());
        } catch (DuplicateException e) {
            model.addAttribute("error", e.messageKey());
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", e.getMessage());
        }
        return listPage(actor, id, model);
    }

    @GetMapping("/devices/{id}")
    public String device(Actor actor, @PathVariable UUID id, Model model) {
        Device device = devices.find(actor, id).orElseThrow(() -> new NotFoundException("device"));
        model.addAttribute("device", device);
        model.addAttribute("tenant", tenants.find(actor, device.tenantId()).orElseThrow());
        model.addAttribute("counters", counters.recent(actor, id, 24));
        model.addAttribute("events", recent.latest(id, 20));
        model.addAttribute("quarantine", quarantine.findByTenant(actor, device.tenantId(), id, 20));
        return "device";
    }
}
