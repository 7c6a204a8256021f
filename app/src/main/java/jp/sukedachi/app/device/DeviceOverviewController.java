package jp.sukedachi.app.device;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Every company's devices for provider staff, the first screen of a morning shift: which UTMs, sensors and endpoint
 * agents are silent and since when, when each last sent, its events and unreadable lines today. Silent first; one
 * company or one state at a time; paged in SQL, so a thousand companies with three devices each stay one page.
 */
@Controller
class DeviceOverviewController {
    static final int PAGE_SIZE = 50;
    private final DeviceRepository devices;
    private final DeviceTraffic traffic;
    private final TenantRepository tenants;
    private final Clock clock;

    DeviceOverviewController(DeviceRepository devices, DeviceTraffic traffic, TenantRepository tenants, Clock clock) {
        this.devices = devices;
        this.traffic = traffic;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** One line of the view. */
    record Row(Device device, String company, DeviceState state, SentAgo lastSent, SentAgo silentSince,
            long eventsToday, long quarantinedToday) {
    }

    @GetMapping("/devices")
    public String overview(Actor actor, @RequestParam(required = false) String company,
            @RequestParam(required = false) String state, @RequestParam(defaultValue = "0") int page, Model model) {
        if (!DeviceService.isStaff(actor)) {
            throw new AccessDeniedException("provider staff only");
        }
        Instant now = clock.instant();
        List<Tenant> visible = tenants.findVisible(actor);
        Map<UUID, String> names = visible.stream().collect(Collectors.toMap(Tenant::id, Tenant::name));
        UUID tenantId = companyId(company, names);
        DeviceState wanted = state == null || state.isBlank() ? null : DeviceState.parse(state);
        if (wanted == null && state != null && !state.isBlank()) {
            throw new NotFoundException("device state");
        }

        Map<DeviceState, Long> counts = devices.stateCounts(actor, tenantId, now);
        long matching = wanted == null ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.get(wanted);
        int pages = (int) Math.max(1, (matching + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.max(0, Math.min(page, pages - 1));

        List<DeviceRepository.Ranked> ranked = devices.overview(actor, tenantId, wanted, now, current * PAGE_SIZE,
                PAGE_SIZE);
        Instant today = LocalDate.ofInstant(now, Formats.TOKYO).atStartOfDay(Formats.TOKYO).toInstant();
        Map<UUID, DeviceTraffic.Since> sent = traffic.since(actor,
                ranked.stream().map(r -> r.device().id()).toList(), today);
        DeviceTraffic.Since nothing = new DeviceTraffic.Since(0, 0);
        List<Row> rows = ranked.stream().map(r -> {
            Device d = r.device();
            DeviceTraffic.Since s = sent.getOrDefault(d.id(), nothing);
            return new Row(d, names.getOrDefault(d.tenantId(), ""), r.state(),
                    d.lastSeenAt() == null ? null : SentAgo.of(d.lastSeenAt(), now),
                    r.state() == DeviceState.SILENT ? SentAgo.of(d.silentSince(), now) : null,
                    s.parsed(), s.quarantined());
        }).toList();

        model.addAttribute("rows", rows);
        model.addAttribute("companies", visible);
        model.addAttribute("company", tenantId);
        model.addAttribute("states", DeviceState.values());
        model.addAttribute("state", wanted);
        model.addAttribute("counts", counts);
        model.addAttribute("matching", matching);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("pageSize", PAGE_SIZE);
        return "devices-overview";
    }

    /**
     * The company filter: none when blank, else a company the actor may see. An unknown or foreign id is a 404, not
     * a silent "every company" that would look like the filtered list.
     */
    private static UUID companyId(String company, Map<UUID, String> visible) {
        if (company == null || company.isBlank()) {
            return null;
        }
        try {
            UUID id = UUID.fromString(company.trim());
            if (visible.containsKey(id)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // not an id: answered like an unknown one
        }
        throw new NotFoundException("company");
    }

}
