package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.sigma.SigmaRules;
import jp.sukedachi.app.support.HttpUser;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 14, "never raw": what a person reads after a mistake (theirs or the server's) is a translated sentence that
 * names the field or line and says what to do; no JSON for a page, no record's toString, no parser's English, no
 * enum names, ids or server paths. And a company saved with a blank identifier gets one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class PlainErrorsTest {
    private static final String ENUM_OR_RECORD = "(NEW|ACKNOWLEDGED|CLOSED) →|ImportError\\[|\\w+\\[\\w+=";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    TenantRepository tenants;
    @Autowired
    Triage triage;
    @Autowired
    AlertRepository alerts;
    @Autowired
    AlertService alertService;
    @Autowired
    SigmaRules sigma;

    Login admin;
    Tenant tenant;
    Login owner;

    @BeforeEach
    void world() {
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("PlainErrors"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
    }

    private MockHttpServletResponse call(Login who, AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.with(authentication(world.authentication(who)))).andReturn().getResponse();
    }

    private MvcResult perform(Login who, AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.with(authentication(world.authentication(who)))).andReturn();
    }

    /** The page a redirect leads to, with the flash attributes the browser would carry over. */
    private String follow(Login who, MvcResult redirected, String... language) throws Exception {
        String target = redirected.getResponse().getRedirectedUrl();
        assertThat(target).as(redirected.getResponse().getContentAsString()).isNotNull();
        MockHttpServletRequestBuilder next = get(target.replaceFirst("#.*", "")).flashAttrs(redirected.getFlashMap());
        if (language.length > 0) {
            next.header("Accept-Language", language[0]);
        }
        var response = call(who, next);
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }

    private Tenant createWithBlankSlug(String name) throws Exception {
        var created = call(admin, post("/admin/tenants").with(csrf()).param("name", name).param("slug", "")
                .param("industry", "E").param("employeeBand", "21-50").param("prefecture", "27")
                .param("nameKana", "").param("contactName", "").param("contactEmail", "").param("contactPhone", ""));
        assertThat(created.getRedirectedUrl()).as(created.getContentAsString()).startsWith("/tenants/");
        UUID id = UUID.fromString(created.getRedirectedUrl().substring("/tenants/".length()));
        return tenants.find(admin.actor(), id).orElseThrow();
    }

    // ------------------------------------------------------------------------------------------ item 3

    @Test
    void blankIdentifierDerivesAUniqueSlugFromTheNameOrAShortToken() throws Exception {
        String word = "kawa" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-z]", "x");
        Tenant first = createWithBlankSlug(word + " 工業株式会社");
        assertThat(first.slug()).isEqualTo(word);
        // The same letters again: still created, with a short suffix.
        Tenant second = createWithBlankSlug("ＫＡＷＡ" + word.substring(4).toUpperCase() + " 商事");
        assertThat(second.slug()).startsWith(word + "-").matches("[a-z0-9-]{1,63}").isNotEqualTo(first.slug());
    }

    @Test
    void twoJapaneseNamesWithBlankIdentifiersInARowBothSucceed() throws Exception {
        Tenant one = createWithBlankSlug("たかはし製作所" + kana());
        Tenant two = createWithBlankSlug("さくら精機" + kana());
        assertThat(two.slug()).matches("t-[a-z0-9]{6}");
        assertThat(one.slug()).isNotEqualTo(two.slug());
        // A slug typed by hand must still have the right form.
        var bad = call(admin, post("/admin/tenants").with(csrf()).param("name", TestWorld.unique("Bad"))
                .param("slug", "Bad Slug").param("industry", "E").param("employeeBand", "21-50").param("prefecture", "27"));
        assertThat(bad.getContentAsString()).contains("識別名は英小文字・数字・ハイフンで入力してください")
                .doesNotContain("形式が正しくありません");
    }

    /** A random suffix without ASCII letters or digits, as most Japanese company names are. */
    private static String kana() {
        StringBuilder out = new StringBuilder();
        for (char c : UUID.randomUUID().toString().replace("-", "").toCharArray()) {
            out.append((char) ('あ' + Character.digit(c, 16)));
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------ unknown URL

    @Test
    void unknownUrlForALoggedInUserGivesTheTranslatedErrorPageAndApiPathsKeepJson() {
        // Through the real server: the error page is a forward, which only a servlet container performs.
        HttpUser browser = new HttpUser(port);
        assertThat(browser.logIn(owner, world)).isEqualTo("/");
        var ja = browser.get("/no-such-page", "Accept", "text/html", "Accept-Language", "ja");
        assertThat(ja.statusCode()).isEqualTo(404);
        assertThat(ja.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(ja.body()).contains("ページが見つかりません", "ホームへ戻る", "lang=\"ja\"", "ログアウト")
                .doesNotContain("No static resource", "\"detail\"");

        var en = browser.get("/settings/nothing/here.css", "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(404);
        assertThat(en.body()).contains("Page not found", "Back to home", "lang=\"en\"").doesNotContain("No static resource");

        var api = browser.get("/api/v1/no-such-thing", "Accept", "text/html");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(api.body()).contains("\"status\":404").doesNotContain("<html");

        // Logged out, an unknown page still asks for the login first.
        assertThat(HttpUser.location(new HttpUser(port).get("/no-such-page"))).isEqualTo("/login");
    }

    // ------------------------------------------------------------------------------------------ intel

    @Test
    void intelImportOfABadFileShowsTranslatedLineErrors() throws Exception {
        String feed = "198.51.100.7\nthis is no indicator at all\nexample.org\n";
        String source = TestWorld.unique("badfeed");
        MvcResult imported = perform(admin, multipart("/intel/import").file(new MockMultipartFile("file", "feed.txt",
                "text/plain", feed.getBytes(StandardCharsets.UTF_8))).param("source", source).param("format", "list")
                .with(csrf()));
        String ja = follow(admin, imported);
        assertThat(ja).contains("2 行目", "1 行に 1 つずつ書いてください", "this is no indicator at all")
                .doesNotContain("ImportError[", "not an IP");
        assertThat(ja).containsPattern("成功 \\(\\d+ / 1\\)");
        String en = follow(admin, perform(admin, multipart("/intel/import").file(new MockMultipartFile("file",
                "feed.txt", "text/plain", feed.getBytes(StandardCharsets.UTF_8))).param("source", source)
                .param("format", "list").with(csrf()).header("Accept-Language", "en")), "en");
        assertThat(en).contains("Line 2: not an IP address, domain, URL, hash or e-mail address. Write one per line.")
                .doesNotContain("ImportError[");

        // A whole file refused: said in words, with what to do, no parser English inside the Japanese.
        MvcResult unknown = perform(admin, multipart("/intel/import").file(new MockMultipartFile("file", "x.bin",
                "application/octet-stream", "??".getBytes(StandardCharsets.UTF_8))).param("source", source)
                .param("format", "no-such-format").with(csrf()));
        assertThat(follow(admin, unknown)).contains("ファイルの形式がわかりませんでした").doesNotContain("feed format not recognised");
    }

    // ------------------------------------------------------------------------------------------ Sigma

    @Test
    void aBrokenSigmaYamlUploadShowsATranslatedErrorNamingTheLine() throws Exception {
        String broken = "title: Broken rule\nid: 0b7a2b8c-0000-4000-8000-000000000001\nlogsource:\n  product: windows\n"
                + "detection:\n  selection:\n    Image|endswith: [a.exe, b.exe\n  condition: selection\n";
        MvcResult uploaded = perform(admin, post("/sigma/rules/upload").with(csrf()).param("yaml", broken));
        String page = follow(admin, uploaded);
        assertThat(page).containsPattern("[1-9]\\d* 行目（\\d+ 文字目）で YAML の書き方が崩れています")
                .doesNotContain("while parsing", "flow sequence", "yaml:");
        String en = follow(admin, perform(admin, post("/sigma/rules/upload").with(csrf()).param("yaml", "title: x\n")
                .header("Accept-Language", "en")), "en");
        assertThat(en).contains("The rule has no &quot;id&quot; field. Add a &quot;id:&quot; line.")
                .doesNotContain("missing field");
        // The page says whether a rules folder is set, never where it is on the server.
        if (sigma.rulesDir() != null) {
            assertThat(page).doesNotContain(sigma.rulesDir().toString()).doesNotContain("sigmahq-sigma/rules");
        }
    }

    // ------------------------------------------------------------------------------------------ alert history

    @Test
    void alertHistoryShowsTranslatedStatusesAndTheAssigneesName() throws Exception {
        Login analyst = world.staff(Role.ANALYST, true);
        long at = System.currentTimeMillis();
        SecurityEvent event = SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant.id()))
                .device(new DeviceId(new UUID(1, 1))).timestamp(at).received(at).raw("flow")
                .set(Ecs.SOURCE_IP, "10.0.0.5").set(Ecs.DESTINATION_IP, "203.0.113.66").build();
        triage.apply(List.of(new Detection(event.tenant(), event.device(), at, "intel", "ipv4:203.0.113.66",
                "Connection to a C2 server", Severity.HIGH, Category.C2, event, Map.of("field", Ecs.DESTINATION_IP))));
        Alert alert = alerts.findByTenant(admin.actor(), tenant.id(), null, null, 10).getFirst();
        alertService.acknowledge(admin.actor(), alert.id());
        alertService.assign(admin.actor(), alert.id(), analyst.user().id());
        alertService.close(admin.actor(), alert.id(), Alert.Resolution.BENIGN);

        String ja = call(analyst, get("/alerts/" + alert.id())).getContentAsString();
        assertThat(ja).contains("新規 → 確認済み", "確認済み → 完了（問題なし（正当な通信））", analyst.user().displayName())
                .doesNotContain(analyst.user().id().toString()).doesNotContainPattern(ENUM_OR_RECORD);
        String en = call(analyst, get("/alerts/" + alert.id()).header("Accept-Language", "en")).getContentAsString();
        assertThat(en).contains("→", analyst.user().displayName()).doesNotContain(analyst.user().id().toString())
                .doesNotContainPattern(ENUM_OR_RECORD);

        // ------------------------------------------------------------------ forms without the browser's checks
        // An empty comment (or none at all) comes back on the page with the reason next to the field, not a 400 page.
        for (var comment : List.of(post("/alerts/" + alert.id() + "/comment").with(csrf()).param("text", ""),
                post("/alerts/" + alert.id() + "/comment").with(csrf()))) {
            var refused = call(analyst, comment);
            assertThat(refused.getContentType()).startsWith("text/html");
            assertThat(refused.getContentAsString()).contains("id=\"comment-form\"", "id=\"comment-error\"",
                    "コメントが空です。書いてから送ってください。");
        }
        var tooLong = call(analyst, post("/alerts/" + alert.id() + "/comment").with(csrf()).param("text", "あ".repeat(4001)));
        assertThat(tooLong.getContentAsString()).contains("id=\"comment-error\"", "文字までです");
    }

    @Test
    void aFormPostedWithoutTheBrowsersChecksShowsTheFieldErrorNotA400Page() throws Exception {
        // A bad declaration number: the security-action page again (400), the reason beside the number's field.
        var declared = call(owner, post("/selfcheck/security-action/declarations").with(csrf())
                .param("code", "<script>").param("level", "1").param("declaredOn", "2024-04-01"));
        assertThat(declared.getStatus()).isEqualTo(400);
        assertThat(declared.getContentAsString()).contains("id=\"declaration-form\"", "id=\"declaration-error\"",
                "宣言の番号は、英数字とハイフンで", "value=\"&lt;script&gt;\"", "aria-invalid=\"true\"");
        var level = call(owner, post("/selfcheck/security-action/declarations").with(csrf())
                .param("code", "ABC-123").param("level", "three").param("declaredOn", "2024-04-01")
                .header("Accept-Language", "en"));
        assertThat(level.getContentAsString()).contains("id=\"declaration-error\"", "Choose one star or two stars");
        var date = call(owner, post("/selfcheck/security-action/declarations").with(csrf())
                .param("code", "ABC-123").param("level", "1"));
        assertThat(date.getContentAsString()).contains("id=\"declaration-error\"", "宣言した日を");

        // A field left out of a form that has no place for the reason: the error page names the field, with a way back.
        HttpUser browser = new HttpUser(port);
        browser.logIn(admin, world);
        String csrf = browser.csrf("/sigma/rules");
        var missing = browser.post("/sigma/rules/toggle", Map.of("kind", "LEVEL", "value", "high", "_csrf", csrf),
                "Referer", "http://127.0.0.1:" + port + "/sigma/rules", "Accept-Language", "ja");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(missing.body()).contains("「オン・オフ」が空か、形式が正しくありません", "href=\"/sigma/rules\"",
                "入力したページに戻る", "ログアウト").doesNotContain("\"detail\"", "Required parameter");
        var notANumber = browser.post("/intel/sources", Map.of("name", "x", "format", "list", "url",
                "https://feeds.example.jp/x", "refreshMinutes", "often", "_csrf", browser.csrf("/intel")),
                "Accept-Language", "en", "Referer", "https://evil.example/phish");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("&quot;Refresh interval (minutes)&quot; is empty or not in the right format")
                .doesNotContain("evil.example", "Failed to convert");
    }
}
