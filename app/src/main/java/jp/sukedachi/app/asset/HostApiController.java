package jp.sukedachi.app.asset;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A company's LAN devices over the API, tenant-scoped like every other call (another company's: 404). */
@RestController
@Tag(name = "Asset inventory")
class HostApiController {
    private final HostService service;
    private final TenantRepository tenants;

    HostApiController(HostService service, TenantRepository tenants) {
        this.service = service;
        this.tenants = tenants;
    }

    /**
     * One device. {@code key} is its MAC, or its LAN address when no MAC is known; times are the events' own
     * (ISO-8601 UTC); {@code marking} undecided, ours or not_ours.
     */
    public record HostJson(String key, String mac, String ip, List<String> names, String kind, String os,
            String osEvidence, boolean endOfLife, Instant firstSeen, Instant lastSeen, String marking,
            String markedBy, Instant markedAt, String label, UUID ledgerAssetId, String seenBy) {
        static HostJson of(Host h) {
            return new HostJson(h.key(), h.mac(), h.ip(), h.names(), h.kind(), h.osGuess(), h.osEvidence(),
                    h.endOfLife(), h.firstSeen(), h.lastSeen(), h.marking().code(), h.markedBy(), h.markedAt(),
                    h.label(), h.ledgerAssetId(), h.seenBy());
        }
    }

    @GetMapping("/api/v1/tenants/{slug}/hosts")
    @Operation(summary = "A company's LAN devices learnt from its logs (DHCP, Zeek, user agents, FortiGate device"
            + " identification, Windows logons), most recently seen first, at most 2,000: MAC, address, names, kind,"
            + " OS guess with its evidence, first and last seen, the company's marking, label and asset-ledger link")
    public List<HostJson> list(Actor actor, @PathVariable String slug) {
        var tenant = tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("tenant"));
        return service.list(actor, tenant.id()).stream().map(HostJson::of).toList();
    }
}
