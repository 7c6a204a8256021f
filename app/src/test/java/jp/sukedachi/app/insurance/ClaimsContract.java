package jp.sukedachi.app.insurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.sukedachi.app.incident.Incident;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Claims on a real database (H2 and PostgreSQL, see the subclasses): the claim of the case priced to the
 * yen from two visits, desk time, a forensic invoice over its limit and a deductible; the workflow from DRAFT to
 * PAID with every step on the history and in the audit log; steps the state does not allow (409), broken rules
 * (422) and wrong roles (403); what the policy already paid this year; and the scope — an insurer's staff read
 * only their insurer's claims past DRAFT.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000"})
abstract class ClaimsContract {
    @Autowired
    Claims claims;
    @Autowired
    ClaimFixture fixture;
    @Autowired
    TestWorld world;
    @Autowired
    JdbcClient jdbc;

    ClaimFixture.World w;

    @BeforeEach
    void aCompanyWithPolicyAndContract() {
        w = fixture.company("高橋製作所");
    }

    @Test
    void aClaimOfTwoVisitsDeskTimeAndAForensicInvoiceAboveItsLimitPaysEachLineToTheYen() {
        Incident incident = fixture.incident(w, "ファイルが暗号化された", 25);
        fixture.completedVisit(w, incident, 210, 35);
        fixture.completedVisit(w, incident, 120, 35);
        Claim claim = claims.open(w.admin().actor(), incident.id());
        claim = claims.addInvoice(w.admin().actor(), claim.id(), new Claims.Invoice(CoverageLine.FORENSIC,
                "株式会社フォレンジック調査", 800_000L, "invoice.pdf", "application/pdf", ClaimFixture.pdf("forensic")));

        // By hand, from the plan's rates (12,000 on site, 5,000 travel, 9,000 desk, yen per hour; half up to the yen):
        long visit1 = 210 * 12_000 / 60;             // 3.5 h on site = 42,000
        long visit2 = 120 * 12_000 / 60;             // 2 h on site   = 24,000
        long travel = (35 * 5_000 + 30) / 60;        // 35 min travel = 2,916.67 → 2,917 (each visit)
        long desk = 25 * 9_000 / 60;                 // 25 min desk   = 3,750
        long onsiteClaimed = visit1 + visit2 + 2 * travel; // 71,834, under the line's 100,000 per claim
        long forensicClaimed = 800_000;
        long forensicCovered = 500_000;              // the forensic line pays at most 500,000 per claim
        // The 50,000 deductible is taken in line order: first response 3,750, then 46,250 of the on-site visit.
        long firstResponsePayable = 0;
        long onsitePayable = onsiteClaimed - (50_000 - desk); // 25,584
        long forensicPayable = forensicCovered;
        assertThat(claim.items()).extracting(Claim.Item::source).containsExactlyInAnyOrder("VISIT_ONSITE",
                "VISIT_TRAVEL", "VISIT_ONSITE", "VISIT_TRAVEL", "DESK", "INVOICE");
        assertThat(claim.lines()).extracting(l -> l.line() + " " + l.claimedYen() + " " + l.payableYen() + " "
                + l.selfBurdenYen()).containsExactly(
                "FIRST_RESPONSE " + desk + " " + firstResponsePayable + " " + desk,
                "ONSITE_VISIT " + onsiteClaimed + " " + onsitePayable + " " + (onsiteClaimed - onsitePayable),
                "FORENSIC " + forensicClaimed + " " + forensicPayable + " " + (forensicClaimed - forensicPayable));
        assertThat(onsitePayable).isEqualTo(25_584);
        assertThat(claim.payableYen()).isEqualTo(525_584);
        assertThat(claim.selfBurdenYen()).isEqualTo(350_000);
        assertThat(claim.claimedYen()).isEqualTo(desk + onsiteClaimed + forensicClaimed);
        assertThat(claim.lines().get(2).notes()).contains("PER_CLAIM_LIMIT");
        assertThat(claim.files()).singleElement().satisfies(f -> assertThat(f.sha256())
                .isEqualTo(Hashes.sha256(ClaimFixture.pdf("forensic"))));
        // Filling again adds nothing twice.
        assertThat(claims.fill(w.admin().actor(), claim.id())).isZero();
    }

