package jp.sukedachi.app.selfcheck.assets;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One row of the information-asset ledger with its risk rating; importance, likelihood and risk are derived. */
public record Asset(
        UUID id,
        UUID tenantId,
        String name,
        String ownerName,
        String place,
        AssetForm form,
        boolean personalData,
        int confidentiality,
        int integrity,
        int availability,
        int threat,
        int vulnerability,
        Decision decision,
        String measure,
        LocalDate nextReview,
        Instant createdAt,
        Instant updatedAt) {

    public int importance() {
        return RiskRating.importance(confidentiality, integrity, availability, personalData);
    }

    public int likelihood() {
        return RiskRating.likelihood(threat, vulnerability);
    }

    public int risk() {
        return RiskRating.risk(importance(), likelihood());
    }

    public String level() {
        return RiskRating.level(risk());
    }
}
