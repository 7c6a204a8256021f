package jp.sukedachi.app.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.EmployeeBand;
import jp.sukedachi.app.tenant.Industry;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantDraft;
import jp.sukedachi.app.tenant.TenantService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attempts, the peer aggregates and the provider overview against a real database (H2 and PostgreSQL, see the
 * subclasses): the group is shown only from five companies, uses each company's latest attempt only, and what
 * leaves the server is means and spreads, never one company's answers or score.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
abstract class SelfCheckContract {
    static final String MIX = "DPNUD DDDDPPPNNNUUD UUPDNDP";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    TenantService tenantService;
    @Autowired
    SelfCheckService service;
    @Autowired
    SelfCheckRepository attempts;
    @Autowired
    SecurityActionService securityAction;
    @Autowired
    SecurityActionRepository declarations;

    final JsonMapper json = JsonMapper.builder().build();
    Login admin;

    @BeforeEach
    void admin() {
        admin = world.admin();
    }

    Tenant company(String industry, String band) {
        String name = TestWorld.unique("Peer");
        return tenantService.create(admin.actor(), new TenantDraft(name, null, null, industry, band, "13", "contact",
                TestWorld.unique("c") + "@peer.example.jp", "03-1234-5678"));
    }

    static List<Answer> all(Answer a) {
        return Collections.nCopies(SelfCheckItems.COUNT, a);
    }

