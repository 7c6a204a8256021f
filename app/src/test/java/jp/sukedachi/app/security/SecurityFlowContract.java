package jp.sukedachi.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.audit.AuditEvent;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The login and request-protection flows end to end through the real filter chain: password step,
 * TOTP step and enrolment, throttling, CSRF, headers, API keys, password policy, audit entries.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class SecurityFlowContract {
    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    AuditRepository audit;
    @Autowired
    ApiKeyService apiKeys;

    Login admin;
    Tenant tenant;
    Login owner;

    @BeforeEach
    void setUp() {
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("Sec"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
    }

    MvcResult login(String login, String password) throws Exception {
        return mvc.perform(post("/login").with(csrf()).param("username", login).param("password", password)).andReturn();
    }

    static MockHttpSession session(MvcResult result) {
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    List<AuditEvent> auditOf(String action, String login) {
        return audit.find(admin.actor(), new AuditRepository.Filter(action, login, null, null, null));
    }

    @Test
    void smeOwnerLogsInWithPasswordAndSeesTheJapaneseHome() throws Exception {
        MvcResult result = login(owner.user().login(), owner.password());
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        String home = mvc.perform(get("/").session(session(result))).andReturn().getResponse().getContentAsString();
        assertThat(home).contains("lang=\"ja\"").contains(tenant.name()).contains("対応が必要なお知らせ");
        assertThat(auditOf("LOGIN", owner.user().login())).anyMatch(e -> e.outcome() == AuditEvent.Outcome.SUCCESS
                && e.detail().equals("factors: password") && tenant.id().equals(e.tenantId()));
    }

    @Test
    void wrongPasswordIsRefusedAndAudited() throws Exception {
        assertThat(login(owner.user().login(), "wrong-" + owner.password()).getResponse().getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(login("nobody-" + TestWorld.unique("x") + "@example.jp", "whatever").getResponse().getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(auditOf("LOGIN", owner.user().login()))
                .anyMatch(e -> e.outcome() == AuditEvent.Outcome.FAILURE && e.detail().equals("wrong password"));
    }

    @Test
    void fiveWrongPasswordsLockTheLoginEvenForTheRightPassword() throws Exception {
        for (int i = 0; i < 5; i++) {
            login(owner.user().login(), "guess-" + i + "-" + owner.password());
        }
        MvcResult locked = login(owner.user().login(), owner.password());
        assertThat(locked.getResponse().getRedirectedUrl()).isEqualTo("/login?throttled");
        assertThat(auditOf("LOGIN_THROTTLED", owner.user().login())).isNotEmpty();
        String page = mvc.perform(get("/login?throttled")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("しばらくログインできません");
    }

    @Test
    void postsWithoutCsrfTokenAreRejectedAndAudited() throws Exception {
        assertThat(mvc.perform(post("/login").param("username", owner.user().login()).param("password", owner.password()))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        MockHttpSession session = session(login(owner.user().login(), owner.password()));
        MvcResult forged = mvc.perform(post("/account/password").session(session)
                .param("current", owner.password()).param("password", "a brand new long passphrase here")
                .param("confirm", "a brand new long passphrase here")).andReturn();
        assertThat(forged.getResponse().getStatus()).isEqualTo(403);
        assertThat(auditOf("CSRF_REJECTED", owner.user().login())).isNotEmpty();
        // The password did not change: the old one still works.
        assertThat(login(owner.user().login(), owner.password()).getResponse().getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void analystNeedsPasswordAndTotpAndACodeWorksOnlyOnce() throws Exception {
        Login analyst = world.staff(Role.ANALYST, true);
        MvcResult first = login(analyst.user().login(), analyst.password());
        assertThat(first.getResponse().getRedirectedUrl()).isEqualTo("/login/totp");
        MockHttpSession session = session(first);
        // Half logged in: nothing but the code page.
        assertThat(mvc.perform(get("/tenants").session(session)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login/totp");
        assertThat(mvc.perform(get("/api/v1/me").session(session)).andReturn().getResponse().getStatus()).isEqualTo(403);

        String code = world.currentCode(analyst);
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
        String retry = mvc.perform(post("/login/totp").session(session).with(csrf()).param("code", wrong))
                .andReturn().getResponse().getContentAsString();
        assertThat(retry).contains("確認コードが違うか");
        assertThat(auditOf("TOTP_VERIFY", analyst.user().login())).anyMatch(e -> e.outcome() == AuditEvent.Outcome.FAILURE);

        MvcResult ok = mvc.perform(post("/login/totp").session(session).with(csrf()).param("code", code)).andReturn();
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(mvc.perform(get("/").session(session)).andReturn().getResponse().getContentAsString()).contains("監視センター");
        assertThat(auditOf("LOGIN", analyst.user().login())).anyMatch(e -> "factors: password+totp".equals(e.detail()));

        // Someone who watched the code being typed cannot reuse it.
        MockHttpSession other = session(login(analyst.user().login(), analyst.password()));
        MvcResult replay = mvc.perform(post("/login/totp").session(other).with(csrf()).param("code", code)).andReturn();
        assertThat(replay.getResponse().getRedirectedUrl()).isNull();
        assertThat(replay.getResponse().getContentAsString()).contains("確認コードが違うか");
    }

    @Test
    void staffWithoutAnAuthenticatorMustEnrolBeforeEnteringAndTheSecretIsStoredEncrypted() throws Exception {
        Login responder = world.staff(Role.RESPONDER, false);
        MockHttpSession session = session(login(responder.user().login(), responder.password()));
        assertThat(mvc.perform(get("/").session(session)).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login/totp");
        assertThat(mvc.perform(get("/login/totp").session(session)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login/totp/enrol");
        String page = mvc.perform(get("/login/totp/enrol").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<svg").contains("認証アプリを設定してください");
        Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<").matcher(page);
        assertThat(m.find()).isTrue();
        String secret = m.group(1).replace(" ", "");
        String code = new Totp(java.time.Clock.systemUTC()).currentCode(secret);
        MvcResult done = mvc.perform(post("/login/totp/enrol").session(session).with(csrf()).param("code", code)).andReturn();
        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/");
        var stored = world.reload(responder.user());
        assertThat(stored.totpEnabled()).isTrue();
        assertThat(stored.totpSecretEncrypted()).isNotBlank().doesNotContain(secret);
        assertThat(auditOf("TOTP_ENROLLED", responder.user().login())).anyMatch(e -> e.outcome() == AuditEvent.Outcome.SUCCESS);
    }

    @Test
    void pagesCarryStrictSecurityHeadersAndHstsOnlyOverTls() throws Exception {
        var plain = mvc.perform(get("/login")).andReturn().getResponse();
        assertThat(plain.getHeader("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'")
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(plain.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(plain.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(plain.getHeader("Strict-Transport-Security")).isNull();
        var tls = mvc.perform(get("/login").secure(true)).andReturn().getResponse();
        assertThat(tls.getHeader("Strict-Transport-Security")).contains("max-age=31536000").contains("includeSubDomains");
    }

    @Test
    void adminApiKeysWorkUntilRevokedAndAreStoredOnlyAsHashes() throws Exception {
        var created = apiKeys.create(admin.actor(), "ci");
        String key = created.secret();
        assertThat(key).startsWith("skd_");
        assertThat(mvc.perform(get("/api/v1/tenants").header("Authorization", "Bearer " + key)).andReturn()
                .getResponse().getContentAsString()).contains(tenant.name());
        // The key itself is nowhere in the listing.
        assertThat(apiKeys.list(admin.actor())).allMatch(k -> !key.equals(k.prefix()) && k.prefix().length() == 10);
        assertThat(mvc.perform(get("/api/v1/tenants")).andReturn().getResponse().getStatus()).isEqualTo(401);
        assertThat(mvc.perform(get("/api/v1/tenants").header("Authorization", "Bearer skd_forged")).andReturn()
                .getResponse().getStatus()).isEqualTo(401);
        apiKeys.revoke(admin.actor(), created.key().id());
        assertThat(mvc.perform(get("/api/v1/tenants").header("Authorization", "Bearer " + key)).andReturn()
                .getResponse().getStatus()).isEqualTo(401);
        assertThat(auditOf("API_KEY_REVOKED", null)).isNotEmpty();
        assertThat(auditOf("API_KEY_REJECTED", null)).isNotEmpty();
        // Prometheus metrics need an admin key; health is public.
        String fresh = apiKeys.create(admin.actor(), "metrics").secret();
        assertThat(mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + fresh)).andReturn()
                .getResponse().getContentAsString()).contains("jvm_memory_used_bytes");
        assertThat(mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getStatus()).isEqualTo(401);
        assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString()).contains("UP");
    }

    @Test
    void anInvitedUserMustChooseAPasswordThatFollowsThePolicy() throws Exception {
        var invitation = world.invite(owner.actor(), tenant, Role.TENANT_MEMBER);
        String url = "/invite/" + invitation.token();
        assertThat(mvc.perform(get(url)).andReturn().getResponse().getContentAsString()).contains(invitation.user().login());
        String weak = mvc.perform(post(url).with(csrf()).param("password", "password123").param("confirm", "password123"))
                .andReturn().getResponse().getContentAsString();
        assertThat(weak).contains("よく使われていて");
        String passphrase = "green tea on a rainy tuesday";
        MvcResult accepted = mvc.perform(post(url).with(csrf()).param("password", passphrase).param("confirm", passphrase)).andReturn();
        assertThat(accepted.getResponse().getRedirectedUrl()).isEqualTo("/login?activated");
        assertThat(login(invitation.user().login(), passphrase).getResponse().getRedirectedUrl()).isEqualTo("/");
        // The link works once.
        assertThat(mvc.perform(get(url)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(auditOf("INVITE_ACCEPTED", invitation.user().login())).hasSize(1);
    }

    @Test
    void passwordChangeChecksTheCurrentPasswordAndThePolicy() throws Exception {
        MockHttpSession session = session(login(owner.user().login(), owner.password()));
        String wrongCurrent = mvc.perform(post("/account/password").session(session).with(csrf()).param("current", "nope")
                .param("password", "a long and fresh passphrase").param("confirm", "a long and fresh passphrase"))
                .andReturn().getResponse().getContentAsString();
        assertThat(wrongCurrent).contains("いまのパスワードが違います");
        String common = mvc.perform(post("/account/password").session(session).with(csrf()).param("current", owner.password())
                .param("password", "iloveyou123").param("confirm", "iloveyou123")).andReturn().getResponse().getContentAsString();
        assertThat(common).contains("よく使われていて");
        MvcResult ok = mvc.perform(post("/account/password").session(session).with(csrf()).param("current", owner.password())
                .param("password", "a long and fresh passphrase").param("confirm", "a long and fresh passphrase")).andReturn();
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/account");
        assertThat(login(owner.user().login(), "a long and fresh passphrase").getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(auditOf("PASSWORD_CHANGED", owner.user().login()))
                .extracting(AuditEvent::outcome).contains(AuditEvent.Outcome.SUCCESS, AuditEvent.Outcome.FAILURE);
    }

    @Test
    void theAuditViewerFiltersAndAnOwnerSeesOnlyTheirCompany() throws Exception {
        login(owner.user().login(), owner.password());
        var adminAuth = world.authentication(admin);
        String page = mvc.perform(get("/audit").param("action", "LOGIN")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(adminAuth)))
                .andReturn().getResponse().getContentAsString();
        String rows = page.substring(page.indexOf("id=\"audit-events\""));
        assertThat(rows).contains(owner.user().login()).contains("ログイン").doesNotContain("企業登録");
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("OtherCo"));
        String ownerView = mvc.perform(get("/audit")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(world.authentication(owner))))
                .andReturn().getResponse().getContentAsString();
        assertThat(ownerView).contains(owner.user().login()).doesNotContain(other.name());
        assertThat(mvc.perform(get("/audit").param("action", "NOT_AN_ACTION")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(adminAuth)))
                .andReturn().getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void anSmeUserMayTurnOnTheAuthenticatorAndThenNeedsItToLogIn() throws Exception {
        MockHttpSession session = session(login(owner.user().login(), owner.password()));
        String setup = mvc.perform(get("/account/totp").session(session)).andReturn().getResponse().getContentAsString();
        Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<").matcher(setup);
        assertThat(m.find()).isTrue();
        String secret = m.group(1).replace(" ", "");
        Totp totp = new Totp(java.time.Clock.systemUTC());
        assertThat(mvc.perform(post("/account/totp").session(session).with(csrf()).param("code", totp.currentCode(secret)))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/account");

        MvcResult next = login(owner.user().login(), owner.password());
        assertThat(next.getResponse().getRedirectedUrl()).isEqualTo("/login/totp");

        // Removing it needs a fresh code: a stolen session alone cannot switch it off.
        String current = totp.currentCode(secret);
        String wrong = String.format("%06d", (Integer.parseInt(current) + 500_000) % 1_000_000);
        assertThat(mvc.perform(post("/account/totp/disable").session(session).with(csrf()).param("code", wrong))
                .andReturn().getFlashMap().get("notice")).isEqualTo("account.totpWrongCode");
        assertThat(world.reload(owner.user()).totpEnabled()).isTrue();
        assertThat(auditOf("TOTP_ENROLLED", owner.user().login())).anyMatch(e -> e.outcome() == AuditEvent.Outcome.SUCCESS);
    }

    @Test
    void staffCannotSwitchOffTheirAuthenticator() throws Exception {
        var response = mvc.perform(post("/account/totp/disable").with(csrf()).param("code", "123456")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(world.authentication(admin))))
                .andReturn();
        assertThat(response.getFlashMap().get("notice")).isEqualTo("account.totpRequired");
        assertThat(world.reload(admin.user()).totpEnabled()).isTrue();
    }
}
