package jp.sukedachi.app.selfcheck.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** An owner checks a cloud service against the 14 questions and sees what is left to do. */
@SpringBootTest
@AutoConfigureMockMvc
class CloudWebTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    CloudRepository services;

    private MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(world.authentication(who)))).andReturn().getResponse();
    }

    @Test
    void answersAreKeptAndEveryAnswerButYesIsAGap() throws Exception {
        Login admin = world.admin();
        Tenant company = world.tenant(admin.actor(), TestWorld.unique("株式会社さくら精機"));
        Login owner = world.smeUser(company, Role.TENANT_OWNER);
        Login member = world.smeUser(company, Role.TENANT_MEMBER);

        String location = call(owner, post("/selfcheck/cloud").param("name", "さくらドライブ").param("purpose", "見積書の共有"))
                .getRedirectedUrl();
        assertThat(location).startsWith("/selfcheck/cloud/");
        UUID id = UUID.fromString(location.substring("/selfcheck/cloud/".length()));
        // New: nothing answered yet, so all 14 are "don't know" and listed.
        assertThat(services.find(owner.actor(), id).orElseThrow().gaps()).hasSize(14);

        MockHttpServletRequestBuilder answers = post("/selfcheck/cloud/" + id).param("name", "さくらドライブ")
                .param("purpose", "見積書の共有");
        for (int q = 1; q <= 14; q++) {
            answers = answers.param("q" + q, q == 8 ? "no" : q == 13 ? "partly" : "yes");
        }
        assertThat(call(owner, answers).getRedirectedUrl()).isEqualTo("/selfcheck/cloud/" + id);
        CloudService saved = services.find(owner.actor(), id).orElseThrow();
        assertThat(saved.gaps()).containsExactly(8, 13);
        assertThat(saved.answer(8)).isEqualTo(CloudAnswer.NO);
        String page = call(member, get("/selfcheck/cloud/" + id)).getContentAsString();
        assertThat(page).contains("大切なデータを定期的に書き出し")
                .contains("解約時にデータを取り出せるか").doesNotContain("二段階認証を全員に設定");
        assertThat(call(member, get("/selfcheck/cloud")).getContentAsString()).contains("さくらドライブ").contains("2 件");

        // Members read; only the owner changes; other companies find nothing.
        assertThat(call(member, answers).getStatus()).isEqualTo(403);
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("みどり会計事務所"));
        Login otherOwner = world.smeUser(other, Role.TENANT_OWNER);
        assertThat(call(otherOwner, get("/selfcheck/cloud/" + id)).getStatus()).isEqualTo(404);
        assertThat(call(otherOwner, post("/selfcheck/cloud/" + id + "/delete")).getStatus()).isEqualTo(404);
        assertThat(call(otherOwner, get("/selfcheck/cloud")).getContentAsString()).doesNotContain("さくらドライブ");
        assertThat(call(owner, post("/selfcheck/cloud").param("name", " ")).getContentAsString())
                .contains("サービス名を入力してください");

        assertThat(call(owner, post("/selfcheck/cloud/" + id + "/delete")).getRedirectedUrl()).isEqualTo("/selfcheck/cloud");
        assertThat(services.find(owner.actor(), id)).isEmpty();
    }
}
