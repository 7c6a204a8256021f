package jp.sukedachi.app.triage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.Triage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Nothing internal reaches the customer: a staff comment kept as 社内メモ never appears on any page or API answer a
 * company's owner or member can fetch, while a comment shown to the company does. The routes are read from Spring
 * MVC's handler mapping (every GET route, each path variable filled with the alert's, the company's and the users'
 * ids), so a page added tomorrow that shows an alert's history is covered without touching this test. The staff
 * page shows both comments, each marked.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.enabled=false"})
@AutoConfigureMockMvc
class InternalCommentRouteTest {
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    static final String INTERNAL = "社内メモ本文：送信元ドメインのSPFが失敗、取引先に確認中";
    static final String INTERNAL_API = "internal api note: partner domain looks spoofed";
    static final String SHOWN = "お客様向け：経理のパソコンをネットワークから外しました";
    static final String SHOWN_API = "shown api note: please keep the PC switched on";
    static final String OWNERS = "owner note: that was our new backup job";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    Triage triage;
    @Autowired
    AlertRepository alerts;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Login admin;
    Login analyst;
    Tenant tenant;
    Login owner;
    Login member;
    Alert alert;

    @BeforeEach
    void world() throws Exception {
        admin = world.admin();
        analyst = world.staff(Role.ANALYST, true);
        tenant = world.tenant(admin.actor(), TestWorld.unique("Internal"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
        member = world.smeUser(tenant, Role.TENANT_MEMBER);
        triage.apply(List.of(AlertWebTest.c2(tenant.id(), "pc-keiri-01", System.currentTimeMillis())));
        alert = alerts.findByTenant(admin.actor(), tenant.id(), null, null, 1).getFirst();
        // The staff page's form: internal by default, shown only when chosen.
        call(analyst, post("/alerts/" + alert.id() + "/comment").with(csrf()).param("text", INTERNAL), 302);
        call(analyst, post("/alerts/" + alert.id() + "/comment").with(csrf()).param("text", SHOWN)
                .param("visibleToCompany", "true"), 302);
        // The API: the same default; a company user's comment is visible whatever it asks.
        call(admin, json("/api/v1/alerts/" + alert.id() + "/comments", "{\"text\":\"" + INTERNAL_API + "\"}"), 201);
        call(admin, json("/api/v1/alerts/" + alert.id() + "/comments",
                "{\"text\":\"" + SHOWN_API + "\",\"visibleToCompany\":true}"), 201);
        call(owner, json("/api/v1/alerts/" + alert.id() + "/comments",
                "{\"text\":\"" + OWNERS + "\",\"visibleToCompany\":false}"), 201);
    }

    private MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder b, int status) throws Exception {
        var r = mvc.perform(b.with(authentication(world.authentication(who)))).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        return r;
    }

    private static MockHttpServletRequestBuilder json(String url, String body) {
        return post(url).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** Every GET route, each path variable filled with each id a company user may hold: a set of concrete URLs. */
    private Set<String> everyGetUrl(Login who) {
        List<String> values = List.of(alert.id().toString(), tenant.id().toString(), tenant.slug(),
                who.user().id().toString());
        Set<String> urls = new LinkedHashSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                if (!PATH_VARIABLE.matcher(pattern).find()) {
                    urls.add(pattern);
                    continue;
                }
                for (String value : values) {
                    urls.add(PATH_VARIABLE.matcher(pattern).replaceAll(value));
                }
                // Two variables (a company's slug and an alert's id).
                if (pattern.contains("{slug}") && pattern.contains("{id}")) {
                    urls.add(PATH_VARIABLE.matcher(pattern.replace("{slug}", tenant.slug()))
                            .replaceAll(alert.id().toString()));
                }
            }
        });
        return urls;
    }

    @Test
    void theCompanysOwnerAndMemberNeverReadAnInternalCommentOnAnyPageOrApiAnswer() throws Exception {
        for (Login who : List.of(owner, member)) {
            List<String> leaks = new ArrayList<>();
            Set<String> urls = everyGetUrl(who);
            assertThat(urls).contains("/my/alerts/" + alert.id(), "/api/v1/alerts/" + alert.id(), "/my/alerts", "/",
                    "/api/v1/tenants/" + tenant.slug() + "/alerts");
            // Japanese everywhere, English too where an alert is shown (a comment is never translated, but a page
            // may choose other fragments per language).
            for (String url : urls) {
                for (String lang : url.contains("alert") || url.equals("/") ? List.of("ja", "en") : List.of("ja")) {
                    String body = mvc.perform(get(url).param("lang", lang)
                            .with(authentication(world.authentication(who)))).andReturn().getResponse()
                            .getContentAsString();
                    for (String secret : List.of(INTERNAL, INTERNAL_API)) {
                        if (body.contains(secret)) {
                            leaks.add(who.user().role() + " GET " + url + "?lang=" + lang + " shows " + secret);
                        }
                    }
                }
            }
            // A refused note re-renders the alert page with its history: still without the internal comments.
            String refused = call(who, post("/my/alerts/" + alert.id() + "/comment").with(csrf()).param("text", " "), 400)
                    .getContentAsString();
            assertThat(refused).doesNotContain(INTERNAL, INTERNAL_API).contains(SHOWN);
            assertThat(leaks).isEmpty();

            // What is shown to the company is there, on the page and in the API answer.
            assertThat(call(who, get("/my/alerts/" + alert.id()), 200).getContentAsString())
                    .contains(SHOWN, SHOWN_API, OWNERS);
            String api = call(who, get("/api/v1/alerts/" + alert.id()), 200).getContentAsString();
            assertThat(api).contains(SHOWN, SHOWN_API, OWNERS).doesNotContain("\"visibleToCompany\":false");
        }
    }

    @Test
    void theStaffPageShowsEveryCommentMarkedInternalOrShownToTheCompany() throws Exception {
        String html = call(analyst, get("/alerts/" + alert.id()), 200).getContentAsString();
        assertThat(row(html, INTERNAL)).contains("visibility-internal", "社内メモ").doesNotContain("visibility-shown");
        assertThat(row(html, INTERNAL_API)).contains("visibility-internal");
        assertThat(row(html, SHOWN)).contains("visibility-shown", "お客様に表示").doesNotContain("visibility-internal");
        assertThat(row(html, SHOWN_API)).contains("visibility-shown");
        assertThat(row(html, OWNERS)).contains("visibility-shown");
        // The form offers the choice, internal preselected.
        assertThat(html).contains("id=\"comment-visibility\"").containsPattern(
                "name=\"visibleToCompany\" value=\"false\" id=\"comment-internal\"\\s+checked");
        String english = call(admin, get("/alerts/" + alert.id()).param("lang", "en"), 200).getContentAsString();
        assertThat(english).contains("Internal note", "Shown to the company", "Show to the company");
        // The API tells staff which is which.
        String api = call(analyst, get("/api/v1/alerts/" + alert.id()), 200).getContentAsString();
        assertThat(api).contains(INTERNAL, SHOWN, "\"visibleToCompany\":false", "\"visibleToCompany\":true");
    }

    @Test
    void aRefusedStaffCommentKeepsTheChosenVisibilityAndAnUnknownChoiceIsRefused() throws Exception {
        String refused = call(analyst, post("/alerts/" + alert.id() + "/comment").with(csrf()).param("text", "")
                .param("visibleToCompany", "true"), 400).getContentAsString();
        assertThat(refused).contains("id=\"comment-error\"").containsPattern(
                "value=\"true\" id=\"comment-shown\"\\s+checked");
        call(analyst, post("/alerts/" + alert.id() + "/comment").with(csrf()).param("text", "x")
                .param("visibleToCompany", "perhaps"), 400);
        call(analyst, json("/api/v1/alerts/" + alert.id() + "/comments", "{\"text\":\"x\",\"visibleToCompany\":\"perhaps\"}"), 400);
        assertThat(alerts.history(admin.actor(), alert.id())).extracting(Alert.HistoryEntry::note).doesNotContain("x");
    }

    @Test
    void theOpenApiDocumentSaysStaffCommentsAreInternalByDefault() throws Exception {
        String doc = call(admin, get("/api/v1/openapi"), 200).getContentAsString();
        assertThat(doc).contains("visibleToCompany").contains("keeps it internal");
    }

    /** The history table's row holding the text. */
    private static String row(String html, String text) {
        int at = html.indexOf(text);
        assertThat(at).as(text).isPositive();
        return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
    }
}
