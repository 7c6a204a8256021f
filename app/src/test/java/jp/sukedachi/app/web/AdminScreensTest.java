package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** What a provider admin does on the first day: register a company, invite its owner, make an API key. */
@SpringBootTest
@AutoConfigureMockMvc
class AdminScreensTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    TenantRepository tenants;

    Login admin;

    @BeforeEach
    void setUp() {
        admin = world.admin();
    }

    private String page(MockHttpServletRequestBuilder request, int status) throws Exception {
        var response = mvc.perform(request.with(authentication(world.authentication(admin)))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        return response.getContentAsString();
    }

    @Test
    void registerACompanyInviteItsOwnerAndTheOwnerJoins() throws Exception {
        String name = TestWorld.unique("株式会社はじめ");
        assertThat(page(get("/admin/tenants/new"), 200)).contains("製造業").contains("大阪府");

        // Bad input comes back with the entered values and a plain message.
        String invalid = page(post("/admin/tenants").with(csrf()).param("name", name).param("industry", "Z")
                .param("employeeBand", "21-50").param("prefecture", "27").param("contactEmail", "not-an-address"), 200);
        assertThat(invalid).contains(name).contains("日本標準産業分類").contains("メールアドレスの形式");

        var created = mvc.perform(post("/admin/tenants").with(csrf()).with(authentication(world.authentication(admin)))
                .param("name", name).param("industry", "E").param("employeeBand", "21-50").param("prefecture", "27")
                .param("contactName", "山田").param("contactEmail", "it@hajime.example.jp")).andReturn().getResponse();
        assertThat(created.getRedirectedUrl()).startsWith("/tenants/");
        Tenant tenant = tenants.findVisible(admin.actor()).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        assertThat(page(get("/tenants"), 200)).contains(name);
        assertThat(page(get("/tenants/" + tenant.id()), 200)).contains(name).contains("大阪府").contains("21〜50人");

        // The same name twice is refused.
        assertThat(page(post("/admin/tenants").with(csrf()).param("name", name).param("industry", "E")
                .param("employeeBand", "21-50").param("prefecture", "27"), 200)).contains("同じ名前の企業");

        String invite = page(post("/users/invite").with(csrf()).param("email", "owner@hajime.example.jp")
                .param("displayName", "山田 一郎").param("role", "TENANT_OWNER").param("tenantId", tenant.id().toString()), 200);
        Matcher link = Pattern.compile("http://localhost/invite/([A-Za-z0-9_-]{43})").matcher(invite);
        assertThat(link.find()).as(invite).isTrue();
        assertThat(page(get("/users"), 200)).contains("owner@hajime.example.jp").contains("招待中").contains(name);

        String passphrase = "spring rain over osaka castle";
        assertThat(mvc.perform(post("/invite/" + link.group(1)).with(csrf()).param("password", passphrase)
                .param("confirm", passphrase)).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login?activated");
        assertThat(mvc.perform(post("/login").with(csrf()).param("username", "owner@hajime.example.jp")
                .param("password", passphrase)).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void theSettingsHubLinksEverySettingsPageAndEachOneOpensForTheAdminOnly() throws Exception {
        String hub = page(get("/admin"), 200);
        Login analyst = world.staff(Role.ANALYST, true);
        for (AdminHubController.Area area : AdminHubController.AREAS) {
            assertThat(hub).contains("href=\"" + area.path() + "\"");
            page(get(area.path()), 200);
        }
        assertThat(mvc.perform(get("/admin").with(authentication(world.authentication(analyst)))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void anApiKeyIsShownOnceAndCanBeRevoked() throws Exception {
        String created = page(post("/admin/api-keys").with(csrf()).param("name", "monitoring"), 200);
        Matcher key = Pattern.compile("(skd_[A-Za-z0-9_-]{43})").matcher(created);
        assertThat(key.find()).isTrue();
        String listing = page(get("/admin/api-keys"), 200);
        assertThat(listing).contains("monitoring").doesNotContain(key.group(1));
        assertThat(mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + key.group(1))).andReturn()
                .getResponse().getContentAsString()).contains(admin.user().login());
    }

    @Test
    void everyRoleHasAHomeAndANavigationOfItsOwn() throws Exception {
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Nav"));
        for (Role role : Role.values()) {
            Login who = role.isProviderSide() ? world.staff(role, true) : world.smeUser(tenant, role);
            var response = mvc.perform(get("/").with(authentication(world.authentication(who)))).andReturn().getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            String html = response.getContentAsString();
            assertThat(html.contains("href=\"/admin\"")).as(role + " sees the settings hub")
                    .isEqualTo(role == Role.PROVIDER_ADMIN);
            assertThat(html.contains("href=\"/audit\"")).as(role + " sees audit")
                    .isEqualTo(role == Role.PROVIDER_ADMIN || role == Role.TENANT_OWNER);
            switch (role) {
                case RESPONDER -> assertThat(html).contains("割り当てられた駆け付け");
                case INSURER -> assertThat(html).contains("保険金請求");
                case PROVIDER_ADMIN, ANALYST -> assertThat(html).contains("対応待ちのアラート");
                default -> assertThat(html).contains("対応が必要なお知らせ").contains(tenant.name());
            }
        }
    }

    @Test
    void registerADeviceSeeItsTokenOnceAndItsPageShowsWhatArrived() throws Exception {
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Dev"));
        String page = page(post("/tenants/" + tenant.id() + "/devices").with(csrf()).param("name", "本社UTM")
                .param("kind", "utm").param("format", "fortigate").param("sourceIps", "192.0.2.10, 192.0.2.11"), 200);
        Matcher token = Pattern.compile("(sdt_[A-Za-z0-9_-]{43})").matcher(page);
        assertThat(token.find()).isTrue();
        Matcher deviceLink = Pattern.compile("href=\"/devices/([0-9a-f-]{36})\"").matcher(page);
        assertThat(deviceLink.find()).isTrue();
        assertThat(page(get("/tenants/" + tenant.id() + "/devices"), 200)).contains("本社UTM").doesNotContain(token.group(1));

        // A bad address is refused with the reason, nothing registered.
        assertThat(page(post("/tenants/" + tenant.id() + "/devices").with(csrf()).param("name", "x")
                .param("kind", "utm").param("sourceIps", "999.1.1.1"), 200)).contains("999.1.1.1");

        String line = "date=2026-11-22 time=10:00:00 devname=\"FG60F\" logid=\"0419016384\" type=\"utm\" subtype=\"ips\" "
                + "level=\"alert\" srcip=203.0.113.5 srcport=4444 dstip=192.0.2.80 dstport=80 proto=6 action=\"dropped\" "
                + "attack=\"Apache.Log4j.Error.Log.Remote.Code.Execution\"";
        var sent = mvc.perform(post("/api/v1/ingest").header("Authorization", "Bearer " + token.group(1))
                .content(line + "\ngarbage without structure\u0001\n")).andReturn().getResponse();
        assertThat(sent.getStatus()).isEqualTo(202);
        String device = "/devices/" + deviceLink.group(1);
        long deadline = System.nanoTime() + 10_000_000_000L;
        String view;
        do {
            view = page(get(device), 200);
            Thread.sleep(100);
        } while (!view.contains("Apache.Log4j") && System.nanoTime() < deadline);
        assertThat(view).contains("Apache.Log4j").contains("203.0.113.5").contains("config log syslogd setting")
                .contains("192.0.2.10");
        assertThat(view.substring(view.indexOf("device-quarantine"))).contains("garbage without structure");

        // The company's owner sees the device page of their own company in English, too.
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        String english = mvc.perform(get(device).param("lang", "en").with(authentication(world.authentication(owner))))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("How to set it up").contains("本社UTM");
    }

    @Test
    void theIntelScreenImportsAFileAndLooksUpAValue() throws Exception {
        var file = new org.springframework.mock.web.MockMultipartFile("file", "c2.txt", "text/plain",
                "# test\n203.0.113.250\nbad value here\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var imported = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/intel/import")
                .file(file).param("source", "screen-test").param("format", "list").with(csrf())
                .with(authentication(world.authentication(admin)))).andReturn();
        assertThat(imported.getResponse().getRedirectedUrl()).isEqualTo("/intel");
        assertThat(imported.getFlashMap().get("imported")).isEqualTo(1);
        assertThat(imported.getFlashMap().get("rejected")).isEqualTo(1);
        String page = page(get("/intel").param("q", "203.0.113.250"), 200);
        assertThat(page).contains("screen-test").contains("203.0.113.250").contains("許可リスト");
        // Company users have no intel screen.
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("NoIntel"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        assertThat(mvc.perform(get("/intel").with(authentication(world.authentication(owner)))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
    }
}
