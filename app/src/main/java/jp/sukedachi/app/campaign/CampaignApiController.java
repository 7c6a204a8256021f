package jp.sukedachi.app.campaign;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns over the API, for the provider's admins and analysts (and admin API keys) only. */
@RestController
@Tag(name = "Campaigns")
class CampaignApiController {
    private final CampaignService campaigns;

    CampaignApiController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping("/api/v1/campaigns")
    @Operation(summary = "The newest campaigns (the same attack at two or more companies), with the companies' alerts")
    public List<CampaignService.View> list(Actor actor, @RequestParam(defaultValue = "100") int limit) {
        return campaigns.recent(actor, Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/api/v1/campaigns/{id}")
    @Operation(summary = "One campaign: the companies and their alerts, the keys, first and last seen")
    public CampaignService.View one(Actor actor, @PathVariable UUID id) {
        return campaigns.find(actor, id);
    }
}