    @Test
    void theWorkflowRunsFromDraftToPaidWithEveryStepOnTheHistoryAndInTheAuditLog() {
        Incident incident = fixture.incident(w, "不審なログイン", 0);
        fixture.completedVisit(w, incident, 180, 0);
        var admin = w.admin().actor();
        var insurer = w.insurerUser().actor();
        Claim claim = claims.open(admin, incident.id());
        claims.addItem(admin, claim.id(), CoverageLine.FORENSIC, "ログ解析（外部委託）", 200_000L);
        // The insurer cannot see a draft at all.
        assertThatThrownBy(() -> claims.get(insurer, claim.id())).isInstanceOf(NotFoundException.class);
        assertThat(claims.submit(admin, claim.id()).status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(claims.requestInfo(insurer, claim.id(), "ログ解析の見積書を添付してください。").question())
                .isEqualTo("ログ解析の見積書を添付してください。");
        claims.addInvoice(admin, claim.id(), new Claims.Invoice(CoverageLine.FORENSIC, "ログ解析社", 150_000L,
                "estimate.pdf", null, ClaimFixture.pdf("estimate")));
        Claim answered = claims.answer(admin, claim.id(), "見積書を添付しました。");
        assertThat(answered.status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(answered.question()).isNull();
        // On site 3 h × 12,000 = 36,000; forensic 200,000 + 150,000 = 350,000; deductible 50,000 off the visit line.
        assertThat(answered.lines()).extracting(l -> l.line() + " " + l.payableYen())
                .containsExactly("ONSITE_VISIT 0", "FORENSIC " + (350_000 - (50_000 - 36_000)));
        Claim decided = claims.approvePart(insurer, claim.id(), Map.of(CoverageLine.ONSITE_VISIT, 0L,
                CoverageLine.FORENSIC, 300_000L), "見積書の一部は対象外です。");
        assertThat(decided.status()).isEqualTo(ClaimStatus.PARTIALLY_APPROVED);
        assertThat(decided.approvedYen()).isEqualTo(300_000);
        assertThat(decided.decisionReason()).isEqualTo("見積書の一部は対象外です。");
        Claim paid = claims.markPaid(insurer, claim.id(), ClaimFixture.today());
        assertThat(paid.status()).isEqualTo(ClaimStatus.PAID);
        assertThat(paid.paidOn()).isEqualTo(ClaimFixture.today());
        assertThat(paid.history()).extracting(Claim.Step::kind).containsExactly("opened", "filled", "item_added",
                "submitted", "info_requested", "invoice_added", "answered", "partially_approved", "paid");
        assertThat(jdbc.sql("select action from audit_event where target = :t order by id")
                .param("t", "claim " + claim.id()).query(String.class).list()).containsExactly("CLAIM_OPENED",
                "CLAIM_ITEMS_FILLED", "CLAIM_ITEM_ADDED", "CLAIM_SUBMITTED", "CLAIM_INFO_REQUESTED",
                "CLAIM_INVOICE_ADDED", "CLAIM_ANSWERED", "CLAIM_PARTIALLY_APPROVED", "CLAIM_PAID");
    }

    @Test
    void stepsTheStateDoesNotAllowAreConflictsAndBrokenRulesAndWrongRolesAreRefusedWithTheReason() {
        Incident incident = fixture.incident(w, "フィッシング", 0);
        var admin = w.admin().actor();
        var insurer = w.insurerUser().actor();
        Claim claim = claims.open(admin, incident.id());
        // Nothing to claim yet: a rule (422).
        assertRefused(() -> claims.submit(admin, claim.id()), HttpStatus.UNPROCESSABLE_CONTENT, "claim.error.noItems");
        // A second claim for the same incident while one is under way: a conflict (409).
        assertRefused(() -> claims.open(admin, incident.id()), HttpStatus.CONFLICT, "claim.error.exists");
        claims.addItem(admin, claim.id(), CoverageLine.NOTIFICATION, "お客様への通知文の郵送", 30_000L);
        claims.submit(admin, claim.id());
        assertRefused(() -> claims.submit(admin, claim.id()), HttpStatus.CONFLICT, "claim.error.status.submit");
        assertRefused(() -> claims.answer(admin, claim.id(), "回答"), HttpStatus.CONFLICT, "claim.error.status.answer");
        assertRefused(() -> claims.markPaid(insurer, claim.id(), ClaimFixture.today()), HttpStatus.CONFLICT,
                "claim.error.status.paid");
        assertRefused(() -> claims.addItem(admin, claim.id(), CoverageLine.FORENSIC, "後から", 1L),
                HttpStatus.CONFLICT, "claim.error.notEditable");
        // Wrong roles: staff do not decide, the insurer does not submit, the owner does neither.
        assertThatThrownBy(() -> claims.approve(admin, claim.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> claims.answer(insurer, claim.id(), "x")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> claims.approve(w.owner().actor(), claim.id()))
                .isInstanceOf(AccessDeniedException.class);
        // A reason is required for a partial approval and a rejection; a part may not exceed the line's payable.
        assertThatThrownBy(() -> claims.reject(insurer, claim.id(), " ")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> claims.approvePart(insurer, claim.id(), Map.of(CoverageLine.NOTIFICATION, 1L), ""))
                .isInstanceOf(InvalidInput.class);
        // The notification line is not in the policy: nothing payable, so any part above 0 is too much.
        assertRefused(() -> claims.approvePart(insurer, claim.id(), Map.of(CoverageLine.NOTIFICATION, 1L), "一部"),
                HttpStatus.UNPROCESSABLE_CONTENT, "claim.error.approvedTooMuch");
        Claim rejected = claims.reject(insurer, claim.id(), "通知費用は契約の補償外です。");
        assertThat(rejected.status()).isEqualTo(ClaimStatus.REJECTED);
        assertRefused(() -> claims.approve(insurer, claim.id()), HttpStatus.CONFLICT, "claim.error.status.approve");
        // A rejected claim does not block a new one for the incident.
        assertThat(claims.open(admin, incident.id()).status()).isEqualTo(ClaimStatus.DRAFT);
    }

    @Test
    void aCompanyWithoutAPolicyOnTheIncidentsDayCannotClaim() {
        var admin = w.admin().actor();
        var other = world.tenant(admin, TestWorld.unique("無保険商店"));
        var uninsured = fixture.incidentOf(admin, other, "無保険の件");
        assertRefused(() -> claims.open(admin, uninsured.id()), HttpStatus.UNPROCESSABLE_CONTENT,
                "claim.error.noPolicy");
    }

    @Test
    void whatThePolicyAlreadyPaidThisYearCountsAgainstTheLineLimitsOfTheNextClaim() {
        var admin = w.admin().actor();
        var insurer = w.insurerUser().actor();
        Claim first = claims.open(admin, fixture.incident(w, "一件目", 0).id());
        claims.addItem(admin, first.id(), CoverageLine.FORENSIC, "調査", 650_000L);
        claims.submit(admin, first.id());
        // 650,000 claimed, 500,000 per claim, less the 50,000 deductible: 450,000 approved.
        assertThat(claims.approve(insurer, first.id()).approvedYen()).isEqualTo(450_000);
        Claim second = claims.open(admin, fixture.incident(w, "二件目", 0).id());
        second = claims.addItem(admin, second.id(), CoverageLine.FORENSIC, "調査", 700_000L);
        // The forensic line pays 1,000,000 a year: 550,000 left, 500,000 per claim bites first; less 50,000.
        assertThat(second.lines()).singleElement().satisfies(l -> {
            assertThat(l.payableYen()).isEqualTo(450_000);
            assertThat(l.notes()).contains("PER_CLAIM_LIMIT", "DEDUCTIBLE");
        });
        claims.submit(admin, second.id());
        claims.approve(insurer, second.id());
        Claim third = claims.open(admin, fixture.incident(w, "三件目", 0).id());
        third = claims.addItem(admin, third.id(), CoverageLine.FORENSIC, "調査", 300_000L);
        // 1,000,000 − 450,000 − 450,000 = 100,000 left this policy year; less the 50,000 deductible.
        assertThat(third.lines()).singleElement().satisfies(l -> {
            assertThat(l.payableYen()).isEqualTo(50_000);
            assertThat(l.notes()).contains("PER_YEAR_LIMIT");
        });
    }

    @Test
    void anInsurersStaffReadOnlyTheirInsurersClaimsPastDraftAndTheCompanyOnlyItsOwn() {
        var admin = w.admin().actor();
        ClaimFixture.World other = fixture.company("別会社");
        Claim mine = claims.open(admin, fixture.incident(w, "自社の件", 0).id());
        claims.addItem(admin, mine.id(), CoverageLine.FORENSIC, "調査", 10_000L);
        claims.submit(admin, mine.id());
        Claim theirs = claims.open(admin, fixture.incident(other, "他社の件", 0).id());
        claims.addItem(admin, theirs.id(), CoverageLine.FORENSIC, "調査", 10_000L);
        claims.submit(admin, theirs.id());
        Claim draft = claims.open(admin, fixture.incident(w, "下書きの件", 0).id());
        var insurer = w.insurerUser().actor();
        assertThat(claims.list(insurer, Set.of()).items()).extracting(Claim::id).contains(mine.id())
                .doesNotContain(theirs.id(), draft.id());
        assertThatThrownBy(() -> claims.get(insurer, theirs.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> claims.get(insurer, draft.id())).isInstanceOf(NotFoundException.class);
        // An insurer user not assigned to any insurer sees nothing.
        var unassigned = world.staff(Role.INSURER, true).actor();
        assertThat(claims.list(unassigned, Set.of()).items()).isEmpty();
        // The company reads its own claims (drafts too), never another company's.
        assertThat(claims.ofCompany(w.owner().actor()).items()).extracting(Claim::id).contains(mine.id(), draft.id())
                .doesNotContain(theirs.id());
        assertThatThrownBy(() -> claims.get(w.owner().actor(), theirs.id())).isInstanceOf(NotFoundException.class);
        // A responder has no claims.
        assertThatThrownBy(() -> claims.list(world.staff(Role.RESPONDER, true).actor(), Set.of()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(claims.queue(insurer, 5).counts().get(ClaimStatus.SUBMITTED)).isGreaterThanOrEqualTo(1);
        assertThat(claims.queue(insurer, 5).counts().get(ClaimStatus.DRAFT)).isZero();
    }

    @Test
    void anInvoiceMustBeAPdfOrImageWithinTheSizeLimitAndIsStoredWithItsSha256() {
        var admin = w.admin().actor();
        Claim claim = claims.open(admin, fixture.incident(w, "請求書の件", 0).id());
        assertThatThrownBy(() -> claims.addInvoice(admin, claim.id(), new Claims.Invoice(CoverageLine.RECOVERY,
                "復旧社", 1_000L, "a.txt", "application/pdf", "just text".getBytes()))).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("PDF, PNG or JPEG");
        assertThatThrownBy(() -> claims.addInvoice(admin, claim.id(), new Claims.Invoice(CoverageLine.RECOVERY,
                "復旧社", 1_000L, "a.pdf", null, new byte[0]))).isInstanceOf(InvalidInput.class);
        byte[] big = new byte[(int) claims.maxFileBytes() + 1];
        System.arraycopy(ClaimFixture.pdf("x"), 0, big, 0, 8);
        assertThatThrownBy(() -> claims.addInvoice(admin, claim.id(), new Claims.Invoice(CoverageLine.RECOVERY,
                "復旧社", 1_000L, "a.pdf", null, big))).isInstanceOf(InvalidInput.class).hasMessageContaining("MB");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
        Claim with = claims.addInvoice(admin, claim.id(), new Claims.Invoice(CoverageLine.RECOVERY, "復旧社",
                120_000L, "../../receipt.png", "text/html", png));
        assertThat(with.files()).singleElement().satisfies(f -> {
            assertThat(f.contentType()).isEqualTo("image/png");
            assertThat(f.fileName()).doesNotContain("/");
            assertThat(f.sha256()).isEqualTo(Hashes.sha256(png));
        });
        Claim.Item item = with.items().getFirst();
        Claim without = claims.removeItem(admin, claim.id(), item.id());
        assertThat(without.items()).isEmpty();
        assertThat(without.files()).isEmpty();
        assertThat(without.lines()).isEmpty();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, HttpStatus status,
            String key) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ClaimRefused.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(List.of(e.getCodes())).containsExactly(key);
        });
    }
}
