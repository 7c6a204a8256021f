package jp.sukedachi.app.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.detect.sigma.SigmaRuleSet;
import org.junit.jupiter.api.AfterEach;
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

/**
 * Rule management through the real application: admins upload (with the parser's reasons when a rule does
 * not load) and switch rules by id, level, status and folder; analysts only look; SME users are refused.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class SigmaRulesWebTest {
    private static final String ID = "7d4c1f40-0000-4000-8000-00000000abcd";
    private static final String RULE = """
            title: Provider Rule Whoami
            id: 7d4c1f40-0000-4000-8000-00000000abcd
            status: experimental
            level: medium
            author: Provider SOC
            logsource: {product: windows, category: process_creation}
            detection:
                sel:
                    Image|endswith: '\\\\whoami.exe'
                condition: sel
            """;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    SigmaRules sigma;
    @Autowired
    SigmaRuleRepository repository;

    Login admin;
    Login analyst;
    Login owner;

    @BeforeEach
    void world() {
        admin = world.admin();
        analyst = world.staff(Role.ANALYST, true);
        Tenant t = world.tenant(admin.actor(), TestWorld.unique("SigmaRules"));
        owner = world.smeUser(t, Role.TENANT_OWNER);
    }

    @AfterEach
    void clean() {
        repository.uploaded().forEach(u -> repository.deleteUpload(u.ruleId()));
        repository.toggles().forEach(t -> repository.clearToggle(t.kind(), t.value()));
        sigma.install(new SigmaRuleSet(java.util.List.of(), java.util.List.of()));
    }

    MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder b, int status) throws Exception {
        var r = mvc.perform(b.with(authentication(world.authentication(who)))).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        return r;
    }

    @Test
    void adminsUploadAndSwitchRulesAnalystsLookCustomersAreRefused() throws Exception {
        // A broken rule is refused with the reason in words, naming the missing field.
        var flash = mvc.perform(post("/sigma/rules/upload").with(csrf()).param("yaml", "title: x\n")
                .with(authentication(world.authentication(admin)))).andReturn().getFlashMap();
        assertThat(String.valueOf(flash.get("errors"))).contains("ルールに項目「id」がありません").doesNotContain("missing field");
        assertThat(repository.uploaded()).isEmpty();

        call(admin, post("/sigma/rules/upload").with(csrf()).param("yaml", RULE), 302);
        assertThat(repository.uploaded()).singleElement().satisfies(u -> assertThat(u.ruleId()).isEqualTo(ID));
        assertThat(sigma.isEnabled(ID)).isTrue();
        assertThat(sigma.summary().active()).isEqualTo(1);

        // Off by level, back on by id (the id wins), reset, then off by folder.
        call(admin, post("/sigma/rules/toggle").with(csrf()).param("kind", "LEVEL").param("value", "Medium").param("enabled", "false"), 302);
        assertThat(sigma.isEnabled(ID)).isFalse();
        assertThat(sigma.summary().active()).isZero();
        call(admin, post("/sigma/rules/toggle").with(csrf()).param("kind", "RULE").param("value", ID).param("enabled", "true"), 302);
        assertThat(sigma.isEnabled(ID)).isTrue();
        call(admin, post("/sigma/rules/toggle/clear").with(csrf()).param("kind", "RULE").param("value", ID), 302);
        call(admin, post("/sigma/rules/toggle/clear").with(csrf()).param("kind", "LEVEL").param("value", "medium"), 302);
        assertThat(sigma.isEnabled(ID)).isTrue();
        call(admin, post("/sigma/rules/toggle").with(csrf()).param("kind", "FOLDER").param("value", "uploaded").param("enabled", "false"), 302);
        assertThat(sigma.isEnabled(ID)).isFalse();
        var bad = mvc.perform(post("/sigma/rules/toggle").with(csrf()).param("kind", "COLOUR").param("value", "red").param("enabled", "false")
                .with(authentication(world.authentication(admin)))).andReturn().getFlashMap();
        assertThat(String.valueOf(bad.get("errors"))).contains("対象（ルール ID・重要度・状態・フォルダー）を選び");

        String ja = call(analyst, get("/sigma/rules").param("q", "whoami"), 200).getContentAsString();
        assertThat(ja).contains("検知ルール（Sigma）", "Provider Rule Whoami", ID, "Detection Rule License (DRL) 1.1")
                .doesNotContain("id=\"upload-form\"", "id=\"toggle-form\"");
        String en = call(admin, get("/sigma/rules").header("Accept-Language", "en"), 200).getContentAsString();
        assertThat(en).contains("Detection rules (Sigma)", "id=\"upload-form\"", "Your own rules");

        // Analysts change nothing; customers may not even look; CSRF is required.
        call(analyst, post("/sigma/rules/toggle").with(csrf()).param("kind", "LEVEL").param("value", "high").param("enabled", "false"), 403);
        call(analyst, post("/sigma/rules/upload").with(csrf()).param("yaml", RULE), 403);
        call(owner, get("/sigma/rules"), 403);
        call(owner, get("/api/v1/sigma/rules"), 403);
        call(admin, post("/sigma/rules/upload").param("yaml", RULE), 403);

        call(admin, post("/sigma/rules/uploaded/delete").with(csrf()).param("ruleId", ID), 302);
        assertThat(repository.uploaded()).isEmpty();
    }

    @Test
    void apiUploadReportsReasons() throws Exception {
        String bad = call(admin, post("/api/v1/sigma/rules").with(csrf()).contentType("application/yaml")
                .content(RULE.replace("Image|endswith", "Image|sideways")), 400).getContentAsString();
        assertThat(bad).contains("unknown modifier |sideways");
        String ok = call(admin, post("/api/v1/sigma/rules").with(csrf()).contentType("application/yaml").content(RULE), 201)
                .getContentAsString();
        assertThat(ok).contains(ID);
        String overview = call(analyst, get("/api/v1/sigma/rules"), 200).getContentAsString();
        assertThat(overview).contains("\"loaded\":1", ID);
    }
}
