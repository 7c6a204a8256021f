package jp.sukedachi.app.insurance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.sukedachi.app.plan.ContractTerms;

/**
 * The owner's worked example: two engineer visits (3.5 and 2 hours on site, priced at the contract's hourly rate
 * like a claim prices them) and an investigation company's invoice of 800,000 yen, computed with the claim
 * arithmetic as if nothing had been paid this policy year. Without a contract the visits are left out rather than
 * priced at a rate the company does not have.
 *
 * @param onsiteYenPerHour the contract's rate, or null when the visits are left out
 */
public record PolicyExample(Long onsiteYenPerHour, long invoiceYen, ClaimArithmetic.Result result) {
    static final long INVOICE_YEN = 800_000;
    static final List<Integer> VISIT_MINUTES = List.of(210, 120);

    static PolicyExample of(PolicyTerms policy, Optional<ContractTerms> contract) {
        Long rate = contract.map(ContractTerms::onsiteYenPerHour).orElse(null);
        return new PolicyExample(rate, INVOICE_YEN, ClaimArithmetic.compute(policy, items(rate), Map.of(), 0));
    }

    static List<ClaimArithmetic.Claimed> items(Long onsiteYenPerHour) {
        List<ClaimArithmetic.Claimed> items = new ArrayList<>();
        if (onsiteYenPerHour != null) {
            for (int minutes : VISIT_MINUTES) {
                items.add(new ClaimArithmetic.Claimed(CoverageLine.ONSITE_VISIT,
                        ClaimArithmetic.yenForMinutes(minutes, onsiteYenPerHour)));
            }
        }
        items.add(new ClaimArithmetic.Claimed(CoverageLine.FORENSIC, INVOICE_YEN));
        return items;
    }

    public boolean withVisits() {
        return onsiteYenPerHour != null;
    }
}
