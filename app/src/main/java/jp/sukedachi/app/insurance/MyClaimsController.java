package jp.sukedachi.app.insurance;

import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The owner's claims in plain words: where each stands and, once the insurer decided, what it pays and what the
 * company pays itself (「保険会社は 412,000 円の支払いを認めました。自己負担は 88,000 円です。」).
 */
@Controller
class MyClaimsController {
    private final Claims claims;

    MyClaimsController(Claims claims) {
        this.claims = claims;
    }

    private static void requireOwner(Actor actor) {
        if (actor.role() != Role.TENANT_OWNER) {
            throw new AccessDeniedException("the company's owner");
        }
    }

    @GetMapping("/my/claims")
    String list(Actor actor, Model model) {
        requireOwner(actor);
        Claims.ClaimList list = claims.ofCompany(actor);
        model.addAttribute("claims", list.items());
        model.addAttribute("more", list.more());
        model.addAttribute("max", Claims.LIST_MAX);
        return "claims/my-claims";
    }

    @GetMapping("/my/claims/{id}")
    String one(Actor actor, @PathVariable UUID id, Model model) {
        requireOwner(actor);
        Claim claim = claims.find(actor, id).filter(c -> c.tenantId().equals(actor.tenantId()))
                .orElseThrow(() -> new NotFoundException("claim"));
        model.addAttribute("claim", claim);
        return "claims/my-claim";
    }
}
