package jp.sukedachi.app.insurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Policies and insurers on a real database (H2 and PostgreSQL, see the subclasses): a policy is stored with its
 * lines and is in force exactly within its period; a second policy sharing a day is refused with the other one's
 * number; limits that do not fit are refused; a company reads only its own policies, an insurer none; an
 * insurer's user belongs to the insurer the admin assigned. Every change is audited.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000"})
abstract class PolicyStoreContract {
    @Autowired
    PolicyRegistry policies;
    @Autowired
    Policies policiesApi;
    @Autowired
    InsurerService insurers;
    @Autowired
    PolicyFixture fixture;
    @Autowired
    TestWorld world;
    @Autowired
    JdbcClient jdbc;

    Actor admin;
    Tenant tenant;
    Insurer insurer;
    static final LocalDate FROM = LocalDate.of(2026, 4, 1);
    static final LocalDate TO = LocalDate.of(2027, 3, 31);

    @BeforeEach
    void aCompanyAndAnInsurer() {
        admin = world.admin().actor();
        tenant = world.tenant(admin, TestWorld.unique("Insured"));
        insurer = fixture.insurer(admin);
    }

    @Test
    void aPolicyIsStoredWithItsCoveredLinesInLineOrderAndIsInForceOnlyWithinItsPeriod() {
        PolicyTerms saved = policies.save(admin, tenant.id(), null, PolicyFixture.typical(insurer.id(), " AN-0001 ",
                FROM, TO));
        assertThat(saved.policyNumber()).isEqualTo("AN-0001");
        assertThat(saved.insurerName()).isEqualTo(insurer.name());
        assertThat(saved.lines()).extracting(PolicyTerms.Line::line).containsExactly(CoverageLine.FIRST_RESPONSE,
                CoverageLine.ONSITE_VISIT, CoverageLine.FORENSIC, CoverageLine.RECOVERY, CoverageLine.NOTIFICATION);
        assertThat(saved.lines()).contains(new PolicyTerms.Line(CoverageLine.FORENSIC, 500_000, 500_000));
        assertThat(saved.annualLimitYen()).isEqualTo(1_000_000);
        assertThat(saved.deductibleYen()).isEqualTo(50_000);
        assertThat(policiesApi.activeFor(tenant.id(), FROM)).contains(saved);
        assertThat(policiesApi.activeFor(tenant.id(), TO)).contains(saved);
        assertThat(policiesApi.activeFor(tenant.id(), FROM.minusDays(1))).isEmpty();
        assertThat(policiesApi.activeFor(tenant.id(), TO.plusDays(1))).isEmpty();
        assertThat(audit("policy AN-0001")).containsExactly("INSURANCE_POLICY_CREATED");
    }

    @Test
    void aPolicySharingADayWithAnotherIsRefusedNamingItAndARenewalFromTheNextDayIsAccepted() {
        policies.save(admin, tenant.id(), null, PolicyFixture.typical(insurer.id(), "AN-0002", FROM, TO));
        assertThatThrownBy(() -> policies.save(admin, tenant.id(), null, PolicyFixture.typical(insurer.id(),
                "AN-0003", TO, TO.plusYears(1)))).isInstanceOf(PolicyRuleBroken.class)
                .hasMessageContaining("AN-0002").extracting(e -> ((InvalidInput) e).getCodes()[0])
                .isEqualTo("policy.error.overlap");
        assertThat(policies.ofCompany(admin, tenant.id())).hasSize(1);
        PolicyTerms renewal = policies.save(admin, tenant.id(), null, PolicyFixture.typical(insurer.id(), "AN-0003",
                TO.plusDays(1), TO.plusYears(1)));
        assertThat(policiesApi.activeFor(tenant.id(), TO.plusDays(1))).contains(renewal);
        // Changing a policy does not clash with itself, but may not grow into the next one.
        PolicyTerms changed = policies.save(admin, tenant.id(), renewal.policyId(), new PolicyDraft(insurer.id(),
                "AN-0003", TO.plusDays(1), TO.plusYears(1), renewal.lines(), 2_000_000, 0, 90));
        assertThat(changed.annualLimitYen()).isEqualTo(2_000_000);
        assertThat(changed.coveragePercent()).isEqualTo(90);
        assertThat(audit("policy AN-0003")).containsExactly("INSURANCE_POLICY_CREATED", "INSURANCE_POLICY_UPDATED");
        PolicyTerms first = policies.ofCompany(admin, tenant.id()).getLast();
        assertThatThrownBy(() -> policies.save(admin, tenant.id(), first.policyId(), PolicyFixture.typical(
                insurer.id(), "AN-0002", FROM, TO.plusDays(1)))).isInstanceOf(PolicyRuleBroken.class);
        assertThat(policies.find(admin, tenant.id(), first.policyId()).to()).isEqualTo(TO);
    }

