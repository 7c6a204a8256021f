package jp.sukedachi.app.insurance;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.support.TestWorld;
import org.springframework.stereotype.Component;

/** Test data of the policy tests: an insurer, and the package's typical simple insurance as a draft. */
@Component
class PolicyFixture {
    private final InsurerService insurers;

    PolicyFixture(InsurerService insurers) {
        this.insurers = insurers;
    }

    Insurer insurer(Actor admin) {
        return insurers.create(admin, new InsurerDraft(TestWorld.unique("テスト損保"), "保険金お支払い課", "03-0000-0000",
                null));
    }

    /** First response, visit, forensic, recovery, notification; 1,000,000 a year, 50,000 deductible, 100 %. */
    static PolicyDraft typical(UUID insurerId, String number, LocalDate from, LocalDate to) {
        return new PolicyDraft(insurerId, number, from, to, List.of(
                new PolicyTerms.Line(CoverageLine.NOTIFICATION, 200_000, 200_000),
                new PolicyTerms.Line(CoverageLine.FIRST_RESPONSE, 300_000, 300_000),
                new PolicyTerms.Line(CoverageLine.ONSITE_VISIT, 300_000, 500_000),
                new PolicyTerms.Line(CoverageLine.FORENSIC, 500_000, 500_000),
                new PolicyTerms.Line(CoverageLine.RECOVERY, 300_000, 500_000),
                new PolicyTerms.Line(CoverageLine.LIABILITY, 0, 0)), 1_000_000, 50_000, 100);
    }
}
