package jp.sukedachi.app.intel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.config.RequestBodies;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.feed.ImportResult;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Threat intelligence over the API: import, lookup, sources, allowlist, sharing, export. */
@RestController
@Tag(name = "Threat intelligence")
class IntelApiController {
    private final IntelService intel;
    private final IndicatorRepository indicators;
    private final IntelSourceRepository sources;
    private final IntelExport export;
    private final Clock clock;

    public IntelApiController(IntelService intel, IndicatorRepository indicators, IntelSourceRepository sources,
            IntelExport export, Clock clock) {
        this.intel = intel;
        this.indicators = indicators;
        this.sources = sources;
        this.export = export;
        this.clock = clock;
    }

    /** An indicator row as the API shows it. */
    public record IndicatorView(long id, Indicator indicator) {
        static IndicatorView of(IndicatorRepository.Row r) {
            return new IndicatorView(r.id(), r.indicator());
        }
    }

    @PostMapping("/api/v1/intel/import")
    @Operation(summary = "Import a feed body (gzip or deflate allowed); format detected when omitted; "
            + "a refused body (size, charset, truncated) imports nothing")
    public Map<String, Object> importFeed(Actor actor, @RequestParam String source,
            @RequestParam(required = false) String format, @RequestParam(required = false) UUID tenant,
            HttpServletRequest request) throws IOException {
        // The limit is applied by the service to the decoded feed (sukedachi.intel.max-feed-mb): it stops reading
        // there, so the compressed wire is never read further either.
        try (InputStream in = RequestBodies.decoded(request, Long.MAX_VALUE)) {
            return result(intel.importFeed(actor, source, format, in, RequestBodies.charset(request), tenant));
        }
    }

    static Map<String, Object> result(ImportResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("imported", r.imported());
        m.put("rejected", r.rejected());
        m.put("errors", r.errors());
        return m;
    }

    @GetMapping("/api/v1/intel/lookup")
    @Operation(summary = "Indicators that match a value (exact, covering CIDR ranges and parent domains)")
    public List<IndicatorView> lookup(Actor actor, @RequestParam String value) {
        return intel.lookup(actor, value).stream().map(IndicatorView::of).toList();
    }

    @GetMapping("/api/v1/intel/indicators")
    public List<IndicatorView> search(Actor actor, @RequestParam(required = false) String value,
            @RequestParam(required = false) String source, @RequestParam(defaultValue = "100") int limit) {
        IntelService.requireIntelStaff(actor);
        return indicators.search(actor, value, source, limit).stream().map(IndicatorView::of).toList();
    }

    @PostMapping("/api/v1/intel/indicators/{id}/share")
    @Operation(summary = "Publish a company's indicator to every customer, without naming the company")
    public Map<String, String> share(Actor actor, @PathVariable long id) {
        intel.publish(actor, id);
        return Map.of("status", "shared");
    }

    @GetMapping("/api/v1/intel/sources")
    public List<IntelSource> sources(Actor actor) {
        IntelService.requireIntelStaff(actor);
        return sources.findAll();
    }

    /** A feed to fetch on a schedule. */
    public record FeedDraft(String name, String format, String url, Integer refreshMinutes, Integer ttlDays) {
    }

    @PostMapping("/api/v1/intel/sources")
    @ResponseStatus(HttpStatus.CREATED)
    public IntelSource addSource(Actor actor, @RequestBody FeedDraft draft) {
        return intel.addFeed(actor, draft.name(), draft.format(), draft.url(),
                draft.refreshMinutes() == null ? 60 : draft.refreshMinutes(), draft.ttlDays() == null ? 30 : draft.ttlDays());
    }

    @GetMapping("/api/v1/intel/allowlist")
    public List<IndicatorRepository.AllowEntry> allowlist(Actor actor) {
        IntelService.requireIntelStaff(actor);
        return indicators.allowlist(actor);
    }

    /** A known-good value; {@code type} is inferred when omitted, {@code tenant} null for provider-wide. */
    public record AllowDraft(String type, String value, UUID tenant, String note) {
    }

    @PostMapping("/api/v1/intel/allowlist")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, String> allow(Actor actor, @RequestBody AllowDraft draft) {
        intel.allow(actor, draft.type(), draft.value(), draft.tenant(), draft.note());
        return Map.of("status", "allowed");
    }

    @DeleteMapping("/api/v1/intel/allowlist/{id}")
    public Map<String, String> disallow(Actor actor, @PathVariable long id) {
        intel.disallow(actor, id);
        return Map.of("status", "removed");
    }

    @GetMapping("/api/v1/intel/export")
    @Operation(summary = "The provider-wide indicators as a STIX 2.1 bundle (format=stix2) or a MISP event (format=misp)")
    public Map<String, Object> export(Actor actor, @RequestParam(defaultValue = "stix2") String format) {
        IntelService.requireIntelStaff(actor);
        List<Indicator> providerWide = new ArrayList<>();
        indicators.forEachActive(clock.instant(), i -> {
            if (i.tenant() == null) {
                providerWide.add(i);
            }
        });
        return switch (format) {
            case "stix2" -> export.stix(providerWide, clock.instant());
            case "misp" -> export.misp(providerWide, clock.instant());
            default -> throw new IllegalArgumentException("format must be stix2 or misp");
        };
    }
}
