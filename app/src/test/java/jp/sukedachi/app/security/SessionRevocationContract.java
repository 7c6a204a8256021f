package jp.sukedachi.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditEvent;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.HttpUser;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 12 item 8, on a real server with real cookies: a user who is disabled, changes role or changes
 * password loses every other live session on its next request; a disabled admin's API keys stop.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sukedachi.syslog.enabled=false")
abstract class SessionRevocationContract {
    @LocalServerPort
    int port;
    @Autowired
    TestWorld world;
    @Autowired
    UserService users;
    @Autowired
    ApiKeyService apiKeys;
    @Autowired
    AuditRepository audit;
    @Autowired
    JdbcClient jdbc;

    Login admin;
    Tenant tenant;
    Login owner;
    Login member;

    @BeforeEach
    void setUp() {
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("Sess"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
        member = world.smeUser(tenant, Role.TENANT_MEMBER);
    }

    private HttpUser loggedIn(Login login) {
        HttpUser user = new HttpUser(port);
        assertThat(user.logIn(login, world)).isEqualTo("/");
        assertThat(user.get("/").statusCode()).isEqualTo(200);
        return user;
    }

    private static void assertLoggedOut(HttpUser user) {
        var home = user.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(HttpUser.location(home)).startsWith("/login");
    }

    @Test
    void aDisabledMemberIsLoggedOutAtOnceAndCannotPostAComment() {
        HttpUser session = loggedIn(member);
        String token = session.csrf("/account");

        users.setEnabled(owner.actor(), member.user().id(), false);

        // The very next request, a comment post with a valid CSRF token, is refused and ends the session.
        var comment = session.post("/my/alerts/" + UUID.randomUUID() + "/comment", Map.of("text", "still here?", "_csrf", token));
        assertThat(comment.statusCode()).isEqualTo(302);
        assertThat(HttpUser.location(comment)).isEqualTo("/login?ended");
        assertLoggedOut(session);
        String page = session.get("/login?ended").body();
        assertThat(page).contains("ログアウトしました");
        assertThat(audit.find(admin.actor(), new AuditRepository.Filter("ACCESS_DENIED", member.user().login(), null, null, null)))
                .anyMatch(e -> e.outcome() == AuditEvent.Outcome.DENIED && e.detail().startsWith("session ended"));
    }

    @Test
    void aDisabledProviderAdminLosesTheApiKeyPageAndTheirKeysStopWorking() {
        HttpUser session = loggedIn(admin);
        assertThat(session.get("/admin/api-keys").statusCode()).isEqualTo(200);
        String key = apiKeys.create(admin.actor(), "ci").secret();
        HttpUser script = new HttpUser(port);
        assertThat(script.get("/api/v1/tenants", "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);

        Login otherAdmin = world.admin();
        users.setEnabled(otherAdmin.actor(), admin.user().id(), false);

        var keysPage = session.get("/admin/api-keys");
        assertThat(keysPage.statusCode()).isEqualTo(302);
        assertThat(HttpUser.location(keysPage)).isEqualTo("/login?ended");
        assertThat(session.get("/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(script.get("/api/v1/tenants", "Authorization", "Bearer " + key).statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionOnTheApiEndsToo() {
        HttpUser session = loggedIn(owner);
        assertThat(session.get("/api/v1/me").statusCode()).isEqualTo(200);
        users.setEnabled(admin.actor(), owner.user().id(), false);
        var me = session.get("/api/v1/me");
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.body()).contains("session_ended");
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsButNotTheOneThatChangedIt() {
        HttpUser laptop = loggedIn(owner);
        HttpUser stolen = loggedIn(owner);
        String fresh = "a long and entirely fresh passphrase";
        var changed = laptop.post("/account/password", Map.of("current", owner.password(), "password", fresh,
                "confirm", fresh, "_csrf", laptop.csrf("/account")));
        assertThat(HttpUser.location(changed)).isEqualTo("/account");

        assertThat(laptop.get("/account").statusCode()).isEqualTo(200);
        assertLoggedOut(stolen);
        assertThat(new HttpUser(port).logIn(new Login(owner.user(), fresh, null), world)).isEqualTo("/");
    }

    @Test
    void reEnablingAUserDoesNotReviveTheSessionsOpenWhenTheyWereDisabled() {
        HttpUser session = loggedIn(member);
        users.setEnabled(owner.actor(), member.user().id(), false);
        users.setEnabled(owner.actor(), member.user().id(), true);
        assertLoggedOut(session);
        assertThat(loggedIn(member).get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aRoleChangeEndsTheSessionsOfTheOldRole() {
        HttpUser session = loggedIn(owner);
        assertThat(session.get("/users").statusCode()).isEqualTo(200);
        // No screen changes roles yet; whichever does, the stored role no longer matches the session's.
        jdbc.sql("update app_user set role = 'TENANT_MEMBER' where id = :id").param("id", owner.user().id()).update();
        assertLoggedOut(session);
    }

    @Test
    void aUserDisabledByAnotherInstanceOnTheSameDatabaseIsLoggedOutHereToo() {
        HttpUser session = loggedIn(member);
        // What the other instance's UserRepository writes; nothing in this instance's memory hears of it.
        jdbc.sql("update app_user set status = 'DISABLED', session_epoch = session_epoch + 1 where id = :id")
                .param("id", member.user().id()).update();
        assertLoggedOut(session);
    }

    @Test
    void aUserDisabledBetweenPasswordAndCodeCannotFinishTheLogin() {
        Login analyst = world.staff(Role.ANALYST, true);
        HttpUser session = new HttpUser(port);
        String next = HttpUser.location(session.post("/login", Map.of("username", analyst.user().login(),
                "password", analyst.password(), "_csrf", session.csrf("/login"))));
        assertThat(next).isEqualTo("/login/totp");
        String token = session.csrf("/login/totp");
        users.setEnabled(admin.actor(), analyst.user().id(), false);
        var code = session.post("/login/totp", Map.of("code", world.currentCode(analyst), "_csrf", token));
        assertThat(HttpUser.location(code)).isEqualTo("/login?ended");
        assertLoggedOut(session);
    }
}
