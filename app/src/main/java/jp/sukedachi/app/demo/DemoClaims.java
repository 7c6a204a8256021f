package jp.sukedachi.app.demo;

import java.time.LocalDate;
import java.util.List;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.insurance.ClaimArithmetic;
import jp.sukedachi.app.insurance.Claims;
import jp.sukedachi.app.insurance.CoverageLine;
import jp.sukedachi.app.insurance.Policies;
import jp.sukedachi.app.pdf.PdfFonts;
import jp.sukedachi.app.plan.Plans;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.tenant.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo's insurance claim (issue 17): the analyst opens a claim from the manufacturer's ransomware incident
 * whose completed visit DemoDispatch recorded (the first demo company, 株式会社さくら精機), adds the desk's first response on the phone and the forensic
 * company's invoice (a small generated PDF), and submits it: it waits for the insurer (SUBMITTED). Runs after the
 * dispatch, plan and policy demos; without a policy for the company it says so in the log and leaves the claim out.
 */
@Component
class DemoClaims {
    private static final Logger log = LoggerFactory.getLogger(DemoClaims.class);
    /** The first response by phone before the visit, as the desk logged it in the demo story. */
    private static final int DESK_MINUTES = 45;

    private final Claims claims;
    private final Incidents incidents;
    private final Policies policies;
    private final Plans plans;
    private final PdfFonts fonts;

    DemoClaims(Claims claims, Incidents incidents, Policies policies, Plans plans, PdfFonts fonts) {
        this.claims = claims;
        this.incidents = incidents;
        this.policies = policies;
        this.plans = plans;
        this.fonts = fonts;
    }

    void seed(Actor analyst, List<Tenant> companies) {
        Tenant maker = companies.getFirst();
        LocalDate today = LocalDate.now(Formats.TOKYO);
        if (policies.activeFor(maker.id(), today).isEmpty()) {
            log.warn("Demo: {} has no insurance policy, so the demo claim is left out", maker.name());
            return;
        }
        var incident = incidents.list(analyst, null, false, maker.id(), IncidentType.RANSOMWARE, 50).stream()
                .filter(i -> i.title().startsWith("事務所のパソコンのファイルが開けない")).findFirst().orElseThrow(() -> new IllegalStateException("the dispatch demo's incident is missing"));
        var claim = claims.open(analyst, incident.id());
        long deskRate = plans.contractOf(maker.id(), today).map(c -> c.deskYenPerHour()).orElse(0L);
        if (deskRate > 0) {
            claims.addItem(analyst, claim.id(), CoverageLine.FIRST_RESPONSE, "窓口での初動対応（電話で隔離の手順を案内、"
                    + DESK_MINUTES + " 分）", ClaimArithmetic.yenForMinutes(DESK_MINUTES, deskRate));
        }
        byte[] invoice = fonts.newDocument().title("請求書").paragraph(maker.name() + " 御中")
                .paragraph("件名：ランサムウェア感染端末のフォレンジック調査").table(List.of(
                        new String[] {"調査費（端末1台、ログ解析を含む）", "680,000 円"},
                        new String[] {"報告書作成", "120,000 円"},
                        new String[] {"合計（税抜）", "800,000 円"}))
                .paragraph("株式会社デモフォレンジック調査").toBytes();
        claims.addInvoice(analyst, claim.id(), new Claims.Invoice(CoverageLine.FORENSIC, "株式会社デモフォレンジック調査",
                800_000L, "forensic-invoice.pdf", "application/pdf", invoice));
        claims.submit(analyst, claim.id());
    }
}
