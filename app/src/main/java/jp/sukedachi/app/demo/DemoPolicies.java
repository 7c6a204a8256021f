package jp.sukedachi.app.demo;

import java.time.LocalDate;
import java.util.List;
import jp.sukedachi.app.insurance.CoverageLine;
import jp.sukedachi.app.insurance.Insurer;
import jp.sukedachi.app.insurance.InsurerDraft;
import jp.sukedachi.app.insurance.InsurerService;
import jp.sukedachi.app.insurance.PolicyDraft;
import jp.sukedachi.app.insurance.PolicyRegistry;
import jp.sukedachi.app.insurance.PolicyTerms.Line;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.stereotype.Component;

/**
 * The demo's simple cyber insurance: one (fictional) insurer, the demo insurer user working for it, and the same
 * typical policy for every demo company over the Japanese fiscal year that contains today — first response,
 * on-site visit, forensic investigation, recovery and notification, 1,000,000 yen a year in all, 50,000 yen of
 * self-burden per incident, no liability.
 */
@Component
class DemoPolicies {
    static final String INSURER_NAME = "あんしん損害保険株式会社";
    static final String INSURER_LOGIN = "insurer@demo.sukedachi.jp";
    static final long ANNUAL_LIMIT_YEN = 1_000_000;
    static final long DEDUCTIBLE_YEN = 50_000;
    static final List<Line> LINES = List.of(
            new Line(CoverageLine.FIRST_RESPONSE, 300_000, 300_000),
            new Line(CoverageLine.ONSITE_VISIT, 300_000, 500_000),
            new Line(CoverageLine.FORENSIC, 500_000, 500_000),
            new Line(CoverageLine.RECOVERY, 300_000, 500_000),
            new Line(CoverageLine.NOTIFICATION, 200_000, 200_000));

    private final InsurerService insurers;
    private final PolicyRegistry policies;
    private final UserRepository users;

    DemoPolicies(InsurerService insurers, PolicyRegistry policies, UserRepository users) {
        this.insurers = insurers;
        this.policies = policies;
        this.users = users;
    }

    void seed(Actor admin, List<Tenant> companies) {
        Insurer insurer = insurers.create(admin, new InsurerDraft(INSURER_NAME, "保険金お支払いセンター サイバー保険係",
                "0120-000-000", "cyber-claims@anshin-sonpo.example.jp"));
        users.findByLogin(INSURER_LOGIN).ifPresent(u -> insurers.assign(admin, u.id(), insurer.id()));
        LocalDate today = policies.today();
        LocalDate from = LocalDate.of(today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1, 4, 1);
        for (int i = 0; i < companies.size(); i++) {
            policies.save(admin, companies.get(i).id(), null, new PolicyDraft(insurer.id(),
                    "AS-CY-%d-%04d".formatted(from.getYear(), i + 1), from, from.plusYears(1).minusDays(1), LINES,
                    ANNUAL_LIMIT_YEN, DEDUCTIBLE_YEN, 100));
        }
    }
}
