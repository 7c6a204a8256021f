package jp.sukedachi.app.insurance;

import java.util.List;
import jp.sukedachi.app.incident.IncidentExtension;
import jp.sukedachi.app.incident.IncidentSummary;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Component;

/**
 * The incident page's "insurance claim" part, for provider staff: the incident's claims with their status and a
 * button to open one. The company reads its claims on {@code /my/claims}; this part holds nothing for it. Also the
 * {@code claims} member of the incident's API answer.
 */
@Component
class ClaimPanel implements IncidentExtension {
    private final Claims claims;

    ClaimPanel(Claims claims) {
        this.claims = claims;
    }

    /** @param canOpen no claim of the incident is under way (none yet, or only rejected ones) */
    record Data(List<Claim> claims, boolean canOpen) {
    }

    @Override
    public String name() {
        return "claims";
    }

    @Override
    public String fragment() {
        return "claims/incident-claims :: panel";
    }

    @Override
    public Object data(Actor actor, IncidentSummary incident) {
        if (!Claims.isStaff(actor)) {
            return new Data(List.of(), false);
        }
        List<Claim> list = claims.forIncident(actor, incident.id());
        return new Data(list, list.stream().allMatch(c -> c.status() == ClaimStatus.REJECTED));
    }

    @Override
    public int order() {
        return 60;
    }
}
