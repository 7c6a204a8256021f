package jp.sukedachi.app.selfcheck.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.selfcheck.policy.PolicyWebTest;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** An employee studies, fails, retries, finishes a course and gets the certificate; the owner sees it. */
@SpringBootTest
@AutoConfigureMockMvc
class LessonWebTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    LessonCatalog catalog;
    @Autowired
    LessonRepository results;

    Login admin;
    Tenant company;
    Login owner;
    Login member;

    @BeforeEach
    void setUp() {
        admin = world.admin();
        company = world.tenant(admin.actor(), TestWorld.unique("株式会社さくら精機"));
        owner = world.smeUser(company, Role.TENANT_OWNER);
        member = world.smeUser(company, Role.TENANT_MEMBER);
    }

    private MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(world.authentication(who)))).andReturn().getResponse();
    }

    private MockHttpServletResponse answer(Login who, int lesson, boolean allRight) throws Exception {
        MockHttpServletRequestBuilder form = post("/selfcheck/lessons/" + lesson);
        List<Lesson.Question> quiz = catalog.lesson(lesson, Locale.JAPANESE).quiz();
        for (int q = 0; q < quiz.size(); q++) {
            int right = quiz.get(q).answer();
            form = form.param("q" + q, String.valueOf(allRight || q > 0 ? right : (right + 1) % quiz.get(q).choices().size()));
        }
        return call(who, form);
    }

    @Test
    void aLessonShowsScenarioTodoWhyAndAQuizInBothLanguages() throws Exception {
        String ja = call(member, get("/selfcheck/lessons/6")).getContentAsString();
        assertThat(ja).contains(catalog.lesson(6, Locale.JAPANESE).scenario()).contains("やること").contains("なぜ大切か")
                .contains("確認テスト").contains("name=\"q2\"");
        String en = call(member, get("/selfcheck/lessons/6").param("lang", "en")).getContentAsString();
        assertThat(en).contains(catalog.lesson(6, Locale.ENGLISH).todo()).contains("What to do");
        assertThat(call(member, get("/selfcheck/lessons/26")).getStatus()).isEqualTo(404);
        assertThat(call(member, get("/selfcheck/lessons/0")).getStatus()).isEqualTo(404);
        assertThat(call(admin, get("/selfcheck/lessons/1")).getStatus()).isEqualTo(404);
    }

    @Test
    void aWrongAnswerFailsThenARetryPassesAndProgressIsKept() throws Exception {
        String failed = answer(member, 1, false).getContentAsString();
        assertThat(failed).contains("3 問中 2 問正解").contains("この問題は不正解です");
        String passed = answer(member, 1, true).getContentAsString();
        assertThat(passed).contains("3 問中 3 問正解").contains("このレッスンは合格です");
        LessonResult result = results.mine(member.actor()).getFirst();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.bestScore()).isEqualTo(3);
        assertThat(result.passed()).isTrue();
        // A later wrong try keeps the pass.
        answer(member, 1, false);
        assertThat(results.mine(member.actor()).getFirst().passed()).isTrue();
        assertThat(call(member, get("/selfcheck/lessons")).getContentAsString()).contains("5 レッスン中 1 レッスン合格");
    }

    @Test
    void finishingACourseGivesACertificateWithCompanyAndPersonAndTheOwnerSeesIt() throws Exception {
        assertThat(call(member, get("/selfcheck/lessons/certificate/1")).getStatus()).isEqualTo(404);
        for (int n = 1; n <= 4; n++) {
            answer(member, n, true);
        }
        assertThat(answer(member, 5, true).getContentAsString()).contains("certificate-link");
        MockHttpServletResponse pdf = call(member, get("/selfcheck/lessons/certificate/1"));
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        String text = PolicyWebTest.text(pdf.getContentAsByteArray());
        assertThat(text).contains(company.name()).contains(member.user().displayName() + " 様").contains("修了証")
                .contains("基本編（項目 1〜5）");
        // Other courses are not finished; the owner has not studied at all.
        assertThat(call(member, get("/selfcheck/lessons/certificate/2")).getStatus()).isEqualTo(404);
        assertThat(call(owner, get("/selfcheck/lessons/certificate/1")).getStatus()).isEqualTo(404);
        assertThat(call(member, get("/selfcheck/lessons/certificate/4")).getStatus()).isEqualTo(404);

        // The owner's overview lists who finished what; a member's does not show the team.
        String ownerView = call(owner, get("/selfcheck/lessons")).getContentAsString();
        assertThat(ownerView).contains("従業員の学習状況").contains(member.user().displayName()).contains("修了 ");
        assertThat(call(member, get("/selfcheck/lessons")).getContentAsString()).doesNotContain("従業員の学習状況");

        // Another company's owner sees none of it.
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("みどり会計事務所"));
        Login otherOwner = world.smeUser(other, Role.TENANT_OWNER);
        assertThat(call(otherOwner, get("/selfcheck/lessons")).getContentAsString()).doesNotContain(member.user().login());
        assertThat(results.ofCompany(otherOwner.actor(), company.id())).isEmpty();
    }
}
