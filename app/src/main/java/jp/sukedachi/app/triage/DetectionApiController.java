package jp.sukedachi.app.triage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The raw detections of a tenant, newest first: what triage will turn into alerts. */
@RestController
@Tag(name = "Detections")
class DetectionApiController {
    private final TenantRepository tenants;
    private final DetectionRepository detections;

    DetectionApiController(TenantRepository tenants, DetectionRepository detections) {
        this.tenants = tenants;
        this.detections = detections;
    }

    @GetMapping("/api/v1/tenants/{slug}/detections")
    @Operation(summary = "Detections of a tenant, newest first, with their evidence")
    public List<StoredDetection> list(Actor actor, @PathVariable String slug, @RequestParam(defaultValue = "100") int limit) {
        var tenant = tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("tenant"));
        return detections.findByTenant(actor, tenant.id(), limit);
    }
}
