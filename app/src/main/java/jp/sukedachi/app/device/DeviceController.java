package jp.sukedachi.app.device;

import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.text.TextDecoder;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The device screens: a company's devices with a register form, and one device's status and feed. */
@Controller
class DeviceController {
    private final TenantRepository tenants;
    private final DeviceRepository devices;
    private final DeviceService service;
    private final DeviceTraffic traffic;
    private final LogFormats formats;
    private final DeviceAddressRepository addresses;

    private final MessageSource messages;

    public DeviceController(TenantRepository tenants, DeviceRepository devices, DeviceService service,
            DeviceTraffic traffic, LogFormats formats, DeviceAddressRepository addresses, MessageSource messages) {
        this.messages = messages;
        this.addresses = addresses;
        this.tenants = tenants;
        this.devices = devices;
        this.service = service;
        this.traffic = traffic;
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
            model.addAttribute("requestedIps", String.join(", ", registered.requestedIps()));
        } catch (AddressTakenException e) {
            model.addAttribute("errorAddress", e.address());
        } catch (DuplicateException e) {
            model.addAttribute("error", e.messageKey());
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", refusal(e));
        }
        return listPage(actor, id, model);
    }

    @GetMapping("/devices/{id}")
    public String device(Actor actor, @PathVariable UUID id, Model model) {
        Device device = devices.find(actor, id).orElseThrow(() -> new NotFoundException("device"));
        model.addAttribute("device", device);
        model.addAttribute("addresses", addresses.findByDevice(actor, id));
        model.addAttribute("charset", devices.charset(id));
        model.addAttribute("charsets", TextDecoder.SETTINGS);
        model.addAttribute("staff", DeviceService.isStaff(actor));
        // Who may request/remove addresses and set the charset (the service checks it again).
        model.addAttribute("mayEditSyslog", actor.role() == Role.PROVIDER_ADMIN
                || actor.role() == Role.TENANT_OWNER);
        model.addAttribute("syslogStats", traffic.syslog());
        model.addAttribute("tenant", tenants.find(actor, device.tenantId()).orElseThrow());
        model.addAttribute("counters", traffic.hourly(actor, id, 24));
        model.addAttribute("events", traffic.latest(id, 20));
        model.addAttribute("quarantine", traffic.quarantine(actor, device.tenantId(), id, 20));
        return "device";
    }

    /** An owner requests an address (staff confirm it); an admin's is confirmed at once. */
    @PostMapping("/devices/{id}/addresses")
    public String addAddress(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String address,
            Model model) {
        return attempt(() -> service.addAddress(actor, id, address), "redirect:/devices/" + id, model,
                () -> device(actor, id, model));
    }

    @PostMapping("/devices/{id}/addresses/{addressId}/remove")
    public String removeAddress(Actor actor, @PathVariable UUID id, @PathVariable long addressId) {
        service.removeAddress(actor, id, addressId);
        return "redirect:/devices/" + id;
    }

    @PostMapping("/devices/{id}/charset")
    public String charset(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "auto") String charset,
            Model model) {
        return attempt(() -> service.setCharset(actor, id, charset), "redirect:/devices/" + id, model,
                () -> device(actor, id, model));
    }

    /** Provider staff: the addresses waiting for a decision, and the syslog receiver's provider-wide figures. */
    @GetMapping("/device-addresses")
    public String queue(Actor actor, Model model) {
        if (!DeviceService.isStaff(actor)) {
            throw new AccessDeniedException("provider staff only");
        }
        model.addAttribute("open", addresses.findOpen(actor, 500));
        model.addAttribute("syslogStats", traffic.syslog());
        return "device-addresses";
    }

    @PostMapping("/device-addresses/{addressId}/confirm")
    public String confirm(Actor actor, @PathVariable long addressId, Model model) {
        return attempt(() -> service.confirm(actor, addressId), "redirect:/device-addresses", model,
                () -> queue(actor, model));
    }

    @PostMapping("/device-addresses/{addressId}/reject")
    public String reject(Actor actor, @PathVariable long addressId, Model model) {
        return attempt(() -> service.reject(actor, addressId), "redirect:/device-addresses", model,
                () -> queue(actor, model));
    }

    /** Runs a change; on a taken address or bad input shows the page again with the reason in plain words. */
    private String attempt(Runnable change, String done, Model model, Supplier<String> page) {
        try {
            change.run();
            return done;
        } catch (AddressTakenException e) {
            model.addAttribute("errorAddress", e.address());
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", refusal(e));
        }
        return page.get();
    }

    /** The service's refusal in the reader's language (its English is for the API); what to do is part of it. */
    private String refusal(IllegalArgumentException e) {
        Locale locale = LocaleContextHolder.getLocale();
        if (e instanceof InvalidInput) {
            return InvalidInput.describe(messages, e, locale);
        }
        String text = e.getMessage() == null ? "" : e.getMessage();
        String key = text.contains("not an IP address") ? "device.error.ip"
                : text.contains("at most") && text.contains("addresses") ? "device.error.tooMany"
                : text.startsWith("unknown format") ? "device.error.format"
                : text.startsWith("kind must") ? "device.error.kind"
                : text.startsWith("address: only a requested") ? "device.error.decided"
                : "input.invalidPlain";
        int colon = text.lastIndexOf(": ");
        String value = colon < 0 ? "" : text.substring(colon + 2);
        return messages.getMessage(key, new Object[] {DeviceService.MAX_ADDRESSES, value}, locale);
    }
}
