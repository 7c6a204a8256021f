package jp.sukedachi.app.selfcheck.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.audit.AuditEvent;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.selfcheck.PolicyStatus;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
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

/** An owner writes, publishes and withdraws the basic policy; the public link, the PDFs and who may do what. */
@SpringBootTest
@AutoConfigureMockMvc
public class PolicyWebTest {
    private static final Pattern PUBLIC_LINK = Pattern.compile("http://localhost/p/([A-Za-z0-9_-]{43})");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    PolicyStatus status;
    @Autowired
    AuditRepository audit;

    Login admin;
    Tenant company;
    Login owner;
    Login member;

    @BeforeEach
    void setUp() {
        admin = world.admin();
        company = world.tenant(admin.actor(), TestWorld.unique("株式会社さくら精機"));
        owner = world.smeUser(company, Role.TENANT_OWNER);
        member = world.smeUser(company, Role.TENANT_MEMBER);
    }

    private MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder request) throws Exception {
        if (who != null) {
            request = request.with(authentication(world.authentication(who)));
        }
        return mvc.perform(request.with(csrf())).andReturn().getResponse();
    }

    private MockHttpServletResponse save(Login who, String companyName) throws Exception {
        MockHttpServletRequestBuilder form = post("/selfcheck/policy").param("companyName", companyName)
                .param("headTitle", "代表取締役").param("headName", "桜井 一郎").param("establishedOn", "2026-04-01")
                .param("roleOfficer", "山田 花子").param("roleSysadmin", "佐藤 次郎");
        for (PolicySection s : PolicySection.values()) {
            form = form.param(s.field(), "本文：" + s.field() + " は方針の一部です。");
        }
        return call(who, form);
    }

    private String publish(Login who) throws Exception {
        assertThat(call(who, post("/selfcheck/policy/publish")).getRedirectedUrl()).isEqualTo("/selfcheck/policy");
        Matcher m = PUBLIC_LINK.matcher(call(who, get("/selfcheck/policy")).getContentAsString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    public static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void theFormStartsFromTheModelTextWithTheCompanyName() throws Exception {
        String page = call(owner, get("/selfcheck/policy")).getContentAsString();
        assertThat(page).contains("情報セキュリティ基本方針").contains(company.name() + "は、お客様や取引先")
                .contains("まだ保存されていません").doesNotContain("policy-publish");
        // In English the model text is English.
        String en = call(owner, get("/selfcheck/policy").param("lang", "en")).getContentAsString();
        assertThat(en).contains(company.name() + " believes that");
    }

    @Test
    void ownerSavesPublishesAndWithdrawsThePublicPage() throws Exception {
        assertThat(save(owner, company.name()).getRedirectedUrl()).isEqualTo("/selfcheck/policy");
        assertThat(status.hasPublishedPolicy(owner.actor(), company.id())).isFalse();
        String token = publish(owner);
        assertThat(status.hasPublishedPolicy(owner.actor(), company.id())).isTrue();

        // Anyone with the link reads it, without logging in.
        MockHttpServletResponse page = call(null, get("/p/" + token));
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains(company.name()).contains("1. 目的").contains("代表取締役　桜井 一郎")
                .contains("2026年4月1日");
        MockHttpServletResponse pdf = call(null, get("/p/" + token + "/pdf"));
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(text(pdf.getContentAsByteArray())).contains(company.name());

        // Withdrawn: the link is dead, and publishing again gives a new one.
        call(owner, post("/selfcheck/policy/unpublish"));
        assertThat(call(null, get("/p/" + token)).getStatus()).isEqualTo(404);
        assertThat(call(null, get("/p/" + token + "/pdf")).getStatus()).isEqualTo(404);
        assertThat(status.hasPublishedPolicy(owner.actor(), company.id())).isFalse();
        String again = publish(owner);
        assertThat(again).isNotEqualTo(token);

        List<String> actions = audit.find(admin.actor(), new AuditRepository.Filter(null, owner.user().login(), null, null, null))
                .stream().map(e -> String.valueOf(e.action())).toList();
        assertThat(actions).contains("POLICY_SAVED", "POLICY_PUBLISHED", "POLICY_UNPUBLISHED");
    }

    @Test
    void thePdfEmbedsAJapaneseFontAndItsTextIsTheCompanys() throws Exception {
        save(owner, company.name());
        MockHttpServletResponse response = call(owner, get("/selfcheck/policy/pdf"));
        assertThat(response.getStatus()).isEqualTo(200);
        byte[] pdf = response.getContentAsByteArray();
        String text = text(pdf);
        // 方 stays 方 (not the look-alike Kangxi radical ⽅ the font shares its glyph with).
        assertThat(text).contains(company.name()).contains("情報セキュリティ基本方針").contains("本文：purpose は方針の一部です。")
                .contains("代表取締役　桜井 一郎").doesNotContain("\u2F45");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (var name : doc.getPage(0).getResources().getFontNames()) {
                PDFont font = doc.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                // A subset: six capital letters and a plus before the font's name.
                assertThat(font.getName()).matches("[A-Z]{6}\\+IPAexGothic");
            }
        }
        // The internal rules carry the names from the roles table.
        assertThat(text(call(member, get("/selfcheck/policy/rules/pdf")).getContentAsByteArray()))
                .contains(company.name()).contains("情報セキュリティ責任者").contains("山田 花子").contains("（未定）");
        assertThat(call(member, get("/selfcheck/policy/rules")).getContentAsString()).contains("佐藤 次郎");
    }

    @Test
    void membersReadButOnlyTheOwnerEditsOrPublishes() throws Exception {
        save(owner, company.name());
        assertThat(save(member, "乗っ取り").getStatus()).isEqualTo(403);
        assertThat(call(member, post("/selfcheck/policy/publish")).getStatus()).isEqualTo(403);
        String page = call(member, get("/selfcheck/policy")).getContentAsString();
        assertThat(page).contains(company.name()).doesNotContain("乗っ取り").doesNotContain("policy-publish");
        // Provider staff have no company of their own here.
        assertThat(call(admin, get("/selfcheck/policy")).getStatus()).isEqualTo(404);
    }

    @Test
    void badInputIsShownBackAndNothingIsSaved() throws Exception {
        MockHttpServletResponse response = call(owner, post("/selfcheck/policy").param("companyName", "")
                .param("headTitle", "x".repeat(101)).param("establishedOn", "昨日"));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("入力してください").contains("長すぎます").contains("日付を");
        assertThat(call(owner, get("/selfcheck/policy/pdf")).getStatus()).isEqualTo(404);
    }

    @Test
    void aPublicLinkShowsOnlyItsOwnCompanyAndGuessesFindNothing() throws Exception {
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("みどり会計事務所"));
        Login otherOwner = world.smeUser(other, Role.TENANT_OWNER);
        save(owner, company.name());
        save(otherOwner, other.name());
        String mine = publish(owner);
        String theirs = publish(otherOwner);
        assertThat(call(null, get("/p/" + mine)).getContentAsString()).contains(company.name()).doesNotContain(other.name());
        assertThat(call(null, get("/p/" + theirs)).getContentAsString()).contains(other.name()).doesNotContain(company.name());
        assertThat(call(null, get("/p/" + other.id())).getStatus()).isEqualTo(404);
        assertThat(call(null, get("/p/" + mine.substring(0, 42) + (mine.endsWith("A") ? "B" : "A"))).getStatus()).isEqualTo(404);
        // Another company's owner cannot see whether a company has published.
        assertThat(status.hasPublishedPolicy(otherOwner.actor(), company.id())).isFalse();
        // And the private PDF route is always the caller's own company.
        assertThat(text(call(otherOwner, get("/selfcheck/policy/pdf")).getContentAsByteArray()))
                .contains(other.name()).doesNotContain(company.name());
    }
}
