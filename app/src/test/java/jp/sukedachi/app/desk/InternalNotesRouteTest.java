package jp.sukedachi.app.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
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
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Nothing internal ever reaches the company: with an internal note and an internal file on its ticket, the owner
 * and a member fetch every page and API answer of the desk they can reach (every GET route under /my/help and
 * the ticket API, read from Spring MVC's mapping so a route added later is covered, plus the answers to their own
 * posts) and none contains the note's text or the file's name, while staff see both.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class InternalNotesRouteTest {
    private static final String NOTE = "社内だけの話: 請求が未払い NOTE-7731";
    private static final String FILE = "internal-only-7731.txt";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    Tickets tickets;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void anInternalNoteAndAnInternalFileAppearOnNoPageOrApiAnswerOfTheCompany() throws Exception {
        Login admin = world.admin();
        Login analyst = world.staff(Role.ANALYST, true);
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Notes"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        Login member = world.smeUser(tenant, Role.TENANT_MEMBER);
        TicketSummary t = tickets.open(owner.actor(), tenant.id(), new Tickets.Draft("印刷できない", "プリンターが動きません",
                TicketCategory.QUESTION, null, null, null, null, null));
        long publicFile = tickets.attach(owner.actor(), t.id(), "printer.jpg", "image/jpeg", new byte[] {1, 2, 3},
                false).id();
        tickets.post(analyst.actor(), t.id(), NOTE, true);
        long internalFile = tickets.attach(analyst.actor(), t.id(), FILE, "text/plain",
                NOTE.getBytes(StandardCharsets.UTF_8), true).id();
        tickets.post(analyst.actor(), t.id(), "ドライバーを入れ直してください。", false);
        tickets.changeStatus(analyst.actor(), t.id(), TicketStatus.SOLVED);

        List<String> urls = new ArrayList<>(List.of("/", "/my/help/new?kind=QUESTION", "/my/help/new?kind=SUSPICIOUS",
                "/my/help/new?kind=VISIT_REQUEST", "/my/help/tickets/" + t.id() + "?sent=1"));
        for (Map.Entry<RequestMappingInfo, ?> e : mappings.getHandlerMethods().entrySet()) {
            var methods = e.getKey().getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            for (String pattern : e.getKey().getPatternValues()) {
                if (pattern.startsWith("/my/help") || pattern.startsWith("/api/v1/tickets")
                        || pattern.startsWith("/api/v1/tenants/{slug}/tickets")) {
                    urls.add(pattern.replace("{slug}", tenant.slug()).replace("{id}", t.id().toString())
                            .replace("{attachmentId}", Long.toString(publicFile)));
                }
            }
        }
        assertThat(urls).contains("/my/help", "/my/help/tickets/" + t.id(), "/api/v1/tickets/" + t.id(),
                "/api/v1/tenants/" + tenant.slug() + "/tickets");

        int pages = 0;
        for (Login who : List.of(owner, member)) {
            for (String url : urls) {
                MockHttpServletResponse r = mvc.perform(get(url).with(authentication(world.authentication(who))))
                        .andReturn().getResponse();
                String body = r.getContentAsString(StandardCharsets.UTF_8);
                assertThat(r.getStatus()).as(url).isLessThan(500);
                assertThat(body).as(who.user().role() + " " + url).doesNotContain(NOTE).doesNotContain(FILE)
                        .doesNotContain("NOTE-7731");
                pages += r.getStatus() == 200 ? 1 : 0;
            }
            // The answers to the company's own posts.
            for (var request : List.of(
                    post("/api/v1/tickets/" + t.id() + "/messages").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"body\":\"まだ印刷できません\"}"),
                    post("/api/v1/tenants/" + tenant.slug() + "/tickets").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"subject\":\"別件\",\"body\":\"本文\"}"),
                    post("/my/help/tickets/" + t.id() + "/messages").param("body", "もう一度"))) {
                String body = mvc.perform(request.with(csrf()).with(authentication(world.authentication(who))))
                        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
                assertThat(body).doesNotContain(NOTE).doesNotContain(FILE);
            }
            // The internal file itself is not theirs to download.
            assertThat(mvc.perform(get("/my/help/tickets/" + t.id() + "/attachments/" + internalFile)
                    .with(authentication(world.authentication(who)))).andReturn().getResponse().getStatus())
                    .isEqualTo(404);
        }
        assertThat(pages).as("pages actually rendered").isGreaterThanOrEqualTo(12);
        // A page that can show the conversation did show it: the public reply is there, the note is not.
        String page = mvc.perform(get("/my/help/tickets/" + t.id()).with(authentication(world.authentication(owner))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("ドライバーを入れ直してください。", "printer.jpg");
        // Staff see both, clearly marked.
        String staff = mvc.perform(get("/desk/tickets/" + t.id()).with(authentication(world.authentication(analyst))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(staff).contains(NOTE, FILE, "社内メモ（お客様には見えません）");
        assertThat(mvc.perform(get("/api/v1/tickets/" + t.id()).with(authentication(world.authentication(analyst))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(NOTE, FILE);
    }
}