    @Test
    void limitsThatDoNotFitTogetherAndPeriodsThatAreNotSaneAreRefusedWithTheField() {
        List<PolicyDraft> bad = List.of(
                new PolicyDraft(insurer.id(), "X-1", FROM, TO, List.of(new PolicyTerms.Line(CoverageLine.FORENSIC,
                        -1, 500_000)), 1_000_000, 0, 100),
                new PolicyDraft(insurer.id(), "X-1", FROM, TO, List.of(new PolicyTerms.Line(CoverageLine.FORENSIC,
                        600_000, 500_000)), 1_000_000, 0, 100),
                new PolicyDraft(insurer.id(), "X-1", FROM, TO, List.of(new PolicyTerms.Line(CoverageLine.FORENSIC,
                        500_000, 2_000_000)), 1_000_000, 0, 100),
                new PolicyDraft(insurer.id(), "X-1", FROM, TO, List.of(new PolicyTerms.Line(CoverageLine.FORENSIC,
                        500_000, 500_000)), 1_000_000, 0, 0),
                new PolicyDraft(insurer.id(), "X-1", FROM, TO, List.of(new PolicyTerms.Line(CoverageLine.FORENSIC,
                        500_000, 500_000)), 1_000_000, -5, 100),
                new PolicyDraft(insurer.id(), "X-1", TO, FROM, List.of(new PolicyTerms.Line(CoverageLine.FORENSIC,
                        500_000, 500_000)), 1_000_000, 0, 100),
                new PolicyDraft(insurer.id(), "X-1", FROM, FROM.plusYears(5), List.of(new PolicyTerms.Line(
                        CoverageLine.FORENSIC, 500_000, 500_000)), 1_000_000, 0, 100),
                new PolicyDraft(insurer.id(), "X-1", FROM, TO, List.of(new PolicyTerms.Line(CoverageLine.FORENSIC,
                        0, 0)), 1_000_000, 0, 100),
                new PolicyDraft(insurer.id(), "X-1", FROM, TO, List.of(), PolicyRules.MAX_YEN + 1, 0, 100));
        List<String> fields = bad.stream().map(d -> {
            try {
                policies.save(admin, tenant.id(), null, d);
                return "accepted";
            } catch (PolicyRuleBroken e) {
                return e.field();
            }
        }).toList();
        assertThat(fields).containsExactly("lines.FORENSIC.perClaimLimitYen", "lines.FORENSIC", "lines.FORENSIC",
                "coveragePercent", "deductibleYen", "to", "to", "lines", "annualLimitYen");
        // Malformed rather than wrong: a number too long for its column is a plain 400-kind refusal.
        assertThatThrownBy(() -> policies.save(admin, tenant.id(), null, PolicyFixture.typical(insurer.id(),
                "N".repeat(PolicyRules.MAX_NUMBER + 1), FROM, TO))).isInstanceOf(InvalidInput.class)
                .isNotInstanceOf(PolicyRuleBroken.class);
        assertThat(policies.ofCompany(admin, tenant.id())).isEmpty();
    }

