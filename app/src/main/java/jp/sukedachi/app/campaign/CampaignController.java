package jp.sukedachi.app.campaign;

import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The campaign pages for the provider's admins and analysts: the list, one campaign, and sharing its indicators. */
@Controller
class CampaignController {
    private final CampaignService campaigns;

    CampaignController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping("/campaigns")
    public String list(Actor actor, Model model) {
        model.addAttribute("campaigns", campaigns.recent(actor, 200));
        return "campaigns";
    }

    @GetMapping("/campaigns/{id}")
    public String one(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("c", campaigns.find(actor, id));
        return "campaign";
    }

    /** From a campaign alert (rule {@code campaign:<short id>}) to its campaign. */
    @GetMapping("/campaigns/rule/{ruleId}")
    public String byRule(Actor actor, @PathVariable String ruleId) {
        return "redirect:/campaigns/" + campaigns.findByRule(actor, ruleId);
    }

    /** Shares the ticked keys ({@code key}: each a {@code KeyView.id()}, at most 200); none ticked shares none. */
    @PostMapping("/campaigns/{id}/share")
    public String share(Actor actor, @PathVariable UUID id,
            @RequestParam(name = "key", required = false) List<String> keys, RedirectAttributes redirect) {
        List<String> chosen = keys == null ? List.of() : keys.stream().limit(200).toList();
        try {
            redirect.addFlashAttribute("sharedCount", campaigns.share(actor, id, chosen));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("errorKey", "campaign.share.none");
        }
        return "redirect:/campaigns/" + id;
    }
}
