package jp.sukedachi.app.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.UUID;
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
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The knowledge base through the real application: staff write, preview and publish on /kb; a company's owner and
 * member read published articles on /my/help/articles (by category, searched in their language, the other language
 * with a note); drafts answer 404 to them on every page and in the API; the body is escaped text with paragraphs and
 * lists, never HTML; refused input answers 400 in words.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.enabled=false", "sukedachi.desk.phone=03-5555-0142"})
@AutoConfigureMockMvc
class ArticleWebTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    KnowledgeBase kb;
    @Autowired
    ObjectMapper json;

    Login admin;
    Login analyst;
    Login owner;
    Login member;
    String token;

    @BeforeEach
    void world() {
        admin = world.admin();
        analyst = world.staff(Role.ANALYST, true);
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Help"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
        member = world.smeUser(tenant, Role.TENANT_MEMBER);
        token = "tok" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder b, int status) throws Exception {
        var r = mvc.perform(b.with(authentication(world.authentication(who)))).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        return r;
    }

    private String page(Login who, String url) throws Exception {
        return call(who, get(url), 200).getContentAsString();
    }

    private JsonNode api(Login who, MockHttpServletRequestBuilder b, int status) throws Exception {
        return json.readTree(call(who, b, status).getContentAsString());
    }

    private static MockHttpServletRequestBuilder body(MockHttpServletRequestBuilder b, String content) {
        return b.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(content);
    }

    private Article draft(String titleJa, String bodyJa, String titleEn, String bodyEn) {
        return kb.create(analyst.actor(), new ArticleDraft("mail", titleJa, bodyJa, titleEn, bodyEn, token));
    }

    private Article published(String titleJa, String bodyJa, String titleEn, String bodyEn) {
        return kb.setStatus(analyst.actor(), draft(titleJa, bodyJa, titleEn, bodyEn).id(), Article.Status.PUBLISHED);
    }

    @Test
    void staffWriteADraftPreviewItAndPublishItForTheCompanies() throws Exception {
        assertThat(page(analyst, "/kb")).contains("お客様向けの記事").contains("href=\"/kb/new\"");
        assertThat(page(analyst, "/kb/new")).contains("id=\"kb-form\"").contains("name=\"titleEn\"");
        String location = call(analyst, post("/kb").with(csrf()).param("category", "accounts")
                .param("titleJa", "パスワードの決め方 " + token).param("bodyJa", "長くします。")
                .param("titleEn", "").param("bodyEn", "").param("tags", "password"), 302).getRedirectedUrl();
        assertThat(location).matches("/kb/[0-9a-f-]{36}\\?saved");
        String id = location.substring(4, 40);

        String edit = page(analyst, "/kb/" + id + "?saved");
        assertThat(edit).contains("id=\"kb-saved\"").contains("下書き").contains("id=\"kb-publish\"")
                .contains("パスワードの決め方 " + token);
        assertThat(page(analyst, "/kb/" + id + "/preview")).contains("下書きなので、お客様にはまだ見えません")
                .contains("長くします。");
        assertThat(page(analyst, "/kb?q=" + token)).contains("パスワードの決め方 " + token).contains("data-status=\"DRAFT\"");
        call(owner, get("/my/help/articles/" + id), 404);
        assertThat(page(owner, "/my/help/articles?q=" + token)).doesNotContain("パスワードの決め方");

        call(analyst, post("/kb/" + id + "/publish").with(csrf()), 302);
        assertThat(page(owner, "/my/help/articles/" + id)).contains("パスワードの決め方 " + token).contains("長くします。")
                .contains("03-5555-0142");
        call(admin, post("/kb/" + id).with(csrf()).param("category", "accounts").param("titleJa", "改訂 " + token)
                .param("bodyJa", "もっと長くします。").param("tags", ""), 302);
        assertThat(page(member, "/my/help/articles/" + id)).contains("改訂 " + token).contains("もっと長くします。");

        call(admin, post("/kb/" + id + "/unpublish").with(csrf()), 302);
        call(member, get("/my/help/articles/" + id), 404);
        call(analyst, post("/kb/" + id + "/publish"), 403); // no CSRF token
    }

    @Test
    void companiesNeverReachTheEditorNorADraftAndStaffUseTheirOwnPages() throws Exception {
        Article draft = draft("下書き " + token, "まだ秘密の本文 " + token, null, null);
        for (Login company : new Login[] {owner, member}) {
            call(company, get("/kb"), 403);
            call(company, get("/kb/new"), 403);
            call(company, get("/kb/" + draft.id()), 403);
            call(company, get("/kb/" + draft.id() + "/preview"), 403);
            call(company, post("/kb/" + draft.id() + "/publish").with(csrf()), 403);
            call(company, post("/kb").with(csrf()).param("category", "mail").param("titleJa", "x").param("bodyJa", "y"), 403);
            call(company, get("/my/help/articles/" + draft.id()), 404);
            call(company, get("/api/v1/articles/" + draft.id()), 404);
            assertThat(page(company, "/my/help/articles")).doesNotContain("下書き " + token);
            assertThat(call(company, get("/api/v1/articles?q=" + token), 200).getContentAsString()).isEqualTo("[]");
            call(company, body(put("/api/v1/articles/" + draft.id()), "{\"status\":\"PUBLISHED\"}"), 403);
        }
        assertThat(kb.get(admin.actor(), draft.id()).published()).isFalse();
        call(analyst, get("/my/help/articles"), 403);
        call(owner, get("/my/help/articles/" + UUID.randomUUID()), 404);
        call(owner, get("/my/help/articles/not-an-id"), 400);
    }

    @Test
    void theBodyIsEscapedTextWithParagraphsLineBreaksAndLists() throws Exception {
        Article a = published("表示の確認 " + token, """
                最初の段落です。
                二行目です。<script>alert('x')</script>

                - 一つ目 <b>太字ではない</b>
                - 二つ目

                1. 手順一
                2. 手順二""", null, null);
        String html = page(owner, "/my/help/articles/" + a.id());
        assertThat(html).contains("最初の段落です。<br>二行目です。&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert").doesNotContain("<b>太字");
        assertThat(html.replaceAll("\\s+", "")).contains("<ul><li>一つ目&lt;b&gt;太字ではない&lt;/b&gt;</li><li>二つ目</li></ul>")
                .contains("<ol><li>手順一</li><li>手順二</li></ol>");
    }

    @Test
    void companiesReadByCategorySearchInTheirLanguageAndAreToldWhenTheOtherLanguageIsShown() throws Exception {
        Article both = published("怪しいメール " + token, "添付ファイルを開かない。", "Suspicious mail " + token,
                "Do not open attachments.");
        Article japaneseOnly = published("請求書メール " + token, "振込先の変更に注意。", null, null);
        Article other = kb.setStatus(analyst.actor(), kb.create(analyst.actor(), new ArticleDraft("devices",
                "Wi-Fi " + token, "来客用を分けます。", null, null, "")).id(), Article.Status.PUBLISHED);

        String all = page(owner, "/my/help/articles?q=" + token);
        assertThat(all).contains("3 件見つかりました").contains("data-category=\"mail\"").contains("data-category=\"devices\"")
                .contains("怪しいメール " + token).contains("請求書メール " + token).contains("Wi-Fi " + token);
        assertThat(all.indexOf("data-category=\"mail\"")).isLessThan(all.indexOf("data-category=\"devices\""));
        assertThat(page(owner, "/my/help/articles?q=" + token + "&category=devices")).contains("Wi-Fi " + token)
                .doesNotContain("怪しいメール");
        assertThat(page(owner, "/my/help/articles?q=" + token + " 振込先")).contains("1 件見つかりました")
                .contains("/my/help/articles/" + japaneseOnly.id()).doesNotContain("/my/help/articles/" + both.id());

        String english = page(member, "/my/help/articles?q=" + token + " attachments&lang=en");
        assertThat(english).contains("One article was found").contains("Suspicious mail " + token);
        assertThat(page(member, "/my/help/articles?q=nothing-like-" + token + "&lang=en"))
                .contains("No article was found").contains("No article holds those words");
        assertThat(page(member, "/my/help/articles?q=" + token + "&lang=en")).contains("(Japanese only)")
                .contains("3 articles were found");
        assertThat(page(member, "/my/help/articles/" + japaneseOnly.id() + "?lang=en"))
                .contains("This article has no English version yet").contains("lang=\"ja\"").contains("振込先の変更に注意。");
        assertThat(page(member, "/my/help/articles/" + both.id() + "?lang=en")).contains("Do not open attachments.")
                .doesNotContain("id=\"article-other-language\"");
        assertThat(other.category()).isEqualTo(ArticleCategory.DEVICES);
        // The SME home links the articles near the desk's contact; the staff home links the editor.
        assertThat(page(owner, "/")).contains("href=\"/my/help/articles\"");
        assertThat(page(analyst, "/")).contains("href=\"/kb\"");
    }

    @Test
    void refusedInputAnswers400InWordsAndKeepsWhatWasTyped() throws Exception {
        String tooLong = "あ".repeat(201);
        String refused = call(analyst, post("/kb").with(csrf()).param("category", "mail").param("titleJa", tooLong)
                .param("bodyJa", "本文は残ります " + token), 400).getContentAsString();
        assertThat(refused).contains("id=\"kb-error\"").contains("200 文字までです").contains("本文は残ります " + token);
        assertThat(call(analyst, post("/kb").with(csrf()).param("category", "mail").param("titleJa", "題名だけ")
                .param("lang", "en"), 400).getContentAsString()).contains("A language with a title needs its body too");
        call(analyst, post("/kb").with(csrf()).param("category", "nonsense").param("titleJa", "x").param("bodyJa", "y"), 400);
        call(analyst, post("/kb").with(csrf()).param("category", "mail").param("tags", "a b c d e f g h i j k")
                .param("titleJa", "x").param("bodyJa", "y"), 400);
        Article a = draft("直す記事 " + token, "本文", null, null);
        assertThat(call(analyst, post("/kb/" + a.id()).with(csrf()).param("category", "mail").param("titleJa", "")
                .param("bodyJa", ""), 400).getContentAsString()).contains("日本語か英語のどちらかで");
        assertThat(kb.get(admin.actor(), a.id()).titleJa()).isEqualTo("直す記事 " + token);
        assertThat(page(analyst, "/kb?q=" + token)).doesNotContain("題名だけ");
        call(analyst, get("/kb?category=nonsense"), 400);
        call(owner, get("/my/help/articles?category=nonsense"), 400);
        call(owner, get("/my/help/articles?q=" + "x".repeat(201)), 400);
        call(owner, get("/my/help/articles?q=a b c d e f g h i j k"), 400);
        call(analyst, get("/kb/" + UUID.randomUUID()), 404);
    }

    @Test
    void theApiGivesCompaniesPublishedArticlesAndLetsStaffWriteAndPublish() throws Exception {
        JsonNode created = api(admin, body(post("/api/v1/articles"), """
                {"category":"emergency","titleJa":"API記事 %s","bodyJa":"本文","titleEn":"API article %s",
                 "bodyEn":"Body","tags":["Ransomware","API"]}""".formatted(token, token)), 201);
        String id = created.get("id").asString();
        assertThat(created.get("status").asString()).isEqualTo("DRAFT");
        assertThat(created.get("category").asString()).isEqualTo("emergency");
        assertThat(created.get("tags").toString()).isEqualTo("[\"ransomware\",\"api\"]");
        assertThat(created.get("updatedBy").asString()).isEqualTo(admin.user().login());
        call(owner, get("/api/v1/articles/" + id), 404);
        assertThat(api(analyst, get("/api/v1/articles?q=" + token), 200).size()).isOne();

        JsonNode published = api(analyst, body(put("/api/v1/articles/" + id), """
                {"category":"mail","titleJa":"API記事 %s","bodyJa":"新しい本文","status":"published"}""".formatted(token)), 200);
        assertThat(published.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(published.hasNonNull("titleEn")).isFalse();
        JsonNode read = api(owner, get("/api/v1/articles/" + id), 200);
        assertThat(read.get("bodyJa").asString()).isEqualTo("新しい本文");
        assertThat(read.hasNonNull("updatedBy")).isFalse();
        JsonNode found = api(member, get("/api/v1/articles?q=" + token + " 新しい&lang=ja"), 200);
        assertThat(found.size()).isOne();
        assertThat(api(member, get("/api/v1/articles?q=" + token + " missing&lang=en"), 200).size()).isZero();
        JsonNode direct = api(admin, body(post("/api/v1/articles"), """
                {"category":"other","titleEn":"Published at once %s","bodyEn":"x","status":"PUBLISHED"}""".formatted(token)), 201);
        assertThat(direct.get("status").asString()).isEqualTo("PUBLISHED");

        // Refused: companies write nothing; bad input is 400 naming the field; nothing half-saved.
        call(owner, body(post("/api/v1/articles"), "{\"category\":\"mail\",\"titleJa\":\"x\",\"bodyJa\":\"y\"}"), 403);
        assertThat(api(admin, body(post("/api/v1/articles"), "{\"category\":\"mail\"}"), 400).get("field").asString())
                .isEqualTo("titleJa");
        assertThat(api(admin, body(post("/api/v1/articles"), "{\"category\":\"mail\",\"titleJa\":\"" + "x".repeat(201)
                + "\",\"bodyJa\":\"y\"}"), 400).get("limit").asInt()).isEqualTo(200);
        assertThat(api(admin, body(post("/api/v1/articles"), "{\"category\":\"bad\",\"titleJa\":\"x\",\"bodyJa\":\"y\"}"),
                400).get("field").asString()).isEqualTo("category");
        assertThat(api(admin, body(put("/api/v1/articles/" + id), "{\"category\":\"mail\",\"titleJa\":\"変わらない\","
                + "\"bodyJa\":\"y\",\"status\":\"MAYBE\"}"), 400).get("field").asString()).isEqualTo("status");
        assertThat(kb.get(admin.actor(), UUID.fromString(id)).titleJa()).isEqualTo("API記事 " + token);
        call(admin, body(post("/api/v1/articles"), "{not json"), 400);
        call(admin, body(post("/api/v1/articles"), "{\"tags\":\"not-a-list\"}"), 400);
        call(admin, get("/api/v1/articles?lang=fr"), 400);
        call(admin, get("/api/v1/articles?category=nope"), 400);
        call(admin, get("/api/v1/articles?q=" + "x".repeat(201)), 400);
        call(admin, body(put("/api/v1/articles/" + UUID.randomUUID()), "{\"category\":\"mail\"}"), 404);
        call(admin, get("/api/v1/articles/not-an-id"), 400);

        String doc = call(admin, get("/api/v1/openapi"), 200).getContentAsString();
        assertThat(doc).contains("/api/v1/articles").contains("/api/v1/articles/{id}").contains("Knowledge base");
    }
}
