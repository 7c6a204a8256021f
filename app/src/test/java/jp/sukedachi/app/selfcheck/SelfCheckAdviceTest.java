package jp.sukedachi.app.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The self-check gives the owner the right advice: when unsure, answer "don't know" (IPA scores it −1 and lists
 * it as something to find out, where "partly" would have given +2), and SECURITY ACTION's five basics count what
 * the self-check already answered "done" (items 1–5 are the same ground), so a full part 1 never reads "0 of 5".
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class SelfCheckAdviceTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;

    Login owner;

    @BeforeEach
    void world() {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("迷い商店"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
    }

    String page(MockHttpServletRequestBuilder request) throws Exception {
        var r = mvc.perform(request.with(authentication(world.authentication(owner))).with(csrf())).andReturn()
                .getResponse();
        r.setCharacterEncoding("UTF-8");
        return r.getContentAsString().replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'");
    }

    void answer(String letters) throws Exception {
        MockHttpServletRequestBuilder submit = post("/selfcheck/check");
        List<String> words = SelfCheckWebTest.words(letters);
        for (int i = 0; i < words.size(); i++) {
            submit = submit.param("item" + (i + 1), words.get(i));
        }
        page(submit);
    }

    @Test
    void theLeadTellsUnsureOwnersToAnswerDontKnow() throws Exception {
        String ja = page(get("/selfcheck/check?lang=ja"));
        assertThat(ja).contains("できているか分からないとき、迷ったときは「わからない」を選んでください")
                .doesNotContain("迷ったら「一部できている」");
        String en = page(get("/selfcheck/check?lang=en"));
        assertThat(en).contains("If you are not sure whether something is in place, choose \"Don't know\"")
                .doesNotContain("choose \"Partly\"");
    }

    @Test
    void aFullFirstPartCountsAsTheFiveBasicsWithoutTicking() throws Exception {
        answer("DDDDD NNNNNNNNNNNNN NNNNNNN");
        String tracker = page(get("/selfcheck/security-action?lang=ja"));
        assertThat(tracker).contains("★ 一つ星を宣言する準備ができています").doesNotContain("0 個")
                .containsPattern("id=\"rule-3\"[^>]*checked");
        assertThat(page(get("/selfcheck?lang=ja"))).contains("★ 一つ星を宣言する準備ができています");
    }

    @Test
    void basicsNotAnsweredDoneStillNeedTheirTick() throws Exception {
        answer("DPNUD NNNNNNNNNNNNN NNNNNNN");
        assertThat(page(get("/selfcheck/security-action?lang=ja"))).contains("5つの基本のうち、できているのは 2 個です");
        assertThat(page(get("/selfcheck/security-action?lang=en"))).contains("2 of the five basics are done");
        page(post("/selfcheck/security-action/rules").param("rule", "2", "3", "4"));
        assertThat(page(get("/selfcheck/security-action?lang=ja"))).contains("★ 一つ星を宣言する準備ができています");
    }
}
