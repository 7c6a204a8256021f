package jp.sukedachi.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.app.security.Totp;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.tenant.TenantRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** `./sukedachi demo` seeds the world once and the credentials file it writes really works, for the API and the UI. */
@SpringBootTest(properties = {"sukedachi.demo=true", "sukedachi.demo-world.traffic=false"})
@AutoConfigureMockMvc
class DemoWorldTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    DemoWorld demo;
    @Autowired
    TenantRepository tenants;
    @Autowired
    ObjectMapper json;
    @Autowired
    SukedachiProperties properties;

    @Test
    void credentialsFileHoldsAWorkingApiKeyAndOneLoginPerRole() throws Exception {
        // The ApplicationReadyEvent already seeded; ensure() must reuse, not seed again.
        Path file = properties.dataDir().resolve("demo-credentials.json");
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        long tenantsBefore = tenants.count();
        demo.ensure("http://localhost:9999");
        assertThat(tenants.count()).isEqualTo(tenantsBefore).isEqualTo(30);

        JsonNode c = json.readTree(file.toFile());
        assertThat(c.get("url").asString()).isEqualTo("http://localhost:9999");
        Set<String> roles = new java.util.HashSet<>();
        c.get("users").forEach(u -> roles.add(u.get("role").asString()));
        assertThat(roles).containsExactlyInAnyOrder("provider-admin", "analyst", "responder", "insurer", "tenant-owner",
                "tenant-member");
        c.get("users").forEach(u -> {
            assertThat(u.has("totpSecret")).isTrue();
            assertThat(u.has("tenant")).isTrue();
        });

        String apiKey = c.get("apiKey").asString();
        String tenantsJson = mvc.perform(get("/api/v1/tenants").header("Authorization", "Bearer " + apiKey))
                .andReturn().getResponse().getContentAsString();
        assertThat(tenantsJson).contains("株式会社さくら精機").contains("みどり会計事務所").contains("株式会社たかはし製作所");
        assertThat(properties.dataDir().resolve("demo-devices.json")).exists();
        assertThat(Files.getPosixFilePermissions(properties.dataDir().resolve("demo-devices.json")))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        // The demo company has a self-check history to show (two attempts, the newer one better).
        String history = mvc.perform(get("/api/v1/tenants/sakura-seiki/selfcheck").header("Authorization", "Bearer " + apiKey))
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(history)).hasSize(2);

        for (JsonNode u : c.get("users")) {
            var result = mvc.perform(post("/login").with(csrf()).param("username", u.get("login").asString())
                    .param("password", u.get("password").asString())).andReturn();
            MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
            if (u.get("totpSecret").isNull()) {
                assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
            } else {
                assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login/totp");
                String code = new Totp(java.time.Clock.systemUTC()).currentCode(u.get("totpSecret").asString());
                assertThat(mvc.perform(post("/login/totp").session(session).with(csrf()).param("code", code))
                        .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
            }
            assertThat(mvc.perform(get("/").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
        }
    }

    @Autowired
    jp.sukedachi.app.insurance.PolicyRegistry policies;
    @Autowired
    jp.sukedachi.app.tenant.UserRepository users;

    /** policy (issue 17): every demo company is insured by the demo insurer, whose demo user works for it. */
    @Test
    void everyDemoCompanyHasThePolicyInForceTodayAndTheInsurerUserWorksForTheDemoInsurer() {
        var today = policies.today();
        var insurer = users.findByLogin(DemoPolicies.INSURER_LOGIN).orElseThrow();
        var insurerId = policies.insurerOf(insurer.id()).orElseThrow();
        var admin = users.findByLogin("admin@demo.sukedachi.jp").orElseThrow().actor();
        assertThat(tenants.findVisible(admin)).hasSize(30).allSatisfy(t -> {
            var policy = policies.activeFor(t.id(), today).orElseThrow();
            assertThat(policy.insurerId()).isEqualTo(insurerId);
            assertThat(policy.insurerName()).isEqualTo(DemoPolicies.INSURER_NAME);
            assertThat(policy.lines()).isEqualTo(DemoPolicies.LINES);
            assertThat(policy.deductibleYen()).isEqualTo(DemoPolicies.DEDUCTIBLE_YEN);
        });
    }
}