    @Test
    void aCompanyReadsOnlyItsOwnPolicyStaffWriteAndInsurersAndRespondersSeeNoCompanysPolicy() {
        Tenant other = world.tenant(admin, TestWorld.unique("Other"));
        PolicyTerms mine = policies.save(admin, tenant.id(), null, PolicyFixture.typical(insurer.id(), "AN-0010",
                FROM, TO));
        Actor owner = world.smeUser(tenant, Role.TENANT_OWNER).actor();
        Actor member = world.smeUser(tenant, Role.TENANT_MEMBER).actor();
        Actor otherOwner = world.smeUser(other, Role.TENANT_OWNER).actor();
        assertThat(policies.ofCompany(owner, tenant.id())).containsExactly(mine);
        assertThat(policies.ofCompany(member, tenant.id())).containsExactly(mine);
        assertThat(policies.ofCompany(otherOwner, tenant.id())).isEmpty();
        assertThatThrownBy(() -> policies.find(otherOwner, tenant.id(), mine.policyId()))
                .isInstanceOf(NotFoundException.class);
        for (Role role : List.of(Role.INSURER, Role.RESPONDER)) {
            assertThat(policies.ofCompany(world.staff(role, true).actor(), tenant.id())).isEmpty();
        }
        assertThatThrownBy(() -> policies.save(owner, tenant.id(), null, PolicyFixture.typical(insurer.id(), "AN-0011",
                TO.plusDays(1), TO.plusYears(1)))).isInstanceOf(AccessDeniedException.class);
        Actor analyst = world.staff(Role.ANALYST, true).actor();
        assertThat(policies.save(analyst, tenant.id(), null, PolicyFixture.typical(insurer.id(), "AN-0011",
                TO.plusDays(1), TO.plusYears(1))).policyNumber()).isEqualTo("AN-0011");
    }

    @Test
    void anInsurerUserBelongsToTheInsurerTheAdminAssignedAndOnlyInsurerUsersCanBeAssigned() {
        TestWorld.Login insurerUser = world.staff(Role.INSURER, true);
        assertThat(policiesApi.insurerOf(insurerUser.user().id())).isEmpty();
        assertThat(insurers.visible(insurerUser.actor())).isEmpty();
        insurers.assign(admin, insurerUser.user().id(), insurer.id());
        assertThat(policiesApi.insurerOf(insurerUser.user().id())).contains(insurer.id());
        assertThat(insurers.visible(insurerUser.actor())).containsExactly(insurer);
        Insurer second = fixture.insurer(admin);
        insurers.assign(admin, insurerUser.user().id(), second.id());
        assertThat(policiesApi.insurerOf(insurerUser.user().id())).contains(second.id());
        assertThat(insurers.members(admin)).filteredOn(m -> m.userId().equals(insurerUser.user().id()))
                .extracting(InsurerMember::insurerId).containsExactly(second.id());
        insurers.assign(admin, insurerUser.user().id(), null);
        assertThat(policiesApi.insurerOf(insurerUser.user().id())).isEmpty();
        Actor analyst = world.staff(Role.ANALYST, true).actor();
        assertThatThrownBy(() -> insurers.assign(admin, analyst.userId(), insurer.id()))
                .isInstanceOf(PolicyRuleBroken.class);
        assertThatThrownBy(() -> insurers.assign(analyst, insurerUser.user().id(), insurer.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> insurers.create(admin, new InsurerDraft(insurer.name(), "x", "1", null)))
                .isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> insurers.create(admin, new InsurerDraft("新しい損保", "x", " ", "")))
                .isInstanceOf(InvalidInput.class).extracting(e -> ((InvalidInput) e).field()).isEqualTo("contactPhone");
        assertThat(audit("user " + insurerUser.user().login())).containsExactly("INSURER_USER_ASSIGNED",
                "INSURER_USER_ASSIGNED", "INSURER_USER_UNASSIGNED");
        assertThat(audit("insurer " + insurer.name())).containsExactly("INSURER_CREATED");
    }

    private List<String> audit(String target) {
        return jdbc.sql("select action from audit_event where target = :t order by id").param("t", target)
                .query(String.class).list();
    }
}