    Attempt answer(Tenant t, List<Answer> answers) {
        return service.submit(admin.actor(), t.id(), answers);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> peersOverApi(Login who, Tenant t) throws Exception {
        String body = mvc.perform(get("/api/v1/tenants/" + t.slug() + "/selfcheck/peers")
                .with(authentication(world.authentication(who)))).andReturn().getResponse().getContentAsString();
        return json.readValue(body, Map.class);
    }

    @Test
    void peersAreHiddenBelowFiveCompaniesAndFromFiveShowOnlyMeansOfTheLatestAttempts() throws Exception {
        // Group L (professional services), 1-5 employees. Totals of the latest attempts: 100, 0, 50, 43, -25.
        Tenant c1 = company("L", "1-5");
        Tenant c2 = company("L", "1-5");
        Tenant c3 = company("L", "1-5");
        Tenant c4 = company("L", "1-5");
        answer(c1, all(Answer.NO));           // superseded: only the latest attempt counts
        answer(c1, all(Answer.DONE));
        answer(c2, all(Answer.NO));
        answer(c3, all(Answer.PARTLY));
        Attempt mine = answer(c4, ScoringTest.answers(MIX));
        // Same industry, other size; other industry, same size; a company of the group without any attempt.
        answer(company("L", "6-20"), all(Answer.DONE));
        answer(company("M", "1-5"), all(Answer.DONE));
        company("L", "1-5");
        Login owner4 = world.smeUser(c4, Role.TENANT_OWNER);

        // Four companies: nothing, neither from the repository nor over the API.
        assertThat(attempts.peers(Industry.L, EmployeeBand.UP_TO_5)).isEmpty();
        assertThat(service.compare(owner4.actor(), c4.id()).status()).isEqualTo(SelfCheckService.Comparison.Status.TOO_FEW);
        Map<String, Object> four = peersOverApi(owner4, c4);
        assertThat(four.get("status")).isEqualTo("TOO_FEW");
        assertThat(four.get("group")).isNull();
        assertThat(four.get("deviationOfTotal")).isNull();

        Tenant c5 = company("L", "1-5");
        answer(c5, all(Answer.UNKNOWN));

        PeerStats five = attempts.peers(Industry.L, EmployeeBand.UP_TO_5).orElseThrow();
        assertThat(five.companies()).isEqualTo(5);
        assertThat(five.meanTotal()).isCloseTo(33.6, within(1e-9));          // (100 + 0 + 50 + 43 - 25) / 5
        assertThat(five.sdTotal()).isCloseTo(Math.sqrt(1865.84), within(1e-9));
        assertThat(five.meanParts().get(0)).isCloseTo(6.8, within(1e-9));    // (20 + 0 + 10 + 9 - 5) / 5
        assertThat(five.meanParts().get(1)).isCloseTo((52 + 0 + 26 + 24 - 13) / 5.0, within(1e-9));
        assertThat(five.meanParts().get(2)).isCloseTo((28 + 0 + 14 + 10 - 7) / 5.0, within(1e-9));
        // The type itself can carry nothing but aggregates.
        assertThat(PeerStats.class.getRecordComponents()).extracting(java.lang.reflect.RecordComponent::getName)
                .containsExactly("companies", "meanTotal", "sdTotal", "meanParts", "sdParts");

        Map<String, Object> shown = peersOverApi(owner4, c4);
        assertThat(shown.get("status")).isEqualTo("SHOWN");
        assertThat(shown.get("yourTotal")).isEqualTo(mine.total());
        @SuppressWarnings("unchecked")
        Map<String, Object> group = (Map<String, Object>) shown.get("group");
        assertThat(group).containsOnlyKeys("companies", "meanTotal", "sdTotal", "meanParts", "sdParts");
        assertThat(group.get("companies")).isEqualTo(5);
        assertThat(((Number) group.get("meanTotal")).doubleValue()).isCloseTo(33.6, within(1e-9));
        assertThat(((Number) shown.get("deviationOfTotal")).doubleValue())
                .isCloseTo(50 + 10 * (43 - 33.6) / Math.sqrt(1865.84), within(1e-9));
        // Nothing names or identifies another company of the group.
        String raw = json.writeValueAsString(shown);
        for (Tenant other : List.of(c1, c2, c3, c5)) {
            assertThat(raw).doesNotContain(other.name()).doesNotContain(other.slug()).doesNotContain(other.id().toString());
        }

        // The page says the same in plain words: mean 33.6, deviation 52.2 and its explanation.
        String page = mvc.perform(get("/selfcheck/peers").with(authentication(world.authentication(owner4))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("33.6").contains("52.2").contains("id=\"deviation-help\"").contains("polygon class=\"peers\"");
        for (Tenant other : List.of(c1, c2, c3, c5)) {
            assertThat(page).doesNotContain(other.name());
        }
    }

    @Test
    void aGroupOfFourShowsTheNotEnoughNoteOnThePage() throws Exception {
        Tenant mine = null;
        for (int i = 0; i < 4; i++) {
            mine = company("N", "21-50");
            answer(mine, all(Answer.PARTLY));
        }
        Login owner = world.smeUser(mine, Role.TENANT_OWNER);
        String page = mvc.perform(get("/selfcheck/peers").with(authentication(world.authentication(owner))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"peers-status\"").contains("5 社").doesNotContain("id=\"peers-table\"")
                .doesNotContain("polygon class=\"peers\"");
    }

    @Test
    void historyIsNewestFirstAndScopedToTheCompany() {
        Tenant a = company("E", "21-50");
        Tenant b = company("E", "21-50");
        Attempt first = answer(a, all(Answer.NO));
        Attempt second = answer(a, ScoringTest.answers(MIX));
        Attempt ofB = answer(b, all(Answer.DONE));
        Actor ownerA = world.smeUser(a, Role.TENANT_OWNER).actor();
        assertThat(attempts.history(ownerA, a.id(), 10)).extracting(Attempt::id).containsExactly(second.id(), first.id());
        assertThat(attempts.history(ownerA, a.id(), 10).getFirst().answers()).isEqualTo(ScoringTest.answers(MIX));
        assertThat(attempts.history(ownerA, b.id(), 10)).isEmpty();
        assertThat(attempts.find(ownerA, ofB.id())).isEmpty();
        assertThat(attempts.find(admin.actor(), ofB.id())).isPresent();
        assertThat(attempts.latest(ownerA, a.id()).orElseThrow().total()).isEqualTo(43);
    }

    @Test
    void overviewCountsAdoptionStarsAndTheCompaniesWhoseScoreDropped() {
        Actor staff = admin.actor();
        SelfCheckRepository.Adoption before = attempts.adoption(staff);
        List<Integer> starsBefore = declarations.countsByLevel(staff);

        Tenant dropped = company("P", "6-20");
        Tenant improved = company("P", "6-20");
        answer(dropped, all(Answer.DONE));
        answer(dropped, all(Answer.PARTLY));
        answer(improved, all(Answer.PARTLY));
        answer(improved, all(Answer.DONE));
        LocalDate day = LocalDate.of(2025, 6, 1);
        securityAction.declare(staff, dropped.id(), "A-1", 1, day);
        securityAction.declare(staff, improved.id(), "B-1", 1, day);
        securityAction.declare(staff, improved.id(), "B-2", 2, day.plusMonths(3));

        SelfCheckRepository.Adoption after = attempts.adoption(staff);
        assertThat(after.companiesWithAttempt()).isEqualTo(before.companiesWithAttempt() + 2);
        List<Integer> starsAfter = declarations.countsByLevel(staff);
        assertThat(starsAfter.get(0) - starsBefore.get(0)).isEqualTo(1);
        assertThat(starsAfter.get(1) - starsBefore.get(1)).isEqualTo(1);
        assertThat(declarations.latest(staff, improved.id()).orElseThrow().code()).isEqualTo("B-2");

        List<SelfCheckRepository.Drop> drops = attempts.drops(staff);
        assertThat(drops).filteredOn(d -> d.tenantId().equals(dropped.id())).singleElement()
                .satisfies(d -> {
                    assertThat(d.previousTotal()).isEqualTo(100);
                    assertThat(d.latestTotal()).isEqualTo(50);
                    assertThat(d.change()).isEqualTo(-50);
                });
        assertThat(drops).noneMatch(d -> d.tenantId().equals(improved.id()));

        // A company owner's view of the same queries covers their own company only.
        Actor owner = world.smeUser(improved, Role.TENANT_OWNER).actor();
        assertThat(attempts.adoption(owner).companiesWithAttempt()).isEqualTo(1);
        assertThat(attempts.drops(owner)).isEmpty();
        assertThat(declarations.countsByLevel(owner)).containsExactly(0, 1);
        assertThat(declarations.declarations(owner, dropped.id())).isEmpty();
    }

    @Test
    void securityActionReadinessFollowsTheRulesTheSelfCheckAndThePolicy() {
        Tenant t = company("Q", "6-20");
        Actor owner = world.smeUser(t, Role.TENANT_OWNER).actor();
        SecurityActionStatus empty = securityAction.status(owner, t.id());
        assertThat(empty.rules()).containsExactly(false, false, false, false, false);
        assertThat(empty.oneStarReady()).isFalse();
        assertThat(empty.twoStarReady()).isFalse();

        securityAction.saveRules(owner, t.id(), List.of(true, true, true, true, false));
        assertThat(securityAction.status(owner, t.id()).oneStarReady()).isFalse();
        securityAction.saveRules(owner, t.id(), List.of(true, true, true, true, true));
        assertThat(securityAction.status(owner, t.id()).oneStarReady()).isTrue();

        service.submit(owner, t.id(), all(Answer.PARTLY));
        SecurityActionStatus checked = securityAction.status(owner, t.id());
        assertThat(checked.selfCheckDone()).isTrue();
        // Without the policy module (or with no published policy) ★★ stays off.
        assertThat(checked.policyPublished()).isFalse();
        assertThat(checked.twoStarReady()).isFalse();

        // The reminder: a declaration 11 months old or older is due for review, a younger one is not.
        LocalDate today = securityAction.today();
        securityAction.declare(owner, t.id(), "12345", 1, today.minusMonths(10));
        assertThat(securityAction.status(owner, t.id()).reviewDue()).isFalse();
        Tenant old = company("Q", "6-20");
        Actor oldOwner = world.smeUser(old, Role.TENANT_OWNER).actor();
        securityAction.declare(oldOwner, old.id(), "67890", 1, today.minusMonths(11));
        assertThat(securityAction.status(oldOwner, old.id()).reviewDue()).isTrue();
    }
}
